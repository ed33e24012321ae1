package io.gamehall.protocol;

import jakarta.json.stream.JsonGenerator;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import java.util.Map;

/** Client side (Java clients, bots, tests and the load harness): {@link ClientMessage} to text. */
public final class ClientMessageEncoder implements Encoder.Text<ClientMessage> {

  @Override
  public String encode(ClientMessage message) throws EncodeException {
    String text = message.accept(WRITER);
    if (text == null) {
      throw new EncodeException(
          message, "an Invalid message is a decoding result, not something to send");
    }
    return text;
  }

  private static String write(
      String type, String id, java.util.function.Consumer<JsonGenerator> fields) {
    return Json.write(
        g -> {
          g.write("type", type);
          Json.writeOptional(g, "id", id);
          fields.accept(g);
        });
  }

  private static void options(JsonGenerator g, Map<String, String> options) {
    if (!options.isEmpty()) {
      g.writeStartObject("options");
      options.forEach(g::write);
      g.writeEnd();
    }
  }

  private static final ClientMessage.Visitor<String> WRITER =
      new ClientMessage.Visitor<>() {
        @Override
        public String hello(ClientMessage.Hello h) {
          return write(
              "hello",
              h.id(),
              g -> {
                g.write("protocol", h.protocol());
                Json.writeOptional(g, "nickname", h.nickname());
                Json.writeOptional(g, "token", h.token());
              });
        }

        @Override
        public String ping(ClientMessage.Ping p) {
          return write("ping", p.id(), g -> Json.writeOptional(g, "t", p.t()));
        }

        @Override
        public String invalid(ClientMessage.Invalid i) {
          return null;
        }

        @Override
        public String subscribeLobby(ClientMessage.SubscribeLobby s) {
          return write(
              "subscribe_lobby",
              s.id(),
              g -> {
                Json.writeOptional(g, "game", s.game());
                g.write("on", s.on());
              });
        }

        @Override
        public String quickMatch(ClientMessage.QuickMatch q) {
          return write(
              "quick_match",
              q.id(),
              g -> {
                g.write("game", q.game());
                options(g, q.options());
              });
        }

        @Override
        public String cancelMatch(ClientMessage.CancelMatch c) {
          return write("cancel_match", c.id(), g -> {});
        }

        @Override
        public String createTable(ClientMessage.CreateTable c) {
          return write(
              "create_table",
              c.id(),
              g -> {
                g.write("game", c.game());
                options(g, c.options());
                g.write("private", c.privateTable()).write("practice", c.practice());
              });
        }

        @Override
        public String joinTable(ClientMessage.JoinTable j) {
          return write(
              "join_table",
              j.id(),
              g -> {
                Json.writeOptional(g, "table", j.table());
                Json.writeOptional(g, "code", j.code());
              });
        }

        @Override
        public String register(ClientMessage.Register r) {
          return write(
              "register", r.id(), g -> g.write("name", r.name()).write("password", r.password()));
        }

        @Override
        public String login(ClientMessage.Login l) {
          return write(
              "login",
              l.id(),
              g -> {
                g.write("protocol", l.protocol())
                    .write("name", l.name())
                    .write("password", l.password());
              });
        }

        @Override
        public String logout(ClientMessage.Logout l) {
          return write("logout", l.id(), g -> g.write("all", l.all()));
        }

        @Override
        public String changePassword(ClientMessage.ChangePassword c) {
          return write(
              "change_password",
              c.id(),
              g -> g.write("old", c.oldPassword()).write("new", c.newPassword()));
        }

        @Override
        public String history(ClientMessage.History h) {
          return write(
              "history", h.id(), g -> g.write("offset", h.offset()).write("limit", h.limit()));
        }

        @Override
        public String getMatch(ClientMessage.GetMatch m) {
          return write("get_match", m.id(), g -> g.write("match", m.match()));
        }

        @Override
        public String replay(ClientMessage.Replay r) {
          return write("replay", r.id(), g -> g.write("match", r.match()).write("ply", r.ply()));
        }

        @Override
        public String leaderboard(ClientMessage.Leaderboard l) {
          return write(
              "leaderboard",
              l.id(),
              g -> {
                g.write("game", l.game());
                if (l.players().isEmpty()) {
                  g.write("offset", l.offset()).write("limit", l.limit());
                } else {
                  g.writeStartArray("players");
                  l.players().forEach(g::write);
                  g.writeEnd();
                }
              });
        }

        @Override
        public String table(ClientMessage.TableRequest r) {
          return r.action().accept(new ActionWriter(r));
        }
      };

  /** Writes one table action with its envelope. */
  private static final class ActionWriter implements TableAction.Visitor<String> {
    private final ClientMessage.TableRequest request;

    ActionWriter(ClientMessage.TableRequest request) {
      this.request = request;
    }

    private String plain(String type) {
      return fields(type, g -> {});
    }

    private String fields(String type, java.util.function.Consumer<JsonGenerator> more) {
      return write(
          type,
          request.id(),
          g -> {
            g.write("table", request.table());
            more.accept(g);
          });
    }

    @Override
    public String spectate(TableAction.Spectate a) {
      return plain("spectate");
    }

    @Override
    public String resume(TableAction.Resume a) {
      return fields("resume", g -> g.write("lastSeq", a.lastSeq()));
    }

    @Override
    public String leave(TableAction.Leave a) {
      return plain("leave");
    }

    @Override
    public String ready(TableAction.Ready a) {
      return plain("ready");
    }

    @Override
    public String act(TableAction.Act a) {
      return fields(
          "act",
          g -> {
            g.write("move", a.move());
            Json.writeOptional(g, "seq", a.seq());
          });
    }

    @Override
    public String resign(TableAction.Resign a) {
      return plain("resign");
    }

    @Override
    public String offerDraw(TableAction.OfferDraw a) {
      return plain("offer_draw");
    }

    @Override
    public String answerDraw(TableAction.AnswerDraw a) {
      return fields("answer_draw", g -> g.write("accept", a.accept()));
    }

    @Override
    public String requestUndo(TableAction.RequestUndo a) {
      return plain("request_undo");
    }

    @Override
    public String answerUndo(TableAction.AnswerUndo a) {
      return fields("answer_undo", g -> g.write("accept", a.accept()));
    }

    @Override
    public String chat(TableAction.Chat a) {
      return fields(
          "chat",
          g -> {
            Json.writeOptional(g, "text", a.text());
            Json.writeOptional(g, "phrase", a.phrase());
          });
    }

    @Override
    public String rematch(TableAction.Rematch a) {
      return plain("rematch");
    }

    @Override
    public String addBot(TableAction.AddBot a) {
      return fields(
          "add_bot",
          g -> {
            if (a.seat() != null) {
              g.write("seat", a.seat());
            }
          });
    }

    @Override
    public String takeControl(TableAction.TakeControl a) {
      return plain("take_control");
    }
  }
}
