package io.gamehall.protocol;

import java.util.List;
import java.util.Map;

/**
 * Messages from a client to the server.
 *
 * <p>{@code id} is an optional client-chosen string echoed as {@code re} in the direct reply, so a
 * client can match replies and errors to its requests.
 */
public sealed interface ClientMessage {
  /** The client-chosen id, or {@code null}. */
  String id();

  /**
   * Java 17 has no pattern matching in switch, so dispatch is a visitor: adding a message type
   * breaks the build of every handler that does not handle it yet, the same guarantee an exhaustive
   * switch gives.
   */
  <R> R accept(Visitor<R> visitor);

  /** One method per message type. */
  interface Visitor<R> {
    R hello(Hello hello);

    R ping(Ping ping);

    R invalid(Invalid invalid);

    R subscribeLobby(SubscribeLobby subscribe);

    R quickMatch(QuickMatch quickMatch);

    R cancelMatch(CancelMatch cancel);

    R createTable(CreateTable create);

    R joinTable(JoinTable join);

    R table(TableRequest request);

    R register(Register register);

    R login(Login login);

    R history(History history);

    R getMatch(GetMatch get);

    R replay(Replay replay);

    R leaderboard(Leaderboard leaderboard);

    R logout(Logout logout);

    R changePassword(ChangePassword change);
  }

  /**
   * Opens the conversation. Without a token: a new guest identity ({@code nickname} may be null: a
   * default is assigned). With the token of an earlier {@code welcome}: the same identity back.
   */
  record Hello(String id, int protocol, String nickname, String token) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.hello(this);
    }
  }

  /**
   * Application-level ping; {@code t} is an opaque client timestamp echoed in the pong, or null.
   */
  record Ping(String id, Long t) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ping(this);
    }
  }

  /**
   * Input that could not be decoded. The decoder returns this instead of throwing so that a bad
   * frame becomes a typed {@code error} reply on an open connection, the same on every container.
   */
  record Invalid(String id, ErrorCode code, String detail) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.invalid(this);
    }
  }

  /**
   * Starts (or, with {@code on=false}, stops) lobby updates, for one game or all ({@code game}
   * null).
   */
  record SubscribeLobby(String id, String game, boolean on) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.subscribeLobby(this);
    }
  }

  /** Queues for a game; the player is seated when a match is found. */
  record QuickMatch(String id, String game, Map<String, String> options) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.quickMatch(this);
    }
  }

  /** Leaves the quick-match queue. */
  record CancelMatch(String id) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.cancelMatch(this);
    }
  }

  /**
   * Creates a table and seats the creator. {@code privateTable}: hidden from the directory, joined
   * by a 6-digit code. {@code practice}: bots fill the other seats at once.
   */
  record CreateTable(
      String id, String game, Map<String, String> options, boolean privateTable, boolean practice)
      implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.createTable(this);
    }
  }

  /** Takes a seat at a table named by id, or by the 6-digit code of a private table. */
  record JoinTable(String id, String table, String code) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.joinTable(this);
    }
  }

  /** A command for one table. */
  record TableRequest(String id, String table, TableAction action) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.table(this);
    }
  }

  /**
   * Turns the welcomed guest into an account with a login name and password, keeping its id and
   * history.
   */
  record Register(String id, String name, String password) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.register(this);
    }

    @Override
    public String toString() {
      return "Register[id=" + id + ", name=" + name + "]";
    }
  }

  /**
   * Opens the conversation as a registered account instead of {@code hello}; answered with {@code
   * welcome}.
   */
  record Login(String id, int protocol, String name, String password) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.login(this);
    }

    @Override
    public String toString() {
      return "Login[id=" + id + ", name=" + name + "]";
    }
  }

  /** A page of the player's own finished matches, newest first. */
  record History(String id, int offset, int limit) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.history(this);
    }
  }

  /** One finished match with its move log (and a PGN export for Xiangqi). */
  record GetMatch(String id, String match) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.getMatch(this);
    }
  }

  /** The position of a finished match after {@code ply} of its actions (0: the start). */
  record Replay(String id, String match, int ply) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.replay(this);
    }
  }

  /**
   * Ends this device's account session ({@code all} false) or every session of the account ({@code
   * all} true); answered with {@code logged_out}, then the connection closes with 4004.
   */
  record Logout(String id, boolean all) implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.logout(this);
    }
  }

  /**
   * Replaces the account's password; every other token of the account stops working and the answer
   * carries a fresh token for this connection.
   */
  record ChangePassword(String id, String oldPassword, String newPassword)
      implements ClientMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.changePassword(this);
    }

    @Override
    public String toString() {
      return "ChangePassword[id=" + id + "]";
    }
  }

  /**
   * A page of a game's leaderboard, or (with {@code players} not empty) the lines of just those
   * players, wherever they stand.
   */
  record Leaderboard(String id, String game, int offset, int limit, List<String> players)
      implements ClientMessage {
    public Leaderboard {
      players = List.copyOf(players);
    }

    /** A page. */
    public Leaderboard(String id, String game, int offset, int limit) {
      this(id, game, offset, limit, List.of());
    }

    /** The lines of the named players. */
    public static Leaderboard of(String id, String game, List<String> players) {
      return new Leaderboard(id, game, 0, Limits.DEFAULT_PAGE_SIZE, players);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.leaderboard(this);
    }
  }
}
