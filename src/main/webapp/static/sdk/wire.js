// @ts-check
// The SDK's pure wire helpers: protocol constants, errors, socket URL derivation, reconnect backoff and the close-code
// policy. No I/O, so Node's test runner checks them without a browser (see docs/client-sdk.md).
/** @typedef {import("./types.js").ServerMessage} ServerMessage */

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

