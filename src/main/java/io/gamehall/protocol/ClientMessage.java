package io.gamehall.protocol;

/**
 * Messages from a client to the server.
 *
 * <p>{@code id} is an optional client-chosen string echoed as {@code re} in the direct reply, so a client can match
 * replies and errors to its requests.
 */
public sealed interface ClientMessage {
  /** The client-chosen id, or {@code null}. */
  String id();

  /**
   * Java 17 has no pattern matching in switch, so dispatch is a visitor: adding a message type breaks the build of
   * every handler that does not handle it yet, the same guarantee an exhaustive switch gives.
   */
  <R> R accept(Visitor<R> visitor);

  /** One method per message type. */
  interface Visitor<R> {
    R hello(Hello hello);

    R ping(Ping ping);

    R invalid(Invalid invalid);
  }

  /** Opens the conversation: asks for a guest identity. {@code nickname} may be null (a default is assigned). */
  record Hello(String id, int protocol, String nickname) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.hello(this);
    }
  }

  /** Application-level ping; {@code t} is an opaque client timestamp echoed in the pong, or null. */
  record Ping(String id, Long t) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ping(this);
    }
  }

  /**
   * Input that could not be decoded. The decoder returns this instead of throwing so that a bad frame becomes a
   * typed {@code error} reply on an open connection, the same on every container.
   */
  record Invalid(String id, ErrorCode code, String detail) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.invalid(this);
    }
  }
}
