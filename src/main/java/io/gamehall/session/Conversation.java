package io.gamehall.session;

import io.gamehall.account.AccountService;
import io.gamehall.account.PlayerRecords;
import io.gamehall.account.ServiceUnavailable;
import io.gamehall.config.HallSettings;
import io.gamehall.identity.Identities;
import io.gamehall.identity.SessionTokens;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableHandle;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.Limits;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.table.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one connection's messages. Runs on the container's thread for that connection, one
 * message at a time; lobby and table work is handed to their services, which never block it.
 */
final class Conversation implements ClientMessage.Visitor<Void> {
  private static final Logger LOG = Logger.getLogger(Conversation.class.getName());
  private final Connection connection;
  private final Hall hall;
  private long generatedIds;

  /**
   * A login is checking its password off this thread; a hello or second login meanwhile is refused.
   */
  private final AtomicBoolean loggingIn = new AtomicBoolean();

  /** The application-scoped services a conversation delegates to. */
  record Hall(
      HallSettings settings,
      Identities identities,
      Lobby lobby,
      TableRegistry tables,
      ConnectionRegistry registry,
      AccountService accounts,
      PlayerRecords records) {}

  Conversation(Connection connection, Hall hall) {
    this.connection = connection;
    this.hall = hall;
  }

  @Override
  public Void hello(ClientMessage.Hello hello) {
    if (!mayOpen(hello.id(), hello.protocol())) {
      return null;
    }
    if (hello.token() != null) {
      return resume(hello);
    }
    String playerId = hall.identities().newGuestId();
    String nickname =
        hello.nickname() != null ? hello.nickname() : "Guest-" + playerId.substring(2, 6);
    welcomeAs(hello.id(), new PlayerIdentity(playerId, nickname), false);
    return null;
  }

  /**
   * Hello with a token: its signature here, then whether it was revoked (an account's generation
   * and session, or a guest that became an account) off this thread, as a login is.
   */
  private Void resume(ClientMessage.Hello hello) {
    Optional<SessionTokens.Claims> verified = hall.identities().verify(hello.token());
    if (verified.isEmpty()) {
      return fail(
          hello.id(),
          ErrorCode.INVALID_TOKEN,
          "the token is not valid (forged or expired); say hello without it");
    }
    SessionTokens.Claims claims = verified.get();
    PlayerIdentity identity =
        new PlayerIdentity(
            claims.playerId(),
            claims.nickname(),
            claims.account()
                ? new SessionTokens.AccountSession(claims.session(), claims.generation())
                : null);
    loggingIn.set(true);
    hall.accounts()
        .check(claims)
        .whenComplete(
            (check, failure) -> {
              if (failure == null
                  && check == AccountService.TokenCheck.VALID
                  && !connection.isClosing()) {
                try {
                  welcomeAs(hello.id(), identity, true);
                } finally {
                  loggingIn.set(false);
                }
                return;
              }
              loggingIn.set(false);
              if (failure != null) {
                storeFailed(hello.id(), failure);
              } else if (check == AccountService.TokenCheck.REVOKED) {
                fail(
                    hello.id(),
                    ErrorCode.INVALID_TOKEN,
                    "the token was revoked (logout or password change); log in again or say hello"
                        + " without it");
              }
            });
    return null;
  }

  /** Hello and login open a conversation only once, in a protocol version this server speaks. */
  private boolean mayOpen(String re, int protocol) {
    if (connection.player() != null || loggingIn.get()) {
      fail(re, ErrorCode.ALREADY_WELCOMED, "this connection is already welcomed");
      return false;
    }
    if (protocol != Limits.PROTOCOL_VERSION) {
      fail(
          re,
          ErrorCode.UNSUPPORTED_PROTOCOL,
          "this server speaks protocol " + Limits.PROTOCOL_VERSION + ", not " + protocol);
      return false;
    }
    return true;
  }

  private void welcomeAs(String re, PlayerIdentity identity, boolean resumed) {
    connection.welcome(identity);
    if (resumed) {
      hall.registry().resumed();
    }
    Connection replaced = hall.registry().bind(identity.playerId(), connection);
    if (replaced != null) {
      replaced.close(CloseCodes.REPLACED, "signed in on another connection");
    }
    SessionTokens.Issued token = tokenFor(identity);
    List<String> tables = new ArrayList<>(hall.tables().tablesOf(identity.playerId()));
    hall.records().seen(identity.playerId(), identity.nickname());
    connection.send(
        new ServerMessage.Welcome(
            re,
            identity.playerId(),
            identity.nickname(),
            Limits.PROTOCOL_VERSION,
            hall.settings().heartbeatSeconds(),
            hall.settings().maxMessageBytes(),
            token.token(),
            token.expiresAt().getEpochSecond(),
            resumed,
            tables));
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
        return fail(
            c.id(), ErrorCode.RATE_LIMITED, "too many tables created this minute; wait a little");
      }
      hall.lobby()
          .createTable(
              connection, cid(c.id()), c.game(), c.options(), c.privateTable(), c.practice());
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
    // In a cluster the table may be owned by another node: the handle relays to it.
    Optional<TableHandle> table = hall.tables().handle(request.table());
    if (table.isEmpty()) {
      return fail(request.id(), ErrorCode.UNKNOWN_TABLE, "no table " + request.table());
    }
    connection.tables().add(request.table());
    String cid = cid(request.id());
    String me = connection.playerId();
    TableHandle t = table.get();
    Command command =
        request
            .action()
            .accept(
                new TableAction.Visitor<Command>() {
                  @Override
                  public Command spectate(TableAction.Spectate a) {
                    return new Command.Spectate(me, cid, connection.nickname());
                  }

                  @Override
                  public Command resume(TableAction.Resume a) {
                    t.resume(connection, a.lastSeq());
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
                    return new Command.Act(
                        me, cid, a.move(), a.seq() == null ? Long.MAX_VALUE : a.seq());
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
                    return a.text() != null
                        ? new Command.Chat(me, cid, a.text())
                        : new Command.ChatPhrase(me, cid, a.phrase());
                  }

                  @Override
                  public Command rematch(TableAction.Rematch a) {
                    return new Command.Rematch(me, cid);
                  }

                  @Override
                  public Command addBot(TableAction.AddBot a) {
                    return new Command.AddBot(
                        me, cid, a.seat() == null ? Command.Sit.ANY_SEAT : a.seat());
                  }

                  @Override
                  public Command takeControl(TableAction.TakeControl a) {
                    return new Command.TakeControl(me, cid);
                  }
                });
    if (command != null) {
      t.submit(connection, command);
    }
    return null;
  }

  @Override
  public Void login(ClientMessage.Login login) {
    if (!mayOpen(login.id(), login.protocol())) {
      return null;
    }
    if (!connection.allowAccountAttempt()) {
      return fail(
          login.id(), ErrorCode.RATE_LIMITED, "too many login attempts this minute; wait a little");
    }
    String name = AccountService.accountName(login.name());
    if (name == null) {
      return fail(login.id(), ErrorCode.BAD_CREDENTIALS, "no account with that name and password");
    }
    loggingIn.set(true);
    hall.accounts()
        .login(name, login.password(), connection.peer())
        .whenComplete(
            (outcome, failure) -> {
              if (failure == null
                  && outcome instanceof AccountService.SignedIn signedIn
                  && !connection.isClosing()) {
                try {
                  AccountService.Account a = signedIn.account();
                  welcomeAs(
                      login.id(),
                      new PlayerIdentity(a.playerId(), a.nickname(), a.session()),
                      false);
                } finally {
                  // Cleared after the identity is set, so a hello racing in sees one or the other.
                  loggingIn.set(false);
                }
                return;
              }
              // Cleared before the answer leaves: the client may retry the moment it reads it.
              loggingIn.set(false);
              if (failure != null) {
                storeFailed(login.id(), failure);
              } else if (outcome instanceof AccountService.Throttled throttled) {
                throttled(login.id(), throttled.retryAfterSeconds());
              } else if (outcome instanceof AccountService.BadCredentials) {
                fail(
                    login.id(),
                    ErrorCode.BAD_CREDENTIALS,
                    "no account with that name and password");
              }
            });
    return null;
  }

  @Override
  public Void register(ClientMessage.Register r) {
    if (!welcomed(r.id())) {
      return null;
    }
    if (!connection.allowAccountAttempt()) {
      return fail(
          r.id(), ErrorCode.RATE_LIMITED, "too many account requests this minute; wait a little");
    }
    String name = AccountService.accountName(r.name());
    if (name == null) {
      return fail(r.id(), ErrorCode.INVALID_FIELD, "an account name is 3 to 20 of a-z, 0-9 and _");
    }
    String weakness = AccountService.weakness(r.password(), name);
    if (weakness != null) {
      return fail(r.id(), ErrorCode.WEAK_PASSWORD, weakness);
    }
    PlayerIdentity me = connection.player();
    answer(
        r.id(),
        hall.accounts().register(me.playerId(), me.nickname(), name, r.password()),
        done -> {
          switch (done.outcome()) {
            case NAME_TAKEN:
              return new ServerMessage.Error(
                  r.id(), ErrorCode.NAME_TAKEN, "the name " + name + " is taken");
            case ALREADY_REGISTERED:
              return new ServerMessage.Error(
                  r.id(), ErrorCode.ALREADY_REGISTERED, "this player has an account");
            default:
              // The guest token no longer resumes this player (it is an account now): this one
              // does.
              PlayerIdentity account =
                  new PlayerIdentity(me.playerId(), me.nickname(), done.session());
              connection.welcome(account);
              SessionTokens.Issued token = tokenFor(account);
              return new ServerMessage.Account(
                  r.id(),
                  me.playerId(),
                  done.accountName(),
                  token.token(),
                  token.expiresAt().getEpochSecond());
          }
        });
    return null;
  }

  @Override
  public Void logout(ClientMessage.Logout l) {
    PlayerIdentity me = signedIn(l.id());
    if (me == null) {
      return null;
    }
    answer(
        l.id(),
        hall.accounts().logout(me.playerId(), me.account(), l.all(), connection.peer()),
        done -> {
          if (l.all()) {
            hall.registry().closeRevoked(me.playerId(), connection);
          }
          // This connection speaks for the session just ended: it goes too, after the answer.
          connection.sendThenClose(
              new ServerMessage.LoggedOut(l.id(), l.all()), CloseCodes.TOKEN_REVOKED, "logged out");
          return null;
        });
    return null;
  }

  @Override
  public Void changePassword(ClientMessage.ChangePassword c) {
    PlayerIdentity me = signedIn(c.id());
    if (me == null) {
      return null;
    }
    if (!connection.allowAccountAttempt()) {
      return fail(
          c.id(), ErrorCode.RATE_LIMITED, "too many account requests this minute; wait a little");
    }
    answer(
        c.id(),
        hall.accounts()
            .changePassword(
                me.playerId(), me.account(), c.oldPassword(), c.newPassword(), connection.peer()),
        outcome -> {
          if (outcome instanceof AccountService.Changed changed) {
            PlayerIdentity renewed =
                new PlayerIdentity(me.playerId(), me.nickname(), changed.session());
            connection.welcome(renewed);
            SessionTokens.Issued token = tokenFor(renewed);
            // Any other connection of the account on this node holds an older generation now.
            hall.registry().closeRevoked(me.playerId(), connection);
            return new ServerMessage.PasswordChanged(
                c.id(), token.token(), token.expiresAt().getEpochSecond());
          }
          if (outcome instanceof AccountService.ChangeThrottled throttled) {
            return throttledError(c.id(), throttled.retryAfterSeconds());
          }
          if (outcome instanceof AccountService.Weak weak) {
            return new ServerMessage.Error(c.id(), ErrorCode.WEAK_PASSWORD, weak.reason());
          }
          return new ServerMessage.Error(
              c.id(), ErrorCode.BAD_CREDENTIALS, "the old password is not this account's");
        });
    return null;
  }

  /** The welcomed account identity, or null after answering why there is none. */
  private PlayerIdentity signedIn(String re) {
    if (!welcomed(re)) {
      return null;
    }
    PlayerIdentity me = connection.player();
    if (me.account() == null) {
      fail(
          re,
          ErrorCode.ACCOUNT_REQUIRED,
          "only a signed-in account has sessions and a password; a guest just forgets its token");
      return null;
    }
    return me;
  }

  private SessionTokens.Issued tokenFor(PlayerIdentity identity) {
    return identity.account() == null
        ? hall.identities().issue(identity.playerId(), identity.nickname())
        : hall.identities().issue(identity.playerId(), identity.nickname(), identity.account());
  }

  private static ServerMessage.Error throttledError(String re, long retryAfterSeconds) {
    return new ServerMessage.Error(
        re,
        ErrorCode.RATE_LIMITED,
        "too many failed passwords for this account or address; try again in "
            + retryAfterSeconds
            + " s",
        retryAfterSeconds);
  }

  private void throttled(String re, long retryAfterSeconds) {
    connection.send(throttledError(re, retryAfterSeconds));
  }

  @Override
  public Void history(ClientMessage.History h) {
    if (welcomed(h.id())) {
      answer(
          h.id(),
          hall.records().history(connection.playerId(), h.offset(), h.limit()),
          page -> new ServerMessage.History(h.id(), page));
    }
    return null;
  }

  @Override
  public Void getMatch(ClientMessage.GetMatch g) {
    if (welcomed(g.id())) {
      answer(
          g.id(),
          hall.records().match(g.match()),
          found -> storedOr(g.id(), g.match(), found, ServerMessage.MatchRecord::new));
    }
    return null;
  }

  @Override
  public Void replay(ClientMessage.Replay r) {
    if (welcomed(r.id())) {
      answer(
          r.id(),
          hall.records().replay(r.match(), r.ply()),
          found -> storedOr(r.id(), r.match(), found, ServerMessage.ReplayFrame::new));
    }
    return null;
  }

  @Override
  public Void leaderboard(ClientMessage.Leaderboard l) {
    if (welcomed(l.id())) {
      answer(
          l.id(),
          hall.records().leaderboard(l.game(), l.offset(), l.limit()),
          page -> new ServerMessage.Leaderboard(l.id(), page));
    }
    return null;
  }

  /** The reply for a stored match that was found, or {@code UNKNOWN_MATCH}. */
  private static ServerMessage storedOr(
      String re,
      String matchId,
      Optional<java.util.Map<String, Object>> found,
      java.util.function.BiFunction<String, java.util.Map<String, Object>, ServerMessage> reply) {
    return found.isPresent()
        ? reply.apply(re, found.get())
        : new ServerMessage.Error(re, ErrorCode.UNKNOWN_MATCH, "no finished match " + matchId);
  }

  /** Sends what {@code reply} makes of the store's answer, or a typed error if the store failed. */
  private <T> void answer(String re, CompletionStage<T> pending, Function<T, ServerMessage> reply) {
    pending.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            storeFailed(re, failure);
          } else {
            ServerMessage message = reply.apply(value);
            // A null reply means the handler answered (and maybe closed) itself.
            if (message != null) {
              connection.send(message);
            }
          }
        });
  }

  private void storeFailed(String re, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof IllegalArgumentException) {
      fail(re, ErrorCode.INVALID_FIELD, cause.getMessage());
      return;
    }
    if (!(cause instanceof ServiceUnavailable)) {
      LOG.log(Level.WARNING, "store request failed", cause);
    }
    fail(re, ErrorCode.STORE_UNAVAILABLE, "history and accounts are unavailable right now");
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
      hall.tables().handle(tableId).ifPresent(t -> t.disconnected(connection));
    }
  }

  /**
   * Nothing came from the peer for two heartbeats (or it came again, {@code silent} false): the
   * tables it sits at show it offline (or online again) before the dead-peer close decides.
   */
  void silence(boolean silent) {
    if (connection.player() == null) {
      return;
    }
    for (String tableId : hall.tables().tablesOf(connection.playerId())) {
      hall.tables().handle(tableId).ifPresent(t -> t.silent(connection, silent));
    }
  }

  private boolean welcomed(String re) {
    if (connection.player() == null) {
      fail(re, ErrorCode.HELLO_REQUIRED, "say hello first");
      return false;
    }
    return true;
  }

  /**
   * The client's id when it gave one; else a fresh one, so the table can still answer (without
   * deduplication).
   */
  private String cid(String id) {
    return id != null ? id : "srv-" + (++generatedIds);
  }

  private Void fail(String re, ErrorCode code, String message) {
    connection.send(new ServerMessage.Error(re, code, message));
    return null;
  }
}
