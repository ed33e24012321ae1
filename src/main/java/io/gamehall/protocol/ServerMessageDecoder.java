package io.gamehall.protocol;

import io.gamehall.protocol.ServerMessage.Error;
import io.gamehall.protocol.ServerMessage.Pong;
import io.gamehall.protocol.ServerMessage.Welcome;
import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/** Client side: text frame to {@link ServerMessage}. A frame it cannot read means a broken server: it throws. */
public final class ServerMessageDecoder implements Decoder.Text<ServerMessage> {

  @Override
  public ServerMessage decode(String text) throws DecodeException {
    try {
      JsonObject obj = Json.parseObject(text);
      String re = Json.optionalString(obj, "re", Limits.MAX_ID_LENGTH);
      return switch (Json.requireType(obj)) {
        case "welcome" -> new Welcome(
            re,
            Json.requireString(obj, "playerId", 64),
            Json.requireString(obj, "nickname", Limits.MAX_NICKNAME_LENGTH * 2),
            Json.optionalInt(obj, "protocol", -1, 1, Integer.MAX_VALUE),
            Json.optionalInt(obj, "heartbeatSeconds", -1, 1, Integer.MAX_VALUE),
            Json.optionalInt(obj, "maxMessageBytes", -1, 1, Integer.MAX_VALUE));
        case "pong" -> new Pong(re, Json.optionalLong(obj, "t"));
        case "error" -> new Error(re, errorCode(obj), Json.requireString(obj, "message", 1024));
        default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown server message type");
      };
    } catch (ProtocolException e) {
      throw new DecodeException(text, e.code() + ": " + e.getMessage());
    }
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }

  private static ErrorCode errorCode(JsonObject obj) throws ProtocolException {
    String code = Json.requireString(obj, "code", 64);
    try {
      return ErrorCode.valueOf(code);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, "unknown error code " + code);
    }
  }
}
