package io.gamehall.game.xiangqi;

/**
 * A well-formed move that the rules do not allow in the current position, or a move after the game
 * ended.
 */
public final class IllegalMoveException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public IllegalMoveException(String message) {
    super(message);
  }
}
