// @ts-check
// GameHall JavaScript SDK: one WebSocket per player, guest identity, resume by token and sequence number,
// reconnection with jittered backoff, an application heartbeat and promise-returning commands.
// Dependency-free ES module; the pure parts (URL derivation, backoff, sequence tracking, command queue, close-code
// policy) are exported on their own so Node's test runner can check them without a browser. See docs/client-sdk.md.
// Type-checked with `tsc --noEmit --allowJs --checkJs` (JSDoc types, no build step).

// ---------------------------------------------------------------------------------------------------------------
// Protocol messages (docs/protocol.md), as JSDoc types

/**
 * Client to server. Every message may carry an `id` (answered in `re`); table commands name their `table`.
 * @typedef {{type: "hello", id?: string, protocol?: number, nickname?: string, token?: string}} HelloMessage
 * @typedef {{type: "login", id?: string, protocol?: number, name: string, password: string}} LoginMessage
 * @typedef {{type: "ping", id?: string, t?: number}} PingMessage
 * @typedef {{type: "resume", id?: string, table: string, lastSeq: number}} ResumeMessage
 * @typedef {{type: "act", id?: string, table: string, move: string, seq?: number}} ActMessage
 * @typedef {{type: string, id?: string, table?: string, [field: string]: unknown}} CommandMessage
 *     any other command (`ready`, `resign`, `leave`, `take_control`, `chat`, `quick_match`, `history`...)
 * @typedef {HelloMessage | LoginMessage | PingMessage | ResumeMessage | ActMessage | CommandMessage} ClientMessage
 */

/**
 * Server to client.
 * @typedef {{type: "welcome", re?: string, playerId: string, nickname: string, protocol: number,
 *     heartbeatSeconds: number, maxMessageBytes: number, token: string, tokenExpiresAt: number, resumed: boolean,
 *     tables: string[]}} WelcomeMessage
 * @typedef {{type: "pong", re?: string, t?: number}} PongMessage
 * @typedef {{type: "error", re?: string, code: string, message: string}} ErrorMessage
 * @typedef {{type: "ack", re?: string, table: string, seq: number}} AckMessage
 * @typedef {{type: "refused", re?: string, table: string, code: string, message: string}} RefusedMessage
 * @typedef {{type: "snapshot", re?: string, table: string, seq: number, state: TableState}} SnapshotMessage
 * @typedef {{type: "event", re?: string, table: string, seq: number, kind: string, data: EventData,
 *     folded?: boolean}} EventMessage `re`: the mover's copy of the event answering its `act`; `folded`: a `clock`
 *     event the SDK made from a move's `data.clock`
 * @typedef {{type: "matching", re?: string, game: string, queued: boolean, table?: string}} MatchingMessage
 * @typedef {{type: "table_created", re?: string, table: string, code?: string}} TableCreatedMessage
 * @typedef {{type: string, re?: string, table?: string, seq?: number, code?: string, message?: string,
 *     [field: string]: any}} OtherMessage `lobby`, `lobby_update`, `account`, `history`, `replay`...
 * @typedef {WelcomeMessage | PongMessage | ErrorMessage | AckMessage | RefusedMessage | SnapshotMessage
 *     | EventMessage | MatchingMessage | TableCreatedMessage | OtherMessage} ServerMessage
 */

/**
 * A table as a snapshot shows it (`snapshot.state`).
 * @typedef {{seat: number, playerId: string | null, nickname?: string, bot?: boolean, online?: boolean,
 *     trustee?: boolean, ready?: boolean, rematch?: boolean, bankMillis?: number, offlineDeadline?: number}} SeatState
 * @typedef {{seat: number, deadline: number, bankMillis: number}} ClockState
 * @typedef {{table: string, game: string, options?: Record<string, string>, phase: "filling" | "playing" | "finished",
 *     yourSeat: number, seats: SeatState[], spectators?: number, clock?: ClockState | null, match?: any,
 *     drawOfferedBy?: number, undoRequestedBy?: number, lastResult?: ResultData | null}} TableState
 */

/**
 * Data of the table events (`event.data` by `event.kind`); game events are in docs/rules.md.
 * @typedef {{seat: number, deadline: number, bank: number, legal?: string[], forbidden?: string[]}} ClockData
 *     `legal` (Xiangqi, Dou Dizhu) and `forbidden` (Renju): only in the acting seat's own copy
 * @typedef {{seat: number, on: boolean}} TrusteeData
 * @typedef {{seat: number, player: string, graceSeconds?: number, deadline?: number,
 *     reason?: "closed" | "silent"}} OfflineData
 * @typedef {{seat: number, player: string}} OnlineData
 * @typedef {{winners: number[], points?: Record<string, number>, reason: string, detail?: string}} ResultData
 * @typedef {{[field: string]: any}} EventData
 */

/** Wire protocol version this SDK speaks. */
export const PROTOCOL = 1;

/**
 * A `resume` lastSeq beyond any table's head: the server cannot replay from it and answers with a snapshot.
 * Used when the client holds no state for a table (after a page reload) or wants a fresh view (legal moves).
 */
export const SNAPSHOT_SEQ = Number.MAX_SAFE_INTEGER;

/** Thrown (never silently downgraded) when an https page would open a plain ws:// socket. */
export class MixedContentError extends Error {
  /** @param {string} url */
  constructor(url) {
    super(`refusing insecure WebSocket URL ${url} from an https page (mixed content); use wss://`);
    this.name = "MixedContentError";
  }
}

/** A command that the server refused (`refused`/`error`) or that could not be delivered. */
export class CommandError extends Error {
  /** @param {string} code @param {string} [message] @param {ServerMessage} [reply] */
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

/**
 * Jittered exponential backoff ("full jitter" above half the step): 0.5 s, 1 s, 2 s ... capped at 15 s, or at a
 * lower cap given per call (the client caps at 3 s while a match is running).
 */
export class Backoff {
  /** @param {{baseMs?: number, capMs?: number, random?: () => number}} [options] */
  constructor(options = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 15000;
    this.random = options.random ?? Math.random;
    this.attempt = 0;
  }

  /**
   * The delay before the next attempt; each call moves one step up.
   * @param {number} [capMs] a lower cap for this attempt
   * @returns {number}
   */
  next(capMs) {
    const cap = capMs == null ? this.capMs : Math.min(capMs, this.capMs);
    const step = Math.min(cap, this.baseMs * 2 ** Math.min(this.attempt, 30));
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

  /** Records that everything up to `seq` is applied (an event, or a snapshot as of seq). @param {string} table @param {number} seq */
  mark(table, seq) {
    this.seqs.set(table, seq);
  }

  /** The last applied seq, or undefined. @param {string} table @returns {number|undefined} */
  last(table) {
    return this.seqs.get(table);
  }

  /** @param {string} table */
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
 * A command and the settlement of its promise.
 * @typedef {{msg: ClientMessage & {id: string}, resolve: (reply: any) => void, reject: (error: CommandError) => void}} Pending
 */

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
    /** @type {Pending[]} */
    this.waiting = [];
    /** @type {Map<string, Pending>} */
    this.inFlight = new Map();
  }

  /** Queues a command until the connection is ready; throws CommandError `queue_full` when full. @param {Pending} entry */
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

  /** @param {Pending} entry */
  sent(entry) {
    this.inFlight.set(entry.msg.id, entry);
  }

  /** The in-flight command answered by `re`, removed; or undefined. @param {string} re */
  settle(re) {
    const e = this.inFlight.get(re);
    if (e) this.inFlight.delete(re);
    return e;
  }

  /**
   * The socket dropped: table commands in flight go back to the front of the queue (same ids), the others fail.
   * @returns {Pending[]} the failed entries
   */
  requeueAfterDrop() {
    /** @type {Pending[]} */
    const again = [];
    /** @type {Pending[]} */
    const failed = [];
    for (const e of this.inFlight.values()) ("table" in e.msg && e.msg.table ? again : failed).push(e);
    this.inFlight.clear();
    this.waiting = again.concat(this.waiting);
    for (const e of failed) e.reject(new CommandError("disconnected", "the connection dropped before an answer"));
    return failed;
  }

  /** Fails everything (the client was closed for good). @param {string} code @param {string} message */
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
 * @param {"session"|"local"|undefined} kind
 * @returns {{getItem: (k: string) => string | null, setItem: (k: string, v: string) => void, removeItem: (k: string) => void}}
 */
function pickStorage(kind) {
  try {
    const s = kind === "local" ? globalThis.localStorage : globalThis.sessionStorage;
    if (s) return s;
  } catch (e) {
    // Storage can be disabled (private modes, sandboxed frames): fall through to memory.
  }
  /** @type {Map<string, string>} */
  const mem = new Map();
  return {
    getItem: (k) => mem.get(k) ?? null,
    setItem: (k, v) => void mem.set(k, String(v)),
    removeItem: (k) => void mem.delete(k),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The client

/**
 * @typedef {"idle"|"connecting"|"open"|"reconnecting"|"closed"} ConnectionState
 * @typedef {{state: ConnectionState, inMs?: number | null, code?: number, reason?: string, resumed?: boolean,
 *     replaced?: boolean, offline?: boolean}} StateEvent `offline`: the browser reports no network
 * @typedef {{protocol: string, host: string, pathname: string}} PageLocation
 * @typedef {{readyState: number, send: (text: string) => void, close: (code?: number, reason?: string) => void,
 *     onopen: ((ev: any) => void) | null, onmessage: ((ev: {data: any}) => void) | null,
 *     onclose: ((ev: {code?: number, reason?: string}) => void) | null, onerror: ((ev: any) => void) | null}} Socket
 * @typedef {new (url: string) => Socket} SocketConstructor
 */

/**
 * A GameHall connection.
 *
 * Events (subscribe with `on(name, fn)`): `state` (StateEvent), `welcome`, `resumed` ({tables}), `lobby`,
 * `lobby_update`, `matching`, `table_created`, `snapshot` ({table, seq, state}), `event` (one table event, in order,
 * never duplicated; a move's `data.clock` is also emitted as a `clock` event right after it, `folded: true`),
 * `ack` (every ack, also the one made from an event that answers an `act`), `chat` (table chat events),
 * `table_lost` ({table, code}), `error` (server errors without a pending command), `message` (every raw message).
 */
export class GameHall {
  /**
   * @param {object} [options]
   * @param {string} [options.url] explicit socket URL (native shells); otherwise derived from `location`
   * @param {string} [options.contextPath] overrides the context path derived from the page
   * @param {string} [options.nickname] nickname for a new guest
   * @param {"session"|"local"} [options.storage] where the token is kept (default session)
   * @param {number} [options.pingMs] application ping interval without an open table or while hidden (default 10 s)
   * @param {number} [options.activePingMs] ping interval while a table is open and the page visible (default 3 s)
   * @param {number} [options.pongTimeoutMs] no answer to a ping within this: the socket is dead (default 4 s)
   * @param {number} [options.connectTimeoutMs] no `welcome` within this after opening: try again (default 10 s)
   * @param {number} [options.matchBackoffCapMs] reconnect delay cap while a match is running (default 3 s)
   * @param {number} [options.deadMs] nothing received for this long: the socket is dead (default 25 s)
   * @param {number} [options.queueCapacity] commands kept while reconnecting (default 32)
   * @param {SocketConstructor} [options.WebSocket] WebSocket constructor (tests)
   * @param {PageLocation} [options.location] page location (tests)
   * @param {Backoff} [options.backoff]
   */
  constructor(options = {}) {
    const loc = options.location || globalThis.location;
    const pageProtocol = loc ? loc.protocol : undefined;
    this.url = options.url ? checkUrl(options.url, pageProtocol) : socketUrl(loc, { contextPath: options.contextPath });
    this.pageProtocol = pageProtocol;
    /** @type {SocketConstructor} */
    this.WS = options.WebSocket || /** @type {any} */ (globalThis.WebSocket);
    this.store = pickStorage(options.storage);
    this.prefs = pickStorage("local");
    this.nickname = options.nickname || this.prefs.getItem("gamehall.nickname") || null;
    this.pingFixed = options.pingMs != null;
    this.pingMs = options.pingMs ?? 10000;
    this.activePingMs = options.activePingMs ?? 3000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 4000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10000;
    this.matchBackoffCapMs = options.matchBackoffCapMs ?? 3000;
    this.deadMs = options.deadMs ?? 25000;
    this.backoff = options.backoff || new Backoff();
    this.queue = new CommandQueue({ capacity: options.queueCapacity });
    this.seqs = new SeqTracker();
    /** Tables to resume after a reconnect even if no event was seen yet. @type {Set<string>} */
    this.tables = new Set();
    /** Tables with a match running: the reconnect delay is capped while there is one. @type {Set<string>} */
    this.running = new Set();
    /** @type {Map<string, Set<(payload: any) => void>>} */
    this.listeners = new Map();
    /** @type {ConnectionState} */
    this.state = "idle";
    this.ready = false;
    /** @type {{playerId: string, nickname: string} | null} */
    this.player = null;
    this.nextId = 1;
    this.idPrefix = Math.random().toString(36).slice(2, 8);
    /** @type {Socket | null} */
    this.ws = null;
    this.timers = emptyTimers();
    this.lastProbe = 0;
    this.stopped = false;
    this.held = false;
    this.wasOpen = false;
    this.hintsWired = false;
    /** @type {string | null} */
    this.helloId = null;
    /** @type {{name: string, password: string, resolve: (w: WelcomeMessage) => void, reject: (e: CommandError) => void} | null} */
    this.pendingLogin = null;
  }

  /** @param {string} name @param {(payload: any) => void} fn @returns {() => void} unsubscribe */
  on(name, fn) {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  /** @param {string} name @param {any} payload */
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

  /** @param {ConnectionState} state @param {Omit<StateEvent, "state">} [extra] */
  setState(state, extra = {}) {
    this.state = state;
    this.emit("state", { state, ...extra });
  }

  get token() {
    return this.store.getItem("gamehall.token");
  }

  /** Opens the connection (idempotent) and wires the browser's network and visibility hints. */
  connect() {
    this.stopped = false;
    if (!this.hintsWired && globalThis.addEventListener) {
      this.hintsWired = true;
      globalThis.addEventListener("online", () => this.reconnectNow());
      // The browser knows the network is gone: a socket it has not closed yet is dead too, so do not wait for
      // the ping to go unanswered.
      globalThis.addEventListener("offline", () => this.networkLost());
      if (globalThis.document) {
        globalThis.document.addEventListener("visibilitychange", () => {
          if (pageVisible()) this.reconnectNow();
        });
      }
    }
    if (!this.ws) this.open();
    return this;
  }

  /**
   * Reconnect now: skips the remaining backoff, starts over a connection attempt that is hanging (a path that
   * swallows packets), and on an open socket sends a ping to probe it. Called on the browser's `online` event, when
   * the page becomes visible, and by the "reconnect now" button of the H5 client.
   */
  reconnectNow() {
    if (this.stopped || this.held) return;
    if (this.timers.reconnect) {
      clearTimeout(this.timers.reconnect);
      this.timers.reconnect = null;
      this.open();
    } else if (this.ws && !this.ready) {
      this.detach(4000, "retry");
      this.clearTimers();
      this.ws = null;
      this.open();
    } else if (this.ready) {
      // A socket can look open after a sleep while being dead: probe it now.
      this.probe();
    }
  }

  /** The browser reports no network: drop the socket at once instead of waiting for its ping to go unanswered. */
  networkLost() {
    if (this.stopped || this.held) return;
    if (this.detach(4000, "offline")) this.dropped(1006, "offline");
  }

  open() {
    checkUrl(this.url, this.pageProtocol);
    this.setState(this.wasOpen ? "reconnecting" : "connecting", this.wasOpen ? { inMs: 0, offline: networkDown() } : {});
    this.ready = false;
    /** @type {Socket} */
    let ws;
    try {
      ws = new this.WS(this.url);
    } catch (e) {
      this.scheduleReconnect(1006);
      return;
    }
    this.ws = ws;
    // A handshake through a path that swallows packets can hang for minutes: give up on it and try again.
    this.timers.connect = setTimeout(() => {
      this.timers.connect = null;
      if (this.ws === ws && !this.ready) this.declareDead(4000, "connect timeout");
    }, this.connectTimeoutMs);
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.armDead();
      /** @type {HelloMessage | LoginMessage} */
      let hello = { type: "hello", id: this.newId(), protocol: PROTOCOL };
      if (this.pendingLogin) {
        // login opens the conversation instead of hello; the password is sent once and never stored.
        const { name, password } = this.pendingLogin;
        hello = { type: "login", id: hello.id, protocol: PROTOCOL, name, password };
      } else if (this.token) hello.token = this.token;
      else if (this.nickname) hello.nickname = this.nickname;
      this.helloId = hello.id ?? null;
      this.sendRaw(hello);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.heard();
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

  /** @param {number} code @param {string} reason */
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

  /** @param {number} code */
  scheduleReconnect(code) {
    if (this.held) {
      this.setState("reconnecting", { inMs: null, code });
      return;
    }
    // During a match every second away is a second of the player's own clock: retry at least every 3 s.
    const inMs = this.backoff.next(this.running.size > 0 ? this.matchBackoffCapMs : undefined);
    this.setState("reconnecting", { inMs, code, offline: networkDown() });
    this.timers.reconnect = setTimeout(() => {
      this.timers.reconnect = null;
      this.open();
    }, inMs);
  }

  /** Something arrived: the socket is alive. */
  heard() {
    clearTimeout(this.timers.pong);
    this.timers.pong = null;
    this.armDead();
  }

  armDead() {
    clearTimeout(this.timers.dead);
    // Browsers hide WebSocket ping frames: silence this long means a dead path the browser has not noticed.
    this.timers.dead = setTimeout(() => this.declareDead(4003, "client heartbeat timeout"), this.deadMs);
  }

  /**
   * Sends an application ping; if nothing at all arrives within `pongTimeoutMs`, the path is dead (a silent cut:
   * no FIN, no RST, the browser would wait for TCP to give up).
   */
  probe() {
    if (!this.ws || this.ws.readyState !== 1) return;
    this.lastProbe = Date.now();
    this.sendRaw({ type: "ping", t: this.lastProbe });
    if (!this.timers.pong) {
      this.timers.pong = setTimeout(() => this.declareDead(4003, "no pong"), this.pongTimeoutMs);
    }
  }

  /** Pings every `activePingMs` while a table is open and the page visible, otherwise every `pingMs`. */
  tick() {
    const every = this.tables.size > 0 && pageVisible() ? this.activePingMs : this.pingMs;
    // A timer may fire a little early; a ping a few ms early is as good.
    if (Date.now() - this.lastProbe >= every - 50) this.probe();
  }

  /**
   * Gives up on the current socket without waiting for its close (which a dead path never delivers).
   * @param {number} code @param {string} reason
   */
  declareDead(code, reason) {
    if (this.detach(4000, reason)) this.dropped(code, reason);
  }

  clearTimers() {
    clearTimeout(this.timers.reconnect);
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.dead);
    clearTimeout(this.timers.pong);
    clearTimeout(this.timers.connect);
    this.timers = emptyTimers();
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

  /** Closes the socket without hearing its close event; true if there was one. @param {number} code @param {string} reason */
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
      this.timers.reconnect = null;
      this.open();
    }
  }

  newId() {
    return `${this.idPrefix}-${this.nextId++}`;
  }

  /** @param {ClientMessage} msg @returns {boolean} */
  sendRaw(msg) {
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /**
   * Sends a command and resolves with its answer (`ack`, `table_created`, `matching`, `lobby`, `pong`...; an `act`
   * answered by its own event resolves with an `ack` made from it, `{type: "ack", re, table, seq, event}`), or rejects
   * with a CommandError for `refused`/`error`. While the connection is not ready the command waits in a bounded queue
   * and is sent, with its id, right after the resume.
   * @param {ClientMessage} msg a message without `id` (one is assigned)
   * @returns {Promise<any>} the answer (a ServerMessage)
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

  /** A plain `hello` on the current socket (after a refused token or login). */
  helloAgain() {
    /** @type {HelloMessage} */
    const hello = { type: "hello", id: this.newId(), protocol: PROTOCOL };
    if (this.nickname) hello.nickname = this.nickname;
    this.helloId = hello.id ?? null;
    this.sendRaw(hello);
  }

  /** @param {any} msg a parsed ServerMessage (untrusted: unknown types are passed on as they are) */
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
        this.trackMatch(msg.table, msg.state && msg.state.phase === "playing");
        break;
      case "refused":
        if (msg.code === "moved") {
          // Cluster: this server lost the table to another one. Reconnect (perhaps elsewhere) and resume; a command
          // answered so stays unsettled and is resent there with its id.
          if (this.ws) this.ws.close(4000, "table moved");
          return;
        }
        if (msg.re == null && msg.code === "not_member" || msg.re == null && msg.code === "closed") {
          this.forget(msg.table);
          this.emit("table_lost", { table: msg.table, code: msg.code });
        }
        break;
      case "error":
        if (msg.re && msg.re === this.helloId && this.pendingLogin) {
          // Wrong name or password (or rate-limited): report it, and carry on as a new guest on the same socket.
          const login = this.pendingLogin;
          this.pendingLogin = null;
          login.reject(new CommandError(msg.code, msg.message, msg));
          this.helloAgain();
          return;
        }
        if (msg.re && msg.re === this.helloId && msg.code === "INVALID_TOKEN") {
          // The token expired or the server's key changed: start over as a new guest.
          this.store.removeItem("gamehall.token");
          this.helloAgain();
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

  /** @param {WelcomeMessage} msg */
  welcomed(msg) {
    this.player = { playerId: msg.playerId, nickname: msg.nickname };
    this.store.setItem("gamehall.token", msg.token);
    this.prefs.setItem("gamehall.nickname", msg.nickname);
    if (msg.heartbeatSeconds && !this.pingFixed) {
      this.pingMs = Math.min(this.pingMs, Math.max(1000, msg.heartbeatSeconds * 1000));
    }
    clearTimeout(this.timers.connect);
    this.timers.connect = null;
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
    this.lastProbe = Date.now();
    this.timers.ping = setInterval(() => this.tick(), Math.min(1000, this.activePingMs, this.pingMs));
    this.setState("open", { resumed: msg.resumed || resumed });
    this.emit("welcome", msg);
    if (resumed || msg.resumed) this.emit("resumed", { tables: [...this.tables] });
  }

  /** @param {string} table @param {boolean} running */
  trackMatch(table, running) {
    if (running) this.running.add(table);
    else this.running.delete(table);
  }

  /** @param {EventMessage} msg */
  tableEvent(msg) {
    const verdict = this.seqs.check(msg.table, msg.seq);
    if (verdict === "duplicate") return this.answered(msg);
    if (verdict === "gap") {
      // Missed something (should not happen on one socket, but a bug must not corrupt the board): catch up.
      this.sendRaw({ type: "resume", id: this.newId(), table: msg.table, lastSeq: this.seqs.last(msg.table) ?? SNAPSHOT_SEQ });
      return this.answered(msg);
    }
    if (verdict === "unknown") {
      // First event of a table we have no snapshot for: ask for one instead of applying it blind.
      this.tables.add(msg.table);
      this.refresh(msg.table);
      return this.answered(msg);
    }
    this.seqs.mark(msg.table, msg.seq);
    if (msg.kind === "started" || msg.kind === "result") this.trackMatch(msg.table, msg.kind === "started");
    this.emit("event", msg);
    const clock = msg.data && msg.kind !== "clock" ? msg.data.clock : undefined;
    if (clock && typeof clock === "object") {
      // A move's event carries the next turn's clock (one message per move): handed on as the `clock` event it
      // replaces, right after the move, with the move's seq.
      this.emit("event", { type: "event", table: msg.table, seq: msg.seq, kind: "clock", data: clock, folded: true });
    }
    if (msg.kind === "chat") this.emit("chat", msg);
    this.answered(msg);
  }

  /**
   * The mover's copy of the last event an `act` caused carries its id as `re` and is its whole answer (no `ack`
   * follows): the command's promise resolves with an ack made from it, after the event was emitted. The server applied
   * the command whatever this client does with the event, so a duplicate or out-of-order copy settles it too.
   * @param {EventMessage} msg
   */
  answered(msg) {
    if (!msg.re) return;
    /** @type {AckMessage & {event: EventMessage}} */
    const ack = { type: "ack", re: msg.re, table: msg.table, seq: msg.seq, event: msg };
    const entry = this.queue.settle(msg.re);
    if (entry) entry.resolve(ack);
    this.emit("ack", ack);
  }

  /** Asks for a fresh snapshot of a table (e.g. for the legal-move list of one's own view). @param {string} table */
  refresh(table) {
    this.sendRaw({ type: "resume", id: this.newId(), table, lastSeq: SNAPSHOT_SEQ });
  }

  /** Stops following a table locally (after leaving it). @param {string} table */
  forget(table) {
    this.tables.delete(table);
    this.running.delete(table);
    this.seqs.forget(table);
  }

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
   * @param {string} name @param {string} password
   * @returns {Promise<WelcomeMessage>}
   */
  login(name, password) {
    return new Promise((resolve, reject) => {
      if (this.pendingLogin) this.pendingLogin.reject(new CommandError("superseded", "another login started"));
      this.pendingLogin = { name, password, resolve, reject };
      this.store.removeItem("gamehall.token");
      // The guest's tables are not the account's: the welcome lists the account's own.
      this.tables.clear();
      this.running.clear();
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
}

/**
 * @returns {{reconnect: any, ping: any, dead: any, pong: any, connect: any}} timer handles (numbers in browsers,
 *     objects in Node)
 */
function emptyTimers() {
  return { reconnect: null, ping: null, dead: null, pong: null, connect: null };
}

/** True unless the page says it is hidden (no document: a native shell, always "visible"). */
function pageVisible() {
  return !globalThis.document || globalThis.document.visibilityState !== "hidden";
}

/** True only when the browser says it has no network (`navigator.onLine` is false). */
function networkDown() {
  return !!globalThis.navigator && globalThis.navigator.onLine === false;
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
