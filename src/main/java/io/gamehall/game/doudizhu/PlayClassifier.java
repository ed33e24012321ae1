package io.gamehall.game.doudizhu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a rank multiset as play types by analysing its counts, independently of {@link
 * PlayEnumerator}.
 */
public final class PlayClassifier {

  private static final int ACE = Rank.ACE.ordinal();
  private static final int TWO = Rank.TWO.ordinal();
  private static final int BJ = Rank.BLACK_JOKER.ordinal();
  private static final int RJ = Rank.RED_JOKER.ordinal();

  private PlayClassifier() {}

  /**
   * The preferred reading, or empty if the multiset is not a valid play. With the implemented rules
   * no multiset has two readings (the test suite checks this over every play); should one ever
   * appear, the reading listed first by {@link #readings} wins, i.e. the lowest {@link PlayType}
   * ordinal and then the lowest main rank.
   */
  public static Optional<Play> classify(RankCounts ranks) {
    List<Play> all = readings(ranks);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Whether {@code play} names a reading the classifier accepts for its own multiset. */
  public static boolean isValid(Play play) {
    return readings(play.ranks()).contains(play);
  }

  /** Every valid reading of the multiset, ordered by type ordinal then main rank. */
  public static List<Play> readings(RankCounts ranks) {
    int[] c = ranks.toArray();
    int n = ranks.size();
    List<Play> out = new ArrayList<>(2);
    if (n == 0) {
      return out;
    }
    // Histogram of how many ranks appear once, twice, ...; most types are recognisable from it
    // alone.
    int[] byCount = new int[5];
    int firstOf1 = -1;
    int firstOf2 = -1;
    int firstOf3 = -1;
    int firstOf4 = -1;
    for (int r = 0; r < c.length; r++) {
      byCount[c[r]]++;
      if (c[r] == 1 && firstOf1 < 0) {
        firstOf1 = r;
      } else if (c[r] == 2 && firstOf2 < 0) {
        firstOf2 = r;
      } else if (c[r] == 3 && firstOf3 < 0) {
        firstOf3 = r;
      } else if (c[r] == 4 && firstOf4 < 0) {
        firstOf4 = r;
      }
    }
    int distinct = byCount[1] + byCount[2] + byCount[3] + byCount[4];

    if (n == 1) {
      add(out, PlayType.SOLO, ranks, firstOf1);
    }
    if (n == 2 && byCount[2] == 1) {
      add(out, PlayType.PAIR, ranks, firstOf2);
    }
    if (n == 3 && byCount[3] == 1) {
      add(out, PlayType.TRIO, ranks, firstOf3);
    }
    if (n == 4 && byCount[3] == 1 && byCount[1] == 1) {
      add(out, PlayType.TRIO_SOLO, ranks, firstOf3);
    }
    if (n == 5 && byCount[3] == 1 && byCount[2] == 1) {
      add(out, PlayType.TRIO_PAIR, ranks, firstOf3);
    }
    if (n >= 5 && n <= 12 && byCount[1] == n && consecutiveChainable(c, 1)) {
      add(out, PlayType.SOLO_CHAIN, ranks, firstOf1);
    }
    if (n % 2 == 0
        && n / 2 >= 3
        && n / 2 <= 10
        && byCount[2] == n / 2
        && consecutiveChainable(c, 2)) {
      add(out, PlayType.PAIR_CHAIN, ranks, firstOf2);
    }
    if (n % 3 == 0
        && n / 3 >= 2
        && n / 3 <= 6
        && byCount[3] == n / 3
        && consecutiveChainable(c, 3)) {
      add(out, PlayType.AIRPLANE, ranks, firstOf3);
    }
    if (n % 4 == 0 && n / 4 >= 2 && n / 4 <= 5) {
      airplaneWithSolos(c, n / 4, ranks, out);
    }
    if (n % 5 == 0 && n / 5 >= 2 && n / 5 <= 4) {
      airplaneWithPairs(c, n / 5, ranks, out);
    }
    if (n == 6 && byCount[4] == 1 && !(c[BJ] == 1 && c[RJ] == 1)) {
      add(out, PlayType.FOUR_TWO_SOLO, ranks, firstOf4);
    }
    if (n == 8 && byCount[4] == 1 && byCount[2] == 2) {
      add(out, PlayType.FOUR_TWO_PAIR, ranks, firstOf4);
    }
    if (n == 4 && byCount[4] == 1) {
      add(out, PlayType.BOMB, ranks, firstOf4);
    }
    if (n == 2 && distinct == 2 && c[BJ] == 1 && c[RJ] == 1) {
      add(out, PlayType.ROCKET, ranks, BJ);
    }
    return out;
  }

  private static void add(List<Play> out, PlayType type, RankCounts ranks, int main) {
    out.add(new Play(type, ranks, Rank.of(main)));
  }

  /**
   * True when the non-zero counts all equal {@code width}, lie in 3..A and form one unbroken run.
   */
  private static boolean consecutiveChainable(int[] c, int width) {
    int lo = -1;
    int hi = -1;
    for (int r = 0; r < c.length; r++) {
      if (c[r] != 0) {
        if (c[r] != width) {
          return false;
        }
        if (lo < 0) {
          lo = r;
        }
        hi = r;
      }
    }
    if (lo < 0 || hi > ACE) {
      return false;
    }
    for (int r = lo; r <= hi; r++) {
      if (c[r] != width) {
        return false;
      }
    }
    return true;
  }

  private static void airplaneWithSolos(int[] c, int k, RankCounts ranks, List<Play> out) {
    for (int lo = 0; lo + k - 1 <= ACE; lo++) {
      int hi = lo + k - 1;
      if (!exactTrios(c, lo, hi)) {
        continue;
      }
      boolean ok = !(c[BJ] == 1 && c[RJ] == 1);
      for (int r = 0; r < c.length && ok; r++) {
        if (r >= lo && r <= hi) {
          continue;
        }
        if (c[r] == 4) {
          ok = false;
        } else if (c[r] == 3 && r != TWO && (r == lo - 1 || r == hi + 1)) {
          // Three cards next to the chain would make it a longer airplane, not wings.
          ok = false;
        }
      }
      if (ok) {
        add(out, PlayType.AIRPLANE_SOLO, ranks, lo);
      }
    }
  }

  private static void airplaneWithPairs(int[] c, int k, RankCounts ranks, List<Play> out) {
    for (int lo = 0; lo + k - 1 <= ACE; lo++) {
      int hi = lo + k - 1;
      if (!exactTrios(c, lo, hi)) {
        continue;
      }
      int pairs = 0;
      boolean ok = true;
      for (int r = 0; r < c.length && ok; r++) {
        if (r >= lo && r <= hi || c[r] == 0) {
          continue;
        }
        if (c[r] == 2) {
          pairs++;
        } else {
          ok = false;
        }
      }
      if (ok && pairs == k) {
        add(out, PlayType.AIRPLANE_PAIR, ranks, lo);
      }
    }
  }

  /** The chain ranks hold exactly three cards each, so no kicker shares a rank with the body. */
  private static boolean exactTrios(int[] c, int lo, int hi) {
    for (int r = lo; r <= hi; r++) {
      if (c[r] != 3) {
        return false;
      }
    }
    return true;
  }
}
