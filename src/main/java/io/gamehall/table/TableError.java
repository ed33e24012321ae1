package io.gamehall.table;

import java.util.Locale;

/**
 * Why the table refused a command; the wire form is {@link #code()}. Games add their own codes
 * through Step.Rejected.
 */
public enum TableError {
  BUSY,
  CLOSED,
  NOT_SEATED,
  ALREADY_SEATED,
  NOT_MEMBER,
  SEAT_TAKEN,
  INVALID_SEAT,
  TABLE_FULL,
  NOT_STARTED,
  ALREADY_PLAYING,
  GAME_OVER,
  NOT_YOUR_TURN,
  STALE,
  NOT_TRUSTEE,
  NOT_FINISHED,
  NOT_PRACTICE,
  NOT_PUBLIC,
  SPECTATORS_FULL,
  CHAT_EMPTY,
  CHAT_TOO_LONG,
  CHAT_RATE_LIMITED,
  UNKNOWN_PHRASE,
  DRAW_UNAVAILABLE,
  DRAW_PENDING,
  NO_DRAW_OFFER,
  UNDO_PENDING,
  NO_UNDO_REQUEST,
  /**
   * Cluster mode: this node does not see a quorum of the cluster (it may be cut off from the
   * majority), so it applies nothing; retry later.
   */
  NO_QUORUM,
  /** Cluster mode: another node runs this table now (this node lost it); reconnect and resume. */
  MOVED,
  /** A bug, logged on the server; nothing the player did wrong. */
  INTERNAL_ERROR;

  /** The stable lower-case code, e.g. {@code not_your_turn}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
