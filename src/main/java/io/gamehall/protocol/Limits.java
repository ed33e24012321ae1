package io.gamehall.protocol;

/**
 * Fixed field limits of protocol version 1; configurable limits live in the server settings
 * instead.
 */
public final class Limits {
  /** The protocol version this server speaks. */
  public static final int PROTOCOL_VERSION = 1;

  /** Client message ids are short tokens, not payloads. */
  public static final int MAX_ID_LENGTH = 64;

  /** Nicknames are shown in tables and lists; longer ones are refused, not cut. */
  public static final int MAX_NICKNAME_LENGTH = 24;

  /** Session tokens are about 150 characters; anything much longer is not one. */
  public static final int MAX_TOKEN_LENGTH = 512;

  /** Table ids are short server-made tokens. */
  public static final int MAX_TABLE_ID_LENGTH = 32;

  /** Moves are short notations ({@code H8}, {@code h2e2}, {@code play 33344456}). */
  public static final int MAX_MOVE_LENGTH = 64;

  /** Chat text is cut to the table's own limit later; this only bounds what is decoded at all. */
  public static final int MAX_CHAT_FIELD_LENGTH = 1000;

  /** Table options: a few short key/value pairs. */
  public static final int MAX_OPTIONS = 8;

  /** Passwords: the account rules allow 128 characters; more is refused before any hashing. */
  public static final int MAX_PASSWORD_LENGTH = 128;

  /** History and leaderboard pages. */
  public static final int DEFAULT_PAGE_SIZE = 20;

  public static final int MAX_PAGE_SIZE = 50;
  public static final int MAX_PAGE_OFFSET = 1_000_000;

  /** No stored game is this long; bounds the work one replay request can ask for. */
  public static final int MAX_REPLAY_PLY = 10_000;

  /**
   * Players named in one leaderboard lookup: the seats of the largest table, with room to spare.
   */
  public static final int MAX_STANDINGS_PLAYERS = 8;

  private Limits() {}
}
