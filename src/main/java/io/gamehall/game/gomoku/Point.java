package io.gamehall.game.gomoku;

import java.util.Optional;

/**
 * A board coordinate: column 0-14 (A-O) and row 0-14 (printed 1-15, row 15 at the top as in Renju
 * notation).
 *
 * <p>Any integers are accepted so that off-board input from the network can be represented and
 * rejected by the game with a typed reason instead of an exception.
 */
public record Point(int column, int row) {

  /** The centre point H8. */
  public static final Point CENTER = new Point(7, 7);

  /**
   * Every on-board point's name, made once: names are written for every move event and snapshot.
   */
  private static final String[] NAMES = new String[Board.SIZE * Board.SIZE];

  static {
    for (int c = 0; c < Board.SIZE; c++) {
      for (int r = 0; r < Board.SIZE; r++) {
        NAMES[c * Board.SIZE + r] = (char) ('A' + c) + Integer.toString(r + 1);
      }
    }
  }

  /** Shorthand constructor. */
  public static Point of(int column, int row) {
    return new Point(column, row);
  }

  /** Whether the point lies on the 15x15 board. */
  public boolean isOnBoard() {
    return column >= 0 && column < Board.SIZE && row >= 0 && row < Board.SIZE;
  }

  /**
   * Parses notation such as {@code H8} or {@code a15} (letter case is ignored, surrounding blanks
   * are trimmed).
   *
   * @return the point, or empty when the text is null, malformed or off the board
   */
  public static Optional<Point> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.length() < 2 || t.length() > 3) {
      return Optional.empty();
    }
    char letter = Character.toUpperCase(t.charAt(0));
    if (letter < 'A' || letter >= 'A' + Board.SIZE) {
      return Optional.empty();
    }
    String digits = t.substring(1);
    // Reject signs, leading zeros and non-ASCII digits that Integer.parseInt would accept.
    if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') || digits.charAt(0) == '0') {
      return Optional.empty();
    }
    int number = Integer.parseInt(digits);
    if (number < 1 || number > Board.SIZE) {
      return Optional.empty();
    }
    return Optional.of(new Point(letter - 'A', number - 1));
  }

  // Hand-written rather than the generated record members: those bootstrap through method handles
  // on first use,
  // which costs a cold JVM over 100 ms inside the bot's first, time-limited move.
  @Override
  public boolean equals(Object o) {
    return o instanceof Point other && other.column == column && other.row == row;
  }

  @Override
  public int hashCode() {
    return 31 * column + row;
  }

  /** Renju notation (e.g. {@code H8}); off-board points print as {@code (column,row)}. */
  @Override
  public String toString() {
    if (!isOnBoard()) {
      return "(" + column + "," + row + ")";
    }
    return NAMES[column * Board.SIZE + row];
  }
}
