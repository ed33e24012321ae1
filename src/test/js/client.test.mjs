// The H5 client's pure parts: board patching and notation (boards.js) and the table view's decisions (status.js).
// Run with `node --test src/test/js/client.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  GOMOKU_COLS, gomokuApply, parseFen, fenWithMove, xiangqiApply, sortRanks, cardLabel, ranksLabel, ddzApply,
} from "../../main/webapp/static/app/boards.js";
import {
  turnState, canMove, showTakeControl, showTrusteeBadge, showRematch, leaveNeedsConfirmation, resultSummary,
  applyResult, offlineBadge,
} from "../../main/webapp/static/app/status.js";

const EMPTY_ROW = ".".repeat(15);
const XQ_START = "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1";

test("gomoku: a move puts the stone on its point (row 15 is the first board line) without touching the old view", () => {
  const view = { board: Array(15).fill(EMPTY_ROW), moves: [], toAct: 0, forbidden: ["H9"] };
  const after = gomokuApply(view, { seat: 0, stone: "black", move: "H8" });
  assert.equal(after.board[15 - 8][GOMOKU_COLS.indexOf("H")], "X");
  assert.equal(after.board.join("").replace(/\./g, ""), "X", "exactly one stone");
  assert.deepEqual([after.lastMove, after.toAct, after.moves, after.forbidden], ["H8", 1, ["H8"], []]);
  const white = gomokuApply(after, { seat: 1, stone: "white", move: "A15" });
  assert.equal(white.board[0][0], "O", "A15 is the top-left point");
  assert.equal(white.toAct, 0);
  assert.equal(view.board.join("").replace(/\./g, ""), "", "the view it started from is unchanged");
});

test("xiangqi: FEN parsing puts red at rank 0 and black at rank 9", () => {
  const sq = parseFen(XQ_START);
  assert.equal(sq.e0, "K");
  assert.equal(sq.e9, "k");
  assert.equal(sq.h2, "C");
  assert.equal(sq.b7, "c");
  assert.equal(sq.a3, "P");
  assert.equal(sq.e5, undefined);
  assert.equal(Object.keys(sq).length, 32);
});

test("xiangqi: a move (and a capture) rewrites the FEN rows and keeps the other fields", () => {
  const moved = fenWithMove(XQ_START, "h2e2");
  assert.equal(moved, "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C2C4/9/RNBAKABNR w - - 0 1");
  const capture = fenWithMove(moved, "e2e6");
  const sq = parseFen(capture);
  assert.equal(sq.e6, "C", "the cannon took the pawn on e6");
  assert.equal(Object.keys(sq).length, 31);
  assert.deepEqual(parseFen(fenWithMove(capture, "e6e2")).e6, undefined);
});

test("xiangqi: the patched view passes the turn, marks check and drops the stale legal list", () => {
  const view = { fen: XQ_START, moves: [], toAct: 0, legal: ["h2e2"], inCheck: false };
  const after = xiangqiApply(view, { seat: 0, move: "h2e2", check: true });
  assert.deepEqual([after.toAct, after.inCheck, after.lastMove, after.legal], [1, true, "h2e2", undefined]);
  assert.equal(parseFen(after.fen).e2, "C");
});

test("dou dizhu: ranks sort by game order and cards have readable labels", () => {
  assert.equal(sortRanks("2a3kbr"), "3KA2BR");
  assert.equal(sortRanks("T9J"), "9TJ");
  assert.equal(cardLabel("TH"), "10♥");
  assert.equal(cardLabel("3S"), "3♠");
  assert.equal(cardLabel("BJ"), "小王");
  assert.equal(cardLabel("RJ"), "大王");
  assert.equal(ranksLabel("BT2"), "10 2 小王");
});

test("dou dizhu: an own play removes those ranks from the hand; another seat's play only its count", () => {
  const view = { cards: ["3S", "3H", "4D", "KC", "2S"], counts: [5, 17, 17], toAct: 0, plays: [], legal: ["pass"] };
  const mine = ddzApply(view, "play", { seat: 0, ranks: "33", type: "pair", cardsLeft: 3 }, 0);
  assert.deepEqual(mine.cards, ["4D", "KC", "2S"]);
  assert.deepEqual(mine.counts, [3, 17, 17]);
  assert.deepEqual(mine.lastPlay, { seat: 0, action: "play", ranks: "33", type: "pair" });
  assert.equal(mine.toAct, 1);
  assert.equal(mine.legal, undefined, "legal plays come again with the own view");
  const theirs = ddzApply(mine, "play", { seat: 1, ranks: "44", type: "pair", cardsLeft: 15 }, 0);
  assert.deepEqual(theirs.cards, ["4D", "KC", "2S"], "another seat's 44 does not take the own 4");
  assert.deepEqual(theirs.counts, [3, 15, 17]);
  const passed = ddzApply(theirs, "pass", { seat: 2 }, 0);
  assert.equal(passed.toAct, 0);
  assert.deepEqual(passed.plays.at(-1), { seat: 2, action: "pass" });
  const led = ddzApply(passed, "lead", { seat: 1 }, 0);
  assert.deepEqual([led.lastPlay, led.toAct], [null, 1]);
});

test("dou dizhu: bids pass the turn; the landlord gets the kitty and leads", () => {
  const view = { phase: "bidding", bids: [], toAct: 2 };
  const bid = ddzApply(view, "bid", { seat: 2, points: 2 }, 0);
  assert.deepEqual([bid.bids, bid.toAct], [[{ seat: 2, points: 2 }], 0]);
  const lord = ddzApply(bid, "landlord", { seat: 2, kitty: "3TR" }, 0);
  assert.deepEqual([lord.landlord, lord.kitty, lord.phase, lord.toAct], [2, "3TR", "playing", 2]);
});

// ---------------------------------------------------------------------------------------------------------------
// The table view's decisions

function table(overrides = {}) {
  return {
    table: "T1",
    game: "gomoku",
    phase: "playing",
    yourSeat: 0,
    seats: [
      { seat: 0, playerId: "g-a", nickname: "Ann", online: true, trustee: false },
      { seat: 1, playerId: "g-b", nickname: "Bob", online: true, trustee: false },
    ],
    match: { toAct: 0 },
    clock: { seat: 0, deadline: 0, bankMillis: 0 },
    lastResult: null,
    ...overrides,
  };
}

test("a seat under 托管 never shows 'your turn' and cannot click a move", () => {
  const st = table();
  assert.deepEqual(turnState(st), { kind: "yours", seat: 0 });
  assert.ok(canMove(st));
  st.seats[0].trustee = true;
  assert.deepEqual(turnState(st), { kind: "trustee", seat: 0 });
  assert.ok(!canMove(st));
  st.match.toAct = 1;
  assert.equal(turnState(st).kind, "theirs");
  assert.equal(turnState(table({ yourSeat: -1 })).kind, "theirs", "a spectator never has a turn");
  assert.equal(turnState(table({ phase: "filling", match: null })).kind, "filling");
});

test("take control shows only for the own seat under 托管, in a running match, while connected", () => {
  const st = table();
  assert.ok(!showTakeControl(st, true), "not under 托管");
  st.seats[0].trustee = true;
  assert.ok(showTakeControl(st, true));
  assert.ok(!showTakeControl(st, false), "not while disconnected");
  st.seats[0].trustee = false;
  st.seats[1].trustee = true;
  assert.ok(!showTakeControl(st, true), "the opponent's 托管 is not ours to end");
  assert.ok(!showTakeControl(table({ yourSeat: -1 }), true));
});

test("the end of a match clears 托管 badges, the clock and the offers, and offers a rematch", () => {
  const st = table({ drawOfferedBy: 1, undoRequestedBy: -1 });
  st.seats[0].trustee = true;
  st.seats[1].trustee = true;
  assert.ok(showTrusteeBadge(st, st.seats[1]));
  assert.ok(!showRematch(st));
  applyResult(st, { winners: [1], reason: "timeout" });
  assert.equal(st.phase, "finished");
  assert.equal(st.clock, null);
  assert.equal(st.drawOfferedBy, -1);
  assert.ok(st.seats.every((s) => !showTrusteeBadge(st, s)), "no 托管 badge after the end");
  assert.ok(!showTakeControl(st, true), "no take-control after the end");
  assert.ok(showRematch(st), "rematch reachable without the result dialog");
  st.seats[0].rematch = true;
  assert.ok(!showRematch(st), "not twice");
  assert.ok(!showRematch({ ...st, yourSeat: -1 }), "not for a spectator");
  // A badge in a finished table's old state (a snapshot taken before) is not shown either.
  st.seats[1].trustee = true;
  assert.ok(!showTrusteeBadge(st, st.seats[1]));
});

test("leaving asks first only during a running match of the own seat", () => {
  assert.ok(leaveNeedsConfirmation(table()));
  assert.ok(!leaveNeedsConfirmation(table({ phase: "finished" })));
  assert.ok(!leaveNeedsConfirmation(table({ phase: "filling" })));
  assert.ok(!leaveNeedsConfirmation(table({ yourSeat: -1 })));
  assert.ok(!leaveNeedsConfirmation(null));
});

test("the result names the winners for players and spectators; a draw has none", () => {
  assert.deepEqual(resultSummary(table({ lastResult: { winners: [0], reason: "win" } })), { head: "won", winners: [0] });
  assert.deepEqual(resultSummary(table({ lastResult: { winners: [0], reason: "win" }, yourSeat: 1 })), { head: "lost", winners: [0] });
  assert.deepEqual(resultSummary(table({ lastResult: { winners: [1, 2], reason: "win" }, yourSeat: -1 })), { head: null, winners: [1, 2] });
  assert.deepEqual(resultSummary(table({ lastResult: { winners: [], reason: "agreed_draw" } })), { head: "drawn", winners: [] });
});

test("offline badge: a countdown for a closed socket, plain 'offline' for a silent one, none when online", () => {
  const now = 1_000_000;
  const seat = { seat: 1, playerId: "g-b", online: false, offlineDeadline: now + 59_001, offlineReason: "closed" };
  assert.deepEqual(offlineBadge(seat, now), { seconds: 60, reason: "closed" });
  assert.deepEqual(offlineBadge({ ...seat, offlineDeadline: now - 5 }, now), { seconds: 0, reason: "closed" });
  assert.deepEqual(offlineBadge({ ...seat, offlineDeadline: 0, offlineReason: "silent" }, now), { seconds: null, reason: "silent" });
  assert.equal(offlineBadge({ ...seat, online: true }, now), null);
  assert.equal(offlineBadge({ ...seat, playerId: null }, now), null, "an empty seat has no badge");
});
