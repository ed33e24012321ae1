package io.gamehall.session;

import io.gamehall.config.HallSettings;
import io.gamehall.identity.Identities;
import io.gamehall.identity.SessionTokens;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.Limits;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.table.Command;
import io.gamehall.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers one connection's messages. Runs on the container's thread for that connection, one message at a time;
 * lobby and table work is handed to their services, which never block it.
 */
final class Conversation implements ClientMessage.Visitor<Void> {
  private final Connection connection;
  private final Hall hall;
  private long generatedIds;

  /** The application-scoped services a conversation delegates to. */
  record Hall(HallSettings settings, Identities identities, Lobby lobby, TableRegistry tables, ConnectionRegistry registry) {}

  Conversation(Connection connection, Hall hall) {
    this.connection = connection;
    this.hall = hall;
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
    PlayerIdentity identity;
    boolean resumed = hello.token() != null;
    if (resumed) {
      Optional<SessionTokens.Claims> claims = hall.identities().verify(hello.token());
      if (claims.isEmpty()) {
        return fail(hello.id(), ErrorCode.INVALID_TOKEN, "the token is not valid (forged or expired); say hello without it");
      }
      identity = new PlayerIdentity(claims.get().playerId(), claims.get().nickname());
    } else {
      String playerId = hall.identities().newGuestId();
      String nickname = hello.nickname() != null ? hello.nickname() : "Guest-" + playerId.substring(2, 6);
      identity = new PlayerIdentity(playerId, nickname);
    }
    connection.welcome(identity);
    if (resumed) {
      hall.registry().resumed();
    }
    Connection replaced = hall.registry().bind(identity.playerId(), connection);
    if (replaced != null) {
      replaced.close(CloseCodes.REPLACED, "signed in on another connection");
    }
    SessionTokens.Issued token = hall.identities().issue(identity.playerId(), identity.nickname());
    List<String> tables = new ArrayList<>(hall.tables().tablesOf(identity.playerId()));
    connection.send(
        new ServerMessage.Welcome(
            hello.id(),
            identity.playerId(),
            identity.nickname(),
            Limits.PROTOCOL_VERSION,
            hall.settings().heartbeatSeconds(),
            hall.settings().maxMessageBytes(),
            token.token(),
            token.expiresAt().getEpochSecond(),
            resumed,
            tables));
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

  @Override
  public Void subscribeLobby(ClientMessage.SubscribeLobby s) {
    if (welcomed(s.id())) {
      if (s.on()) {
        hall.lobby().subscribe(connection, s.id(), s.game());
      } else {
        hall.lobby().unsubscribe(connection);
      }
    }
    return null;
  }

  @Override
  public Void quickMatch(ClientMessage.QuickMatch q) {
    if (welcomed(q.id())) {
      hall.lobby().quickMatch(connection, q.id(), q.game(), q.options());
    }
    return null;
  }

  @Override
  public Void cancelMatch(ClientMessage.CancelMatch c) {
    if (welcomed(c.id())) {
      hall.lobby().cancelMatch(connection, c.id());
    }
    return null;
  }

  @Override
  public Void createTable(ClientMessage.CreateTable c) {
    if (welcomed(c.id())) {
      if (!connection.allowCreateTable()) {
        return fail(c.id(), ErrorCode.RATE_LIMITED, "too many tables created this minute; wait a little");
      }
      hall.lobby().createTable(connection, cid(c.id()), c.game(), c.options(), c.privateTable(), c.practice());
    }
    return null;
  }

  @Override
  public Void joinTable(ClientMessage.JoinTable j) {
    if (welcomed(j.id())) {
      hall.lobby().join(connection, cid(j.id()), j.table(), j.code());
      if (j.table() != null) {
        connection.tables().add(j.table());
      }
    }
    return null;
  }

  @Override
  public Void table(ClientMessage.TableRequest request) {
    if (!welcomed(request.id())) {
      return null;
    }
    Optional<Table> table = hall.tables().find(request.table());
    if (table.isEmpty()) {
      return fail(request.id(), ErrorCode.UNKNOWN_TABLE, "no table " + request.table());
    }
    connection.tables().add(request.table());
    String cid = cid(request.id());
    String me = connection.playerId();
    Table t = table.get();
    Command command =
        request.action().accept(
            new TableAction.Visitor<Command>() {
              @Override
              public Command spectate(TableAction.Spectate a) {
                return new Command.Spectate(me, cid, connection.nickname());
              }

              @Override
              public Command resume(TableAction.Resume a) {
                t.resume(me, connection.tableMember(), a.lastSeq());
                return null;
              }

              @Override
              public Command leave(TableAction.Leave a) {
                hall.tables().left(me, t.id());
                return new Command.Leave(me, cid);
              }

              @Override
              public Command ready(TableAction.Ready a) {
                return new Command.Ready(me, cid, true);
              }

              @Override
              public Command act(TableAction.Act a) {
                // No seq means "whatever the state is now": never stale.
                return new Command.Act(me, cid, a.move(), a.seq() == null ? Long.MAX_VALUE : a.seq());
              }

              @Override
              public Command resign(TableAction.Resign a) {
                return new Command.Resign(me, cid);
              }

              @Override
              public Command offerDraw(TableAction.OfferDraw a) {
                return new Command.OfferDraw(me, cid);
              }

              @Override
              public Command answerDraw(TableAction.AnswerDraw a) {
                return new Command.AnswerDraw(me, cid, a.accept());
              }

              @Override
              public Command requestUndo(TableAction.RequestUndo a) {
                return new Command.RequestUndo(me, cid);
              }

              @Override
              public Command answerUndo(TableAction.AnswerUndo a) {
                return new Command.AnswerUndo(me, cid, a.accept());
              }

              @Override
              public Command chat(TableAction.Chat a) {
                return a.text() != null ? new Command.Chat(me, cid, a.text()) : new Command.ChatPhrase(me, cid, a.phrase());
              }

              @Override
              public Command rematch(TableAction.Rematch a) {
                return new Command.Rematch(me, cid);
              }

              @Override
              public Command addBot(TableAction.AddBot a) {
                return new Command.AddBot(me, cid, a.seat() == null ? Command.Sit.ANY_SEAT : a.seat());
              }

              @Override
              public Command takeControl(TableAction.TakeControl a) {
                return new Command.TakeControl(me, cid);
              }
            });
    if (command != null) {
      t.submit(connection.tableMember(), command);
    }
    return null;
  }

  /** The connection closed: the lobby forgets it and every table it used learns that it is gone. */
  void closed() {
    if (connection.player() == null) {
      return;
    }
    hall.lobby().gone(connection);
    java.util.Set<String> used = new java.util.HashSet<>(connection.tables());
    used.addAll(hall.tables().tablesOf(connection.playerId()));
    for (String tableId : used) {
      hall.tables().find(tableId).ifPresent(t -> t.disconnected(connection.playerId(), connection.tableMember()));
    }
  }

  private boolean welcomed(String re) {
    if (connection.player() == null) {
      fail(re, ErrorCode.HELLO_REQUIRED, "say hello first");
      return false;
    }
    return true;
  }

  /** The client's id when it gave one; else a fresh one, so the table can still answer (without deduplication). */
  private String cid(String id) {
    return id != null ? id : "srv-" + (++generatedIds);
  }

  private Void fail(String re, ErrorCode code, String message) {
    connection.send(new ServerMessage.Error(re, code, message));
    return null;
  }
}
