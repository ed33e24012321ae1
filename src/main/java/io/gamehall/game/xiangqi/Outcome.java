package io.gamehall.game.xiangqi;

/** Who, if anyone, has won. */
public enum Outcome {
  ONGOING,
  RED_WINS,
  BLACK_WINS,
  DRAW;

  static Outcome winFor(Side side) {
    return side == Side.RED ? RED_WINS : BLACK_WINS;
  }
}
