package io.gamehall.table;

/** Where a table is in its life. */
public enum Phase {
  /** Seats are free or not every human is ready. */
  FILLING,
  PLAYING,
  /** A match has ended; the seats stay taken until someone leaves or all ask for a rematch. */
  FINISHED,
  /** Disposed; every command is refused. */
  CLOSED
}
