package io.gamehall.protocol;

/** Messages from the server to a client. {@code re} is the id of the client message being answered, or null. */
public sealed interface ServerMessage {
  /** Exhaustive dispatch without pattern switches (Java 17); see {@link ClientMessage#accept}. */
  <R> R accept(Visitor<R> visitor);

  /** One method per message type. */
  interface Visitor<R> {
    R welcome(Welcome welcome);

    R pong(Pong pong);

    R error(Error error);
  }

  /** Answer to {@code hello}: the identity and the connection's limits and timings. */
  record Welcome(
      String re, String playerId, String nickname, int protocol, int heartbeatSeconds, int maxMessageBytes)
      implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.welcome(this);
    }
  }

  /** Answer to {@code ping}. */
  record Pong(String re, Long t) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pong(this);
    }
  }

  /** A request that failed; the connection stays open. */
  record Error(String re, ErrorCode code, String message) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.error(this);
    }
  }
}
