package io.gamehall.game.xiangqi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Computer player: time-bounded, cancellable iterative-deepening alpha-beta; stateless and
 * thread-safe.
 */
public final class XiangqiBot {

  private static final int MAX_DEPTH = 32;
  private final int maxDepth;

  public XiangqiBot() {
    this(MAX_DEPTH);
  }

  /** A bot that never searches deeper than {@code maxDepth} plies (useful for weaker levels). */
  public XiangqiBot(int maxDepth) {
    if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be 1.." + MAX_DEPTH + ": " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  /**
   * Chooses a move for the side to move in the game's current position.
   *
   * @return a legal move, or empty if the game is over
   */
  public Optional<Move> chooseMove(XiangqiGame game, Duration budget, BooleanSupplier cancelled) {
    if (game.result().isOver()) {
      return Optional.empty();
    }
    return chooseMove(game.position(), budget, cancelled);
  }

  /**
   * Chooses a move within {@code budget}; stops early when {@code cancelled} returns true or the
   * calling thread is interrupted, returning the best move found so far. The position is not
   * modified.
   *
   * @return a legal move, or empty if the side to move has none
   */
  public Optional<Move> chooseMove(Position position, Duration budget, BooleanSupplier cancelled) {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(cancelled, "cancelled");
    long start = System.nanoTime();
    long budgetNanos = budget.isNegative() ? 0 : saturatedNanos(budget);
    // Leave a little headroom for unwinding the search and the caller's own bookkeeping.
    long margin = Math.min(budgetNanos / 10, 20_000_000L);
    Search search = new Search(position.copy(), start + budgetNanos - margin, cancelled, maxDepth);
    int best = search.run();
    return best == 0 ? Optional.empty() : Optional.of(Position.toMove(best));
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** One search's mutable state; confined to the calling thread. */
  private static final class Search {
    private static final int INF = 1_000_000;
    private static final int MATE = 100_000;
    private static final int MAX_PLY = 96;
    private static final int CHECK_INTERVAL = 255;

    private final Position pos;
    private final long deadline;
    private final BooleanSupplier cancelled;
    private final int maxDepth;
    private final int[][] moves = new int[MAX_PLY + 1][Position.MAX_MOVES];
    private final int[][] keys = new int[MAX_PLY + 1][Position.MAX_MOVES];
    // Quiet moves that caused cutoffs: siblings of a refuted line are usually refuted the same way.
    private final int[][] killers = new int[MAX_PLY + 1][2];
    private final int[] history = new int[1 << 16];
    private long nodes;
    private boolean stopped;

    Search(Position pos, long deadline, BooleanSupplier cancelled, int maxDepth) {
      this.pos = pos;
      this.deadline = deadline;
      this.cancelled = cancelled;
      this.maxDepth = maxDepth;
    }

    int run() {
      int[] root = new int[Position.MAX_MOVES];
      int n = pos.generateLegal(root);
      if (n == 0) {
        return 0;
      }
      order(root, keys[0], n, 0);
      // Fallback before any search: a capture-first ordering already beats a random legal move.
      int best = root[0];
      if (n == 1) {
        return best;
      }
      for (int depth = 1; depth <= maxDepth; depth++) {
        int alpha = -INF;
        int iterationBest = 0;
        for (int i = 0; i < n; i++) {
          pos.make(root[i]);
          int score = -negamax(depth - 1, -INF, -alpha, 1);
          pos.unmake();
          if (stopped) {
            break;
          }
          if (score > alpha) {
            alpha = score;
            iterationBest = root[i];
          }
        }
        // A move that fully out-scored the previous best (searched first) is trusted even
        // mid-iteration.
        if (iterationBest != 0) {
          best = iterationBest;
        }
        if (stopped || checkStop()) {
          break;
        }
        if (alpha >= MATE - MAX_PLY || alpha <= -MATE + MAX_PLY) {
          break; // forced result found; deeper search cannot change it
        }
        moveToFront(root, n, best);
      }
      return best;
    }

    private int negamax(int depth, int alpha, int beta, int ply) {
      if ((++nodes & CHECK_INTERVAL) == 0 && checkStop()) {
        return 0;
      }
      if (stopped) {
        return 0;
      }
      if (depth <= 0 || ply >= MAX_PLY) {
        return quiesce(alpha, beta, ply);
      }
      int[] list = moves[ply];
      int n = pos.generateLegal(list);
      if (n == 0) {
        return -MATE + ply; // checkmate and stalemate both lose
      }
      order(list, keys[ply], n, ply);
      int best = -INF;
      for (int i = 0; i < n; i++) {
        pos.make(list[i]);
        int score = -negamax(depth - 1, -beta, -alpha, ply + 1);
        pos.unmake();
        if (stopped) {
          return 0;
        }
        if (score > best) {
          best = score;
          if (score > alpha) {
            alpha = score;
            if (alpha >= beta) {
              rememberCutoff(list[i], depth, ply);
              break;
            }
          }
        }
      }
      return best;
    }

    private int quiesce(int alpha, int beta, int ply) {
      if ((++nodes & CHECK_INTERVAL) == 0 && checkStop()) {
        return 0;
      }
      int standPat = Evaluator.evaluate(pos);
      if (standPat >= beta || ply >= MAX_PLY) {
        return standPat;
      }
      if (standPat > alpha) {
        alpha = standPat;
      }
      int[] list = moves[ply];
      int n = pos.generatePseudo(list);
      int captures = 0;
      for (int i = 0; i < n; i++) {
        if (pos.pieceCode(Position.to(list[i])) != Position.EMPTY) {
          list[captures++] = list[i];
        }
      }
      order(list, keys[ply], captures, ply);
      int mover = pos.sideIndex();
      for (int i = 0; i < captures; i++) {
        pos.make(list[i]);
        if (pos.generalAttacked(mover)) {
          pos.unmake();
          continue;
        }
        int score = -quiesce(-beta, -alpha, ply + 1);
        pos.unmake();
        if (stopped) {
          return 0;
        }
        if (score > alpha) {
          alpha = score;
          if (alpha >= beta) {
            break;
          }
        }
      }
      return alpha;
    }

    private boolean checkStop() {
      if (!stopped
          && (System.nanoTime() - deadline >= 0
              || cancelled.getAsBoolean()
              || Thread.currentThread().isInterrupted())) {
        stopped = true;
      }
      return stopped;
    }

    private void rememberCutoff(int move, int depth, int ply) {
      if (pos.pieceCode(Position.to(move)) != Position.EMPTY) {
        return; // captures are already ordered first
      }
      if (killers[ply][0] != move) {
        killers[ply][1] = killers[ply][0];
        killers[ply][0] = move;
      }
      history[move] = Math.min(history[move] + depth * depth, 5_000);
    }

    /**
     * Captures first (most valuable victim, then least valuable attacker), then killer moves, then
     * quiet moves by how often they caused cutoffs.
     */
    private void order(int[] list, int[] key, int n, int ply) {
      for (int i = 0; i < n; i++) {
        int m = list[i];
        int victim = pos.pieceCode(Position.to(m));
        if (victim != Position.EMPTY) {
          int attacker = pos.pieceCode(Position.from(m));
          key[i] = 20_000 + Evaluator.value(victim & 7) * 8 - Evaluator.value(attacker & 7) / 10;
        } else if (m == killers[ply][0]) {
          key[i] = 9_000;
        } else if (m == killers[ply][1]) {
          key[i] = 8_000;
        } else {
          key[i] = history[m];
        }
      }
      for (int i = 1; i < n; i++) {
        int m = list[i];
        int k = key[i];
        int j = i - 1;
        while (j >= 0 && key[j] < k) {
          list[j + 1] = list[j];
          key[j + 1] = key[j];
          j--;
        }
        list[j + 1] = m;
        key[j + 1] = k;
      }
    }

    private static void moveToFront(int[] list, int n, int move) {
      for (int i = 0; i < n; i++) {
        if (list[i] == move) {
          System.arraycopy(list, 0, list, 1, i);
          list[0] = move;
          return;
        }
      }
    }
  }
}
