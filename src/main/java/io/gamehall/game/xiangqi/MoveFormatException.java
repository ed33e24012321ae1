package io.gamehall.game.xiangqi;

/** A move string that is not valid ICCS notation. */
public final class MoveFormatException extends NotationException {
  private static final long serialVersionUID = 1L;

  public MoveFormatException(String message) {
    super(message);
  }
}
