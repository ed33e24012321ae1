package io.gamehall.protocol;

import java.util.List;
import java.util.Map;

/**
 * Messages from the server to a client. {@code re} is the id of the client message being answered,
 * or null. Maps are plain trees (strings, numbers, booleans, lists, maps) written as JSON objects.
 */
public sealed interface ServerMessage {
  /** Exhaustive dispatch without pattern switches (Java 17); see {@link ClientMessage#accept}. */
  <R> R accept(Visitor<R> visitor);

  /** One method per message type. */
  interface Visitor<R> {
    R welcome(Welcome welcome);

    R pong(Pong pong);

    R error(Error error);

    R lobby(Lobby lobby);

    R lobbyUpdate(LobbyUpdate update);

    R matching(Matching matching);

    R snapshot(Snapshot snapshot);

    R event(Event event);

    R ack(Ack ack);

    R tableCreated(TableCreated created);

    R refused(Refused refused);

    R notice(Notice notice);

    R account(Account account);

    R history(History history);

    R matchRecord(MatchRecord match);

    R replayFrame(ReplayFrame frame);

    R leaderboard(Leaderboard leaderboard);

    R loggedOut(LoggedOut loggedOut);

    R passwordChanged(PasswordChanged changed);
  }

  /**
   * Answer to {@code hello}: the identity, a session token to present on reconnect ({@code
   * tokenExpiresAt} in epoch seconds), whether an earlier identity was {@code resumed}, the tables
   * the player is seated at (resume each), and the connection's limits and timings.
   */
  record Welcome(
      String re,
      String playerId,
      String nickname,
      int protocol,
      int heartbeatSeconds,
      int maxMessageBytes,
      String token,
      long tokenExpiresAt,
      boolean resumed,
      List<String> tables)
      implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.welcome(this);
    }
  }

  /** Answer to {@code ping}. */
  record Pong(String re, Long t) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pong(this);
    }
  }

  /**
   * A message that could not be accepted; the connection stays open. {@code retryAfterSeconds}: for
   * {@code RATE_LIMITED} answers to {@code login} and {@code change_password}, when to try again;
   * null otherwise.
   */
  record Error(String re, ErrorCode code, String message, Long retryAfterSeconds)
      implements ServerMessage {
    public Error(String re, ErrorCode code, String message) {
      this(re, code, message, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.error(this);
    }
  }

  /** The lobby as it is now: {@code games} (with presence counts) and the public {@code tables}. */
  record Lobby(String re, Map<String, Object> state) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.lobby(this);
    }
  }

  /**
   * One lobby change: {@code kind} is {@code table} (added or changed), {@code table_removed} or
   * {@code presence}.
   */
  record LobbyUpdate(String kind, Map<String, Object> data) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.lobbyUpdate(this);
    }
  }

  /**
   * The player's quick-match state for {@code game}: {@code queued} true while waiting; false when
   * it ended, with the {@code table} the player was seated at (null if the wait was cancelled).
   */
  record Matching(String re, String game, boolean queued, String table) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.matching(this);
    }
  }

  /** The full state of a table as this client may see it, as of sequence {@code seq}. */
  record Snapshot(String re, String table, long seq, Map<String, Object> state)
      implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.snapshot(this);
    }
  }

  /**
   * One table event, numbered {@code seq} (gapless per table). {@code re}, on the mover's own copy
   * of the last event its {@code act} caused, answers that command in place of an {@link Ack}.
   */
  record Event(String table, long seq, String kind, Map<String, Object> data, String re)
      implements ServerMessage {
    public Event(String table, long seq, String kind, Map<String, Object> data) {
      this(table, seq, kind, data, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.event(this);
    }
  }

  /**
   * A table command was applied (or had been already: a repeated id gets the same answer); {@code
   * seq} after it.
   */
  record Ack(String re, String table, long seq) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ack(this);
    }
  }

  /** A table command was refused and changed nothing; {@code code} is a stable lower-case word. */
  record Refused(String re, String table, String code, String message) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.refused(this);
    }
  }

  /**
   * An operator's word to this client: {@code kind} is {@code drain} (the server stops taking new
   * games and closes with 1001 by {@code deadline}, epoch seconds), {@code broadcast} (a message
   * for everyone) or {@code kicked} (this connection is about to be closed by an operator).
   */
  record Notice(String kind, String message, Long deadline) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.notice(this);
    }
  }

  /**
   * Answer to {@code create_table}: the new table's id and, for a private table, its 6-digit join
   * code.
   */
  record TableCreated(String re, String table, String code) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.tableCreated(this);
    }
  }

  /**
   * Answer to {@code register}: the player (same id as the guest it was) now has the account {@code
   * name}.
   */
  record Account(String re, String playerId, String name, String token, Long tokenExpiresAt)
      implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.account(this);
    }
  }

  /**
   * Answer to {@code logout}: the session ({@code all}: every session of the account) is ended; the
   * server closes this connection with 4004 right after.
   */
  record LoggedOut(String re, boolean all) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.loggedOut(this);
    }
  }

  /**
   * Answer to {@code change_password}: the new password is set and {@code token} replaces every
   * earlier token of the account (which no longer work).
   */
  record PasswordChanged(String re, String token, long tokenExpiresAt) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.passwordChanged(this);
    }
  }

  /**
   * Answer to {@code history}: {@code offset}, {@code limit}, {@code total} and the page of {@code
   * matches}.
   */
  record History(String re, Map<String, Object> page) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.history(this);
    }
  }

  /**
   * Answer to {@code get_match}: the stored match, its {@code moves}, seed and commitment, and
   * {@code pgn}.
   */
  record MatchRecord(String re, Map<String, Object> match) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.matchRecord(this);
    }
  }

  /**
   * Answer to {@code replay}: {@code ply} of {@code plies}, the {@code move} that led here and the
   * views.
   */
  record ReplayFrame(String re, Map<String, Object> frame) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.replayFrame(this);
    }
  }

  /**
   * Answer to {@code leaderboard}: {@code game}, {@code offset}, {@code limit}, {@code total} and
   * {@code entries}.
   */
  record Leaderboard(String re, Map<String, Object> page) implements ServerMessage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.leaderboard(this);
    }
  }
}
