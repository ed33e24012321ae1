package io.gamehall.game.xiangqi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A Xiangqi game: position plus the history needed for repetition and no-capture adjudication; not
 * thread-safe.
 */
public final class XiangqiGame {

  /** 60 moves by each side without a capture. */
  public static final int NO_CAPTURE_PLY_LIMIT = 120;

  private final String initialFen;
  private final Position position;
  private final List<Move> moves = new ArrayList<>();
  // keys.get(i) is the position after i plies; givesCheck.get(i) is whether ply i+1 gave check.
  private final List<String> keys = new ArrayList<>();
  private final List<Boolean> givesCheck = new ArrayList<>();
  private GameResult result;

  private XiangqiGame(Position position) {
    this.position = position;
    this.initialFen = position.toFen();
    keys.add(position.repetitionKey());
    result = adjudicateWithoutRepetition();
  }

  public static XiangqiGame newGame() {
    return new XiangqiGame(Position.start());
  }

  /**
   * Starts from an arbitrary position. Earlier history is unknown, so repetitions count only from
   * here; the FEN's halfmove clock does count towards the no-capture rule.
   *
   * @throws FenException on malformed or impossible FEN
   */
  public static XiangqiGame fromFen(String fen) {
    return new XiangqiGame(Position.fromFen(fen));
  }

  public String initialFen() {
    return initialFen;
  }

  public String fen() {
    return position.toFen();
  }

  /** A copy of the current position, safe to analyse or mutate. */
  public Position position() {
    return position.copy();
  }

  public Side sideToMove() {
    return position.sideToMove();
  }

  public boolean inCheck() {
    return position.inCheck();
  }

  /** Legal moves for the side to move; empty once the game is over. */
  public List<Move> legalMoves() {
    return result.isOver() ? List.of() : position.legalMoves();
  }

  public boolean isLegal(Move move) {
    return !result.isOver() && position.isLegal(move);
  }

  /**
   * Plays a move given in ICCS.
   *
   * @throws MoveFormatException if the text is not ICCS
   * @throws IllegalMoveException if the move is not legal or the game is over
   */
  public MoveOutcome play(String iccs) {
    return play(Move.parse(iccs));
  }

  /**
   * Plays a move and adjudicates the game.
   *
   * @throws IllegalMoveException if the move is not legal or the game is over
   */
  public MoveOutcome play(Move move) {
    if (move == null) {
      throw new IllegalMoveException("move is missing");
    }
    if (result.isOver()) {
      throw new IllegalMoveException(
          "game is over (" + result.outcome() + ", " + result.reason() + ")");
    }
    Optional<Piece> captured = position.play(move);
    boolean check = position.inCheck();
    moves.add(move);
    givesCheck.add(check);
    keys.add(position.repetitionKey());
    result = adjudicate();
    return new MoveOutcome(move, captured, check, result);
  }

  public GameResult result() {
    return result;
  }

  public List<Move> moves() {
    return Collections.unmodifiableList(moves);
  }

  /** The moves played so far in ICCS, e.g. {@code ["h2e2", "h9g7"]}. */
  public List<String> moveListIccs() {
    return moves.stream().map(Move::iccs).toList();
  }

  private GameResult adjudicate() {
    GameResult basic = adjudicateWithoutRepetition();
    // Running out of moves is decisive even if the position also repeats or the clock runs out.
    if (basic.isOver()
        && (basic.reason() == EndReason.CHECKMATE || basic.reason() == EndReason.STALEMATE)) {
      return basic;
    }
    GameResult repetition = adjudicateRepetition();
    return repetition.isOver() ? repetition : basic;
  }

  private GameResult adjudicateWithoutRepetition() {
    if (position.legalMoves().isEmpty()) {
      Side winner = position.sideToMove().opponent();
      return new GameResult(
          Outcome.winFor(winner), position.inCheck() ? EndReason.CHECKMATE : EndReason.STALEMATE);
    }
    if (position.halfmoveClock() >= NO_CAPTURE_PLY_LIMIT) {
      return new GameResult(Outcome.DRAW, EndReason.NO_CAPTURE_DRAW);
    }
    return GameResult.ONGOING;
  }

  /**
   * Threefold repetition. The cycle is every ply from the first of the three occurrences up to now;
   * a side "checked perpetually" if each of its plies in the cycle gave check.
   */
  private GameResult adjudicateRepetition() {
    int now = keys.size() - 1;
    String current = keys.get(now);
    int occurrences = 0;
    int first = now;
    // A capture changes the material for good, so nothing before it can match the current position.
    int oldest = Math.max(0, now - position.halfmoveClock());
    for (int i = now; i >= oldest; i--) {
      if (keys.get(i).equals(current)) {
        occurrences++;
        first = i;
        if (occurrences == 3) {
          break;
        }
      }
    }
    if (occurrences < 3) {
      return GameResult.ONGOING;
    }
    // Ply i+1 (givesCheck index i) was made by the side to move in keys.get(i).
    Side moverAtFirst = sideAfterPlies(first);
    boolean moverAllChecks = true;
    boolean otherAllChecks = true;
    for (int i = first; i < now; i++) {
      boolean byMoverAtFirst = (i - first) % 2 == 0;
      if (!givesCheck.get(i)) {
        if (byMoverAtFirst) {
          moverAllChecks = false;
        } else {
          otherAllChecks = false;
        }
      }
    }
    if (moverAllChecks && !otherAllChecks) {
      return new GameResult(Outcome.winFor(moverAtFirst.opponent()), EndReason.PERPETUAL_CHECK);
    }
    if (otherAllChecks && !moverAllChecks) {
      return new GameResult(Outcome.winFor(moverAtFirst), EndReason.PERPETUAL_CHECK);
    }
    return new GameResult(Outcome.DRAW, EndReason.REPETITION_DRAW);
  }

  private Side sideAfterPlies(int plies) {
    Side start = keys.get(0).endsWith("w") ? Side.RED : Side.BLACK;
    return plies % 2 == 0 ? start : start.opponent();
  }
}
