package io.gamehall.game.xiangqi;

import java.util.Objects;

/** A coloured piece. */
public record Piece(Side side, PieceType type) {

  public Piece {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
  }

  /** FEN letter: uppercase for red, lowercase for black. */
  public char fenChar() {
    char c = type.fenLetter();
    return side == Side.RED ? Character.toUpperCase(c) : c;
  }

  /** Engine encoding: red 1..7, black 9..15 so that {@code code >> 3} is the side index. */
  int code() {
    return type.code() | (side == Side.BLACK ? 8 : 0);
  }

  static Piece fromCode(int code) {
    return new Piece((code & 8) != 0 ? Side.BLACK : Side.RED, PieceType.fromCode(code & 7));
  }
}
