package io.gamehall.game.xiangqi;

/**
 * A move between two squares numbered {@code rank * 9 + file} (file 0 = 'a', rank 0 = red's back
 * rank).
 */
public record Move(int from, int to) {

  public Move {
    if (!validSquare(from) || !validSquare(to)) {
      throw new IllegalArgumentException("square out of range 0..89: " + from + " -> " + to);
    }
    if (from == to) {
      throw new IllegalArgumentException("a move must change square: " + from);
    }
  }

  /** Builds a move from file/rank coordinates (files 0..8 = a..i, ranks 0..9). */
  public static Move of(int fromFile, int fromRank, int toFile, int toRank) {
    if (fromFile < 0
        || fromFile > 8
        || toFile < 0
        || toFile > 8
        || fromRank < 0
        || fromRank > 9
        || toRank < 0
        || toRank > 9) {
      throw new IllegalArgumentException("coordinates out of range");
    }
    return new Move(fromRank * 9 + fromFile, toRank * 9 + toFile);
  }

  /**
   * Parses ICCS notation such as {@code h2e2}; also accepts the dashed form {@code H2-E2} since
   * both circulate.
   *
   * @throws MoveFormatException if the text is not a well-formed ICCS move
   */
  public static Move parse(String iccs) {
    if (iccs == null) {
      throw new MoveFormatException("move is missing");
    }
    String s = iccs.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.length() == 5 && s.charAt(2) == '-') {
      s = s.substring(0, 2) + s.substring(3);
    }
    if (s.length() != 4) {
      throw new MoveFormatException(
          "move must look like 'h2e2' (file a-i, rank 0-9, twice): '" + shorten(iccs) + "'");
    }
    int ff = s.charAt(0) - 'a';
    int fr = s.charAt(1) - '0';
    int tf = s.charAt(2) - 'a';
    int tr = s.charAt(3) - '0';
    if (ff < 0 || ff > 8 || tf < 0 || tf > 8) {
      throw new MoveFormatException("file must be a letter a-i in move '" + shorten(iccs) + "'");
    }
    if (fr < 0 || fr > 9 || tr < 0 || tr > 9) {
      throw new MoveFormatException("rank must be a digit 0-9 in move '" + shorten(iccs) + "'");
    }
    if (ff == tf && fr == tr) {
      throw new MoveFormatException("move must change square: '" + shorten(iccs) + "'");
    }
    return of(ff, fr, tf, tr);
  }

  public int fromFile() {
    return from % 9;
  }

  public int fromRank() {
    return from / 9;
  }

  public int toFile() {
    return to % 9;
  }

  public int toRank() {
    return to / 9;
  }

  /** ICCS text, lowercase without a dash, e.g. {@code h2e2}. */
  public String iccs() {
    return "" + (char) ('a' + fromFile()) + fromRank() + (char) ('a' + toFile()) + toRank();
  }

  @Override
  public String toString() {
    return iccs();
  }

  private static boolean validSquare(int sq) {
    return sq >= 0 && sq < 90;
  }

  // Echoing unbounded network input into messages would let a client blow up logs.
  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
