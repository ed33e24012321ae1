package io.gamehall.game.xiangqi;

/** Kinds of Xiangqi pieces with their lowercase FEN letter. */
public enum PieceType {
  GENERAL('k'),
  ADVISOR('a'),
  ELEPHANT('b'),
  HORSE('n'),
  CHARIOT('r'),
  CANNON('c'),
  SOLDIER('p');

  private final char fenLetter;

  PieceType(char fenLetter) {
    this.fenLetter = fenLetter;
  }

  /** Lowercase FEN letter (the black spelling). */
  public char fenLetter() {
    return fenLetter;
  }

  /** Internal code 1..7; the ordinal order matches the engine's encoding. */
  int code() {
    return ordinal() + 1;
  }

  static PieceType fromCode(int code) {
    return values()[code - 1];
  }
}
