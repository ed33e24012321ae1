// @ts-check
// GameHall JavaScript SDK: one WebSocket per player, guest identity, resume by token and sequence number,
// reconnection with jittered backoff, an application heartbeat and promise-returning commands.
// Dependency-free ES module; the pure parts (URL derivation, backoff, sequence tracking, command queue, close-code
// policy) are exported on their own so Node's test runner can check them without a browser. See docs/client-sdk.md.
// Type-checked with `tsc --noEmit --allowJs --checkJs` (JSDoc types, no build step).

// The entry developers import. Its internals live in sibling modules: wire.js (constants, errors, URLs, backoff, close
// codes), tracking.js (sequence numbers, the command queue), connection.js (the socket's life) and types.js (JSDoc).
import { Connection } from "./connection.js";
export { PROTOCOL, SNAPSHOT_SEQ, MixedContentError, CommandError, socketUrl, checkUrl, Backoff, closePolicy } from "./wire.js";
export { SeqTracker, CommandQueue } from "./tracking.js";
/** @typedef {import("./types.js").ClientMessage} ClientMessage */
/** @typedef {import("./types.js").ServerMessage} ServerMessage */
/** @typedef {import("./types.js").WelcomeMessage} WelcomeMessage */
/** @typedef {import("./types.js").EventMessage} EventMessage */
/** @typedef {import("./types.js").AckMessage} AckMessage */
/** @typedef {import("./types.js").TableState} TableState */
/** @typedef {import("./types.js").SeatState} SeatState */
/** @typedef {import("./types.js").ClockState} ClockState */
/** @typedef {import("./types.js").ClockData} ClockData */
/** @typedef {import("./types.js").ResultData} ResultData */
/** @typedef {import("./types.js").EventData} EventData */
/** @typedef {import("./types.js").TrusteeData} TrusteeData */
/** @typedef {import("./types.js").OfflineData} OfflineData */
/** @typedef {import("./types.js").OnlineData} OnlineData */
/** @typedef {import("./types.js").HelloMessage} HelloMessage */
/** @typedef {import("./types.js").LoginMessage} LoginMessage */
/** @typedef {import("./types.js").PingMessage} PingMessage */
/** @typedef {import("./types.js").ResumeMessage} ResumeMessage */
/** @typedef {import("./types.js").ActMessage} ActMessage */
/** @typedef {import("./types.js").CommandMessage} CommandMessage */
/** @typedef {import("./types.js").PongMessage} PongMessage */
/** @typedef {import("./types.js").ErrorMessage} ErrorMessage */
/** @typedef {import("./types.js").RefusedMessage} RefusedMessage */
/** @typedef {import("./types.js").SnapshotMessage} SnapshotMessage */
/** @typedef {import("./types.js").MatchingMessage} MatchingMessage */
/** @typedef {import("./types.js").TableCreatedMessage} TableCreatedMessage */
/** @typedef {import("./types.js").OtherMessage} OtherMessage */
/** @typedef {import("./types.js").ConnectionState} ConnectionState */
/** @typedef {import("./types.js").StateEvent} StateEvent */
/** @typedef {import("./types.js").PageLocation} PageLocation */
/** @typedef {import("./types.js").Socket} Socket */
/** @typedef {import("./types.js").SocketConstructor} SocketConstructor */

/**
 * A GameHall connection.
 *
 * Events (subscribe with `on(name, fn)`): `state` (StateEvent), `welcome`, `resumed` ({tables}), `lobby`,
 * `lobby_update`, `matching`, `table_created`, `snapshot` ({table, seq, state}), `event` (one table event, in order,
 * never duplicated; a move's `data.clock` is also emitted as a `clock` event right after it, `folded: true`),
 * `ack` (every ack, also the one made from an event that answers an `act`), `chat` (table chat events),
 * `table_lost` ({table, code}), `error` (server errors without a pending command), `message` (every raw message).
 */
export class GameHall extends Connection {
  // Convenience commands. Each returns the promise of `send`.
  /** @param {string} [game] */
  subscribeLobby(game) {
    return this.send({ type: "subscribe_lobby", game: game || undefined, on: true });
  }
  /** @param {string} game @param {Record<string, string>} [options] */
  quickMatch(game, options) {
    return this.send({ type: "quick_match", game, options });
  }
  cancelMatch() {
    return this.send({ type: "cancel_match" });
  }
  /**
   * @param {string} game
   * @param {{options?: Record<string, string>, privateTable?: boolean, practice?: boolean}} [settings]
   */
  createTable(game, { options, privateTable = false, practice = false } = {}) {
    return this.send({ type: "create_table", game, options, private: privateTable, practice });
  }
  /** @param {{table?: string, code?: string}} target */
  joinTable({ table, code }) {
    return this.send(table ? { type: "join_table", table } : { type: "join_table", code });
  }
  /** @param {string} table */
  spectate(table) {
    this.tables.add(table);
    return this.send({ type: "spectate", table });
  }
  /** @param {string} table @param {string} move */
  act(table, move) {
    return this.send({ type: "act", table, move });
  }
  /** @param {string} type @param {string} table @param {Record<string, unknown>} [extra] */
  tableCommand(type, table, extra = {}) {
    return this.send({ type, table, ...extra });
  }
  /** @param {string} table @param {{text?: string, phrase?: string}} line */
  chat(table, { text, phrase }) {
    return this.send(text != null ? { type: "chat", table, text } : { type: "chat", table, phrase });
  }
  /** @param {string} table */
  leave(table) {
    const p = this.send({ type: "leave", table });
    p.then(() => this.forget(table), () => this.forget(table));
    return p;
  }

  // Accounts, history, replays and leaderboards (the server answers STORE_UNAVAILABLE where it has no database).

  /**
   * Turns this guest into an account (same player id, history kept); resolves with `account`. Its token replaces the
   * guest's, which the server refuses from now on.
   * @param {string} name @param {string} password
   */
  register(name, password) {
    return this.send({ type: "register", name, password }).then((msg) => {
      if (msg && msg.token) this.store.setItem("gamehall.token", msg.token);
      return msg;
    });
  }

  /**
   * Ends this device's account session, or with `all` every device's; resolves with `logged_out`. The server then
   * closes the socket with 4004; the token is forgotten first, so the SDK comes back as a new guest.
   */
  logout({ all = false } = {}) {
    return this.send({ type: "logout", all }).then((msg) => {
      this.forgetIdentity();
      return msg;
    });
  }

  /**
   * Replaces the account's password (`RATE_LIMITED` with `retryAfterSeconds` after repeated wrong old passwords);
   * every other token of the account stops working. Resolves with `password_changed`, whose fresh token is kept.
   */
  /** @param {string} oldPassword @param {string} newPassword */
  changePassword(oldPassword, newPassword) {
    return this.send({ type: "change_password", old: oldPassword, new: newPassword }).then((msg) => {
      if (msg && msg.token) this.store.setItem("gamehall.token", msg.token);
      return msg;
    });
  }

  /**
   * Signs in as an account instead of the current guest: reconnects and opens with `login` instead of `hello`.
   * Resolves with the `welcome` (its token is kept for later reconnects, like a guest's); rejects with a CommandError
   * (`BAD_CREDENTIALS`, `RATE_LIMITED`), after which the connection carries on as a new guest.
   * @param {string} name @param {string} password
   * @returns {Promise<WelcomeMessage>}
   */
  login(name, password) {
    return new Promise((resolve, reject) => this.reopenAs({ name, password, resolve, reject }));
  }

  /** A page of this player's finished matches, newest first; resolves with `history` ({offset, limit, total, matches}). */
  history({ offset = 0, limit = 20 } = {}) {
    return this.send({ type: "history", offset, limit });
  }

  /** One finished match with its `moves`, `seed`, `commitment`/`revealedSeed` and, for Xiangqi, `pgn`. @param {string} matchId */
  match(matchId) {
    return this.send({ type: "get_match", match: matchId });
  }

  /** The position after `ply` actions of a finished match; resolves with `replay` ({ply, plies, move, view, seatViews}). @param {string} matchId @param {number} ply */
  replayFrame(matchId, ply) {
    return this.send({ type: "replay", match: matchId, ply });
  }

  /** A page of a game's leaderboard; resolves with `leaderboard` ({offset, limit, total, entries}). @param {string} game */
  leaderboard(game, { offset = 0, limit = 20 } = {}) {
    return this.send({ type: "leaderboard", game, offset, limit });
  }

  /**
   * The leaderboard lines of up to 8 named players (a table's seats), wherever they stand; resolves with `leaderboard`
   * ({players, entries}); a player with no rated match in the game has no entry (the starting rating, 1500).
   * @param {string} game @param {string[]} players
   */
  standings(game, players) {
    return this.send({ type: "leaderboard", game, players });
  }
}

/**
 * Steps through a finished match: frames come from the server (which replays the real rules) and are cached, so
 * stepping back and forth asks for each position once.
 */
export class ReplayCursor {
  /** @param {GameHall} hall @param {string} matchId */
  constructor(hall, matchId) {
    this.hall = hall;
    this.matchId = matchId;
    /** @type {Map<number, any>} */
    this.frames = new Map();
    this.ply = 0;
    /** @type {number | null} */
    this.plies = null;
  }

  /** Loads the frame at `ply` (clamped to the match) and makes it current. @param {number} ply */
  async goto(ply) {
    const target = Math.max(0, this.plies == null ? ply : Math.min(ply, this.plies));
    let frame = this.frames.get(target);
    if (!frame) {
      frame = await this.hall.replayFrame(this.matchId, target);
      this.frames.set(target, frame);
      this.plies = frame.plies;
    }
    this.ply = target;
    return frame;
  }

  start() {
    return this.goto(0);
  }

  next() {
    return this.goto(this.ply + 1);
  }

  previous() {
    return this.goto(this.ply - 1);
  }

  end() {
    return this.plies == null ? this.goto(0).then(() => this.goto(this.plies ?? 0)) : this.goto(this.plies);
  }

  get atEnd() {
    return this.plies != null && this.ply >= this.plies;
  }
}
