package io.gamehall.game.gomoku;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Gomoku/Renju game: validates and records moves, detects wins and draws, supports undo. Not
 * thread-safe.
 */
public final class GomokuGame {

  private final Variant variant;
  private final Board board;
  private final List<Point> moves;
  private GameResult result;

  /** A new game of {@code variant} with black to move on an empty board. */
  public GomokuGame(Variant variant) {
    this.variant = Objects.requireNonNull(variant, "variant");
    this.board = new Board();
    this.moves = new ArrayList<>();
    this.result = GameResult.ONGOING;
  }

  private GomokuGame(GomokuGame other) {
    this.variant = other.variant;
    this.board = other.board.copy();
    this.moves = new ArrayList<>(other.moves);
    this.result = other.result;
  }

  /** An independent copy, e.g. for a bot to search on. */
  public GomokuGame copy() {
    return new GomokuGame(this);
  }

  /** The rule variant. */
  public Variant variant() {
    return variant;
  }

  /** The colour to move next (also after the game has ended). */
  public Stone sideToMove() {
    return moves.size() % 2 == 0 ? Stone.BLACK : Stone.WHITE;
  }

  /** The moves played so far, in order, black first. */
  public List<Point> moves() {
    return List.copyOf(moves);
  }

  /** The current result. */
  public GameResult result() {
    return result;
  }

  /** A copy of the current board. */
  public Board board() {
    return board.copy();
  }

  /** The stone on {@code p}, empty when vacant or off the board. */
  public Optional<Stone> stoneAt(Point p) {
    return p == null ? Optional.empty() : board.stoneAt(p);
  }

  /**
   * The foul the side to move would commit at {@code p}: only black under Renju can foul, and only
   * on a vacant on-board point.
   */
  public Optional<Foul> foulAt(Point p) {
    if (variant != Variant.RENJU || sideToMove() != Stone.BLACK || p == null || !board.isEmpty(p)) {
      return Optional.empty();
    }
    return Optional.ofNullable(RenjuRules.foulAt(board, p.column(), p.row()));
  }

  /** Why {@code p} would be refused for the side to move, or empty if it would be accepted. */
  public Optional<MoveOutcome.Rejected> check(Point p) {
    if (p == null) {
      return Optional.of(MoveOutcome.Rejected.of(Rejection.MALFORMED));
    }
    if (result.status().isOver()) {
      return Optional.of(MoveOutcome.Rejected.of(Rejection.GAME_OVER));
    }
    if (!p.isOnBoard()) {
      return Optional.of(MoveOutcome.Rejected.of(Rejection.OUT_OF_BOARD));
    }
    if (!board.isEmpty(p)) {
      return Optional.of(MoveOutcome.Rejected.of(Rejection.OCCUPIED));
    }
    return foulAt(p).map(MoveOutcome.Rejected::forbidden);
  }

  /** Whether the side to move may play {@code p} now. */
  public boolean isLegal(Point p) {
    return check(p).isEmpty();
  }

  /** Every point the side to move may play now (bottom row first); empty once the game is over. */
  public List<Point> legalMoves() {
    if (result.status().isOver()) {
      return List.of();
    }
    List<Point> legal = new ArrayList<>();
    for (Point p : board.emptyPoints()) {
      if (foulAt(p).isEmpty()) {
        legal.add(p);
      }
    }
    return legal;
  }

  /**
   * Plays {@code p} for the side to move, or refuses it with a typed reason; never throws on bad
   * input.
   */
  public MoveOutcome play(Point p) {
    Optional<MoveOutcome.Rejected> refusal = check(p);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Stone stone = sideToMove();
    board.set(p.column(), p.row(), stone.code());
    moves.add(p);
    result = evaluate(p, stone);
    return new MoveOutcome.Accepted(p, stone, result);
  }

  /**
   * Plays a move given in notation such as {@code H8}; unparseable text is refused as malformed.
   */
  public MoveOutcome play(String notation) {
    Optional<Point> p = Point.parse(notation);
    if (p.isPresent()) {
      return play(p.get());
    }
    return MoveOutcome.Rejected.of(
        looksOffBoard(notation) ? Rejection.OUT_OF_BOARD : Rejection.MALFORMED);
  }

  /** Takes back the last move (悔棋 of one ply); false when there is nothing to undo. */
  public boolean undoLast() {
    return undo(1);
  }

  /**
   * Takes back the last {@code plies} moves, e.g. 2 so that the player who asked for the undo is to
   * move again. Undoing a finished game's winning move reopens it.
   *
   * @return false (and no change) when {@code plies} is negative or exceeds the number of moves
   *     played
   */
  public boolean undo(int plies) {
    if (plies < 0 || plies > moves.size()) {
      return false;
    }
    for (int i = 0; i < plies; i++) {
      Point p = moves.remove(moves.size() - 1);
      board.remove(p);
    }
    // Every position before the last move was still in progress, otherwise that move could not have
    // been played.
    if (plies > 0) {
      result = GameResult.ONGOING;
    }
    return true;
  }

  private GameResult evaluate(Point p, Stone stone) {
    for (Direction d : Direction.values()) {
      int len = board.runLength(p.column(), p.row(), stone.code(), d);
      if (variant.isWinningRun(stone, len)) {
        return GameResult.win(stone, line(p, stone, d));
      }
    }
    return board.isFull() ? GameResult.DRAW : GameResult.ONGOING;
  }

  private List<Point> line(Point p, Stone stone, Direction d) {
    int c = p.column();
    int r = p.row();
    while (board.get(c - d.dc, r - d.dr) == stone.code()) {
      c -= d.dc;
      r -= d.dr;
    }
    List<Point> points = new ArrayList<>();
    while (board.get(c, r) == stone.code()) {
      points.add(new Point(c, r));
      c += d.dc;
      r += d.dr;
    }
    return points;
  }

  /**
   * A letter followed by digits is well-formed notation that merely misses the board (e.g. {@code
   * P3}, {@code A16}).
   */
  private static boolean looksOffBoard(String notation) {
    if (notation == null) {
      return false;
    }
    String t = notation.strip();
    return t.length() >= 2
        && t.length() <= 4
        && Character.isLetter(t.charAt(0))
        && t.charAt(0) < 128
        && t.substring(1).chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }
}
