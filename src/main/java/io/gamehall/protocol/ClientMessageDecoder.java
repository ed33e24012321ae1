package io.gamehall.protocol;

import io.gamehall.protocol.ClientMessage.Hello;
import io.gamehall.protocol.ClientMessage.Invalid;
import io.gamehall.protocol.ClientMessage.Ping;
import jakarta.json.JsonObject;
import jakarta.websocket.Decoder;

/**
 * Server side: text frame to {@link ClientMessage}. Never throws: anything it cannot read becomes {@link Invalid}.
 */
public final class ClientMessageDecoder implements Decoder.Text<ClientMessage> {

  @Override
  public ClientMessage decode(String text) {
    String id = null;
    try {
      JsonObject obj = Json.parseObject(text);
      id = idOrNull(obj);
      String type = Json.requireType(obj);
      return switch (type) {
        case "hello" -> new Hello(
            Json.optionalId(obj),
            Json.optionalInt(obj, "protocol", Limits.PROTOCOL_VERSION, 1, Integer.MAX_VALUE),
            nickname(obj));
        case "ping" -> new Ping(Json.optionalId(obj), Json.optionalLong(obj, "t"));
        default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + clip(type) + "'");
      };
    } catch (ProtocolException e) {
      return new Invalid(id, e.code(), e.getMessage());
    }
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }

  /** The id to echo in an error; a malformed id is reported by the full decode, not here. */
  private static String idOrNull(JsonObject obj) {
    try {
      return Json.optionalId(obj);
    } catch (ProtocolException e) {
      return null;
    }
  }

  private static String nickname(JsonObject obj) throws ProtocolException {
    String raw = Json.optionalString(obj, "nickname", Limits.MAX_NICKNAME_LENGTH * 4);
    if (raw == null) {
      return null;
    }
    String cleaned = Sanitize.withoutControlCharacters(raw).strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    if (cleaned.codePointCount(0, cleaned.length()) > Limits.MAX_NICKNAME_LENGTH) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "nickname is longer than " + Limits.MAX_NICKNAME_LENGTH + " characters");
    }
    return cleaned;
  }

  /** Echoing an attacker's 10 KB type name back would amplify it: cut it short. */
  private static String clip(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }
}
