package io.gamehall.game;

import java.util.Optional;

/**
 * A match that can end in a draw both sides agree to: an optional capability the table checks for
 * before it accepts a draw offer (two-seat games have it, Dou Dizhu does not).
 */
public interface DrawableMatch extends Match {
  /** Ends the match as an agreed draw; empty if it is already over. */
  Optional<Result> agreeDraw();
}
