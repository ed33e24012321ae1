package io.gamehall.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client side: text frame to {@link ServerMessage}. A frame it cannot read means a broken server:
 * it throws.
 */
public final class ServerMessageDecoder implements Decoder.Text<ServerMessage> {

  @Override
  public ServerMessage decode(String text) throws DecodeException {
    try {
      JsonObject obj = Json.parseObject(text);
      String re = Json.optionalString(obj, "re", Limits.MAX_ID_LENGTH);
      switch (Json.requireType(obj)) {
        case "welcome":
          return new ServerMessage.Welcome(
              re,
              Json.requireString(obj, "playerId", 64),
              Json.requireString(obj, "nickname", Limits.MAX_NICKNAME_LENGTH * 2),
              Json.optionalInt(obj, "protocol", -1, 1, Integer.MAX_VALUE),
              Json.optionalInt(obj, "heartbeatSeconds", -1, 1, Integer.MAX_VALUE),
              Json.optionalInt(obj, "maxMessageBytes", -1, 1, Integer.MAX_VALUE),
              Json.requireString(obj, "token", Limits.MAX_TOKEN_LENGTH),
              Json.optionalLongIn(obj, "tokenExpiresAt", 0L, 0L, Long.MAX_VALUE),
              Json.optionalBoolean(obj, "resumed", false),
              strings(obj.get("tables")));
        case "pong":
          return new ServerMessage.Pong(re, Json.optionalLong(obj, "t"));
        case "error":
          return new ServerMessage.Error(
              re,
              errorCode(obj),
              Json.requireString(obj, "message", 1024),
              Json.optionalLong(obj, "retryAfterSeconds"));
        case "lobby":
          return new ServerMessage.Lobby(re, rest(obj, "type", "re"));
        case "lobby_update":
          return new ServerMessage.LobbyUpdate(
              Json.requireString(obj, "kind", 32), rest(obj, "type", "kind"));
        case "matching":
          return new ServerMessage.Matching(
              re,
              Json.requireString(obj, "game", 16),
              Json.optionalBoolean(obj, "queued", false),
              Json.optionalString(obj, "table", Limits.MAX_TABLE_ID_LENGTH));
        case "table_created":
          return new ServerMessage.TableCreated(
              re, table(obj), Json.optionalString(obj, "code", 6));
        case "snapshot":
          return new ServerMessage.Snapshot(re, table(obj), seq(obj), tree(obj.get("state")));
        case "event":
          return new ServerMessage.Event(
              table(obj), seq(obj), Json.requireString(obj, "kind", 64), tree(obj.get("data")), re);
        case "ack":
          return new ServerMessage.Ack(re, table(obj), seq(obj));
        case "refused":
          return new ServerMessage.Refused(
              re,
              table(obj),
              Json.requireString(obj, "code", 64),
              Json.requireString(obj, "message", 1024));
        case "notice":
          return new ServerMessage.Notice(
              Json.requireString(obj, "kind", 32),
              Json.requireString(obj, "message", 1024),
              Json.optionalLong(obj, "deadline"));
        case "account":
          return new ServerMessage.Account(
              re,
              Json.requireString(obj, "playerId", 64),
              Json.requireString(obj, "name", 64),
              Json.optionalString(obj, "token", Limits.MAX_TOKEN_LENGTH),
              Json.optionalLong(obj, "tokenExpiresAt"));
        case "logged_out":
          return new ServerMessage.LoggedOut(re, Json.optionalBoolean(obj, "all", false));
        case "password_changed":
          return new ServerMessage.PasswordChanged(
              re,
              Json.requireString(obj, "token", Limits.MAX_TOKEN_LENGTH),
              Json.optionalLongIn(obj, "tokenExpiresAt", 0L, 0L, Long.MAX_VALUE));
        case "history":
          return new ServerMessage.History(re, rest(obj, "type", "re"));
        case "match":
          return new ServerMessage.MatchRecord(re, rest(obj, "type", "re"));
        case "replay":
          return new ServerMessage.ReplayFrame(re, rest(obj, "type", "re"));
        case "leaderboard":
          return new ServerMessage.Leaderboard(re, rest(obj, "type", "re"));
        default:
          throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown server message type");
      }
    } catch (ProtocolException | ClassCastException e) {
      throw new DecodeException(text, e.getMessage());
    }
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }

  private static String table(JsonObject obj) throws ProtocolException {
    return Json.requireString(obj, "table", Limits.MAX_TABLE_ID_LENGTH);
  }

  private static long seq(JsonObject obj) throws ProtocolException {
    return Json.optionalLongIn(obj, "seq", 0L, 0L, Long.MAX_VALUE);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(JsonValue value) {
    return value == null ? Map.of() : (Map<String, Object>) Json.readTree(value);
  }

  private static Map<String, Object> rest(JsonObject obj, String... skip) {
    Map<String, Object> result = new LinkedHashMap<>();
    obj.forEach((k, v) -> result.put(k, Json.readTree(v)));
    for (String key : skip) {
      result.remove(key);
    }
    return result;
  }

  private static List<String> strings(JsonValue value) {
    List<String> result = new ArrayList<>();
    if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
      value.asJsonArray().forEach(v -> result.add(String.valueOf(Json.readTree(v))));
    }
    return result;
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
