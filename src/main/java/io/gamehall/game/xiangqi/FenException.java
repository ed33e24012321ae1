package io.gamehall.game.xiangqi;

/** A FEN string that is malformed or describes an impossible position. */
public final class FenException extends NotationException {
  private static final long serialVersionUID = 1L;

  public FenException(String message) {
    super(message);
  }
}
