package io.gamehall.protocol;

import jakarta.websocket.Encoder;

/** Server side: {@link ServerMessage} to text. Stateless and thread-safe, so one instance serves every connection. */
public final class ServerMessageEncoder implements Encoder.Text<ServerMessage>, ServerMessage.Visitor<String> {

  @Override
  public String encode(ServerMessage message) {
    return message.accept(this);
  }

  @Override
  public String welcome(ServerMessage.Welcome w) {
    return Json.write(g -> {
      g.write("type", "welcome");
      Json.writeOptional(g, "re", w.re());
      g.write("playerId", w.playerId())
          .write("nickname", w.nickname())
          .write("protocol", w.protocol())
          .write("heartbeatSeconds", w.heartbeatSeconds())
          .write("maxMessageBytes", w.maxMessageBytes());
    });
  }

  @Override
  public String pong(ServerMessage.Pong p) {
    return Json.write(g -> {
      g.write("type", "pong");
      Json.writeOptional(g, "re", p.re());
      Json.writeOptional(g, "t", p.t());
    });
  }

  @Override
  public String error(ServerMessage.Error e) {
    return Json.write(g -> {
      g.write("type", "error");
      Json.writeOptional(g, "re", e.re());
      g.write("code", e.code().name()).write("message", e.message());
    });
  }
}
