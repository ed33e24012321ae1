package io.gamehall.game.gomoku;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Gomoku and Renju for two seats (seat 0 black, seat 1 white) behind the game SPI. */
public final class GomokuRules implements GameRules {

  /** Option key selecting the rule variant. */
  public static final String VARIANT = "variant";

  @Override
  public String id() {
    return "gomoku";
  }

  @Override
  public int minSeats() {
    return 2;
  }

  @Override
  public int maxSeats() {
    return 2;
  }

  @Override
  public Map<String, String> options(Map<String, String> requested) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(VARIANT, "freestyle");
    if (requested == null) {
      return out;
    }
    for (Map.Entry<String, String> e : requested.entrySet()) {
      if (!VARIANT.equals(e.getKey())) {
        throw new IllegalArgumentException(
            "Gomoku has no option '"
                + e.getKey()
                + "'; the only option is "
                + "'variant' (freestyle, standard or renju)");
      }
      parseVariant(e.getValue());
      out.put(VARIANT, e.getValue());
    }
    return out;
  }

  @Override
  public Match start(int seats, Map<String, String> options, byte[] seed) {
    if (seats != 2) {
      throw new IllegalArgumentException("Gomoku is played by exactly 2 players, not " + seats);
    }
    Variant variant = parseVariant(options(options).get(VARIANT));
    return new GomokuMatch(new GomokuGame(variant), botSeed(seed));
  }

  @Override
  public Match restore(int seats, Map<String, String> options, String snapshot) {
    if (seats != 2) {
      throw new IllegalArgumentException("Gomoku is played by exactly 2 players, not " + seats);
    }
    return GomokuMatch.restore(parseVariant(options(options).get(VARIANT)), snapshot);
  }

  static Variant parseVariant(String value) {
    if (value != null) {
      switch (value) {
        case "freestyle":
        case "standard":
        case "renju":
          return Variant.valueOf(value.toUpperCase(Locale.ROOT));
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "Gomoku variant must be freestyle, standard or renju, not '" + value + "'");
  }

  /** The bot's tie-breaks come from the match seed so that a recorded match replays identically. */
  private static long botSeed(byte[] seed) {
    if (seed == null || seed.length < Long.BYTES) {
      return 0L;
    }
    return ByteBuffer.wrap(seed, 0, Long.BYTES).getLong();
  }
}
