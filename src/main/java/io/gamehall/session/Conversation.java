package io.gamehall.session;

import io.gamehall.config.HallSettings;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.Limits;
import io.gamehall.protocol.ServerMessage;

/** Answers one connection's messages. Runs on the container's thread for that connection, one message at a time. */
final class Conversation implements ClientMessage.Visitor<Void> {
  private final Connection connection;
  private final HallSettings settings;
  private final GuestIds guestIds;

  Conversation(Connection connection, HallSettings settings, GuestIds guestIds) {
    this.connection = connection;
    this.settings = settings;
    this.guestIds = guestIds;
  }

  @Override
  public Void hello(ClientMessage.Hello hello) {
    if (connection.player() != null) {
      return fail(hello.id(), ErrorCode.ALREADY_WELCOMED, "this connection is already welcomed");
    }
    if (hello.protocol() != Limits.PROTOCOL_VERSION) {
      return fail(
          hello.id(),
          ErrorCode.UNSUPPORTED_PROTOCOL,
          "this server speaks protocol " + Limits.PROTOCOL_VERSION + ", not " + hello.protocol());
    }
    String playerId = guestIds.next();
    String nickname = hello.nickname() != null ? hello.nickname() : "Guest-" + playerId.substring(2, 6);
    connection.welcome(new PlayerIdentity(playerId, nickname));
    connection.send(
        new ServerMessage.Welcome(
            hello.id(),
            playerId,
            nickname,
            Limits.PROTOCOL_VERSION,
            settings.heartbeatSeconds(),
            settings.maxMessageBytes()));
    return null;
  }

  @Override
  public Void ping(ClientMessage.Ping ping) {
    connection.send(new ServerMessage.Pong(ping.id(), ping.t()));
    return null;
  }

  @Override
  public Void invalid(ClientMessage.Invalid invalid) {
    return fail(invalid.id(), invalid.code(), invalid.detail());
  }

  private Void fail(String re, ErrorCode code, String message) {
    connection.send(new ServerMessage.Error(re, code, message));
    return null;
  }
}
