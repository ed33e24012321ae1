package io.gamehall.game.xiangqi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A mutable Xiangqi position with make/unmake, legal move generation and check detection; not
 * thread-safe.
 */
public final class Position {

  /** FEN of the standard starting position. */
  public static final String START_FEN =
      "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1";

  /**
   * Upper bound on pseudo-legal moves in any position (2x17 chariot + 2x17 cannon + 16 + 8 + 8 + 4
   * + 15).
   */
  static final int MAX_MOVES = 128;

  static final int EMPTY = 0;

  /** Off-board sentinel; {@code OFF >> 3 == 2} so it never matches a side index. */
  static final int OFF = 16;

  static final int RED = 0;
  static final int BLACK = 1;

  static final int GENERAL = 1;
  static final int ADVISOR = 2;
  static final int ELEPHANT = 3;
  static final int HORSE = 4;
  static final int CHARIOT = 5;
  static final int CANNON = 6;
  static final int SOLDIER = 7;

  static final int NORTH = 16;
  static final int SOUTH = -16;
  static final int EAST = 1;
  static final int WEST = -1;

  // 16x16 mailbox with a three-square border: every step, including the horse's two-square jump,
  // lands on a
  // sentinel instead of needing bounds checks in the hot loops.
  private final int[] board = new int[256];
  private final int[] generalSquare = new int[2];
  private int side;
  private int halfmoveClock;
  private int fullmoveNumber;

  // Undo stack: the move and the state make() cannot recompute (captured piece, previous clock).
  private int[] historyMove = new int[64];
  private int[] historyCaptured = new int[64];
  private int[] historyClock = new int[64];
  private int historySize;

  Position() {
    Arrays.fill(board, OFF);
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        board[sq(f, r)] = EMPTY;
      }
    }
    fullmoveNumber = 1;
  }

  /** The standard starting position. */
  public static Position start() {
    return Fen.parse(START_FEN);
  }

  /**
   * Parses a Xiangqi FEN.
   *
   * @throws FenException if the text is malformed or the position cannot arise under the rules
   */
  public static Position fromFen(String fen) {
    return Fen.parse(fen);
  }

  /** An independent copy without undo history. */
  public Position copy() {
    Position p = new Position();
    System.arraycopy(board, 0, p.board, 0, board.length);
    p.generalSquare[RED] = generalSquare[RED];
    p.generalSquare[BLACK] = generalSquare[BLACK];
    p.side = side;
    p.halfmoveClock = halfmoveClock;
    p.fullmoveNumber = fullmoveNumber;
    return p;
  }

  public String toFen() {
    return Fen.format(this);
  }

  public Side sideToMove() {
    return side == RED ? Side.RED : Side.BLACK;
  }

  /** Plies since the last capture (the FEN halfmove field). */
  public int halfmoveClock() {
    return halfmoveClock;
  }

  public int fullmoveNumber() {
    return fullmoveNumber;
  }

  /** The piece on a square numbered {@code rank * 9 + file}. */
  public Optional<Piece> pieceAt(int square) {
    if (square < 0 || square >= 90) {
      throw new IllegalArgumentException("square out of range 0..89: " + square);
    }
    int p = board[toInternal(square)];
    return p == EMPTY ? Optional.empty() : Optional.of(Piece.fromCode(p));
  }

  public Optional<Piece> pieceAt(int file, int rank) {
    if (file < 0 || file > 8 || rank < 0 || rank > 9) {
      throw new IllegalArgumentException(
          "coordinates out of range: file " + file + ", rank " + rank);
    }
    return pieceAt(rank * 9 + file);
  }

  /** Whether the side to move has its general attacked. */
  public boolean inCheck() {
    return generalAttacked(side);
  }

  public List<Move> legalMoves() {
    int[] buf = new int[MAX_MOVES];
    int n = generateLegal(buf);
    List<Move> moves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      moves.add(toMove(buf[i]));
    }
    return moves;
  }

  public boolean isLegal(Move move) {
    return move != null && findLegal(move) != 0;
  }

  /**
   * Plays a legal move.
   *
   * @return the captured piece, if any
   * @throws IllegalMoveException if the move is not legal here
   */
  public Optional<Piece> play(Move move) {
    int m = move == null ? 0 : findLegal(move);
    if (m == 0) {
      throw new IllegalMoveException("illegal move " + move + " in " + toFen());
    }
    int captured = make(m);
    return captured == EMPTY ? Optional.empty() : Optional.of(Piece.fromCode(captured));
  }

  /** Takes back the last move made with {@link #play(Move)} on this object. */
  public void undo() {
    if (historySize == 0) {
      throw new IllegalStateException("no move to undo");
    }
    unmake();
  }

  /** Key identifying the position for repetition: placement plus side to move, nothing else. */
  String repetitionKey() {
    char[] key = new char[91];
    int i = 0;
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        key[i++] = (char) ('0' + board[sq(f, r)]);
      }
    }
    key[i] = side == RED ? 'w' : 'b';
    return new String(key);
  }

  private int findLegal(Move move) {
    int[] buf = new int[MAX_MOVES];
    int n = generateLegal(buf);
    int wanted = encode(toInternal(move.from()), toInternal(move.to()));
    for (int i = 0; i < n; i++) {
      if (buf[i] == wanted) {
        return wanted;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- engine internals
  // (package-private)

  static int sq(int file, int rank) {
    return ((rank + 3) << 4) + file + 3;
  }

  static int fileOf(int sq) {
    return (sq & 15) - 3;
  }

  static int rankOf(int sq) {
    return (sq >> 4) - 3;
  }

  static int toInternal(int square90) {
    return sq(square90 % 9, square90 / 9);
  }

  static int toPublic(int sq) {
    return rankOf(sq) * 9 + fileOf(sq);
  }

  static int encode(int from, int to) {
    return from | (to << 8);
  }

  static int from(int move) {
    return move & 0xFF;
  }

  static int to(int move) {
    return move >>> 8;
  }

  static Move toMove(int move) {
    return new Move(toPublic(from(move)), toPublic(to(move)));
  }

  static int encode(Move move) {
    return encode(toInternal(move.from()), toInternal(move.to()));
  }

  int pieceCode(int sq) {
    return board[sq];
  }

  int sideIndex() {
    return side;
  }

  int generalSquare(int s) {
    return generalSquare[s];
  }

  void put(int sq, int piece) {
    board[sq] = piece;
    if ((piece & 7) == GENERAL) {
      generalSquare[piece >> 3] = sq;
    }
  }

  void setSide(int s) {
    side = s;
  }

  void setClocks(int halfmove, int fullmove) {
    halfmoveClock = halfmove;
    fullmoveNumber = fullmove;
  }

  /** Applies a pseudo-legal move and returns the captured piece code (0 if none). */
  int make(int move) {
    int from = from(move);
    int to = to(move);
    int piece = board[from];
    int captured = board[to];
    if (historySize == historyMove.length) {
      int n = historySize * 2;
      historyMove = Arrays.copyOf(historyMove, n);
      historyCaptured = Arrays.copyOf(historyCaptured, n);
      historyClock = Arrays.copyOf(historyClock, n);
    }
    historyMove[historySize] = move;
    historyCaptured[historySize] = captured;
    historyClock[historySize] = halfmoveClock;
    historySize++;

    board[to] = piece;
    board[from] = EMPTY;
    if ((piece & 7) == GENERAL) {
      generalSquare[side] = to;
    }
    halfmoveClock = captured == EMPTY ? halfmoveClock + 1 : 0;
    if (side == BLACK) {
      fullmoveNumber++;
    }
    side ^= 1;
    return captured;
  }

  void unmake() {
    historySize--;
    int move = historyMove[historySize];
    int from = from(move);
    int to = to(move);
    side ^= 1;
    if (side == BLACK) {
      fullmoveNumber--;
    }
    int piece = board[to];
    board[from] = piece;
    board[to] = historyCaptured[historySize];
    if ((piece & 7) == GENERAL) {
      generalSquare[side] = from;
    }
    halfmoveClock = historyClock[historySize];
  }

  /**
   * Whether side {@code s}'s general is attacked, counting an open file to the enemy general as an
   * attack so the flying-general rule falls out of the ordinary "may not leave the general
   * attacked" test.
   */
  boolean generalAttacked(int s) {
    int g = generalSquare[s];
    int them = s ^ 1;
    int enemyChariot = CHARIOT | (them << 3);
    int enemyGeneral = GENERAL | (them << 3);
    int enemyCannon = CANNON | (them << 3);
    int enemyHorse = HORSE | (them << 3);
    int enemySoldier = SOLDIER | (them << 3);

    for (int d : ORTHOGONAL) {
      int t = g + d;
      while (board[t] == EMPTY) {
        t += d;
      }
      int p = board[t];
      if (p == OFF) {
        continue;
      }
      if (p == enemyChariot || p == enemyGeneral) {
        return true;
      }
      t += d;
      while (board[t] == EMPTY) {
        t += d;
      }
      if (board[t] == enemyCannon) {
        return true;
      }
    }
    // A horse attacks through the diagonal neighbour of the target that shares its long axis, so
    // one empty
    // diagonal square "unlocks" the two horse squares beyond it.
    for (int d : DIAGONAL) {
      int leg = g + d;
      if (board[leg] != EMPTY) {
        continue;
      }
      int vertical = d > 8 ? NORTH : (d < -8 ? SOUTH : 0);
      int horizontal = d - vertical;
      if (board[leg + vertical] == enemyHorse || board[leg + horizontal] == enemyHorse) {
        return true;
      }
    }
    int enemyForward = them == RED ? NORTH : SOUTH;
    if (board[g - enemyForward] == enemySoldier) {
      return true;
    }
    if (crossedRiver(g, them)
        && (board[g + EAST] == enemySoldier || board[g + WEST] == enemySoldier)) {
      return true;
    }
    return false;
  }

  static boolean crossedRiver(int sq, int s) {
    return s == RED ? rankOf(sq) >= 5 : rankOf(sq) <= 4;
  }

  static boolean inPalace(int sq, int s) {
    int f = fileOf(sq);
    int r = rankOf(sq);
    if (f < 3 || f > 5) {
      return false;
    }
    return s == RED ? (r >= 0 && r <= 2) : (r >= 7 && r <= 9);
  }

  // Constant direction tables; never written after class initialisation.
  private static final int[] ORTHOGONAL = {NORTH, SOUTH, EAST, WEST};
  private static final int[] DIAGONAL = {NORTH + EAST, NORTH + WEST, SOUTH + EAST, SOUTH + WEST};

  /** Writes pseudo-legal moves for the side to move into {@code out} and returns how many. */
  int generatePseudo(int[] out) {
    int n = 0;
    int s = side;
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        int from = sq(f, r);
        int p = board[from];
        if (p == EMPTY || (p >> 3) != s) {
          continue;
        }
        switch (p & 7) {
          case GENERAL -> n = genGeneral(from, s, out, n);
          case ADVISOR -> n = genAdvisor(from, s, out, n);
          case ELEPHANT -> n = genElephant(from, s, out, n);
          case HORSE -> n = genHorse(from, s, out, n);
          case CHARIOT -> n = genChariot(from, s, out, n);
          case CANNON -> n = genCannon(from, s, out, n);
          case SOLDIER -> n = genSoldier(from, s, out, n);
          default -> throw new IllegalStateException("corrupt board code " + p);
        }
      }
    }
    return n;
  }

  /** Writes legal moves for the side to move into {@code out} and returns how many. */
  int generateLegal(int[] out) {
    int n = generatePseudo(out);
    int kept = 0;
    int s = side;
    for (int i = 0; i < n; i++) {
      int m = out[i];
      make(m);
      boolean ok = !generalAttacked(s);
      unmake();
      if (ok) {
        out[kept++] = m;
      }
    }
    return kept;
  }

  private boolean canLand(int t, int s) {
    int p = board[t];
    return p == EMPTY || (p != OFF && (p >> 3) != s);
  }

  private int genGeneral(int from, int s, int[] out, int n) {
    for (int d : ORTHOGONAL) {
      int t = from + d;
      if (inPalace(t, s) && canLand(t, s)) {
        out[n++] = encode(from, t);
      }
    }
    return n;
  }

  private int genAdvisor(int from, int s, int[] out, int n) {
    for (int d : DIAGONAL) {
      int t = from + d;
      if (inPalace(t, s) && canLand(t, s)) {
        out[n++] = encode(from, t);
      }
    }
    return n;
  }

  private int genElephant(int from, int s, int[] out, int n) {
    for (int d : DIAGONAL) {
      int eye = from + d;
      int t = eye + d;
      if (board[eye] == EMPTY && board[t] != OFF && !crossedRiver(t, s) && canLand(t, s)) {
        out[n++] = encode(from, t);
      }
    }
    return n;
  }

  private int genHorse(int from, int s, int[] out, int n) {
    for (int d : ORTHOGONAL) {
      int leg = from + d;
      if (board[leg] != EMPTY) {
        continue;
      }
      int side1 = (d == NORTH || d == SOUTH) ? EAST : NORTH;
      int t1 = leg + d + side1;
      int t2 = leg + d - side1;
      if (canLand(t1, s)) {
        out[n++] = encode(from, t1);
      }
      if (canLand(t2, s)) {
        out[n++] = encode(from, t2);
      }
    }
    return n;
  }

  private int genChariot(int from, int s, int[] out, int n) {
    for (int d : ORTHOGONAL) {
      int t = from + d;
      while (board[t] == EMPTY) {
        out[n++] = encode(from, t);
        t += d;
      }
      if (canLand(t, s)) {
        out[n++] = encode(from, t);
      }
    }
    return n;
  }

  private int genCannon(int from, int s, int[] out, int n) {
    for (int d : ORTHOGONAL) {
      int t = from + d;
      while (board[t] == EMPTY) {
        out[n++] = encode(from, t);
        t += d;
      }
      if (board[t] == OFF) {
        continue;
      }
      // The first piece met is the screen, whichever its colour; only what lies beyond can be
      // captured.
      t += d;
      while (board[t] == EMPTY) {
        t += d;
      }
      int p = board[t];
      if (p != OFF && (p >> 3) != s) {
        out[n++] = encode(from, t);
      }
    }
    return n;
  }

  private int genSoldier(int from, int s, int[] out, int n) {
    int t = from + (s == RED ? NORTH : SOUTH);
    if (canLand(t, s)) {
      out[n++] = encode(from, t);
    }
    if (crossedRiver(from, s)) {
      if (canLand(from + EAST, s)) {
        out[n++] = encode(from, from + EAST);
      }
      if (canLand(from + WEST, s)) {
        out[n++] = encode(from, from + WEST);
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return toFen();
  }
}
