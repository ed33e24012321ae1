package io.gamehall.game.doudizhu;

import java.util.HashMap;
import java.util.Map;

/**
 * Estimates the fewest plays that empty a hand; memoised per instance, so not for sharing across
 * threads.
 */
public final class HandSplitter {

  private static final int ACE = Rank.ACE.ordinal();
  private static final int TWO = Rank.TWO.ordinal();
  private static final int BJ = Rank.BLACK_JOKER.ordinal();
  private static final int RJ = Rank.RED_JOKER.ordinal();
  private static final int MEMO_LIMIT = 50_000;

  private final Map<Long, Integer> memo = new HashMap<>();

  /** The estimated minimum number of plays needed to empty {@code hand}. */
  public int minHands(RankCounts hand) {
    if (memo.size() > MEMO_LIMIT) {
      memo.clear();
    }
    return search(hand.toArray());
  }

  private int search(int[] c) {
    long key = pack(c);
    if (key == 0) {
      return 0;
    }
    Integer known = memo.get(key);
    if (known != null) {
      return known;
    }
    int best = simple(c);
    best = Math.min(best, tryChains(c, 1, 5, 12));
    best = Math.min(best, tryChains(c, 2, 3, 10));
    best = Math.min(best, tryAirplanes(c));
    memo.put(key, best);
    return best;
  }

  private int tryChains(int[] c, int width, int minLen, int maxLen) {
    int best = Integer.MAX_VALUE;
    for (int lo = 0; lo <= ACE; lo++) {
      int len = 0;
      while (lo + len <= ACE && len < maxLen && c[lo + len] >= width) {
        len++;
        if (len >= minLen) {
          for (int r = lo; r < lo + len; r++) {
            c[r] -= width;
          }
          best = Math.min(best, 1 + search(c));
          for (int r = lo; r < lo + len; r++) {
            c[r] += width;
          }
        }
      }
    }
    return best;
  }

  /**
   * Airplanes take their wings greedily from the lowest loose solos, else the lowest loose pairs.
   */
  private int tryAirplanes(int[] c) {
    int best = Integer.MAX_VALUE;
    for (int lo = 0; lo <= ACE; lo++) {
      int len = 0;
      while (lo + len <= ACE && len < 6 && c[lo + len] >= 3) {
        len++;
        if (len >= 2) {
          for (int r = lo; r < lo + len; r++) {
            c[r] -= 3;
          }
          int[] wings = pickWings(c, lo, lo + len - 1, len);
          for (int r = 0; r < c.length; r++) {
            c[r] -= wings[r];
          }
          best = Math.min(best, 1 + search(c));
          for (int r = 0; r < c.length; r++) {
            c[r] += wings[r];
          }
          for (int r = lo; r < lo + len; r++) {
            c[r] += 3;
          }
        }
      }
    }
    return best;
  }

  private static int[] pickWings(int[] c, int lo, int hi, int need) {
    boolean rocket = c[BJ] == 1 && c[RJ] == 1;
    int[] w = new int[c.length];
    int got = 0;
    for (int r = 0; r < c.length && got < need; r++) {
      // Splitting a rocket into wings would waste it, and the rules forbid both jokers as wings.
      if ((r < lo || r > hi) && c[r] == 1 && !(rocket && r >= BJ)) {
        w[r] = 1;
        got++;
      }
    }
    if (got == need) {
      return w;
    }
    w = new int[c.length];
    got = 0;
    for (int r = 0; r <= TWO && got < need && need <= 4; r++) {
      if ((r < lo || r > hi) && c[r] == 2) {
        w[r] = 2;
        got++;
      }
    }
    return got == need ? w : new int[c.length];
  }

  /**
   * Hands needed without chains: rocket, bombs, trios with one attached kicker group, the rest
   * loose.
   */
  private static int simple(int[] c) {
    int hands = 0;
    int solos = 0;
    int pairs = 0;
    int trios = 0;
    boolean rocket = c[BJ] == 1 && c[RJ] == 1;
    if (rocket) {
      hands++;
    } else {
      solos += c[BJ] + c[RJ];
    }
    for (int r = 0; r <= TWO; r++) {
      switch (c[r]) {
        case 1 -> solos++;
        case 2 -> pairs++;
        case 3 -> trios++;
        case 4 -> hands++;
        default -> {}
      }
    }
    int loose = solos + pairs;
    return hands + trios + Math.max(0, loose - trios);
  }

  private static long pack(int[] c) {
    long b = 0;
    for (int r = 0; r < c.length; r++) {
      b |= ((long) c[r]) << (3 * r);
    }
    return b;
  }
}
