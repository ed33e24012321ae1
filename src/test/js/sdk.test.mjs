// Pure parts of the SDK, and the client against a fake WebSocket: run with `node --test src/test/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  socketUrl,
  checkUrl,
  MixedContentError,
  Backoff,
  SeqTracker,
  CommandQueue,
  CommandError,
  closePolicy,
  GameHall,
  ReplayCursor,
  SNAPSHOT_SEQ,
} from "../../main/webapp/static/sdk/gamehall.js";

const page = (href) => {
  const u = new URL(href);
  return { protocol: u.protocol, host: u.host, pathname: u.pathname };
};

test("https page gives wss on the same host, port and context", () => {
  assert.equal(socketUrl(page("https://hall.example.com/gamehall/")), "wss://hall.example.com/gamehall/ws");
  assert.equal(socketUrl(page("https://localhost:20443/gamehall/index.html")), "wss://localhost:20443/gamehall/ws");
  assert.equal(socketUrl(page("https://[::1]:8443/gamehall/")), "wss://[::1]:8443/gamehall/ws");
  assert.equal(socketUrl(page("http://localhost:8080/gamehall/")), "ws://localhost:8080/gamehall/ws");
  assert.equal(socketUrl(page("https://h/a/b/page.html"), { contextPath: "/gamehall" }), "wss://h/gamehall/ws");
});

test("an https page refuses ws:// by construction", () => {
  assert.throws(() => checkUrl("ws://hall.example.com/gamehall/ws", "https:"), MixedContentError);
  assert.throws(() => checkUrl("WS://x/ws", "https:"), /mixed content/);
  assert.equal(checkUrl("wss://x/ws", "https:"), "wss://x/ws");
  // A native shell has no page: both are allowed there.
  assert.equal(checkUrl("ws://10.0.2.2:8080/gamehall/ws", undefined), "ws://10.0.2.2:8080/gamehall/ws");
  assert.throws(() => checkUrl("https://x/ws", "https:"), /not a WebSocket URL/);
  assert.throws(() => socketUrl(page("file:///tmp/index.html")), /explicit wss/);
  assert.throws(
    () => new GameHall({ url: "ws://x/gamehall/ws", location: page("https://x/gamehall/"), WebSocket: FakeSocket }),
    MixedContentError
  );
});

test("backoff doubles from 0.5 s, is jittered between half and full step, and caps at 15 s", () => {
  const low = new Backoff({ random: () => 0 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(() => low.next()), [250, 500, 1000, 2000, 4000, 7500, 7500, 7500]);
  const high = new Backoff({ random: () => 0.999999 });
  const seq = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(() => high.next());
  assert.deepEqual(seq.slice(0, 6), [500, 1000, 2000, 4000, 8000, 15000]);
  assert.ok(seq.every((d) => d <= 15000));
  high.reset();
  assert.equal(high.next(), 500);
  const r = new Backoff();
  for (let i = 0; i < 50; i++) {
    const step = Math.min(15000, 500 * 2 ** i);
    const d = r.next();
    assert.ok(d >= step / 2 && d <= step, `attempt ${i}: ${d}`);
  }
});

test("sequence tracking: apply, duplicate, gap, unknown", () => {
  const t = new SeqTracker();
  assert.equal(t.check("T1", 1), "unknown");
  t.mark("T1", 5);
  assert.equal(t.check("T1", 6), "apply");
  assert.equal(t.check("T1", 5), "duplicate");
  assert.equal(t.check("T1", 2), "duplicate");
  assert.equal(t.check("T1", 8), "gap");
  t.mark("T1", 6);
  assert.equal(t.last("T1"), 6);
  t.forget("T1");
  assert.equal(t.last("T1"), undefined);
});

test("command queue: bounded, FIFO, re-sends table commands after a drop, fails lobby ones", () => {
  const q = new CommandQueue({ capacity: 2 });
  const results = [];
  const entry = (msg) => ({ msg, resolve: (v) => results.push(["ok", msg.id, v]), reject: (e) => results.push(["err", msg.id, e.code]) });
  q.enqueue(entry({ id: "a", type: "act", table: "T", move: "H8" }));
  q.enqueue(entry({ id: "b", type: "quick_match", game: "gomoku" }));
  assert.throws(() => q.enqueue(entry({ id: "c", type: "ping" })), (e) => e instanceof CommandError && e.code === "queue_full");
  assert.deepEqual(q.drain().map((e) => e.msg.id), ["a", "b"]);
  assert.equal(q.size, 0);
  q.enqueue(entry({ id: "d", type: "chat", table: "T", phrase: "hello" }));
  q.requeueAfterDrop();
  assert.deepEqual(results, [["err", "b", "disconnected"]]);
  // The table command keeps its id and goes first, ahead of what was queued after it.
  assert.deepEqual(q.drain().map((e) => e.msg.id), ["a", "d"]);
  q.settle("a").resolve("ack");
  assert.equal(q.settle("a"), undefined);
});

test("close codes: 4001/1003/1009 stop, the rest reconnect", () => {
  for (const c of [4001, 1003, 1009]) assert.equal(closePolicy(c), "stop", String(c));
  for (const c of [1000, 1001, 1006, 1011, 4002, 4003]) assert.equal(closePolicy(c), "reconnect", String(c));
});

// ---------------------------------------------------------------------------------------------------------------
// The client with a fake socket and fake timers.

class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close(code) {
    this.readyState = 3;
    this.closedWith = code;
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen && this.onopen({});
  }
  serverSend(msg) {
    this.onmessage && this.onmessage({ data: JSON.stringify(msg) });
  }
  serverClose(code) {
    this.readyState = 3;
    this.onclose && this.onclose({ code, reason: "" });
  }
}

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, v), removeItem: (k) => m.delete(k) };
}

function client(t, extra = {}) {
  FakeSocket.all = [];
  t.mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"] });
  globalThis.sessionStorage = memoryStorage();
  globalThis.localStorage = memoryStorage();
  const hall = new GameHall({
    location: page("https://localhost:20443/gamehall/"),
    WebSocket: FakeSocket,
    backoff: new Backoff({ random: () => 1 }),
    ...extra,
  });
  const states = [];
  hall.on("state", (s) => states.push(s));
  return { hall, states };
}

function welcome(sock, extra = {}) {
  const hello = sock.sent.find((m) => m.type === "hello");
  sock.serverSend({ type: "welcome", re: hello.id, playerId: "g-x", nickname: "Ann", protocol: 1, heartbeatSeconds: 25, maxMessageBytes: 16384, token: "tok-1", tokenExpiresAt: 0, resumed: false, tables: [], ...extra });
}

test("client: hello, token stored, reconnect with backoff, resume with token and lastSeq, queued command after resume", async (t) => {
  const { hall, states } = client(t, { nickname: "Ann" });
  hall.connect();
  const s1 = FakeSocket.all[0];
  assert.equal(s1.url, "wss://localhost:20443/gamehall/ws");
  s1.serverOpen();
  assert.equal(s1.sent[0].type, "hello");
  assert.equal(s1.sent[0].nickname, "Ann");
  welcome(s1);
  assert.equal(globalThis.sessionStorage.getItem("gamehall.token"), "tok-1");
  s1.serverSend({ type: "snapshot", table: "T1", seq: 4, state: {} });
  const events = [];
  hall.on("event", (e) => events.push(e.seq));
  s1.serverSend({ type: "event", table: "T1", seq: 5, kind: "move", data: {} });
  s1.serverSend({ type: "event", table: "T1", seq: 5, kind: "move", data: {} });
  assert.deepEqual(events, [5]);

  // An act is in flight when the socket drops with 1006; another is issued while reconnecting.
  const first = hall.act("T1", "H8");
  const inFlightId = s1.sent.at(-1).id;
  s1.serverClose(1006);
  assert.equal(states.at(-1).state, "reconnecting");
  assert.equal(states.at(-1).inMs, 500);
  const second = hall.act("T1", "H9");
  t.mock.timers.tick(499);
  assert.equal(FakeSocket.all.length, 1);
  t.mock.timers.tick(1);
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  assert.equal(s2.sent[0].token, "tok-1");
  welcome(s2, { resumed: true, tables: ["T1"] });
  const types = s2.sent.slice(1).map((m) => m.type + (m.lastSeq !== undefined ? ":" + m.lastSeq : ""));
  assert.deepEqual(types, ["resume:5", "act", "act"]);
  assert.equal(s2.sent[2].id, inFlightId, "the in-flight command is re-sent with its id");
  assert.equal(states.at(-1).state, "open");
  assert.equal(states.at(-1).resumed, true);
  s2.serverSend({ type: "ack", re: s2.sent[2].id, table: "T1", seq: 6 });
  s2.serverSend({ type: "refused", re: s2.sent[3].id, table: "T1", code: "not_your_turn", message: "no" });
  assert.equal((await first).seq, 6);
  await assert.rejects(second, (e) => e.code === "not_your_turn");
  hall.close();
});

test("client: a table that moved to another server (cluster): the socket is reopened and the command answered moved is resent there", async (t) => {
  const { hall } = client(t);
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  s1.serverSend({ type: "snapshot", table: "T1", seq: 4, state: {} });
  const move = hall.act("T1", "H8");
  const id = s1.sent.at(-1).id;
  s1.serverSend({ type: "refused", re: id, table: "T1", code: "moved", message: "elsewhere" });
  assert.equal(s1.closedWith, 4000, "the client closes its socket to reconnect");
  s1.serverClose(4000);
  t.mock.timers.tick(500);
  const s2 = FakeSocket.all[1];
  assert.ok(s2, "a new socket is opened");
  s2.serverOpen();
  welcome(s2, { resumed: true, tables: ["T1"] });
  const types = s2.sent.slice(1).map((m) => m.type + (m.lastSeq !== undefined ? ":" + m.lastSeq : ""));
  assert.deepEqual(types, ["resume:4", "act"]);
  assert.equal(s2.sent[2].id, id, "the command answered moved is resent with its id");
  s2.serverSend({ type: "ack", re: id, table: "T1", seq: 5 });
  assert.equal((await move).seq, 5);
  hall.close();
});

test("client: an act answered by its own move event resolves with an ack, and the move's clock is emitted as a clock event", async (t) => {
  const { hall } = client(t);
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  s1.serverSend({ type: "snapshot", table: "T1", seq: 6, state: { phase: "playing" } });
  const seen = [];
  hall.on("event", (e) => seen.push([e.seq, e.kind, e.folded === true]));
  const acks = [];
  hall.on("ack", (a) => acks.push(a.re));
  let settledAfter = -1;
  const move = hall.act("T1", "H8").then((ack) => {
    settledAfter = seen.length;
    return ack;
  });
  const id = s1.sent.at(-1).id;
  const clock = { seat: 1, deadline: 1795650561022, bank: 60000 };
  s1.serverSend({ type: "event", re: id, table: "T1", seq: 7, kind: "move", data: { seat: 0, stone: "black", move: "H8", clock } });
  const ack = await move;
  assert.deepEqual([ack.type, ack.re, ack.table, ack.seq], ["ack", id, "T1", 7]);
  assert.equal(ack.event.kind, "move");
  assert.deepEqual(seen, [[7, "move", false], [7, "clock", true]], "the move, then its clock as the clock event it replaces");
  assert.equal(settledAfter, 2, "the promise settles after both were emitted");
  assert.deepEqual(acks, [id]);

  // The opponent's move: no re, nothing settled; its clock names this seat again.
  const clocks = [];
  hall.on("event", (e) => e.kind === "clock" && clocks.push(e.data));
  s1.serverSend({ type: "event", table: "T1", seq: 8, kind: "move", data: { seat: 1, move: "A1", clock: { seat: 0, deadline: 1, bank: 2 } } });
  assert.deepEqual(clocks, [{ seat: 0, deadline: 1, bank: 2 }]);
  // A standalone clock is passed on once, not doubled.
  s1.serverSend({ type: "event", table: "T1", seq: 9, kind: "clock", data: { seat: 0, deadline: 3, bank: 2 } });
  assert.equal(clocks.length, 2);

  // A resent id is answered by an ack (the event has passed): it settles the command as before.
  const again = hall.act("T1", "H9");
  s1.serverSend({ type: "ack", re: s1.sent.at(-1).id, table: "T1", seq: 9 });
  assert.equal((await again).seq, 9);
  // A duplicate event that carries re (a copy seen twice) still settles its command, and is not re-emitted.
  const third = hall.act("T1", "H10");
  const thirdId = s1.sent.at(-1).id;
  s1.serverSend({ type: "event", table: "T1", seq: 10, kind: "move", data: { seat: 0, move: "H10" } });
  s1.serverSend({ type: "event", re: thirdId, table: "T1", seq: 10, kind: "move", data: { seat: 0, move: "H10" } });
  assert.equal((await third).seq, 10);
  assert.equal(seen.filter(([seq]) => seq === 10).length, 1);
  hall.close();
});

test("client: 4001 replaced stops; dead socket is closed and reconnected; online skips the wait", (t) => {
  const { hall, states } = client(t);
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  // Nothing at all arrives for deadMs (25 s): the client gives up on the socket.
  t.mock.timers.tick(10000);
  assert.ok(s1.sent.some((m) => m.type === "ping"), "application ping sent");
  t.mock.timers.tick(15000);
  assert.equal(s1.closedWith, 4000);
  assert.equal(states.at(-1).state, "reconnecting");
  hall.reconnectNow();
  assert.equal(FakeSocket.all.length, 2, "reconnectNow skips the backoff");
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  welcome(s2);
  s2.serverClose(4001);
  assert.equal(states.at(-1).state, "closed");
  assert.equal(states.at(-1).code, 4001);
  t.mock.timers.tick(60000);
  assert.equal(FakeSocket.all.length, 2, "no reconnect after 4001");
});

test("client: a page without state resumes with a snapshot request; a gap asks to resume from the last seq", (t) => {
  const { hall } = client(t);
  globalThis.sessionStorage.setItem("gamehall.token", "old");
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  assert.equal(s1.sent[0].token, "old");
  welcome(s1, { resumed: true, tables: ["T9"] });
  const resume = s1.sent.find((m) => m.type === "resume");
  assert.equal(resume.lastSeq, SNAPSHOT_SEQ);
  s1.serverSend({ type: "snapshot", table: "T9", seq: 10, state: {} });
  s1.serverSend({ type: "event", table: "T9", seq: 13, kind: "move", data: {} });
  const again = s1.sent.at(-1);
  assert.equal(again.type, "resume");
  assert.equal(again.lastSeq, 10);
  hall.close();
});

test("client: cut() holds the connection down and queues commands until restore()", (t) => {
  const { hall } = client(t);
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  hall.cut();
  hall.chat("T1", { phrase: "hello" }).catch(() => {});
  t.mock.timers.tick(60000);
  assert.equal(FakeSocket.all.length, 1, "no reconnect while cut");
  hall.restore();
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  welcome(s2);
  assert.equal(s2.sent.at(-1).type, "chat");
  hall.close();
});

test("client: login reopens with login instead of hello, keeps the account's token, and a bad password falls back to a guest", async (t) => {
  const { hall } = client(t, { nickname: "Ann" });
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  const wrong = hall.login("ann_99", "not it 1");
  assert.equal(s1.closedWith, 1000, "the guest's socket is closed");
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  assert.deepEqual(
    { type: s2.sent[0].type, name: s2.sent[0].name, password: s2.sent[0].password, protocol: s2.sent[0].protocol },
    { type: "login", name: "ann_99", password: "not it 1", protocol: 1 }
  );
  s2.serverSend({ type: "error", re: s2.sent[0].id, code: "BAD_CREDENTIALS", message: "no" });
  await assert.rejects(wrong, (e) => e.code === "BAD_CREDENTIALS");
  assert.equal(s2.sent[1].type, "hello", "carries on as a guest");
  assert.equal(s2.sent[1].token, undefined, "the old guest token was dropped");

  const right = hall.login("ann_99", "open sesame 1");
  const s3 = FakeSocket.all[2];
  s3.serverOpen();
  assert.equal(s3.sent[0].type, "login");
  s3.serverSend({ type: "welcome", re: s3.sent[0].id, playerId: "g-acc", nickname: "Ann", protocol: 1, heartbeatSeconds: 25, maxMessageBytes: 16384, token: "tok-acc", tokenExpiresAt: 0, resumed: false, tables: [] });
  const w = await right;
  assert.equal(w.playerId, "g-acc");
  assert.equal(globalThis.sessionStorage.getItem("gamehall.token"), "tok-acc");
  hall.close();
});

test("client: register, history, match, replay frames and leaderboard send typed requests and resolve with answers", async (t) => {
  const { hall } = client(t);
  hall.connect();
  const s = FakeSocket.all[0];
  s.serverOpen();
  welcome(s);
  const reg = hall.register("ann_99", "open sesame 1");
  assert.deepEqual({ type: s.sent.at(-1).type, name: s.sent.at(-1).name }, { type: "register", name: "ann_99" });
  s.serverSend({ type: "account", re: s.sent.at(-1).id, playerId: "g-x", name: "ann_99" });
  assert.equal((await reg).name, "ann_99");

  const hist = hall.history({ offset: 20, limit: 10 });
  assert.deepEqual(
    { type: s.sent.at(-1).type, offset: s.sent.at(-1).offset, limit: s.sent.at(-1).limit },
    { type: "history", offset: 20, limit: 10 }
  );
  s.serverSend({ type: "history", re: s.sent.at(-1).id, offset: 20, limit: 10, total: 21, matches: [{ match: "m-1" }] });
  assert.equal((await hist).matches[0].match, "m-1");

  const board = hall.leaderboard("gomoku");
  assert.deepEqual(
    { type: s.sent.at(-1).type, game: s.sent.at(-1).game, offset: s.sent.at(-1).offset },
    { type: "leaderboard", game: "gomoku", offset: 0 }
  );
  s.serverSend({ type: "error", re: s.sent.at(-1).id, code: "STORE_UNAVAILABLE", message: "down" });
  await assert.rejects(board, (e) => e.code === "STORE_UNAVAILABLE");

  // A table's seats by id: no page fields, and the answer resolves as it came.
  const seats = hall.standings("gomoku", ["g-1", "g-2"]);
  assert.deepEqual(
    { type: s.sent.at(-1).type, game: s.sent.at(-1).game, players: s.sent.at(-1).players, offset: s.sent.at(-1).offset },
    { type: "leaderboard", game: "gomoku", players: ["g-1", "g-2"], offset: undefined }
  );
  s.serverSend({ type: "leaderboard", re: s.sent.at(-1).id, game: "gomoku", players: ["g-1", "g-2"], entries: [{ rank: 7, playerId: "g-2", rating: 1530 }] });
  assert.deepEqual((await seats).entries.map((e) => [e.playerId, e.rank]), [["g-2", 7]]);

  // The cursor asks for each frame once and clamps at the ends.
  const cursor = new ReplayCursor(hall, "m-1");
  const answer = (ply, plies) => {
    const req = s.sent.at(-1);
    assert.deepEqual({ type: req.type, match: req.match, ply: req.ply }, { type: "replay", match: "m-1", ply });
    s.serverSend({ type: "replay", re: req.id, match: "m-1", ply, plies, move: null, view: { ply } });
  };
  const f0 = cursor.start();
  answer(0, 2);
  assert.equal((await f0).view.ply, 0);
  const f1 = cursor.next();
  answer(1, 2);
  assert.equal((await f1).ply, 1);
  const sentBefore = s.sent.length;
  const back = await cursor.previous();
  assert.equal(back.ply, 0);
  assert.equal(s.sent.length, sentBefore, "a cached frame is not asked for again");
  const f2 = cursor.goto(9);
  answer(2, 2);
  assert.equal((await f2).ply, 2, "clamped to the last ply");
  assert.ok(cursor.atEnd);
  hall.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Dead-network detection

/** Advances the mocked clock in small steps (an interval callback sees the Date of the end of one tick() call). */
function advance(t, ms, step = 100) {
  for (let done = 0; done < ms; done += step) t.mock.timers.tick(Math.min(step, ms - done));
}

function openWithTable(t, extra) {
  const { hall, states } = client(t, extra);
  hall.connect();
  const s = FakeSocket.all.at(-1);
  s.serverOpen();
  welcome(s, { tables: ["T1"] });
  s.serverSend({ type: "snapshot", table: "T1", seq: 3, state: { phase: "playing" } });
  return { hall, states, s };
}

test("client: with a table open a silent socket is noticed within 10 s (ping every 3 s, no pong in 4 s)", (t) => {
  const { hall, states, s } = openWithTable(t);
  // Answered pings keep the socket.
  for (let i = 0; i < 3; i++) {
    advance(t, 3000);
    const ping = s.sent.at(-1);
    assert.equal(ping.type, "ping", `ping ${i}`);
    s.serverSend({ type: "pong", t: ping.t });
  }
  assert.equal(s.closedWith, undefined);
  // Then the path goes silent: nothing arrives any more.
  const cutAt = Date.now();
  let noticed = null;
  for (let ms = 0; ms <= 10000 && noticed == null; ms += 100) {
    t.mock.timers.tick(100);
    if (states.at(-1).state === "reconnecting") noticed = Date.now() - cutAt;
  }
  assert.ok(noticed != null && noticed <= 7100, `noticed after ${noticed} ms`);
  assert.equal(s.closedWith, 4000, "the dead socket is closed by the client");
  hall.close();
});

test("client: any message counts as an answer; without a table the ping is every pingMs", (t) => {
  const { hall } = client(t, { pingMs: 10000 });
  hall.connect();
  const s = FakeSocket.all[0];
  s.serverOpen();
  welcome(s);
  const pings = () => s.sent.filter((m) => m.type === "ping").length;
  advance(t, 9800);
  assert.equal(pings(), 0, "no table: no ping before pingMs");
  advance(t, 400);
  assert.equal(pings(), 1);
  s.serverSend({ type: "lobby_update", kind: "presence", game: "gomoku", presence: {} });
  advance(t, 5000);
  assert.equal(s.closedWith, undefined, "a lobby update answered the ping as well as a pong would");
  hall.close();
});

test("client: reconnect delay is capped at 3 s while a match runs, 15 s otherwise", (t) => {
  const { hall, states, s } = openWithTable(t, { backoff: new Backoff({ random: () => 0.999999 }) });
  const delays = [];
  let sock = s;
  for (let i = 0; i < 6; i++) {
    sock.serverClose(1006);
    delays.push(states.at(-1).inMs);
    advance(t, states.at(-1).inMs);
    sock = FakeSocket.all.at(-1);
  }
  assert.deepEqual(delays, [500, 1000, 2000, 3000, 3000, 3000]);
  // The match ends: the usual cap again.
  sock.serverOpen();
  welcome(sock, { tables: ["T1"] });
  sock.serverSend({ type: "event", table: "T1", seq: 4, kind: "result", data: { winners: [0], reason: "win" } });
  for (let i = 0; i < 6; i++) {
    sock.serverClose(1006);
    delays.push(states.at(-1).inMs);
    advance(t, states.at(-1).inMs);
    sock = FakeSocket.all.at(-1);
  }
  assert.deepEqual(delays.slice(6), [500, 1000, 2000, 4000, 8000, 15000]);
  hall.close();
});

test("client: a handshake that hangs is given up after connectTimeoutMs; reconnectNow starts over at once", (t) => {
  const { hall, states } = client(t, { connectTimeoutMs: 10000 });
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  s1.serverClose(1006);
  advance(t, 500);
  const s2 = FakeSocket.all[1];
  // s2 never opens (a path that swallows the handshake).
  advance(t, 9900);
  assert.equal(FakeSocket.all.length, 2);
  advance(t, 200);
  assert.equal(s2.closedWith, 4000, "the hanging attempt is abandoned");
  assert.equal(states.at(-1).state, "reconnecting");
  advance(t, states.at(-1).inMs);
  const s3 = FakeSocket.all[2];
  hall.reconnectNow();
  assert.equal(FakeSocket.all.length, 4, "reconnect now abandons the pending attempt and opens a new one");
  assert.equal(s3.closedWith, 4000);
  FakeSocket.all[3].serverOpen();
  welcome(FakeSocket.all[3]);
  assert.equal(states.at(-1).state, "open");
  hall.close();
});

test("client: the browser's offline event drops the socket at once, online reconnects without waiting", (t) => {
  const target = new EventTarget();
  globalThis.addEventListener = target.addEventListener.bind(target);
  globalThis.navigator = { onLine: true };
  t.after(() => {
    delete globalThis.addEventListener;
    delete globalThis.navigator;
  });
  const { hall, states, s } = openWithTable(t);
  globalThis.navigator.onLine = false;
  target.dispatchEvent(new Event("offline"));
  assert.equal(s.closedWith, 4000);
  assert.equal(states.at(-1).state, "reconnecting");
  assert.equal(states.at(-1).offline, true, "the state says the browser has no network");
  assert.equal(FakeSocket.all.length, 1);
  globalThis.navigator.onLine = true;
  target.dispatchEvent(new Event("online"));
  assert.equal(FakeSocket.all.length, 2, "online skips the backoff");
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  welcome(s2, { resumed: true, tables: ["T1"] });
  assert.deepEqual(
    s2.sent.filter((m) => m.type === "resume").map((m) => [m.table, m.lastSeq]),
    [["T1", 3]],
    "the table is resumed from the last applied event"
  );
  hall.close();
});

test("client: register keeps the account's token; change_password keeps the fresh one; logout forgets it and the 4004 close comes back as a new guest", async (t) => {
  const { hall } = client(t);
  hall.connect();
  const s = FakeSocket.all[0];
  s.serverOpen();
  welcome(s);
  const reg = hall.register("ann_99", "open sesame 1");
  s.serverSend({ type: "account", re: s.sent.at(-1).id, playerId: "g-x", name: "ann_99", token: "acct-1", tokenExpiresAt: 9 });
  await reg;
  assert.equal(globalThis.sessionStorage.getItem("gamehall.token"), "acct-1", "the guest token is replaced");

  const change = hall.changePassword("open sesame 1", "open sesame 2");
  assert.deepEqual(
    { type: s.sent.at(-1).type, old: s.sent.at(-1).old, new: s.sent.at(-1).new },
    { type: "change_password", old: "open sesame 1", new: "open sesame 2" }
  );
  s.serverSend({ type: "error", re: s.sent.at(-1).id, code: "RATE_LIMITED", message: "wait", retryAfterSeconds: 4 });
  await assert.rejects(change, (e) => e.code === "RATE_LIMITED" && e.reply.retryAfterSeconds === 4);
  const again = hall.changePassword("open sesame 1", "open sesame 2");
  s.serverSend({ type: "password_changed", re: s.sent.at(-1).id, token: "acct-2", tokenExpiresAt: 9 });
  await again;
  assert.equal(globalThis.sessionStorage.getItem("gamehall.token"), "acct-2");

  const out = hall.logout({ all: true });
  assert.deepEqual({ type: s.sent.at(-1).type, all: s.sent.at(-1).all }, { type: "logout", all: true });
  s.serverSend({ type: "logged_out", re: s.sent.at(-1).id, all: true });
  await out;
  assert.equal(globalThis.sessionStorage.getItem("gamehall.token"), null, "the revoked token is forgotten");
  s.serverClose(4004);
  t.mock.timers.tick(1000);
  const next = FakeSocket.all.at(-1);
  assert.notEqual(next, s, "reconnects after 4004");
  next.serverOpen();
  assert.equal(next.sent[0].type, "hello");
  assert.equal(next.sent[0].token, undefined, "as a new guest, without the revoked token");
  hall.close();
});

test("client: in a cluster, a resume of a running match answered UNKNOWN_TABLE is tried again until the table is adopted", (t) => {
  const { hall } = client(t);
  const errors = [];
  hall.on("error", (e) => errors.push(e.code));
  hall.connect();
  const s1 = FakeSocket.all[0];
  s1.serverOpen();
  welcome(s1);
  s1.serverSend({ type: "snapshot", table: "T1", seq: 7, state: { phase: "playing" } });
  s1.serverSend({ type: "snapshot", table: "T2", seq: 3, state: { phase: "finished" } });
  s1.serverClose(1006);
  t.mock.timers.tick(500);
  const s2 = FakeSocket.all[1];
  s2.serverOpen();
  welcome(s2, { resumed: true, tables: ["T1", "T2"] });
  const resumes = () => s2.sent.filter((m) => m.type === "resume");
  const [r1, r2] = resumes();
  assert.deepEqual([r1.table, r1.lastSeq, r2.table], ["T1", 7, "T2"]);

  // The owner died and no node has adopted T1 yet: asked again 2 s later, from the same seq.
  s2.serverSend({ type: "error", re: r1.id, code: "UNKNOWN_TABLE", message: "no table T1" });
  // T2's match is over: its UNKNOWN_TABLE is final and reported.
  s2.serverSend({ type: "error", re: r2.id, code: "UNKNOWN_TABLE", message: "no table T2" });
  assert.deepEqual(errors, ["UNKNOWN_TABLE"], "only the finished table's answer is reported");
  assert.equal(resumes().length, 2, "no retry at once");
  t.mock.timers.tick(2000);
  const retry = resumes().at(-1);
  assert.deepEqual([resumes().length, retry.table, retry.lastSeq], [3, "T1", 7]);
  assert.notEqual(retry.id, r1.id);
  // Adopted: the snapshot answers, and nothing more is sent.
  s2.serverSend({ type: "snapshot", table: "T1", seq: 7 + 1048576, state: { phase: "playing" } });
  t.mock.timers.tick(10000);
  assert.equal(resumes().length, 3);
  hall.close();
});
