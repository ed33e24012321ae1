package io.gamehall.game.doudizhu;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dou Dizhu for three seats behind the game SPI; options {@code bidding} (points, call_rob) and
 * {@code base}.
 */
public final class DouDizhuRules implements GameRules {

  public static final String BIDDING = "bidding";
  public static final String BASE = "base";

  /** Keeps base * bid * doublings well inside an int even with every bomb of the deck played. */
  static final int MAX_BASE = 1_000;

  @Override
  public String id() {
    return "doudizhu";
  }

  @Override
  public int minSeats() {
    return 3;
  }

  @Override
  public int maxSeats() {
    return 3;
  }

  @Override
  public Map<String, String> options(Map<String, String> requested) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(BIDDING, "points");
    out.put(BASE, "1");
    if (requested == null) {
      return out;
    }
    for (Map.Entry<String, String> e : requested.entrySet()) {
      if (BIDDING.equals(e.getKey())) {
        parseBidding(e.getValue());
        out.put(BIDDING, e.getValue());
      } else if (BASE.equals(e.getKey())) {
        // Normalised so that "+2" and "2" make the same table.
        out.put(BASE, Integer.toString(parseBase(e.getValue())));
      } else {
        throw new IllegalArgumentException(
            "Dou Dizhu has no option '"
                + e.getKey()
                + "'; options are 'bidding' (points or call_rob) and 'base' (a positive whole number)");
      }
    }
    return out;
  }

  @Override
  public Match start(int seats, Map<String, String> options, byte[] seed) {
    if (seats != 3) {
      throw new IllegalArgumentException("Dou Dizhu is played by exactly 3 players, not " + seats);
    }
    if (seed == null) {
      throw new IllegalArgumentException("a seed is required");
    }
    Map<String, String> o = options(options);
    GameOptions gameOptions = new GameOptions(parseBase(o.get(BASE)), parseBidding(o.get(BIDDING)));
    return new DouDizhuMatch(gameOptions, seed.clone());
  }

  @Override
  public Match restore(int seats, Map<String, String> options, String snapshot) {
    if (seats != 3) {
      throw new IllegalArgumentException("Dou Dizhu is played by exactly 3 players, not " + seats);
    }
    Map<String, String> o = options(options);
    return DouDizhuMatch.restore(
        new GameOptions(parseBase(o.get(BASE)), parseBidding(o.get(BIDDING))), snapshot);
  }

  static BiddingMode parseBidding(String value) {
    if ("points".equals(value)) {
      return BiddingMode.POINTS;
    }
    if ("call_rob".equals(value)) {
      return BiddingMode.CALL_AND_ROB;
    }
    throw new IllegalArgumentException("bidding must be points or call_rob, not '" + value + "'");
  }

  static int parseBase(String value) {
    // ASCII digits only: parseInt alone would also take other scripts' digits; nine digits cannot
    // overflow.
    int base = value != null && value.matches("\\+?[0-9]{1,9}") ? Integer.parseInt(value) : -1;
    if (base < 1 || base > MAX_BASE) {
      throw new IllegalArgumentException(
          "base must be a whole number from 1 to " + MAX_BASE + ", not '" + value + "'");
    }
    return base;
  }
}
