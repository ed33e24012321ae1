package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link RenjuRules} against a deliberately naive window-based restatement of the RIF
 * definitions on many random positions.
 */
class RenjuReferenceTest {

  private static final int[][] DIRS = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};

  @Test
  void agreesWithNaiveDefinitionsOnRandomPositions() {
    Random random = new Random(2024);
    int checked = 0;
    java.util.Map<Foul, Integer> fouls = new java.util.EnumMap<>(Foul.class);
    for (int round = 0; round < 150; round++) {
      Board b = new Board();
      int stones = 10 + random.nextInt(60);
      for (int i = 0; i < stones; i++) {
        // A small area keeps shapes dense enough to produce every foul kind.
        Point p = Point.of(3 + random.nextInt(9), 3 + random.nextInt(9));
        if (b.isEmpty(p)) {
          b.place(p, random.nextInt(100) < 65 ? Stone.BLACK : Stone.WHITE);
        }
      }
      for (Point p : b.emptyPoints()) {
        Optional<Foul> expected = Optional.ofNullable(reference(b, p.column(), p.row()));
        assertEquals(expected, RenjuRules.foul(b, p), () -> "at " + p + " on\n" + b);
        checked++;
        expected.ifPresent(f -> fouls.merge(f, 1, Integer::sum));
      }
    }
    // Guard against a generator that rarely produces some foul, which would make the comparison
    // meaningless.
    for (Foul f : Foul.values()) {
      org.junit.jupiter.api.Assertions.assertTrue(
          fouls.getOrDefault(f, 0) >= 20, fouls + " of " + checked);
    }
  }

  private static int cell(Board b, int c, int r) {
    Optional<Stone> s =
        Point.of(c, r).isOnBoard() ? b.stoneAt(Point.of(c, r)) : Optional.of(Stone.WHITE);
    return s.map(x -> x == Stone.BLACK ? 1 : 2).orElse(0);
  }

  /** Foul of black at empty (c, r) by the naive definitions; null if legal. */
  private static Foul reference(Board b, int c, int r) {
    Point p = Point.of(c, r);
    b.place(p, Stone.BLACK);
    try {
      boolean overline = false;
      for (int[] d : DIRS) {
        int run = 1;
        for (int k = 1; cell(b, c + k * d[0], r + k * d[1]) == 1; k++) {
          run++;
        }
        for (int k = 1; cell(b, c - k * d[0], r - k * d[1]) == 1; k++) {
          run++;
        }
        if (run == 5) {
          return null;
        }
        overline |= run > 5;
      }
      if (overline) {
        return Foul.OVERLINE;
      }
      int fours = 0;
      boolean[] four = new boolean[4];
      for (int i = 0; i < 4; i++) {
        int n = fourSets(b, c, r, DIRS[i]).size();
        fours += n;
        four[i] = n > 0;
      }
      if (fours >= 2) {
        return Foul.DOUBLE_FOUR;
      }
      int threes = 0;
      for (int i = 0; i < 4; i++) {
        if (!four[i] && isThree(b, c, r, DIRS[i])) {
          threes++;
        }
      }
      return threes >= 2 ? Foul.DOUBLE_THREE : null;
    } finally {
      b.remove(p);
    }
  }

  /**
   * Distinct four-stone sets (as offset bitmasks) through (c, r): 5-cell windows containing (c, r)
   * with four black, one empty, and no black just outside (so filling gives exactly five).
   */
  private static Set<Integer> fourSets(Board b, int c, int r, int[] d) {
    Set<Integer> sets = new HashSet<>();
    for (int start = -4; start <= 0; start++) {
      int blacks = 0;
      int empties = 0;
      int mask = 0;
      for (int k = start; k < start + 5; k++) {
        int v = cell(b, c + k * d[0], r + k * d[1]);
        if (v == 1) {
          blacks++;
          mask |= 1 << (k + 8);
        } else if (v == 0) {
          empties++;
        }
      }
      boolean exact =
          cell(b, c + (start - 1) * d[0], r + (start - 1) * d[1]) != 1
              && cell(b, c + (start + 5) * d[0], r + (start + 5) * d[1]) != 1;
      if (blacks == 4 && empties == 1 && exact) {
        sets.add(mask);
      }
    }
    return sets;
  }

  /** Two windows completing the same four-stone set, and that set includes offset {@code k}. */
  private static boolean straightFourWith(Board b, int c, int r, int[] d, int k) {
    java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
    for (int start = -4; start <= 0; start++) {
      int blacks = 0;
      int empties = 0;
      int mask = 0;
      for (int j = start; j < start + 5; j++) {
        int v = cell(b, c + j * d[0], r + j * d[1]);
        if (v == 1) {
          blacks++;
          mask |= 1 << (j + 8);
        } else if (v == 0) {
          empties++;
        }
      }
      boolean exact =
          cell(b, c + (start - 1) * d[0], r + (start - 1) * d[1]) != 1
              && cell(b, c + (start + 5) * d[0], r + (start + 5) * d[1]) != 1;
      if (blacks == 4 && empties == 1 && exact && (mask & (1 << (k + 8))) != 0) {
        count.merge(mask, 1, Integer::sum);
      }
    }
    return count.containsValue(2);
  }

  private static boolean isThree(Board b, int c, int r, int[] d) {
    for (int k = -4; k <= 4; k++) {
      int qc = c + k * d[0];
      int qr = r + k * d[1];
      if (k == 0 || cell(b, qc, qr) != 0) {
        continue;
      }
      Point q = Point.of(qc, qr);
      b.place(q, Stone.BLACK);
      boolean straight = straightFourWith(b, c, r, d, k);
      b.remove(q);
      if (straight && reference(b, qc, qr) == null) {
        return true;
      }
    }
    return false;
  }
}
