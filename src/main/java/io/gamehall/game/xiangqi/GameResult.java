package io.gamehall.game.xiangqi;

import java.util.Objects;

/** The state of a game's adjudication: an outcome plus the reason for it. */
public record GameResult(Outcome outcome, EndReason reason) {

  /** The result of any game still in progress. */
  public static final GameResult ONGOING = new GameResult(Outcome.ONGOING, EndReason.NONE);

  public GameResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    if ((outcome == Outcome.ONGOING) != (reason == EndReason.NONE)) {
      throw new IllegalArgumentException("reason " + reason + " does not fit outcome " + outcome);
    }
  }

  public boolean isOver() {
    return outcome != Outcome.ONGOING;
  }
}
