package io.gamehall.protocol;

import jakarta.websocket.CloseReason.CloseCode;

/**
 * Every close code the server sends, standard (RFC 6455 section 7.4.1) and application-defined
 * (4000-4999).
 *
 * <p>Clients decide whether to reconnect from the code alone, so these numbers are part of the
 * protocol and never change meaning; docs/protocol.md lists them.
 */
public enum CloseCodes implements CloseCode {
  /** The server is shutting down or draining; reconnect with backoff. */
  GOING_AWAY(1001),
  /** A binary frame arrived; the protocol is text-only. */
  CANNOT_ACCEPT(1003),
  /**
   * The client broke a policy: it sent faster than the rate limit, never completed {@code hello} in
   * time, opened too many sockets from one address, or came from an origin that is not allowed. The
   * reason says which.
   */
  POLICY_VIOLATION(1008),
  /** A text message exceeded the configured size limit. */
  TOO_BIG(1009),
  /** The server failed unexpectedly while handling this connection. */
  UNEXPECTED_CONDITION(1011),
  /**
   * The same player connected again elsewhere (another tab or device); this older connection is
   * replaced.
   */
  REPLACED(4001),
  /** The client did not read fast enough: its outbox overflowed. Reconnect and resume. */
  SLOW_CONSUMER(4002),
  /** Nothing (not even a pong) arrived from the client for longer than the dead-peer timeout. */
  HEARTBEAT_TIMEOUT(4003),
  /**
   * The token this connection was welcomed with was revoked: {@code logout} (of this device or
   * all), or a password change on another connection. Do not reconnect with that token: log in
   * again, or say hello without it as a guest.
   */
  TOKEN_REVOKED(4004);

  private final int code;

  CloseCodes(int code) {
    this.code = code;
  }

  @Override
  public int getCode() {
    return code;
  }
}
