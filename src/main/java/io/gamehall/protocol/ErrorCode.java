package io.gamehall.protocol;

/** Stable error codes carried by {@code error} messages; the wire form is the constant's name. */
public enum ErrorCode {
  /** The text frame is not valid JSON. */
  MALFORMED_JSON,
  /** Valid JSON, but not an object with a string {@code type}. */
  MALFORMED_MESSAGE,
  /** The {@code type} names no message this server accepts. */
  UNKNOWN_TYPE,
  /** A required field is absent. */
  MISSING_FIELD,
  /** A field has the wrong JSON type (a number where a string belongs, ...). */
  WRONG_FIELD_TYPE,
  /** A field has the right type but a value outside its allowed range or shape. */
  INVALID_FIELD,
  /** The client asked for a protocol version this server does not speak. */
  UNSUPPORTED_PROTOCOL,
  /** Only {@code hello} and {@code ping} are accepted before {@code welcome}. */
  HELLO_REQUIRED,
  /** {@code hello} was already answered on this connection. */
  ALREADY_WELCOMED,
  /**
   * The session token is forged, expired or signed with a retired key: send {@code hello} without
   * it.
   */
  INVALID_TOKEN,
  /** No game with that id is offered here. */
  UNKNOWN_GAME,
  /** The game refused the table options (the message says which). */
  INVALID_OPTIONS,
  /** No table with that id or code exists (any more). */
  UNKNOWN_TABLE,
  /**
   * Too many requests of this type in a short time (for example {@code create_table}); wait and
   * retry.
   */
  RATE_LIMITED,
  /** The player already sits at the most tables allowed at once; leave one first. */
  TOO_MANY_TABLES,
  /**
   * The server is draining for maintenance: no new tables or quick matches; running games finish.
   */
  DRAINING,
  /** {@code register}: another account has that name. */
  NAME_TAKEN,
  /** {@code register}: the password is too short or too simple (the message says why). */
  WEAK_PASSWORD,
  /** {@code register}: this player already has an account. */
  ALREADY_REGISTERED,
  /** {@code login}: no account with that name and password (which one is wrong is not told). */
  BAD_CREDENTIALS,
  /** {@code logout} and {@code change_password}: only a signed-in account has sessions to end. */
  ACCOUNT_REQUIRED,
  /** No finished match with that id is stored. */
  UNKNOWN_MATCH,
  /**
   * The database is missing or failing; play goes on, history and accounts are unavailable for now.
   */
  STORE_UNAVAILABLE
}
