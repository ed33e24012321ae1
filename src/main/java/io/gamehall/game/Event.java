package io.gamehall.game;

import java.util.Map;

/**
 * Something that happened in a match. {@code data} is seen by everyone; {@code secrets} adds
 * per-seat data that only that seat sees (a dealt hand), so hidden information never reaches
 * another seat or a spectator.
 */
public record Event(
    String kind, Map<String, Object> data, Map<Integer, Map<String, Object>> secrets) {
  public Event {
    data = Map.copyOf(data);
    secrets = Map.copyOf(secrets);
  }

  public static Event of(String kind, Map<String, Object> data) {
    return new Event(kind, data, Map.of());
  }
}
