package io.gamehall.protocol;

/** Fixed field limits of protocol version 1; configurable limits live in the server settings instead. */
public final class Limits {
  /** The protocol version this server speaks. */
  public static final int PROTOCOL_VERSION = 1;
  /** Client message ids are short tokens, not payloads. */
  public static final int MAX_ID_LENGTH = 64;
  /** Nicknames are shown in tables and lists; longer ones are refused, not cut. */
  public static final int MAX_NICKNAME_LENGTH = 24;

  private Limits() {}
}
