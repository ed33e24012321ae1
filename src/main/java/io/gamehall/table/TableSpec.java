package io.gamehall.table;

import io.gamehall.game.GameRules;
import java.util.Map;

/**
 * What is played at a table: the game, its requested options (checked by {@link
 * GameRules#options}), the number of seats, whether it is a practice table (players may add bots)
 * and whether anyone may watch.
 */
public record TableSpec(
    String tableId,
    GameRules rules,
    Map<String, String> options,
    int seats,
    boolean practice,
    boolean spectatable) {
  public TableSpec {
    options = Map.copyOf(options);
    if (seats < rules.minSeats() || seats > rules.maxSeats()) {
      throw new IllegalArgumentException(
          rules.id()
              + " is played by "
              + rules.minSeats()
              + " to "
              + rules.maxSeats()
              + " players, not "
              + seats);
    }
  }
}
