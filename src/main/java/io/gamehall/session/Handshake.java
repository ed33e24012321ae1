package io.gamehall.session;

/**
 * What the handshake learnt about a connection, handed to the session through its user properties
 * (which Jakarta WebSocket 2.1 makes a per-connection copy during {@code modifyHandshake}).
 *
 * @param peer the client's address as the policy sees it (forwarded or direct), or null where the
 *     container gives none
 * @param refusal why the connection must be closed at once with 1008, or null to accept it
 */
public record Handshake(String peer, String refusal) {
  /** The user-property key the configurator stores this under. */
  public static final String KEY = "io.gamehall.handshake";
}
