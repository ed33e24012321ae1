package io.gamehall.game.gomoku;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of a game so far, with the points of the winning line when someone has won (empty
 * otherwise).
 */
public record GameResult(GameStatus status, List<Point> winningLine) {

  /** The result of a game still in progress. */
  public static final GameResult ONGOING = new GameResult(GameStatus.ONGOING, List.of());

  /** The result of a game drawn on a full board. */
  public static final GameResult DRAW = new GameResult(GameStatus.DRAW, List.of());

  public GameResult {
    Objects.requireNonNull(status, "status");
    winningLine = List.copyOf(winningLine);
  }

  /** A win for {@code winner} along {@code line}. */
  public static GameResult win(Stone winner, List<Point> line) {
    return new GameResult(
        winner == Stone.BLACK ? GameStatus.BLACK_WINS : GameStatus.WHITE_WINS, line);
  }
}
