package io.gamehall.game;

import java.util.List;
import java.util.Map;

/**
 * How a match ended: the winning seats (empty for a draw), the points each seat scores, why it ended, and a
 * game-specific detail such as {@code five}, {@code checkmate} or {@code spring}.
 */
public record Result(List<Integer> winners, Map<Integer, Integer> points, EndReason reason, String detail) {
  public Result {
    winners = List.copyOf(winners);
    points = Map.copyOf(points);
  }

  /** Why a match ended, as recorded in history. */
  public enum EndReason {
    WIN,
    DRAW,
    RESIGN,
    TIMEOUT,
    ABANDONMENT,
    AGREED_DRAW
  }
}
