package io.gamehall.protocol;

import io.gamehall.protocol.ClientMessage.CancelMatch;
import io.gamehall.protocol.ClientMessage.CreateTable;
import io.gamehall.protocol.ClientMessage.Hello;
import io.gamehall.protocol.ClientMessage.Invalid;
import io.gamehall.protocol.ClientMessage.JoinTable;
import io.gamehall.protocol.ClientMessage.Ping;
import io.gamehall.protocol.ClientMessage.QuickMatch;
import io.gamehall.protocol.ClientMessage.SubscribeLobby;
import io.gamehall.protocol.ClientMessage.TableRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Server side: text frame to {@link ClientMessage}. Never throws: anything it cannot read becomes
 * {@link Invalid}.
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
        case "hello" ->
            new Hello(
                Json.optionalId(obj),
                Json.optionalInt(obj, "protocol", Limits.PROTOCOL_VERSION, 1, Integer.MAX_VALUE),
                nickname(obj),
                Json.optionalString(obj, "token", Limits.MAX_TOKEN_LENGTH));
        case "ping" -> new Ping(Json.optionalId(obj), Json.optionalLong(obj, "t"));
        case "subscribe_lobby" ->
            new SubscribeLobby(
                Json.optionalId(obj), game(obj, false), Json.optionalBoolean(obj, "on", true));
        case "quick_match" ->
            new QuickMatch(Json.optionalId(obj), game(obj, true), Json.options(obj));
        case "cancel_match" -> new CancelMatch(Json.optionalId(obj));
        case "create_table" ->
            new CreateTable(
                Json.optionalId(obj),
                game(obj, true),
                Json.options(obj),
                Json.optionalBoolean(obj, "private", false),
                Json.optionalBoolean(obj, "practice", false));
        case "join_table" -> joinTable(obj);
        case "register" ->
            new ClientMessage.Register(
                Json.optionalId(obj), Json.requireString(obj, "name", 64), password(obj));
        case "login" ->
            new ClientMessage.Login(
                Json.optionalId(obj),
                Json.optionalInt(obj, "protocol", Limits.PROTOCOL_VERSION, 1, Integer.MAX_VALUE),
                Json.requireString(obj, "name", 64),
                password(obj));
        case "logout" ->
            new ClientMessage.Logout(Json.optionalId(obj), Json.optionalBoolean(obj, "all", false));
        case "change_password" ->
            new ClientMessage.ChangePassword(
                Json.optionalId(obj),
                Json.requireString(obj, "old", Limits.MAX_PASSWORD_LENGTH),
                Json.requireString(obj, "new", Limits.MAX_PASSWORD_LENGTH));
        case "history" -> new ClientMessage.History(Json.optionalId(obj), offset(obj), limit(obj));
        case "get_match" -> new ClientMessage.GetMatch(Json.optionalId(obj), matchId(obj));
        case "replay" ->
            new ClientMessage.Replay(
                Json.optionalId(obj),
                matchId(obj),
                Json.optionalInt(obj, "ply", 0, 0, Limits.MAX_REPLAY_PLY));
        case "leaderboard" -> leaderboard(obj);
        default -> {
          TableAction action = tableAction(type, obj);
          if (action == null) {
            throw new ProtocolException(
                ErrorCode.UNKNOWN_TYPE, "unknown message type '" + clip(type) + "'");
          }
          yield new TableRequest(Json.optionalId(obj), tableId(obj), action);
        }
      };
    } catch (ProtocolException e) {
      return new Invalid(id, e.code(), e.getMessage());
    }
  }

  /** The table actions, or null if {@code type} is none of them. */
  private static TableAction tableAction(String type, JsonObject obj) throws ProtocolException {
    switch (type) {
      case "spectate":
        return new TableAction.Spectate();
      case "resume":
        return new TableAction.Resume(Json.optionalLongIn(obj, "lastSeq", 0L, 0L, Long.MAX_VALUE));
      case "leave":
        return new TableAction.Leave();
      case "ready":
        return new TableAction.Ready();
      case "act":
        return new TableAction.Act(
            Json.requireString(obj, "move", Limits.MAX_MOVE_LENGTH),
            Json.optionalLongIn(obj, "seq", null, 0L, Long.MAX_VALUE));
      case "resign":
        return new TableAction.Resign();
      case "offer_draw":
        return new TableAction.OfferDraw();
      case "answer_draw":
        return new TableAction.AnswerDraw(Json.requireBoolean(obj, "accept"));
      case "request_undo":
        return new TableAction.RequestUndo();
      case "answer_undo":
        return new TableAction.AnswerUndo(Json.requireBoolean(obj, "accept"));
      case "chat":
        return chat(obj);
      case "rematch":
        return new TableAction.Rematch();
      case "add_bot":
        Long seat = Json.optionalLongIn(obj, "seat", null, 0L, 15L);
        return new TableAction.AddBot(seat == null ? null : seat.intValue());
      case "take_control":
        return new TableAction.TakeControl();
      default:
        return null;
    }
  }

  private static TableAction chat(JsonObject obj) throws ProtocolException {
    String text = Json.optionalString(obj, "text", Limits.MAX_CHAT_FIELD_LENGTH);
    String phrase = Json.optionalString(obj, "phrase", 32);
    if (text != null && phrase != null) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "chat takes 'text' or 'phrase', not both");
    }
    if (text == null && phrase == null) {
      throw new ProtocolException(
          ErrorCode.MISSING_FIELD, "chat needs exactly one of 'text' or 'phrase'");
    }
    return new TableAction.Chat(text, phrase);
  }

  private static ClientMessage joinTable(JsonObject obj) throws ProtocolException {
    String table = Json.optionalString(obj, "table", Limits.MAX_TABLE_ID_LENGTH);
    String code = Json.optionalString(obj, "code", 6);
    if (table != null && code != null) {
      // Both present is a contradiction, not an absence: say so, with the type that fits.
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "join_table takes 'table' or 'code', not both");
    }
    if (table == null && code == null) {
      throw new ProtocolException(
          ErrorCode.MISSING_FIELD, "join_table needs exactly one of 'table' or 'code'");
    }
    if (code != null && !code.matches("[0-9]{6}")) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, "code must be 6 digits");
    }
    return new JoinTable(Json.optionalId(obj), table, code);
  }

  private static String password(JsonObject obj) throws ProtocolException {
    return Json.requireString(obj, "password", Limits.MAX_PASSWORD_LENGTH);
  }

  private static String matchId(JsonObject obj) throws ProtocolException {
    return Json.requireString(obj, "match", Limits.MAX_ID_LENGTH);
  }

  /** A page ({@code offset}, {@code limit}) or named players' lines ({@code players}), not both. */
  private static ClientMessage.Leaderboard leaderboard(JsonObject obj) throws ProtocolException {
    JsonValue players = obj.get("players");
    if (players == null || players.getValueType() == JsonValue.ValueType.NULL) {
      return new ClientMessage.Leaderboard(
          Json.optionalId(obj), game(obj, true), offset(obj), limit(obj));
    }
    if (!(players instanceof JsonArray list)) {
      throw new ProtocolException(
          ErrorCode.WRONG_FIELD_TYPE, "field 'players' must be an array of player ids");
    }
    if (obj.containsKey("offset") || obj.containsKey("limit")) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "give either 'players' or 'offset'/'limit', not both");
    }
    if (list.isEmpty() || list.size() > Limits.MAX_STANDINGS_PLAYERS) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD,
          "field 'players' names 1 to " + Limits.MAX_STANDINGS_PLAYERS + " players");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonValue v : list) {
      if (!(v instanceof JsonString s)) {
        throw new ProtocolException(
            ErrorCode.WRONG_FIELD_TYPE, "field 'players' must be an array of player ids");
      }
      if (s.getString().isEmpty() || s.getString().length() > Limits.MAX_ID_LENGTH) {
        throw new ProtocolException(
            ErrorCode.INVALID_FIELD,
            "a player id in 'players' has 1 to " + Limits.MAX_ID_LENGTH + " characters");
      }
      ids.add(s.getString());
    }
    return ClientMessage.Leaderboard.of(Json.optionalId(obj), game(obj, true), List.copyOf(ids));
  }

  private static int offset(JsonObject obj) throws ProtocolException {
    return Json.optionalInt(obj, "offset", 0, 0, Limits.MAX_PAGE_OFFSET);
  }

  private static int limit(JsonObject obj) throws ProtocolException {
    return Json.optionalInt(obj, "limit", Limits.DEFAULT_PAGE_SIZE, 1, Limits.MAX_PAGE_SIZE);
  }

  private static String tableId(JsonObject obj) throws ProtocolException {
    return Json.requireString(obj, "table", Limits.MAX_TABLE_ID_LENGTH);
  }

  private static String game(JsonObject obj, boolean required) throws ProtocolException {
    String game =
        required ? Json.requireString(obj, "game", 16) : Json.optionalString(obj, "game", 16);
    if (game != null && !game.matches("[a-z]{1,16}")) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, "game must be a lower-case game id");
    }
    return game;
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
          ErrorCode.INVALID_FIELD,
          "nickname is longer than " + Limits.MAX_NICKNAME_LENGTH + " characters");
    }
    return cleaned;
  }

  /** Echoing an attacker's 10 KB type name back would amplify it: cut it short. */
  private static String clip(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }
}
