package io.gamehall.table;

/**
 * Hears about a table from the outside (lobby directory, history, disposal). Called on the table's
 * serial queue: implementations must be quick and must not call back into the table synchronously
 * expecting an answer.
 */
public interface TableListener {
  /** The phase, the seats taken or the audience changed. */
  default void stateChanged(TableSummary summary) {}

  /** A match ended. */
  default void matchEnded(MatchRecord record) {}

  /**
   * A seat went under 托管 (its clock ran out or its player left mid-turn); for the operators'
   * metrics.
   */
  default void trusteeActivated(String tableId, int seat) {}

  /** No human is seated or watching any more; the owner may {@link Table#close()} the table. */
  default void emptied(String tableId) {}

  /**
   * Whether this listener saves snapshots; only then does the table take them (after every event of
   * a running match).
   */
  default boolean keepsCheckpoints() {
    return false;
  }

  /**
   * The newest state of a running match, to save; only the latest one per table matters. Must not
   * block.
   */
  default void checkpoint(TableState state) {}

  /**
   * The table's saved state is obsolete (its match ended, or it closed); delete it. Must not block.
   */
  default void forget(String tableId) {}
}
