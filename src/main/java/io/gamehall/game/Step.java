package io.gamehall.game;

import java.util.List;

/**
 * The outcome of {@link Match#apply}: accepted with the events it produced, or rejected with a
 * reason.
 */
public sealed interface Step {
  /** The action was applied; {@code events} say what happened, in order. */
  record Accepted(List<Event> events) implements Step {}

  /**
   * The action was refused and nothing changed. {@code code} is a stable lower-case word (e.g.
   * {@code occupied}, {@code not_your_turn}, {@code forbidden}, {@code malformed}); {@code message}
   * is for people.
   */
  record Rejected(String code, String message) implements Step {}
}
