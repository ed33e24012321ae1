package io.gamehall.game.gomoku;

/** Overall state of a game. */
public enum GameStatus {
  ONGOING,
  BLACK_WINS,
  WHITE_WINS,
  DRAW;

  /** Whether the game has ended. */
  public boolean isOver() {
    return this != ONGOING;
  }
}
