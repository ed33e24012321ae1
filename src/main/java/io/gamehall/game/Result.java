package io.gamehall.game;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a match ended: the winning seats (empty for a draw), the points each seat scores, why it
 * ended, and a game-specific detail such as {@code five}, {@code checkmate} or {@code spring}.
 */
public record Result(
    List<Integer> winners, Map<Integer, Integer> points, EndReason reason, String detail) {
  public Result {
    winners = List.copyOf(winners);
    points = Map.copyOf(points);
  }

  /** A two-seat match won by {@code winner}: one point to the winner, one off the loser. */
  public static Result twoSeatWin(int winner, EndReason reason, String detail) {
    return new Result(List.of(winner), Map.of(winner, 1, 1 - winner, -1), reason, detail);
  }

  /**
   * The result as a plain tree for views and events: {@code winners}, {@code points} by seat (keys
   * are the seat numbers as strings, in seat order), {@code reason} in lower case and {@code
   * detail}.
   */
  public Map<String, Object> toTree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("winners", winners);
    Map<String, Object> bySeat = new LinkedHashMap<>();
    new TreeMap<>(points).forEach((seat, p) -> bySeat.put(Integer.toString(seat), p));
    tree.put("points", bySeat);
    tree.put("reason", reason.name().toLowerCase(Locale.ROOT));
    tree.put("detail", detail);
    return tree;
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
