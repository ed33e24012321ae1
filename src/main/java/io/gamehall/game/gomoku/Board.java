package io.gamehall.game.gomoku;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mutable 15x15 grid of stones; games hand out copies so callers cannot change a running game.
 */
public final class Board {

  /** Board side length. */
  public static final int SIZE = 15;

  static final int OFF = -1;
  static final int EMPTY = 0;
  static final int BLACK = 1;
  static final int WHITE = 2;

  private final byte[] cells;
  private int stones;

  /** An empty board. */
  public Board() {
    cells = new byte[SIZE * SIZE];
  }

  private Board(Board other) {
    cells = other.cells.clone();
    stones = other.stones;
  }

  /** An independent copy. */
  public Board copy() {
    return new Board(this);
  }

  /** The stone on {@code p}, empty when the point is vacant or off the board. */
  public Optional<Stone> stoneAt(Point p) {
    int v = get(p.column(), p.row());
    if (v == BLACK) {
      return Optional.of(Stone.BLACK);
    }
    if (v == WHITE) {
      return Optional.of(Stone.WHITE);
    }
    return Optional.empty();
  }

  /** Whether {@code p} is on the board and vacant. */
  public boolean isEmpty(Point p) {
    return get(p.column(), p.row()) == EMPTY;
  }

  /**
   * Puts a stone on a vacant on-board point, ignoring game rules (used to set up positions).
   *
   * @throws IllegalArgumentException if the point is off the board or occupied
   */
  public void place(Point p, Stone stone) {
    if (!isEmpty(p)) {
      throw new IllegalArgumentException("point " + p + " is off the board or occupied");
    }
    set(p.column(), p.row(), stone.code());
  }

  /** Removes whatever stone is on {@code p}; off-board points are ignored. */
  public void remove(Point p) {
    if (p.isOnBoard()) {
      set(p.column(), p.row(), EMPTY);
    }
  }

  /** Number of stones on the board. */
  public int stoneCount() {
    return stones;
  }

  /** Whether every point is occupied. */
  public boolean isFull() {
    return stones == SIZE * SIZE;
  }

  /** All vacant points, bottom row first. */
  public List<Point> emptyPoints() {
    List<Point> result = new ArrayList<>();
    for (int r = 0; r < SIZE; r++) {
      for (int c = 0; c < SIZE; c++) {
        if (get(c, r) == EMPTY) {
          result.add(new Point(c, r));
        }
      }
    }
    return result;
  }

  /**
   * Parses the CLI text form: 15 rows from top (row 15) to bottom (row 1) separated by {@code /},
   * each 15 characters of {@code X} (black), {@code O} (white) or {@code .} (empty). Line breaks
   * are accepted as separators too.
   *
   * @throws IllegalArgumentException with a message fit for an end user when the text is malformed
   */
  public static Board parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("board text is missing");
    }
    String[] rows = text.strip().split("/|\\R", -1);
    if (rows.length != SIZE) {
      throw new IllegalArgumentException(
          "board must have " + SIZE + " rows separated by '/', found " + rows.length);
    }
    Board board = new Board();
    for (int i = 0; i < SIZE; i++) {
      String line = rows[i].strip();
      int rowNumber = SIZE - i;
      if (line.length() != SIZE) {
        throw new IllegalArgumentException(
            "board row " + rowNumber + " must have " + SIZE + " cells, found " + line.length());
      }
      for (int c = 0; c < SIZE; c++) {
        char ch = line.charAt(c);
        int v =
            switch (ch) {
              case 'X' -> BLACK;
              case 'O' -> WHITE;
              case '.' -> EMPTY;
              default ->
                  throw new IllegalArgumentException(
                      "board row "
                          + rowNumber
                          + " has invalid cell '"
                          + ch
                          + "' at column "
                          + (char) ('A' + c)
                          + " (use X, O or .)");
            };
        if (v != EMPTY) {
          board.set(c, rowNumber - 1, v);
        }
      }
    }
    return board;
  }

  /** The text form accepted by {@link #parse(String)}. */
  public String toText() {
    StringBuilder sb = new StringBuilder(SIZE * (SIZE + 1));
    for (int r = SIZE - 1; r >= 0; r--) {
      for (int c = 0; c < SIZE; c++) {
        int v = get(c, r);
        sb.append(v == BLACK ? 'X' : v == WHITE ? 'O' : '.');
      }
      if (r > 0) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toText().replace('/', '\n');
  }

  /**
   * Cell code at (c, r), {@link #OFF} outside the board so edge handling needs no special cases.
   */
  int get(int c, int r) {
    if (c < 0 || c >= SIZE || r < 0 || r >= SIZE) {
      return OFF;
    }
    return cells[r * SIZE + c];
  }

  void set(int c, int r, int v) {
    int i = r * SIZE + c;
    if (cells[i] == EMPTY && v != EMPTY) {
      stones++;
    } else if (cells[i] != EMPTY && v == EMPTY) {
      stones--;
    }
    cells[i] = (byte) v;
  }

  /**
   * Length of the contiguous run of {@code colour} through (c, r) along {@code d}, counting (c, r)
   * itself.
   */
  int runLength(int c, int r, int colour, Direction d) {
    int n = 1;
    for (int k = 1; get(c + k * d.dc, r + k * d.dr) == colour; k++) {
      n++;
    }
    for (int k = 1; get(c - k * d.dc, r - k * d.dr) == colour; k++) {
      n++;
    }
    return n;
  }
}
