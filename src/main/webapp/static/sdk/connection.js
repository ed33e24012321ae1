// @ts-check
// The connection under GameHall: one WebSocket, hello and resume by token, sequence checks, reconnection with
// backoff, the application heartbeat and the command queue. gamehall.js adds the game's commands on top.
import { PROTOCOL, SNAPSHOT_SEQ, CommandError, socketUrl, checkUrl, Backoff, closePolicy } from "./wire.js";
import { SeqTracker, CommandQueue } from "./tracking.js";
/** @typedef {import("./types.js").ClientMessage} ClientMessage */
/** @typedef {import("./types.js").HelloMessage} HelloMessage */
/** @typedef {import("./types.js").LoginMessage} LoginMessage */
/** @typedef {import("./types.js").ServerMessage} ServerMessage */
/** @typedef {import("./types.js").WelcomeMessage} WelcomeMessage */
/** @typedef {import("./types.js").EventMessage} EventMessage */
/** @typedef {import("./types.js").AckMessage} AckMessage */
/** @typedef {import("./types.js").ConnectionState} ConnectionState */
/** @typedef {import("./types.js").StateEvent} StateEvent */
/** @typedef {import("./types.js").PageLocation} PageLocation */
/** @typedef {import("./types.js").Socket} Socket */
/** @typedef {import("./types.js").SocketConstructor} SocketConstructor */

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

/** The connection machinery of a GameHall (see gamehall.js for its events and commands). */
/**
 * In a cluster, a table whose owner died is unknown for the few seconds until another node adopts it
 * (docs/clustering.md); a resume of a running match answered UNKNOWN_TABLE is tried again this often, this many times.
 */
const RESUME_RETRY_MS = 2000;
const RESUME_RETRIES = 15;

export class Connection {
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
    /** Resumes sent on this socket and not refused yet, by id. @type {Map<string, {table: string, tries: number}>} */
    this.resumes = new Map();
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
        if (msg.re && this.resumes.has(msg.re)) {
          const r = /** @type {{table: string, tries: number}} */ (this.resumes.get(msg.re));
          this.resumes.delete(msg.re);
          if (msg.code === "UNKNOWN_TABLE" && this.running.has(r.table) && r.tries < RESUME_RETRIES) {
            // A cluster between the loss of the table's owner and its adoption elsewhere: ask again shortly.
            setTimeout(() => {
              if (this.ready && this.tables.has(r.table)) this.resumeTable(r.table, r.tries + 1);
            }, RESUME_RETRY_MS);
            return;
          }
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
    this.resumes.clear();
    for (const t of this.tables) this.resumeTable(t);
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

  /**
   * Asks to be reattached to a table from the last seq seen (or for a snapshot); the id is kept so an UNKNOWN_TABLE
   * answer can be told apart.
   * @param {string} table @param {number} [tries]
   */
  resumeTable(table, tries = 0) {
    const id = this.newId();
    const last = this.seqs.last(table);
    if (this.sendRaw({ type: "resume", id, table, lastSeq: last === undefined ? SNAPSHOT_SEQ : last })) {
      this.resumes.set(id, { table, tries });
    }
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
      this.resumeTable(msg.table);
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

  /** The token and the tables belong to the identity that is ending (logout, login): forget them. */
  forgetIdentity() {
    this.store.removeItem("gamehall.token");
    // The guest's tables are not the account's: the welcome lists the account's own.
    this.tables.clear();
    this.running.clear();
    this.seqs = new SeqTracker();
  }

  /**
   * Reconnects opening with `login` instead of `hello` (see GameHall.login); an older login still waiting is
   * superseded.
   * @param {{name: string, password: string, resolve: (w: WelcomeMessage) => void, reject: (e: CommandError) => void}} login
   */
  reopenAs(login) {
    if (this.pendingLogin) this.pendingLogin.reject(new CommandError("superseded", "another login started"));
    this.pendingLogin = login;
    this.forgetIdentity();
    if (this.detach(1000, "login")) {
      this.clearTimers();
      this.ws = null;
      this.ready = false;
      this.queue.requeueAfterDrop();
    }
    this.stopped = false;
    this.open();
  }

  /** Stops following a table locally (after leaving it). @param {string} table */
  forget(table) {
    this.tables.delete(table);
    this.running.delete(table);
    this.seqs.forget(table);
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

