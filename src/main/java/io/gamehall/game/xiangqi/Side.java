package io.gamehall.game.xiangqi;

/** The two players; red always moves first. */
public enum Side {
  RED,
  BLACK;

  /** The other side. */
  public Side opponent() {
    return this == RED ? BLACK : RED;
  }
}
