// @ts-check
// Per-table sequence tracking (no event applied twice, gaps noticed) and the command queue that keeps commands across
// a reconnect and settles each by the id the server answers in `re`.
import { CommandError } from "./wire.js";
/** @typedef {import("./types.js").ClientMessage} ClientMessage */
/** @typedef {import("./types.js").ServerMessage} ServerMessage */

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

