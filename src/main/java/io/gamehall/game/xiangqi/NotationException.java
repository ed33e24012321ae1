package io.gamehall.game.xiangqi;

/** Malformed external input (FEN or move text); the message is safe to show to a remote client. */
public class NotationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NotationException(String message) {
    super(message);
  }
}
