package io.gamehall.game;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part every two-seat board game shares (Gomoku, Xiangqi): ending off the board by resignation,
 * abandonment or an agreed draw, and taking back the requester's last move with the reply after it.
 * A subclass says what its board decided and how to remove plies.
 */
public abstract class TwoSeatMatch implements DrawableMatch, UndoableMatch {
  private final String gameName;

  /** Longer input cannot be a move; refusing it early keeps hostile strings out of parsing. */
  private final int maxActionLength;

  /** Set when the match ended off the board (resignation, abandonment, agreed draw). */
  private Result forcedEnd;

  protected TwoSeatMatch(String gameName, int maxActionLength) {
    this.gameName = gameName;
    this.maxActionLength = maxActionLength;
  }

  /**
   * Refuses what no board game accepts (a finished match, a seat out of turn, an action missing or
   * too long to be a move) and hands the rest to the game.
   */
  @Override
  public final Step apply(int seat, String action) {
    if (isOver()) {
      return new Step.Rejected("game_over", "The game is already over.");
    }
    if (seat != toAct()) {
      return new Step.Rejected("not_your_turn", "It is not your turn.");
    }
    if (action == null || action.length() > maxActionLength) {
      return malformed();
    }
    return play(seat, action);
  }

  /** Judges and plays a move by the seat to act; the match is running and the action is short. */
  protected abstract Step play(int seat, String action);

  /** The refusal of an action that is not a move at all; it says how a move is written. */
  protected abstract Step.Rejected malformed();

  /** Whether the rules have ended the match on the board; cheap, as it runs on every turn. */
  protected abstract boolean ruledOver();

  /** The result the rules reached on the board, if any. */
  protected abstract Optional<Result> ruledResult();

  /** Moves played so far. */
  protected abstract int plies();

  /** Removes the last {@code plies} moves and returns them in the order they were played. */
  protected abstract List<String> takeBack(int plies);

  /** Adds game-specific facts to an {@code undo} event after the common ones. */
  protected void describeUndo(Map<String, Object> data) {}

  /** Whether the match ended by resignation, abandonment or agreement (so it is not saved). */
  protected final boolean endedOffBoard() {
    return forcedEnd != null;
  }

  protected final boolean isOver() {
    return forcedEnd != null || ruledOver();
  }

  @Override
  public final Optional<Result> result() {
    return forcedEnd != null ? Optional.of(forcedEnd) : ruledResult();
  }

  @Override
  public final Result resign(int seat) {
    return forfeit(seat, Result.EndReason.RESIGN, "resign");
  }

  @Override
  public final Result abandon(int seat) {
    return forfeit(seat, Result.EndReason.ABANDONMENT, "abandon");
  }

  private Result forfeit(int seat, Result.EndReason reason, String detail) {
    if (seat != 0 && seat != 1) {
      throw new IllegalArgumentException(gameName + " seats are 0 and 1, not " + seat);
    }
    if (!isOver()) {
      forcedEnd = Result.twoSeatWin(1 - seat, reason, detail);
    }
    return result().orElseThrow();
  }

  @Override
  public final Optional<Result> agreeDraw() {
    if (isOver()) {
      return Optional.empty();
    }
    forcedEnd = new Result(List.of(), Map.of(0, 0, 1, 0), Result.EndReason.AGREED_DRAW, "agreed");
    return Optional.of(forcedEnd);
  }

  /**
   * Removes the requester's last move and the opponent's reply after it, if any, so the requester
   * moves again. Refused once the match is over, so a recorded result never changes.
   */
  @Override
  public final Optional<List<Event>> undo(int seat) {
    if (isOver() || (seat != 0 && seat != 1)) {
      return Optional.empty();
    }
    int plies = toAct() == seat ? 2 : 1;
    if (plies > plies()) {
      return Optional.empty();
    }
    List<String> removed = takeBack(plies);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seat", seat);
    data.put("plies", plies);
    data.put("removed", removed);
    data.put("toAct", toAct());
    describeUndo(data);
    return Optional.of(List.of(Event.of("undo", data)));
  }
}
