package io.gamehall.game.gomoku;

import java.util.HashMap;
import java.util.Optional;

/**
 * RIF Renju foul detection for black: overline, double-four and double-three, with exact five
 * taking priority.
 *
 * <p>A three only counts when it can become a straight four on a point that is itself legal for
 * black; that check is recursive, exactly as the RIF definition is.
 */
public final class RenjuRules {

  /**
   * Offsets along a line are stored as bits {@code offset + BIAS} so masks of stone sets fit in an
   * int.
   */
  private static final int BIAS = 8;

  private RenjuRules() {}

  /**
   * The foul black would commit by playing {@code p} on {@code board}; empty if the move is legal
   * for black. The board is not modified.
   *
   * @throws IllegalArgumentException if {@code p} is off the board or occupied
   */
  public static Optional<Foul> foul(Board board, Point p) {
    if (!board.isEmpty(p)) {
      throw new IllegalArgumentException("point " + p + " is off the board or occupied");
    }
    return Optional.ofNullable(foulAt(board.copy(), p.column(), p.row()));
  }

  /** Whether black playing {@code p} makes exactly five (which is never a foul). */
  public static boolean makesFive(Board board, Point p) {
    if (!board.isEmpty(p)) {
      return false;
    }
    Board b = board.copy();
    b.set(p.column(), p.row(), Board.BLACK);
    for (Direction d : Direction.values()) {
      if (b.runLength(p.column(), p.row(), Board.BLACK, d) == 5) {
        return true;
      }
    }
    return false;
  }

  /**
   * Foul of a black stone at the empty (c, r), or null when legal. Uses {@code b} as scratch space
   * and restores it.
   */
  static Foul foulAt(Board b, int c, int r) {
    return foulAt(b, c, r, new Memo());
  }

  /**
   * Results of the recursive checks within one top-level query, keyed by the stones the recursion
   * has added (as a Zobrist-style hash) and the point checked. Without it, crowded positions
   * revisit the same sub-positions in every order and a single query can take a noticeable fraction
   * of a second.
   */
  private static final class Memo {
    private final HashMap<Long, Integer> results = new HashMap<>();
    private long added;
  }

  private static final int LEGAL = -1;

  private static Foul foulAt(Board b, int c, int r, Memo memo) {
    int index = r * Board.SIZE + c;
    long key = memo.added ^ mix(index + 1_000L);
    Integer known = memo.results.get(key);
    if (known != null) {
      return known == LEGAL ? null : Foul.values()[known];
    }
    Foul foul = evaluate(b, c, r, memo);
    memo.results.put(key, foul == null ? LEGAL : foul.ordinal());
    return foul;
  }

  private static Foul evaluate(Board b, int c, int r, Memo memo) {
    long stoneKey = mix(r * Board.SIZE + c + 1L);
    b.set(c, r, Board.BLACK);
    memo.added ^= stoneKey;
    try {
      boolean overline = false;
      for (Direction d : Direction.values()) {
        int len = b.runLength(c, r, Board.BLACK, d);
        if (len == 5) {
          // RIF: a move that makes five wins even if it also creates a foul shape elsewhere.
          return null;
        }
        overline |= len > 5;
      }
      if (overline) {
        return Foul.OVERLINE;
      }
      int fours = 0;
      boolean[] hasFour = new boolean[Direction.values().length];
      for (Direction d : Direction.values()) {
        int n = countFours(b, c, r, d);
        fours += n;
        hasFour[d.ordinal()] = n > 0;
      }
      if (fours >= 2) {
        return Foul.DOUBLE_FOUR;
      }
      int threes = 0;
      for (Direction d : Direction.values()) {
        // A line that already holds a four is counted as that four, not additionally as a three.
        if (!hasFour[d.ordinal()] && isThree(b, c, r, d, memo) && ++threes >= 2) {
          return Foul.DOUBLE_THREE;
        }
      }
      return null;
    } finally {
      b.set(c, r, Board.EMPTY);
      memo.added ^= stoneKey;
    }
  }

  /**
   * Number of distinct fours through the black stone at (c, r) along {@code d}. Two completion
   * points count as one four when they complete the same four stones (a straight four), and as two
   * when they complete different stone sets, as in {@code XXX.X.XXX} or {@code X.XXX.X}.
   */
  static int countFours(Board b, int c, int r, Direction d) {
    long[] found = completions(b, c, r, d);
    int distinct = 0;
    for (int i = 0; i < found.length && found[i] != 0; i++) {
      boolean seen = false;
      for (int j = 0; j < i; j++) {
        seen |= mask(found[j]) == mask(found[i]);
      }
      if (!seen) {
        distinct++;
      }
    }
    return distinct;
  }

  /**
   * Whether the black stones through (c, r) along {@code d} form a three: some empty point turns
   * them into a straight four containing (c, r), and black may legally play that point.
   */
  private static boolean isThree(Board b, int c, int r, Direction d, Memo memo) {
    for (int k = -4; k <= 4; k++) {
      int qc = c + k * d.dc;
      int qr = r + k * d.dr;
      if (k == 0 || b.get(qc, qr) != Board.EMPTY) {
        continue;
      }
      b.set(qc, qr, Board.BLACK);
      boolean straight = hasStraightFourThrough(b, c, r, d, k);
      b.set(qc, qr, Board.EMPTY);
      if (straight && foulAt(b, qc, qr, memo) == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a straight four (four stones, two distinct points each making exactly five) contains
   * offsets 0 and k.
   */
  private static boolean hasStraightFourThrough(Board b, int c, int r, Direction d, int k) {
    long[] found = completions(b, c, r, d);
    for (int i = 0; i < found.length && found[i] != 0; i++) {
      int m = mask(found[i]);
      if ((m & (1 << (k + BIAS))) == 0) {
        continue;
      }
      for (int j = i + 1; j < found.length && found[j] != 0; j++) {
        if (mask(found[j]) == m) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Empty points on the line through (c, r) that give black exactly five including (c, r). Each
   * entry packs the completion offset and the mask of the four stones it completes; unused slots
   * are 0 (a real entry never is, because its mask always contains offset 0).
   */
  private static long[] completions(Board b, int c, int r, Direction d) {
    long[] found = new long[8];
    int n = 0;
    for (int k = -4; k <= 4; k++) {
      int qc = c + k * d.dc;
      int qr = r + k * d.dr;
      if (k == 0 || b.get(qc, qr) != Board.EMPTY) {
        continue;
      }
      b.set(qc, qr, Board.BLACK);
      int back = extent(b, c, r, -d.dc, -d.dr);
      int fwd = extent(b, c, r, d.dc, d.dr);
      b.set(qc, qr, Board.EMPTY);
      if (back + fwd + 1 == 5 && k >= -back && k <= fwd) {
        int m = 0;
        for (int o = -back; o <= fwd; o++) {
          if (o != k) {
            m |= 1 << (o + BIAS);
          }
        }
        found[n++] = ((long) m << 8) | (k + BIAS);
      }
    }
    return found;
  }

  /** SplitMix64 finaliser, used as a per-point random key for the memo. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static int mask(long entry) {
    return (int) (entry >>> 8);
  }

  private static int extent(Board b, int c, int r, int dc, int dr) {
    int n = 0;
    while (b.get(c + (n + 1) * dc, r + (n + 1) * dr) == Board.BLACK) {
      n++;
    }
    return n;
  }
}
