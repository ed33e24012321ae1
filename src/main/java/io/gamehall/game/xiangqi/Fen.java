package io.gamehall.game.xiangqi;

/** Reads and writes Xiangqi FEN, rejecting anything that could not occur in a real game. */
final class Fen {

  // FEN comes from the network; refuse absurd lengths before doing any work on them.
  private static final int MAX_LENGTH = 256;

  private Fen() {}

  static Position parse(String fen) {
    if (fen == null) {
      throw new FenException("FEN is missing");
    }
    if (fen.length() > MAX_LENGTH) {
      throw new FenException(
          "FEN is too long (" + fen.length() + " characters, at most " + MAX_LENGTH + ")");
    }
    String trimmed = fen.strip();
    if (trimmed.isEmpty()) {
      throw new FenException("FEN is empty");
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length < 2 || fields.length > 6) {
      throw new FenException(
          "FEN needs a board and a side to move, plus optional '- - halfmove fullmove'; got "
              + fields.length
              + " field(s)");
    }
    Position pos = new Position();
    int[] count = new int[16];
    parseBoard(fields[0], pos, count);

    String sideField = fields[1];
    switch (sideField) {
      case "w", "r", "W", "R" -> pos.setSide(Position.RED);
      case "b", "B" -> pos.setSide(Position.BLACK);
      default ->
          throw new FenException(
              "side to move must be 'w' (red) or 'b' (black), got '"
                  + Move.shorten(sideField)
                  + "'");
    }
    for (int i = 2; i < Math.min(4, fields.length); i++) {
      if (!fields[i].equals("-")) {
        throw new FenException(
            "FEN field "
                + (i + 1)
                + " must be '-' in Xiangqi, got '"
                + Move.shorten(fields[i])
                + "'");
      }
    }
    int halfmove = fields.length > 4 ? parseNumber(fields[4], "halfmove clock", 0) : 0;
    int fullmove = fields.length > 5 ? parseNumber(fields[5], "fullmove number", 1) : 1;
    pos.setClocks(halfmove, fullmove);

    validate(pos, count);
    return pos;
  }

  private static void parseBoard(String placement, Position pos, int[] count) {
    String[] ranks = placement.split("/", -1);
    if (ranks.length != 10) {
      throw new FenException("board must have 10 ranks separated by '/', got " + ranks.length);
    }
    for (int i = 0; i < 10; i++) {
      int rank = 9 - i;
      String row = ranks[i];
      int file = 0;
      for (int j = 0; j < row.length(); j++) {
        char c = row.charAt(j);
        if (c >= '1' && c <= '9') {
          file += c - '0';
        } else {
          int code = pieceCode(c);
          if (code == 0) {
            throw new FenException("unknown piece letter '" + printable(c) + "' in rank " + rank);
          }
          if (file < 9) {
            pos.put(Position.sq(file, rank), code);
            count[code]++;
          }
          file++;
        }
        if (file > 9) {
          throw new FenException(
              "rank " + rank + " ('" + Move.shorten(row) + "') describes more than 9 files");
        }
      }
      if (file != 9) {
        throw new FenException(
            "rank "
                + rank
                + " ('"
                + Move.shorten(row)
                + "') describes "
                + file
                + " files instead of 9");
      }
    }
  }

  private static int pieceCode(char c) {
    int type =
        switch (Character.toLowerCase(c)) {
          case 'k' -> Position.GENERAL;
          case 'a' -> Position.ADVISOR;
          case 'b', 'e' -> Position.ELEPHANT;
          case 'n', 'h' -> Position.HORSE;
          case 'r' -> Position.CHARIOT;
          case 'c' -> Position.CANNON;
          case 'p' -> Position.SOLDIER;
          default -> 0;
        };
    if (type == 0 || !Character.isLetter(c) || c > 127) {
      return 0;
    }
    return Character.isUpperCase(c) ? type : type | 8;
  }

  private static String printable(char c) {
    return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }

  private static int parseNumber(String s, String what, int min) {
    if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new FenException(what + " must be a number, got '" + Move.shorten(s) + "'");
    }
    int v = Integer.parseInt(s);
    if (v < min) {
      throw new FenException(what + " must be at least " + min + ", got " + v);
    }
    return v;
  }

  private static void validate(Position pos, int[] count) {
    for (int s = 0; s < 2; s++) {
      String name = s == 0 ? "red" : "black";
      if (count[Position.GENERAL | (s << 3)] != 1) {
        throw new FenException(
            name + " must have exactly one general, found " + count[Position.GENERAL | (s << 3)]);
      }
      for (int type = Position.ADVISOR; type <= Position.SOLDIER; type++) {
        int c = count[type | (s << 3)];
        int max = type == Position.SOLDIER ? 5 : 2; // nothing promotes, so start counts are maxima
        if (c > max) {
          throw new FenException(
              name
                  + " has "
                  + c
                  + " "
                  + PieceType.fromCode(type).name().toLowerCase()
                  + "s, at most "
                  + max
                  + " allowed");
        }
      }
    }
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        int p = pos.pieceCode(Position.sq(f, r));
        if (p != Position.EMPTY && !reachable(p & 7, p >> 3, f, r)) {
          throw new FenException(
              Piece.fromCode(p).side().name().toLowerCase()
                  + " "
                  + PieceType.fromCode(p & 7).name().toLowerCase()
                  + " cannot stand on "
                  + (char) ('a' + f)
                  + r);
        }
      }
    }
    int rg = pos.generalSquare(Position.RED);
    int bg = pos.generalSquare(Position.BLACK);
    if (Position.fileOf(rg) == Position.fileOf(bg)) {
      int t = rg + Position.NORTH;
      while (pos.pieceCode(t) == Position.EMPTY) {
        t += Position.NORTH;
      }
      if (t == bg) {
        throw new FenException("the generals face each other on an open file");
      }
    }
    if (pos.generalAttacked(pos.sideIndex() ^ 1)) {
      throw new FenException("the side that just moved is in check");
    }
  }

  /**
   * Whether a piece of this type and side could ever stand on (file, rank) under the movement
   * rules.
   */
  private static boolean reachable(int type, int s, int f, int r) {
    int ownRank = s == Position.RED ? r : 9 - r; // rank counted from the piece's own back rank
    return switch (type) {
      case Position.GENERAL -> f >= 3 && f <= 5 && ownRank <= 2;
      case Position.ADVISOR -> f >= 3 && f <= 5 && ownRank <= 2 && (f + ownRank) % 2 == 1;
      case Position.ELEPHANT ->
          ownRank <= 4 && f % 2 == 0 && ownRank % 2 == 0 && (f / 2 + ownRank / 2) % 2 == 1;
      case Position.SOLDIER -> ownRank >= 5 || (ownRank >= 3 && f % 2 == 0);
      default -> true;
    };
  }

  static String format(Position pos) {
    StringBuilder sb = new StringBuilder(64);
    for (int r = 9; r >= 0; r--) {
      int empty = 0;
      for (int f = 0; f < 9; f++) {
        int p = pos.pieceCode(Position.sq(f, r));
        if (p == Position.EMPTY) {
          empty++;
          continue;
        }
        if (empty > 0) {
          sb.append(empty);
          empty = 0;
        }
        sb.append(Piece.fromCode(p).fenChar());
      }
      if (empty > 0) {
        sb.append(empty);
      }
      if (r > 0) {
        sb.append('/');
      }
    }
    sb.append(pos.sideIndex() == Position.RED ? " w" : " b");
    sb.append(" - - ").append(pos.halfmoveClock()).append(' ').append(pos.fullmoveNumber());
    return sb.toString();
  }
}
