package io.gamehall.game.gomoku;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A threat-space bot: immediate wins and blocks first, then a shallow victory-by-continuous-fours
 * (VCF) search, then pattern scoring. Never proposes a move the game would refuse, including Renju
 * fouls for black.
 *
 * <p>Deterministic for a given seed and position as long as searches finish inside their node
 * limits; only a deadline or cancellation cutting a search short can change the answer.
 */
public final class GomokuBot {

  /**
   * Attacker fours searched in a row before VCF gives up; shallow on purpose to stay well inside
   * move budgets.
   */
  static final int VCF_DEPTH = 8;

  /**
   * Node limit per VCF search; keeps the answer independent of machine speed in all but
   * pathological positions.
   */
  static final int VCF_NODES = 20_000;

  /** How many top-ranked quiet moves are checked for allowing an opponent VCF. */
  private static final int SAFETY_CHECKS = 6;

  /**
   * Upper bound of a rank score: 20 windows per colour at the top weight, times the weights used in
   * rank.
   */
  private static final long MAX_SCORE = 18L * 20 * 100_000;

  private final long seed;

  /** A bot whose tie-breaks are derived from {@code seed}. */
  public GomokuBot(long seed) {
    this.seed = seed;
  }

  /**
   * Same as {@link #chooseMove(GomokuGame, Duration, BooleanSupplier)} with only thread
   * interruption cancelling.
   */
  public Optional<Point> chooseMove(GomokuGame game, Duration budget) {
    return chooseMove(game, budget, () -> false);
  }

  /**
   * Picks a move for the side to move.
   *
   * @param budget wall-clock time allowed; the search stops early enough to return within it
   * @param cancelled polled during search together with the thread's interrupt flag; when it fires
   *     the best move found so far is returned
   * @return a legal move, or empty when the game is over or no legal move exists
   */
  public Optional<Point> chooseMove(GomokuGame game, Duration budget, BooleanSupplier cancelled) {
    Objects.requireNonNull(game, "game");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(cancelled, "cancelled");
    if (game.result().status().isOver()) {
      return Optional.empty();
    }
    long nanos = clampedNanos(budget);
    // Leave a fifth of the budget (at most 50 ms) for returning and the caller's own work.
    long deadline = System.nanoTime() + nanos - Math.min(nanos / 5, 50_000_000L);
    Search s =
        new Search(
            game, deadline, cancelled, seed ^ (0x9E3779B97F4A7C15L * (game.moves().size() + 1)));
    return s.choose();
  }

  /**
   * The first move of a win by continuous fours for the side to move, if the VCF search finds one;
   * for tests.
   */
  Optional<Point> findVcf(GomokuGame game, Duration budget) {
    if (game.result().status().isOver()) {
      return Optional.empty();
    }
    Search s = new Search(game, System.nanoTime() + clampedNanos(budget), () -> false, seed);
    return s.vcfRoot(s.me, s.opp);
  }

  /**
   * Budget in nanoseconds, capped at an hour so that absurd budgets cannot overflow the deadline
   * arithmetic.
   */
  private static long clampedNanos(Duration budget) {
    if (budget.isNegative()) {
      return 0;
    }
    return budget.compareTo(Duration.ofHours(1)) > 0
        ? Duration.ofHours(1).toNanos()
        : budget.toNanos();
  }

  /** One move decision: scratch board plus deadline bookkeeping. */
  private static final class Search {
    private final Board b;
    private final Variant variant;
    private final int me;
    private final int opp;
    private final long deadline;
    private final BooleanSupplier cancelled;
    private final long salt;
    private int nodes;

    /** Set once the deadline passes or the caller cancels; ends every later phase too. */
    private boolean timeUp;

    /**
     * Set when the current VCF search hit its node limit or the deadline; its answer is then
     * unknown.
     */
    private boolean aborted;

    Search(GomokuGame game, long deadline, BooleanSupplier cancelled, long salt) {
      this.b = game.board();
      this.variant = game.variant();
      this.me = game.sideToMove().code();
      this.opp = game.sideToMove().opponent().code();
      this.deadline = deadline;
      this.cancelled = cancelled;
      this.salt = salt;
    }

    Optional<Point> choose() {
      if (b.stoneCount() == 0) {
        return Optional.of(Point.CENTER);
      }
      List<Point> moves = candidates(me);
      if (moves.isEmpty()) {
        return Optional.empty();
      }
      rank(moves);
      for (Point p : moves) {
        if (winsAt(p.column(), p.row(), me)) {
          return Optional.of(p);
        }
      }
      List<Point> oppWins = winPoints(opp);
      if (!oppWins.isEmpty()) {
        // Block the first of the opponent's fives we legally can; with two of them the game is lost
        // anyway.
        for (Point p : moves) {
          if (oppWins.contains(p)) {
            return Optional.of(p);
          }
        }
        return Optional.of(moves.get(0));
      }
      for (Point p : moves) {
        if (makesDoubleThreat(p.column(), p.row(), me)) {
          return Optional.of(p);
        }
      }
      if (!outOfTime()) {
        Optional<Point> vcf = vcfRoot(me, opp);
        if (vcf.isPresent()) {
          return vcf;
        }
      }
      List<Point> safe = defendAgainstOpenFours(moves);
      return Optional.of(avoidOpponentVcf(safe));
    }

    /** If the opponent could make an open four next, keep only moves that stop every such point. */
    private List<Point> defendAgainstOpenFours(List<Point> moves) {
      if (threatPoints(opp).isEmpty()) {
        return moves;
      }
      List<Point> blocking = new ArrayList<>();
      for (Point p : moves) {
        if (outOfTime()) {
          break;
        }
        b.set(p.column(), p.row(), me);
        boolean stops = threatPoints(opp).isEmpty();
        b.set(p.column(), p.row(), Board.EMPTY);
        if (stops) {
          blocking.add(p);
        }
      }
      return blocking.isEmpty() ? moves : blocking;
    }

    /** Among the best few moves, prefer the first that leaves the opponent without a VCF. */
    private Point avoidOpponentVcf(List<Point> moves) {
      int limit = Math.min(SAFETY_CHECKS, moves.size());
      for (int i = 0; i < limit && !outOfTime(); i++) {
        Point p = moves.get(i);
        b.set(p.column(), p.row(), me);
        boolean oppWinsByForce = vcfRoot(opp, me).isPresent();
        b.set(p.column(), p.row(), Board.EMPTY);
        if (!oppWinsByForce && !aborted) {
          return p;
        }
      }
      return moves.get(0);
    }

    // ---- VCF
    // -------------------------------------------------------------------------------------------------

    /**
     * A first four for {@code att} that wins by continuous fours, if the search finds one in time.
     */
    private Optional<Point> vcfRoot(int att, int def) {
      nodes = 0;
      aborted = false;
      if (!winPoints(def).isEmpty()) {
        return Optional.empty();
      }
      for (Point m : fourMoves(att)) {
        if (afterFour(att, def, m, VCF_DEPTH)) {
          return Optional.of(m);
        }
        if (aborted) {
          break;
        }
      }
      return Optional.empty();
    }

    /**
     * Attacker plays the four {@code m}; true if the defender's forced reply still loses to further
     * fours.
     */
    private boolean afterFour(int att, int def, Point m, int depth) {
      if (++nodes > VCF_NODES || outOfTime()) {
        aborted = true;
        return false;
      }
      b.set(m.column(), m.row(), att);
      try {
        List<Point> completions = winPointsAround(m, att);
        if (completions.size() >= 2) {
          return true;
        }
        if (completions.isEmpty()) {
          return false;
        }
        Point w = completions.get(0);
        if (!legalFor(w.column(), w.row(), def)) {
          return true;
        }
        b.set(w.column(), w.row(), def);
        try {
          if (!winPointsAround(w, def).isEmpty()) {
            // The block made a four of the defender's own, which outranks any further four of ours.
            return false;
          }
          if (depth <= 1) {
            return false;
          }
          for (Point next : fourMoves(att)) {
            if (afterFour(att, def, next, depth - 1)) {
              return true;
            }
            if (aborted) {
              return false;
            }
          }
          return false;
        } finally {
          b.set(w.column(), w.row(), Board.EMPTY);
        }
      } finally {
        b.set(m.column(), m.row(), Board.EMPTY);
      }
    }

    /**
     * Legal points where {@code colour} makes a four (a point from which one more stone wins), best
     * first.
     */
    private List<Point> fourMoves(int colour) {
      long[] keys = new long[Board.SIZE * Board.SIZE];
      int found = 0;
      for (int r = 0; r < Board.SIZE; r++) {
        for (int c = 0; c < Board.SIZE; c++) {
          if (b.get(c, r) != Board.EMPTY || !mayMakeFour(c, r, colour)) {
            continue;
          }
          Point p = new Point(c, r);
          b.set(c, r, colour);
          int n = winPointsAround(p, colour).size();
          b.set(c, r, Board.EMPTY);
          if (n > 0 && legalFor(c, r, colour)) {
            // More completion points first, then board order; packed so a primitive sort suffices.
            keys[found++] = (long) (64 - n) << 16 | (long) r * Board.SIZE + c;
          }
        }
      }
      Arrays.sort(keys, 0, found);
      List<Point> sorted = new ArrayList<>(found);
      for (int i = 0; i < found; i++) {
        int index = (int) (keys[i] & 0xFFFF);
        sorted.add(new Point(index % Board.SIZE, index / Board.SIZE));
      }
      return sorted;
    }

    /** Cheap filter: a four needs three friendly stones within four cells along one line. */
    private boolean mayMakeFour(int c, int r, int colour) {
      for (Direction d : Direction.values()) {
        int own = 0;
        for (int k = -4; k <= 4; k++) {
          if (k != 0 && b.get(c + k * d.dc, r + k * d.dr) == colour) {
            own++;
          }
        }
        if (own >= 3) {
          return true;
        }
      }
      return false;
    }

    // ---- threats
    // ---------------------------------------------------------------------------------------------

    /** Whether {@code colour} playing the empty (c, r) wins outright. */
    private boolean winsAt(int c, int r, int colour) {
      b.set(c, r, colour);
      try {
        for (Direction d : Direction.values()) {
          if (variant.isWinningRun(stone(colour), b.runLength(c, r, colour, d))) {
            return true;
          }
        }
        return false;
      } finally {
        b.set(c, r, Board.EMPTY);
      }
    }

    /** Empty points on the four lines through {@code p} where {@code colour} would win. */
    private List<Point> winPointsAround(Point p, int colour) {
      List<Point> found = new ArrayList<>(2);
      for (Direction d : Direction.values()) {
        for (int k = -4; k <= 4; k++) {
          int c = p.column() + k * d.dc;
          int r = p.row() + k * d.dr;
          if (k != 0 && b.get(c, r) == Board.EMPTY && winsAt(c, r, colour)) {
            Point q = new Point(c, r);
            if (!found.contains(q)) {
              found.add(q);
            }
          }
        }
      }
      return found;
    }

    /** Every empty point where {@code colour} would win. */
    private List<Point> winPoints(int colour) {
      List<Point> found = new ArrayList<>();
      for (int r = 0; r < Board.SIZE; r++) {
        for (int c = 0; c < Board.SIZE; c++) {
          if (b.get(c, r) == Board.EMPTY && mayMakeFour(c, r, colour) && winsAt(c, r, colour)) {
            found.add(new Point(c, r));
          }
        }
      }
      return found;
    }

    /**
     * Whether {@code colour} at the empty (c, r) is legal and leaves two or more winning points
     * (open or double four).
     */
    private boolean makesDoubleThreat(int c, int r, int colour) {
      if (!mayMakeFour(c, r, colour) || !legalFor(c, r, colour)) {
        return false;
      }
      Point p = new Point(c, r);
      b.set(c, r, colour);
      int n = winPointsAround(p, colour).size();
      b.set(c, r, Board.EMPTY);
      return n >= 2;
    }

    /** Points where {@code colour} could make an open four or double four next move. */
    private List<Point> threatPoints(int colour) {
      List<Point> found = new ArrayList<>();
      for (Point p : nearStones()) {
        if (makesDoubleThreat(p.column(), p.row(), colour)) {
          found.add(p);
        }
      }
      return found;
    }

    // ---- candidates and scoring
    // ------------------------------------------------------------------------------

    /** Legal moves for {@code colour} near existing stones; every legal point when none is near. */
    private List<Point> candidates(int colour) {
      List<Point> result = new ArrayList<>();
      for (Point p : nearStones()) {
        if (legalFor(p.column(), p.row(), colour)) {
          result.add(p);
        }
      }
      if (result.isEmpty()) {
        for (Point p : b.emptyPoints()) {
          if (legalFor(p.column(), p.row(), colour)) {
            result.add(p);
          }
        }
      }
      return result;
    }

    /** Empty points within two cells of a stone, where nearly all sensible moves lie. */
    private List<Point> nearStones() {
      List<Point> result = new ArrayList<>();
      for (int r = 0; r < Board.SIZE; r++) {
        for (int c = 0; c < Board.SIZE; c++) {
          if (b.get(c, r) == Board.EMPTY && hasNeighbour(c, r)) {
            result.add(new Point(c, r));
          }
        }
      }
      return result;
    }

    private boolean hasNeighbour(int c, int r) {
      for (int dr = -2; dr <= 2; dr++) {
        for (int dc = -2; dc <= 2; dc++) {
          int v = b.get(c + dc, r + dr);
          if (v == Board.BLACK || v == Board.WHITE) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * Sorts best first: own potential plus most of the opponent's, ties broken by a seeded hash.
     */
    private void rank(List<Point> moves) {
      long[] keys = new long[moves.size()];
      for (int i = 0; i < keys.length; i++) {
        Point p = moves.get(i);
        long score = 10L * potential(p, me) + 8L * potential(p, opp);
        int index = p.row() * Board.SIZE + p.column();
        // Packed as (inverted score, seeded hash, index) so an ascending primitive sort gives best
        // first and
        // avoids comparator set-up cost on the first, cold call.
        keys[i] = (MAX_SCORE - score) << 24 | (mix(salt + index) & 0xFFFF) << 8 | index;
      }
      Arrays.sort(keys);
      moves.clear();
      for (long k : keys) {
        int index = (int) (k & 0xFF);
        moves.add(new Point(index % Board.SIZE, index / Board.SIZE));
      }
    }

    /** Sum over all five-cell windows through {@code p} that {@code colour} could still fill. */
    private long potential(Point p, int colour) {
      long total = 0;
      for (Direction d : Direction.values()) {
        for (int start = -4; start <= 0; start++) {
          int own = 0;
          boolean open = true;
          for (int k = start; k < start + 5 && open; k++) {
            int v = k == 0 ? Board.EMPTY : b.get(p.column() + k * d.dc, p.row() + k * d.dr);
            if (v == colour) {
              own++;
            } else if (v != Board.EMPTY) {
              open = false;
            }
          }
          if (open) {
            total += windowScore(own);
          }
        }
      }
      return total;
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------------

    private boolean legalFor(int c, int r, int colour) {
      return variant != Variant.RENJU
          || colour != Board.BLACK
          || RenjuRules.foulAt(b, c, r) == null;
    }

    private boolean outOfTime() {
      if (!timeUp
          && (System.nanoTime() - deadline >= 0
              || cancelled.getAsBoolean()
              || Thread.currentThread().isInterrupted())) {
        timeUp = true;
      }
      return timeUp;
    }

    /**
     * Weight of a five-cell window the move joins, by own stones already in it; steep so threats
     * dominate.
     */
    private static int windowScore(int own) {
      return switch (own) {
        case 0 -> 1;
        case 1 -> 12;
        case 2 -> 120;
        case 3 -> 1_500;
        default -> 100_000;
      };
    }

    private static Stone stone(int colour) {
      return colour == Board.BLACK ? Stone.BLACK : Stone.WHITE;
    }

    /** SplitMix64 finaliser: spreads the seed so tie-breaks look random but are reproducible. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
