package io.gamehall.game.gomoku;

import java.util.Objects;
import java.util.Optional;

/**
 * Result of {@link GomokuGame#play(Point)}: either the move was accepted or it was refused with a
 * typed reason.
 */
public sealed interface MoveOutcome {

  /** Whether the move was played. */
  boolean accepted();

  /** The move was played by {@code stone}; {@code result} is the game state afterwards. */
  record Accepted(Point point, Stone stone, GameResult result) implements MoveOutcome {
    @Override
    public boolean accepted() {
      return true;
    }
  }

  /**
   * The move was refused; {@code foul} is present exactly when {@code reason} is {@link
   * Rejection#FORBIDDEN}.
   */
  record Rejected(Rejection reason, Optional<Foul> foul) implements MoveOutcome {

    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(foul, "foul");
      if (foul.isPresent() != (reason == Rejection.FORBIDDEN)) {
        throw new IllegalArgumentException("a foul kind goes with FORBIDDEN and only with it");
      }
    }

    /** A refusal that is not a foul. */
    public static Rejected of(Rejection reason) {
      return new Rejected(reason, Optional.empty());
    }

    /** A refusal because black would commit {@code foul}. */
    public static Rejected forbidden(Foul foul) {
      return new Rejected(Rejection.FORBIDDEN, Optional.of(foul));
    }

    @Override
    public boolean accepted() {
      return false;
    }
  }
}
