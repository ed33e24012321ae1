package io.gamehall.protocol;

import jakarta.json.stream.JsonGenerator;
import jakarta.websocket.Encoder;
import java.util.function.Consumer;

/**
 * Server side: {@link ServerMessage} to text. Stateless and thread-safe, so one instance serves
 * every connection.
 */
public final class ServerMessageEncoder
    implements Encoder.Text<ServerMessage>, ServerMessage.Visitor<String> {

  @Override
  public String encode(ServerMessage message) {
    return message.accept(this);
  }

  private static String write(String type, String re, Consumer<JsonGenerator> fields) {
    return Json.write(
        g -> {
          g.write("type", type);
          Json.writeOptional(g, "re", re);
          fields.accept(g);
        });
  }

  @Override
  public String welcome(ServerMessage.Welcome w) {
    return write(
        "welcome",
        w.re(),
        g -> {
          g.write("playerId", w.playerId())
              .write("nickname", w.nickname())
              .write("protocol", w.protocol())
              .write("heartbeatSeconds", w.heartbeatSeconds())
              .write("maxMessageBytes", w.maxMessageBytes())
              .write("token", w.token())
              .write("tokenExpiresAt", w.tokenExpiresAt())
              .write("resumed", w.resumed());
          Json.writeTree(g, "tables", w.tables());
        });
  }

  @Override
  public String pong(ServerMessage.Pong p) {
    return write("pong", p.re(), g -> Json.writeOptional(g, "t", p.t()));
  }

  @Override
  public String error(ServerMessage.Error e) {
    return write(
        "error",
        e.re(),
        g -> {
          g.write("code", e.code().name()).write("message", e.message());
          Json.writeOptional(g, "retryAfterSeconds", e.retryAfterSeconds());
        });
  }

  @Override
  public String lobby(ServerMessage.Lobby l) {
    return write("lobby", l.re(), g -> l.state().forEach((k, v) -> Json.writeTree(g, k, v)));
  }

  @Override
  public String lobbyUpdate(ServerMessage.LobbyUpdate u) {
    return write(
        "lobby_update",
        null,
        g -> {
          g.write("kind", u.kind());
          u.data().forEach((k, v) -> Json.writeTree(g, k, v));
        });
  }

  @Override
  public String matching(ServerMessage.Matching m) {
    return write(
        "matching",
        m.re(),
        g -> {
          g.write("game", m.game()).write("queued", m.queued());
          Json.writeOptional(g, "table", m.table());
        });
  }

  @Override
  public String snapshot(ServerMessage.Snapshot s) {
    return write(
        "snapshot",
        s.re(),
        g -> {
          g.write("table", s.table()).write("seq", s.seq());
          Json.writeTree(g, "state", s.state());
        });
  }

  @Override
  public String event(ServerMessage.Event e) {
    return write(
        "event",
        e.re(),
        g -> {
          g.write("table", e.table()).write("seq", e.seq()).write("kind", e.kind());
          Json.writeTree(g, "data", e.data());
        });
  }

  @Override
  public String ack(ServerMessage.Ack a) {
    return write("ack", a.re(), g -> g.write("table", a.table()).write("seq", a.seq()));
  }

  @Override
  public String refused(ServerMessage.Refused r) {
    return write(
        "refused",
        r.re(),
        g -> {
          g.write("table", r.table()).write("code", r.code()).write("message", r.message());
        });
  }

  @Override
  public String notice(ServerMessage.Notice n) {
    return write(
        "notice",
        null,
        g -> {
          g.write("kind", n.kind()).write("message", n.message());
          Json.writeOptional(g, "deadline", n.deadline());
        });
  }

  @Override
  public String tableCreated(ServerMessage.TableCreated c) {
    return write(
        "table_created",
        c.re(),
        g -> {
          g.write("table", c.table());
          Json.writeOptional(g, "code", c.code());
        });
  }

  @Override
  public String account(ServerMessage.Account a) {
    return write(
        "account",
        a.re(),
        g -> {
          g.write("playerId", a.playerId()).write("name", a.name());
          Json.writeOptional(g, "token", a.token());
          Json.writeOptional(g, "tokenExpiresAt", a.tokenExpiresAt());
        });
  }

  @Override
  public String loggedOut(ServerMessage.LoggedOut l) {
    return write("logged_out", l.re(), g -> g.write("all", l.all()));
  }

  @Override
  public String passwordChanged(ServerMessage.PasswordChanged p) {
    return write(
        "password_changed",
        p.re(),
        g -> g.write("token", p.token()).write("tokenExpiresAt", p.tokenExpiresAt()));
  }

  @Override
  public String history(ServerMessage.History h) {
    return write("history", h.re(), g -> h.page().forEach((k, v) -> Json.writeTree(g, k, v)));
  }

  @Override
  public String matchRecord(ServerMessage.MatchRecord m) {
    return write("match", m.re(), g -> m.match().forEach((k, v) -> Json.writeTree(g, k, v)));
  }

  @Override
  public String replayFrame(ServerMessage.ReplayFrame f) {
    return write("replay", f.re(), g -> f.frame().forEach((k, v) -> Json.writeTree(g, k, v)));
  }

  @Override
  public String leaderboard(ServerMessage.Leaderboard l) {
    return write("leaderboard", l.re(), g -> l.page().forEach((k, v) -> Json.writeTree(g, k, v)));
  }
}
