package io.gamehall.table;

import java.util.Locale;

/** When a seated player's turn is handed to 托管 (the server plays the game's default action). */
public enum TrusteePolicy {
  /**
   * Only when the seat's own turn time and bank run out, online or not: a dropped phone keeps its
   * clock, and a player who resumes plays on with the time left (mobile drops of a few seconds are
   * ordinary).
   */
  CLOCK,
  /** Also as soon as the seat's socket closes on its turn (the behaviour before issue 15). */
  DROP;

  /** The setting's value ({@code clock}, {@code drop}), case-insensitive. */
  public static TrusteePolicy parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "trustee policy must be 'clock' or 'drop', got '" + value + "'", e);
    }
  }
}
