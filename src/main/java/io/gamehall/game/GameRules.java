package io.gamehall.game;

import java.util.Map;

/**
 * A game the hall can seat players at: stateless, thread-safe, and a factory of {@link Match}es.
 */
public interface GameRules {
  /** The wire name, e.g. {@code gomoku}; lower-case letters only. */
  String id();

  int minSeats();

  int maxSeats();

  /**
   * Checks requested table options and fills in defaults (e.g. {@code variant=freestyle}). Unknown
   * keys or values are refused with an {@link IllegalArgumentException} whose message can be shown
   * to the player.
   */
  Map<String, String> options(Map<String, String> requested);

  /**
   * Starts a match for {@code seats} players. {@code seed} (32 bytes) drives every random choice,
   * so a match can be replayed and, where the game publishes a commitment, verified.
   */
  Match start(int seats, Map<String, String> options, byte[] seed);

  /**
   * Rebuilds a running match from its {@link Match#snapshot}, for a table that outlived its
   * process. Throws {@link IllegalArgumentException} for a snapshot this version cannot read
   * (unknown format version, corrupt data).
   */
  default Match restore(int seats, Map<String, String> options, String snapshot) {
    throw new IllegalArgumentException(id() + " matches cannot be restored");
  }
}
