// GameHall JavaScript SDK: one WebSocket per player, guest identity, resume by token and sequence number,
// reconnection with jittered backoff, an application heartbeat and promise-returning commands.
// Dependency-free ES module; the pure parts (URL derivation, backoff, sequence tracking, command queue, close-code
// policy) are exported on their own so Node's test runner can check them without a browser. See docs/client-sdk.md.

/** Wire protocol version this SDK speaks. */
export const PROTOCOL = 1;

/**
 * A `resume` lastSeq beyond any table's head: the server cannot replay from it and answers with a snapshot.
 * Used when the client holds no state for a table (after a page reload) or wants a fresh view (legal moves).
 */
export const SNAPSHOT_SEQ = Number.MAX_SAFE_INTEGER;

/** Thrown (never silently downgraded) when an https page would open a plain ws:// socket. */
export class MixedContentError extends Error {
  constructor(url) {
    super(`refusing insecure WebSocket URL ${url} from an https page (mixed content); use wss://`);
    this.name = "MixedContentError";
  }
}

/** A command that the server refused (`refused`/`error`) or that could not be delivered. */
export class CommandError extends Error {
  /** @param {string} code @param {string} message @param {object} [reply] */
  constructor(code, message, reply) {
    super(message || code);
    this.name = "CommandError";
    this.code = code;
    this.reply = reply || null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// URL derivation

/**
 * The socket URL for a page: `https:` becomes `wss:`, the page's host (with its port) is kept, and the context path
 * is the directory the page was served from (`/gamehall/` for `/gamehall/` or `/gamehall/index.html`).
 *
 * @param {{protocol: string, host: string, pathname: string}} location the page's location
 * @param {{contextPath?: string, path?: string}} [options] `contextPath` overrides the derived one; `path` is the
 *     endpoint below it (default `ws`)
 * @returns {string}
 */
export function socketUrl(location, options = {}) {
  const scheme = location.protocol === "https:" ? "wss:" : location.protocol === "http:" ? "ws:" : null;
  if (!scheme) {
    throw new Error(`cannot derive a socket URL from a ${location.protocol} page; pass an explicit wss:// URL`);
  }
  let context = options.contextPath != null ? options.contextPath : location.pathname.replace(/[^/]*$/, "");
  if (!context.startsWith("/")) context = "/" + context;
  if (!context.endsWith("/")) context += "/";
  return checkUrl(`${scheme}//${location.host}${context}${options.path || "ws"}`, location.protocol);
}

/**
 * Checks a socket URL against the page's protocol: on an https page only `wss:` is allowed.
 *
 * @param {string} url
 * @param {string} [pageProtocol] e.g. `https:`; undefined in native shells (no page)
 * @returns {string} the URL unchanged
 * @throws {MixedContentError} on an https page with a ws:// URL
 */
export function checkUrl(url, pageProtocol) {
  const lower = String(url).toLowerCase();
  if (!lower.startsWith("wss://") && !lower.startsWith("ws://")) {
    throw new Error(`not a WebSocket URL: ${url}`);
  }
  if (pageProtocol === "https:" && lower.startsWith("ws://")) {
    throw new MixedContentError(url);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------------------------
// Backoff

/** Jittered exponential backoff ("full jitter" above half the step): 0.5 s, 1 s, 2 s ... capped at 15 s. */
export class Backoff {
  /** @param {{baseMs?: number, capMs?: number, random?: () => number}} [options] */
  constructor(options = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 15000;
    this.random = options.random ?? Math.random;
    this.attempt = 0;
  }

  /** The delay before the next attempt; each call moves one step up. @returns {number} */
  next() {
    const step = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    // Between half the step and the step: many clients cut at once do not come back in lockstep.
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  /** After a successful connection. */
  reset() {
    this.attempt = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sequence tracking

/**
 * Per-table last applied sequence number. Events are gapless per table; a duplicate is dropped and a gap means the
 * client missed something and must resume from the last applied number.
 */
export class SeqTracker {
  constructor() {
    /** @type {Map<string, number>} */
    this.seqs = new Map();
  }

  /**
   * Classifies an incoming event.
   * @param {string} table @param {number} seq
   * @returns {"apply"|"duplicate"|"gap"|"unknown"} unknown: no baseline for this table yet
   */
  check(table, seq) {
    const last = this.seqs.get(table);
    if (last === undefined) return "unknown";
    if (seq <= last) return "duplicate";
    if (seq === last + 1) return "apply";
    return "gap";
  }

  /** Records that everything up to {@code seq} is applied (an event, or a snapshot as of seq). */
  mark(table, seq) {
    this.seqs.set(table, seq);
  }

  /** The last applied seq, or undefined. @returns {number|undefined} */
  last(table) {
    return this.seqs.get(table);
  }

  forget(table) {
    this.seqs.delete(table);
  }

  tables() {
    return [...this.seqs.keys()];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

/**
 * Commands waiting for the connection (bounded, FIFO) and commands sent and waiting for their answer (by id).
 * Only table commands (those naming a `table`) are re-sent after a reconnection: the server answers a repeated id
 * again and never applies it twice. Lobby commands (create_table, quick_match...) are not deduplicated by the
 * server, so one in flight when the socket drops is failed with `disconnected` instead of being repeated.
 */
export class CommandQueue {
  /** @param {{capacity?: number}} [options] */
  constructor(options = {}) {
    this.capacity = options.capacity ?? 32;
    /** @type {Array<{msg: object, resolve: Function, reject: Function}>} */
    this.waiting = [];
    /** @type {Map<string, {msg: object, resolve: Function, reject: Function}>} */
    this.inFlight = new Map();
  }

  /** Queues a command until the connection is ready; throws CommandError `queue_full` when full. */
  enqueue(entry) {
    if (this.waiting.length >= this.capacity) {
      throw new CommandError("queue_full", `more than ${this.capacity} commands waiting for the connection`);
    }
    this.waiting.push(entry);
  }

  /** Everything waiting, oldest first, moved to in-flight. */
  drain() {
    const out = this.waiting;
    this.waiting = [];
    for (const e of out) this.inFlight.set(e.msg.id, e);
    return out;
  }

  sent(entry) {
    this.inFlight.set(entry.msg.id, entry);
  }

  /** The in-flight command answered by `re`, removed; or undefined. */
  settle(re) {
    const e = this.inFlight.get(re);
    if (e) this.inFlight.delete(re);
    return e;
  }

  /**
   * The socket dropped: table commands in flight go back to the front of the queue (same ids), the others fail.
   * @returns {Array<object>} the failed entries
   */
  requeueAfterDrop() {
    const again = [];
    const failed = [];
    for (const e of this.inFlight.values()) (e.msg.table ? again : failed).push(e);
    this.inFlight.clear();
    this.waiting = again.concat(this.waiting);
    for (const e of failed) e.reject(new CommandError("disconnected", "the connection dropped before an answer"));
    return failed;
  }

  /** Fails everything (the client was closed for good). */
  failAll(code, message) {
    for (const e of this.waiting.concat([...this.inFlight.values()])) e.reject(new CommandError(code, message));
    this.waiting = [];
    this.inFlight.clear();
  }

  get size() {
    return this.waiting.length;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Close codes

/**
 * What to do after a close: `reconnect` or `stop`. 4001: replaced by another connection of the same player (a
 * second tab) -- reconnecting would steal it back and forth. 1003/1009: this client sent something the server cannot
 * take; the same client would do it again. Anything else (1001, 1006, 1011, 4002, 4003...) is transient.
 * @param {number} code @returns {"reconnect"|"stop"}
 */
export function closePolicy(code) {
  return code === 4001 || code === 1003 || code === 1009 ? "stop" : "reconnect";
}

// ---------------------------------------------------------------------------------------------------------------
// Token storage

/**
 * Where the session token lives. Default: sessionStorage, so each tab is its own player (two tabs never replace
 * each other's connection with 4001) and a reload of the tab keeps its seat; the nickname goes to localStorage so a
 * new tab offers the same name. Pass `storage: "local"` to keep one identity across tabs and browser restarts.
 */
function pickStorage(kind) {
  try {
    const s = kind === "local" ? globalThis.localStorage : globalThis.sessionStorage;
    if (s) return s;
  } catch (e) {
    // Storage can be disabled (private modes, sandboxed frames): fall through to memory.
  }
  const mem = new Map();
  return { getItem: (k) => (mem.has(k) ? mem.get(k) : null), setItem: (k, v) => mem.set(k, String(v)), removeItem: (k) => mem.delete(k) };
}

// ---------------------------------------------------------------------------------------------------------------
// The client

/**
 * @typedef {"idle"|"connecting"|"open"|"reconnecting"|"closed"} ConnectionState
 * @typedef {{state: ConnectionState, inMs?: number, code?: number, reason?: string, resumed?: boolean}} StateEvent
 * @typedef {{type: string, table?: string, seq?: number, kind?: string, data?: object, state?: object, re?: string}} ServerMessage
 */

/**
 * A GameHall connection.
 *
 * Events (subscribe with `on(name, fn)`): `state` (StateEvent), `welcome`, `resumed` ({tables}), `lobby`,
 * `lobby_update`, `matching`, `table_created`, `snapshot` ({table, seq, state}), `event` (one table event, in order,
 * never duplicated), `chat` (table chat events), `table_lost` ({table, code}), `error` (server errors without a
 * pending command), `message` (every raw message).
 */
export class GameHall {
  /**
   * @param {object} [options]
   * @param {string} [options.url] explicit socket URL (native shells); otherwise derived from `location`
   * @param {string} [options.contextPath] overrides the context path derived from the page
   * @param {string} [options.nickname] nickname for a new guest
   * @param {"session"|"local"} [options.storage] where the token is kept (default session)
   * @param {number} [options.pingMs] application ping interval (default 10 s)
   * @param {number} [options.deadMs] nothing received for this long: the socket is dead (default 25 s)
   * @param {number} [options.queueCapacity] commands kept while reconnecting (default 32)
   * @param {Function} [options.WebSocket] WebSocket constructor (tests)
   * @param {{protocol: string, host: string, pathname: string}} [options.location] page location (tests)
   * @param {Backoff} [options.backoff]
   */
  constructor(options = {}) {
    const loc = options.location || globalThis.location;
    const pageProtocol = loc ? loc.protocol : undefined;
    this.url = options.url ? checkUrl(options.url, pageProtocol) : socketUrl(loc, { contextPath: options.contextPath });
    this.pageProtocol = pageProtocol;
    this.WS = options.WebSocket || globalThis.WebSocket;
    this.store = pickStorage(options.storage);
    this.prefs = pickStorage("local");
    this.nickname = options.nickname || this.prefs.getItem("gamehall.nickname") || null;
    this.pingMs = options.pingMs ?? 10000;
    this.deadMs = options.deadMs ?? 25000;
    this.backoff = options.backoff || new Backoff();
    this.queue = new CommandQueue({ capacity: options.queueCapacity });
    this.seqs = new SeqTracker();
    /** Tables to resume after a reconnect even if no event was seen yet. */
    this.tables = new Set();
    this.listeners = new Map();
    this.state = "idle";
    this.ready = false;
    this.player = null;
    this.nextId = 1;
    this.idPrefix = Math.random().toString(36).slice(2, 8);
    this.ws = null;
    this.timers = { reconnect: null, ping: null, dead: null };
    this.stopped = false;
    this.held = false;
    this.wasOpen = false;
  }

  /** @param {string} name @param {(payload: any) => void} fn @returns {() => void} unsubscribe */
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    return () => this.listeners.get(name).delete(fn);
  }

  emit(name, payload) {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(payload);
      } catch (e) {
        // A broken listener must not break the connection.
        if (globalThis.console) console.error("gamehall listener", name, e);
      }
    }
  }

  setState(state, extra = {}) {
    this.state = state;
    this.emit("state", { state, ...extra });
  }

  get token() {
    return this.store.getItem("gamehall.token");
  }

  /** Opens the connection (idempotent) and wires browser online/visibility hints. */
  connect() {
    this.stopped = false;
    if (!this.hintsWired && globalThis.addEventListener) {
      this.hintsWired = true;
      globalThis.addEventListener("online", () => this.reconnectNow());
      if (globalThis.document) {
        globalThis.document.addEventListener("visibilitychange", () => {
          if (globalThis.document.visibilityState === "visible") this.reconnectNow();
        });
      }
    }
    if (!this.ws) this.open();
    return this;
  }

  /** Skip the remaining backoff: the network is back or the tab is visible again. */
  reconnectNow() {
    if (this.stopped || this.held) return;
    if (this.state === "reconnecting" && this.timers.reconnect) {
      clearTimeout(this.timers.reconnect);
      this.timers.reconnect = null;
      this.open();
    } else if (this.state === "open") {
      // A socket can look open after a sleep while being dead: probe it now.
      this.sendRaw({ type: "ping", t: Date.now() });
    }
  }

  open() {
    checkUrl(this.url, this.pageProtocol);
    this.setState(this.wasOpen ? "reconnecting" : "connecting", this.wasOpen ? { inMs: 0 } : {});
    this.ready = false;
    let ws;
    try {
      ws = new this.WS(this.url);
    } catch (e) {
      this.scheduleReconnect(1006);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.armDead();
      let hello = { type: "hello", id: this.newId(), protocol: PROTOCOL };
      if (this.pendingLogin) {
        // login opens the conversation instead of hello; the password is sent once and never stored.
        const { name, password } = this.pendingLogin;
        hello = { type: "login", id: hello.id, protocol: PROTOCOL, name, password };
      } else if (this.token) hello.token = this.token;
      else if (this.nickname) hello.nickname = this.nickname;
      this.helloId = hello.id;
      this.sendRaw(hello);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.armDead();
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      this.dispatch(msg);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.dropped(ev.code || 1006, ev.reason || "");
    };
    ws.onerror = () => {
      // onclose follows; nothing to do here.
    };
  }

  dropped(code, reason) {
    this.clearTimers();
    this.ws = null;
    this.ready = false;
    this.queue.requeueAfterDrop();
    if (this.stopped || closePolicy(code) === "stop") {
      this.stopped = true;
      this.queue.failAll("closed", `connection closed (${code})`);
      this.setState("closed", { code, reason, replaced: code === 4001 });
      return;
    }
    this.scheduleReconnect(code);
  }

  scheduleReconnect(code) {
    if (this.held) {
      this.setState("reconnecting", { inMs: null, code });
      return;
    }
    const inMs = this.backoff.next();
    this.setState("reconnecting", { inMs, code });
    this.timers.reconnect = setTimeout(() => {
      this.timers.reconnect = null;
      this.open();
    }, inMs);
  }

  armDead() {
    clearTimeout(this.timers.dead);
    this.timers.dead = setTimeout(() => {
      // Browsers hide WebSocket ping frames: silence this long means a dead path the browser has not noticed.
      if (this.ws) {
        const ws = this.ws;
        try {
          ws.close(4000, "heartbeat timeout");
        } catch (e) {
          // already closing
        }
        this.dropped(4003, "client heartbeat timeout");
      }
    }, this.deadMs);
  }

  clearTimers() {
    clearTimeout(this.timers.reconnect);
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.dead);
    this.timers = { reconnect: null, ping: null, dead: null };
  }

  /** Closes for good (no reconnect); pending commands fail with `closed`. */
  close() {
    this.stopped = true;
    const ws = this.ws;
    this.clearTimers();
    this.ws = null;
    if (ws) ws.close(1000, "bye");
    this.queue.failAll("closed", "client closed");
    this.setState("closed", { code: 1000 });
  }

  /**
   * Test and debugging hook: drops the socket as a network cut would and keeps it down until `restore()`.
   * Commands issued meanwhile are queued.
   */
  cut() {
    this.held = true;
    if (this.detach(4000, "cut")) this.dropped(1006, "cut");
  }

  /** Closes the socket without hearing its close event; true if there was one. */
  detach(code, reason) {
    const ws = this.ws;
    if (!ws) return false;
    ws.onclose = null;
    ws.onmessage = null;
    try {
      ws.close(code, reason);
    } catch (e) {
      // already closing
    }
    return true;
  }

  /** Ends a `cut()`: reconnects at once. */
  restore() {
    this.held = false;
    if (!this.ws && !this.stopped) {
      clearTimeout(this.timers.reconnect);
      this.open();
    }
  }

  newId() {
    return `${this.idPrefix}-${this.nextId++}`;
  }

  sendRaw(msg) {
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /**
   * Sends a command and resolves with its answer (`ack`, `table_created`, `matching`, `lobby`, `pong`...), or rejects
   * with a CommandError for `refused`/`error`. While the connection is not ready the command waits in a bounded queue
   * and is sent, with its id, right after the resume.
   * @param {object} msg a message without `id` (one is assigned)
   * @returns {Promise<ServerMessage>}
   */
  send(msg) {
    const out = { ...msg, id: msg.id || this.newId() };
    return new Promise((resolve, reject) => {
      const entry = { msg: out, resolve, reject };
      if (this.ready) {
        this.queue.sent(entry);
        if (!this.sendRaw(out)) {
          // Raced with a close: it goes back into the queue with the drop.
        }
      } else {
        try {
          this.queue.enqueue(entry);
        } catch (e) {
          reject(e);
        }
      }
    });
  }

  dispatch(msg) {
    this.emit("message", msg);
    switch (msg.type) {
      case "welcome":
        this.welcomed(msg);
        if (this.pendingLogin && msg.re === this.helloId) {
          const login = this.pendingLogin;
          this.pendingLogin = null;
          login.resolve(msg);
        }
        return;
      case "pong":
        break;
      case "event":
        return this.tableEvent(msg);
      case "snapshot":
        this.tables.add(msg.table);
        this.seqs.mark(msg.table, msg.seq);
        break;
      case "refused":
        if (msg.re == null && msg.code === "not_member" || msg.re == null && msg.code === "closed") {
          this.tables.delete(msg.table);
          this.seqs.forget(msg.table);
          this.emit("table_lost", { table: msg.table, code: msg.code });
        }
        break;
      case "error":
        if (msg.re && msg.re === this.helloId && this.pendingLogin) {
          // Wrong name or password (or rate-limited): report it, and carry on as a new guest on the same socket.
          const login = this.pendingLogin;
          this.pendingLogin = null;
          login.reject(new CommandError(msg.code, msg.message, msg));
          const hello = { type: "hello", id: this.newId(), protocol: PROTOCOL };
          if (this.nickname) hello.nickname = this.nickname;
          this.helloId = hello.id;
          this.sendRaw(hello);
          return;
        }
        if (msg.re && msg.re === this.helloId && msg.code === "INVALID_TOKEN") {
          // The token expired or the server's key changed: start over as a new guest.
          this.store.removeItem("gamehall.token");
          const hello = { type: "hello", id: this.newId(), protocol: PROTOCOL };
          if (this.nickname) hello.nickname = this.nickname;
          this.helloId = hello.id;
          this.sendRaw(hello);
          return;
        }
        break;
      case "matching":
        if (msg.table) this.tables.add(msg.table);
        break;
      case "table_created":
        this.tables.add(msg.table);
        break;
      default:
        break;
    }
    if (msg.re) {
      const entry = this.queue.settle(msg.re);
      if (entry) {
        if (msg.type === "refused" || msg.type === "error") {
          entry.reject(new CommandError(msg.code, msg.message, msg));
        } else {
          entry.resolve(msg);
        }
      } else if (msg.type === "error") {
        this.emit("error", msg);
      }
    } else if (msg.type === "error") {
      this.emit("error", msg);
    }
    if (msg.type !== "refused" && msg.type !== "error" && msg.type !== "pong" && msg.type !== "welcome") {
      this.emit(msg.type, msg);
    }
  }

  welcomed(msg) {
    this.player = { playerId: msg.playerId, nickname: msg.nickname };
    this.store.setItem("gamehall.token", msg.token);
    this.prefs.setItem("gamehall.nickname", msg.nickname);
    if (msg.heartbeatSeconds && !this.pingFixed) {
      this.pingMs = Math.min(this.pingMs, Math.max(1000, msg.heartbeatSeconds * 1000));
    }
    this.backoff.reset();
    const resumed = this.wasOpen;
    this.wasOpen = true;
    // Resume every table: the server's list (after a reload) and the ones this client knows.
    for (const t of msg.tables || []) this.tables.add(t);
    for (const t of this.tables) {
      const last = this.seqs.last(t);
      this.sendRaw({ type: "resume", id: this.newId(), table: t, lastSeq: last === undefined ? SNAPSHOT_SEQ : last });
    }
    this.ready = true;
    // Queued commands go after the resumes, so the server has reattached this connection to its tables first.
    for (const e of this.queue.drain()) this.sendRaw(e.msg);
    clearInterval(this.timers.ping);
    this.timers.ping = setInterval(() => this.sendRaw({ type: "ping", t: Date.now() }), this.pingMs);
    this.setState("open", { resumed: msg.resumed || resumed });
    this.emit("welcome", msg);
    if (resumed || msg.resumed) this.emit("resumed", { tables: [...this.tables] });
  }

  tableEvent(msg) {
    const verdict = this.seqs.check(msg.table, msg.seq);
    if (verdict === "duplicate") return;
    if (verdict === "gap") {
      // Missed something (should not happen on one socket, but a bug must not corrupt the board): catch up.
      this.sendRaw({ type: "resume", id: this.newId(), table: msg.table, lastSeq: this.seqs.last(msg.table) });
      return;
    }
    if (verdict === "unknown") {
      // First event of a table we have no snapshot for: ask for one instead of applying it blind.
      this.tables.add(msg.table);
      this.refresh(msg.table);
      return;
    }
    this.seqs.mark(msg.table, msg.seq);
    this.emit("event", msg);
    if (msg.kind === "chat") this.emit("chat", msg);
  }

  /** Asks for a fresh snapshot of a table (e.g. for the legal-move list of one's own view). */
  refresh(table) {
    this.sendRaw({ type: "resume", id: this.newId(), table, lastSeq: SNAPSHOT_SEQ });
  }

  /** Stops following a table locally (after leaving it). */
  forget(table) {
    this.tables.delete(table);
    this.seqs.forget(table);
  }

  // Convenience commands. Each returns the promise of `send`.
  subscribeLobby(game) {
    return this.send({ type: "subscribe_lobby", game: game || undefined, on: true });
  }
  quickMatch(game, options) {
    return this.send({ type: "quick_match", game, options });
  }
  cancelMatch() {
    return this.send({ type: "cancel_match" });
  }
  createTable(game, { options, privateTable = false, practice = false } = {}) {
    return this.send({ type: "create_table", game, options, private: privateTable, practice });
  }
  joinTable({ table, code }) {
    return this.send(table ? { type: "join_table", table } : { type: "join_table", code });
  }
  spectate(table) {
    this.tables.add(table);
    return this.send({ type: "spectate", table });
  }
  act(table, move) {
    return this.send({ type: "act", table, move });
  }
  tableCommand(type, table, extra = {}) {
    return this.send({ type, table, ...extra });
  }
  chat(table, { text, phrase }) {
    return this.send(text != null ? { type: "chat", table, text } : { type: "chat", table, phrase });
  }
  leave(table) {
    const p = this.send({ type: "leave", table });
    p.then(() => this.forget(table), () => this.forget(table));
    return p;
  }

  // Accounts, history, replays and leaderboards (the server answers STORE_UNAVAILABLE where it has no database).

  /**
   * Turns this guest into an account (same player id, history kept); resolves with `account`. Its token replaces the
   * guest's, which the server refuses from now on.
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
      this.store.removeItem("gamehall.token");
      this.tables.clear();
      this.seqs = new SeqTracker();
      return msg;
    });
  }

  /**
   * Replaces the account's password (`RATE_LIMITED` with `retryAfterSeconds` after repeated wrong old passwords);
   * every other token of the account stops working. Resolves with `password_changed`, whose fresh token is kept.
   */
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
   */
  login(name, password) {
    return new Promise((resolve, reject) => {
      if (this.pendingLogin) this.pendingLogin.reject(new CommandError("superseded", "another login started"));
      this.pendingLogin = { name, password, resolve, reject };
      this.store.removeItem("gamehall.token");
      // The guest's tables are not the account's: the welcome lists the account's own.
      this.tables.clear();
      this.seqs = new SeqTracker();
      if (this.detach(1000, "login")) {
        this.clearTimers();
        this.ws = null;
        this.ready = false;
        this.queue.requeueAfterDrop();
      }
      this.stopped = false;
      this.open();
    });
  }

  /** A page of this player's finished matches, newest first; resolves with `history` ({offset, limit, total, matches}). */
  history({ offset = 0, limit = 20 } = {}) {
    return this.send({ type: "history", offset, limit });
  }

  /** One finished match with its `moves`, `seed`, `commitment`/`revealedSeed` and, for Xiangqi, `pgn`. */
  match(matchId) {
    return this.send({ type: "get_match", match: matchId });
  }

  /** The position after `ply` actions of a finished match; resolves with `replay` ({ply, plies, move, view, seatViews}). */
  replayFrame(matchId, ply) {
    return this.send({ type: "replay", match: matchId, ply });
  }

  /** A page of a game's leaderboard; resolves with `leaderboard` ({offset, limit, total, entries}). */
  leaderboard(game, { offset = 0, limit = 20 } = {}) {
    return this.send({ type: "leaderboard", game, offset, limit });
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
    this.frames = new Map();
    this.ply = 0;
    this.plies = null;
  }

  /** Loads the frame at `ply` (clamped to the match) and makes it current. */
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
    return this.plies == null ? this.goto(0).then(() => this.goto(this.plies)) : this.goto(this.plies);
  }

  get atEnd() {
    return this.plies != null && this.ply >= this.plies;
  }
}
