package io.gamehall.game;

import java.util.List;
import java.util.Optional;

/** A match that can take moves back: an optional capability the table checks for undo requests. */
public interface UndoableMatch extends Match {
  /**
   * Takes back the last move of {@code seat} (and any reply after it); empty if the position
   * cannot.
   */
  Optional<List<Event>> undo(int seat);
}
