package io.gamehall.game.doudizhu;

import java.util.ArrayList;
import java.util.List;

/** Builds, type by type, every play contained in a multiset (a hand or the full deck). */
public final class PlayEnumerator {

  private static final int ACE = Rank.ACE.ordinal();
  private static final int TWO = Rank.TWO.ordinal();
  private static final int BJ = Rank.BLACK_JOKER.ordinal();
  private static final int RJ = Rank.RED_JOKER.ordinal();
  private static final int RANKS = 15;

  private PlayEnumerator() {}

  /** Every distinct play from a full 54-card deck: 27,471 plays. */
  public static List<Play> allPlays() {
    return playsWithin(RankCounts.fullDeck());
  }

  /**
   * Every distinct play whose cards are all contained in {@code cap}, grouped by type in enum
   * order.
   */
  public static List<Play> playsWithin(RankCounts cap) {
    int[] c = cap.toArray();
    List<Play> out = new ArrayList<>();
    for (PlayType t : PlayType.values()) {
      addType(t, c, out);
    }
    return out;
  }

  /** Plays of one type contained in {@code cap}. */
  public static List<Play> playsWithin(RankCounts cap, PlayType type) {
    List<Play> out = new ArrayList<>();
    addType(type, cap.toArray(), out);
    return out;
  }

  private static void addType(PlayType t, int[] c, List<Play> out) {
    switch (t) {
      case SOLO -> sameRank(c, 1, t, out);
      case PAIR -> sameRank(c, 2, t, out);
      case TRIO -> sameRank(c, 3, t, out);
      case BOMB -> sameRank(c, 4, t, out);
      case TRIO_SOLO -> trioWith(c, 1, t, out);
      case TRIO_PAIR -> trioWith(c, 2, t, out);
      case SOLO_CHAIN -> chains(c, 1, 5, 12, t, out);
      case PAIR_CHAIN -> chains(c, 2, 3, 10, t, out);
      case AIRPLANE -> chains(c, 3, 2, 6, t, out);
      case AIRPLANE_SOLO -> airplaneSolo(c, out);
      case AIRPLANE_PAIR -> airplanePair(c, out);
      case FOUR_TWO_SOLO -> fourTwoSolo(c, out);
      case FOUR_TWO_PAIR -> fourTwoPair(c, out);
      case ROCKET -> {
        if (c[BJ] >= 1 && c[RJ] >= 1) {
          int[] p = new int[RANKS];
          p[BJ] = 1;
          p[RJ] = 1;
          out.add(new Play(t, RankCounts.of(p), Rank.BLACK_JOKER));
        }
      }
      default -> throw new IllegalStateException("unhandled type " + t);
    }
  }

  private static void sameRank(int[] c, int width, PlayType t, List<Play> out) {
    for (int r = 0; r < RANKS; r++) {
      if (c[r] >= width) {
        int[] p = new int[RANKS];
        p[r] = width;
        out.add(new Play(t, RankCounts.of(p), Rank.of(r)));
      }
    }
  }

  private static void trioWith(int[] c, int kick, PlayType t, List<Play> out) {
    for (int r = 0; r < RANKS; r++) {
      if (c[r] < 3) {
        continue;
      }
      for (int k = 0; k < RANKS; k++) {
        if (k != r && c[k] >= kick) {
          int[] p = new int[RANKS];
          p[r] = 3;
          p[k] = kick;
          out.add(new Play(t, RankCounts.of(p), Rank.of(r)));
        }
      }
    }
  }

  private static void chains(
      int[] c, int width, int minLen, int maxLen, PlayType t, List<Play> out) {
    for (int lo = 0; lo <= ACE; lo++) {
      for (int len = minLen; len <= maxLen && lo + len - 1 <= ACE; len++) {
        if (c[lo + len - 1] < width) {
          break;
        }
        if (!runAvailable(c, lo, len, width)) {
          break;
        }
        out.add(new Play(t, RankCounts.of(run(lo, len, width)), Rank.of(lo)));
      }
    }
  }

  private static boolean runAvailable(int[] c, int lo, int len, int width) {
    for (int r = lo; r < lo + len; r++) {
      if (c[r] < width) {
        return false;
      }
    }
    return true;
  }

  private static int[] run(int lo, int len, int width) {
    int[] p = new int[RANKS];
    for (int r = lo; r < lo + len; r++) {
      p[r] = width;
    }
    return p;
  }

  private static void airplaneSolo(int[] c, List<Play> out) {
    for (int len = 2; len <= 5; len++) {
      for (int lo = 0; lo + len - 1 <= ACE; lo++) {
        if (!runAvailable(c, lo, len, 3)) {
          continue;
        }
        int[] p = run(lo, len, 3);
        soloWings(c, p, lo, lo + len - 1, 0, len, out, Rank.of(lo));
      }
    }
  }

  /**
   * Distributes {@code left} solo wings over ranks from {@code from} upward, obeying: not a body
   * rank, at most three of a rank, three only away from the chain ends (2 is next to nothing), no
   * two jokers.
   */
  private static void soloWings(
      int[] c, int[] p, int lo, int hi, int from, int left, List<Play> out, Rank main) {
    if (left == 0) {
      if (!(p[BJ] == 1 && p[RJ] == 1)) {
        out.add(new Play(PlayType.AIRPLANE_SOLO, RankCounts.of(p), main));
      }
      return;
    }
    for (int r = from; r < RANKS; r++) {
      if (r >= lo && r <= hi) {
        continue;
      }
      boolean adjacent = r != TWO && (r == lo - 1 || r == hi + 1);
      int most = Math.min(Math.min(c[r], left), adjacent ? 2 : 3);
      for (int take = 1; take <= most; take++) {
        p[r] = take;
        soloWings(c, p, lo, hi, r + 1, left - take, out, main);
        p[r] = 0;
      }
    }
  }

  private static void airplanePair(int[] c, List<Play> out) {
    for (int len = 2; len <= 4; len++) {
      for (int lo = 0; lo + len - 1 <= ACE; lo++) {
        if (!runAvailable(c, lo, len, 3)) {
          continue;
        }
        pairWings(c, run(lo, len, 3), lo, lo + len - 1, 0, len, out, Rank.of(lo));
      }
    }
  }

  private static void pairWings(
      int[] c, int[] p, int lo, int hi, int from, int left, List<Play> out, Rank main) {
    if (left == 0) {
      out.add(new Play(PlayType.AIRPLANE_PAIR, RankCounts.of(p), main));
      return;
    }
    for (int r = from; r <= TWO; r++) {
      if ((r < lo || r > hi) && c[r] >= 2) {
        p[r] = 2;
        pairWings(c, p, lo, hi, r + 1, left - 1, out, main);
        p[r] = 0;
      }
    }
  }

  private static void fourTwoSolo(int[] c, List<Play> out) {
    for (int f = 0; f <= TWO; f++) {
      if (c[f] < 4) {
        continue;
      }
      for (int a = 0; a < RANKS; a++) {
        for (int b = a; b < RANKS; b++) {
          if (a == f || b == f || (a == BJ && b == RJ)) {
            continue;
          }
          if (a == b ? c[a] < 2 : c[a] < 1 || c[b] < 1) {
            continue;
          }
          int[] p = new int[RANKS];
          p[f] = 4;
          p[a]++;
          p[b]++;
          out.add(new Play(PlayType.FOUR_TWO_SOLO, RankCounts.of(p), Rank.of(f)));
        }
      }
    }
  }

  private static void fourTwoPair(int[] c, List<Play> out) {
    for (int f = 0; f <= TWO; f++) {
      if (c[f] < 4) {
        continue;
      }
      for (int a = 0; a <= TWO; a++) {
        for (int b = a + 1; b <= TWO; b++) {
          if (a != f && b != f && c[a] >= 2 && c[b] >= 2) {
            int[] p = new int[RANKS];
            p[f] = 4;
            p[a] = 2;
            p[b] = 2;
            out.add(new Play(PlayType.FOUR_TWO_PAIR, RankCounts.of(p), Rank.of(f)));
          }
        }
      }
    }
  }
}
