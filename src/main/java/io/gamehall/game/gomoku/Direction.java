package io.gamehall.game.gomoku;

/** The four line directions a row of stones can run in. */
enum Direction {
  HORIZONTAL(1, 0),
  VERTICAL(0, 1),
  DIAGONAL(1, 1),
  ANTI_DIAGONAL(1, -1);

  final int dc;
  final int dr;

  Direction(int dc, int dr) {
    this.dc = dc;
    this.dr = dr;
  }
}
