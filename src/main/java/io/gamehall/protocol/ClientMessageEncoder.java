package io.gamehall.protocol;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/** Client side (Java clients, bots, tests and the load harness): {@link ClientMessage} to text. */
public final class ClientMessageEncoder implements Encoder.Text<ClientMessage> {

  @Override
  public String encode(ClientMessage message) throws EncodeException {
    String text = message.accept(WRITER);
    if (text == null) {
      throw new EncodeException(message, "an Invalid message is a decoding result, not something to send");
    }
    return text;
  }

  private static final ClientMessage.Visitor<String> WRITER =
      new ClientMessage.Visitor<>() {
        @Override
        public String hello(ClientMessage.Hello h) {
          return Json.write(g -> {
            g.write("type", "hello");
            Json.writeOptional(g, "id", h.id());
            g.write("protocol", h.protocol());
            Json.writeOptional(g, "nickname", h.nickname());
          });
        }

        @Override
        public String ping(ClientMessage.Ping p) {
          return Json.write(g -> {
            g.write("type", "ping");
            Json.writeOptional(g, "id", p.id());
            Json.writeOptional(g, "t", p.t());
          });
        }

        @Override
        public String invalid(ClientMessage.Invalid i) {
          return null;
        }
      };
}
