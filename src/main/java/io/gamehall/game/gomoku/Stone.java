package io.gamehall.game.gomoku;

/** A stone colour; black always moves first. */
public enum Stone {
  BLACK,
  WHITE;

  /** The other colour. */
  public Stone opponent() {
    return this == BLACK ? WHITE : BLACK;
  }

  /** Board cell code; kept in sync with {@link Board}'s internal encoding. */
  int code() {
    return this == BLACK ? Board.BLACK : Board.WHITE;
  }
}
