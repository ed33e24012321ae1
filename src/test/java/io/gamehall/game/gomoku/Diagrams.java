package io.gamehall.game.gomoku;

/** Test helper: builds boards from diagrams where {@code *} marks the point under test. */
final class Diagrams {

  private Diagrams() {}

  /** A position plus the point marked {@code *}. */
  record Marked(Board board, Point point) {}

  /**
   * Parses a diagram of up to 15 lines (top row first); short lines are padded with empty cells on
   * the right and missing lines are added as empty rows at the bottom, so small shapes can be drawn
   * near the top-left.
   */
  static Marked marked(String diagram) {
    String[] lines = diagram.stripTrailing().split("\\R");
    StringBuilder text = new StringBuilder();
    Point star = null;
    for (int i = 0; i < Board.SIZE; i++) {
      String line = i < lines.length ? lines[i].strip() : "";
      int star0 = line.indexOf('*');
      if (star0 >= 0) {
        if (star != null) {
          throw new IllegalArgumentException("more than one *");
        }
        star = Point.of(star0, Board.SIZE - 1 - i);
        line = line.replace('*', '.');
      }
      text.append(line).append(".".repeat(Board.SIZE - line.length()));
      if (i < Board.SIZE - 1) {
        text.append('/');
      }
    }
    if (star == null) {
      throw new IllegalArgumentException("diagram has no *");
    }
    return new Marked(Board.parse(text.toString()), star);
  }
}
