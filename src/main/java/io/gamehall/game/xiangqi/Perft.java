package io.gamehall.game.xiangqi;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts leaf nodes of the legal move tree, the standard way to prove a move generator exact. */
public final class Perft {

  private Perft() {}

  /**
   * Number of legal move sequences of length {@code depth} from {@code position} (left unchanged).
   */
  public static long perft(Position position, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be >= 0: " + depth);
    }
    if (depth == 0) {
      return 1;
    }
    return count(position, depth, new int[depth + 1][Position.MAX_MOVES]);
  }

  /** Perft split by first move (ICCS, in generation order); the values sum to {@link #perft}. */
  public static Map<String, Long> divide(Position position, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("divide needs depth >= 1: " + depth);
    }
    int[][] buffers = new int[depth + 1][Position.MAX_MOVES];
    int[] moves = buffers[depth];
    int n = position.generateLegal(moves);
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int m = moves[i];
      position.make(m);
      long c = depth == 1 ? 1 : count(position, depth - 1, buffers);
      position.unmake();
      result.put(Position.toMove(m).iccs(), c);
    }
    return result;
  }

  private static long count(Position position, int depth, int[][] buffers) {
    int[] moves = buffers[depth];
    int n = position.generateLegal(moves);
    if (depth == 1) {
      return n;
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      position.make(moves[i]);
      total += count(position, depth - 1, buffers);
      position.unmake();
    }
    return total;
  }
}
