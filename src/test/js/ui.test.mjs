// The table UI's pure parts: card sorting and the fan's geometry (cards.js), avatar looks (avatar.js), the seat clock
// (seats.js), replay stepping (replay.js) and the board helpers (boardfx.js). Run with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sortHand, fanLayout, kittyCards, playEffect, rankOf } from "../../main/webapp/static/app/cards.js";
import { hashId, avatarLook, ringFraction } from "../../main/webapp/static/app/avatar.js";
import { clockFace } from "../../main/webapp/static/app/seats.js";
import { stepPly, outcomeFor, moveText } from "../../main/webapp/static/app/replay.js";
import { confirmStoneDefault, capturedPieces, checkedGeneral } from "../../main/webapp/static/app/boardfx.js";

const XQ_START = "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1";

test("a hand sorts highest first: big joker, small joker, 2, A ... 3; suits grouped within a rank", () => {
  const hand = ["3S", "RJ", "2H", "TD", "BJ", "AS", "TS", "3D", "KC"];
  assert.deepEqual(sortHand(hand), ["RJ", "BJ", "2H", "AS", "KC", "TS", "TD", "3S", "3D"]);
  assert.deepEqual(hand[0], "3S", "the input is not changed");
  assert.ok(rankOf("2S") > rankOf("AS") && rankOf("RJ") > rankOf("BJ"));
});

test("the fan fits 20 cards on a 390 px phone and keeps the corner index readable", () => {
  const phone = fanLayout(20, 370, { cardW: 70 });
  assert.ok(phone.total <= 370, `fan of ${phone.total}px on 370px`);
  assert.ok(phone.step >= 16, `step ${phone.step}`);
  assert.ok(phone.cardW >= 44, `card ${phone.cardW}`);
  const desktop = fanLayout(17, 760, { cardW: 70 });
  assert.equal(desktop.cardW, 70, "wide screens keep full-size cards");
  assert.ok(desktop.step <= 42, "never more than 60% of a card apart");
  assert.ok(desktop.total <= 760);
  assert.deepEqual(fanLayout(1, 370), { cardW: 64, step: 0, total: 64 });
  assert.equal(fanLayout(0, 370).total, 0);
  for (let n = 1; n <= 20; n++) assert.ok(fanLayout(n, 340).total <= 340, `n=${n} fits 340px`);
});

test("the kitty marks one card per bottom rank in the landlord's hand", () => {
  const marked = kittyCards(["3S", "3D", "KC", "RJ", "5H"], "3R5");
  assert.equal(marked.size, 3);
  assert.ok(marked.has("RJ") && marked.has("5H"));
  assert.equal([...marked].filter((c) => c[0] === "3").length, 1, "one of the two threes");
});

test("bombs and rockets get their effect", () => {
  assert.equal(playEffect("bomb", "7777"), "bomb");
  assert.equal(playEffect("rocket", "BR"), "rocket");
  assert.equal(playEffect(undefined, "RB"), "rocket");
  assert.equal(playEffect("pair", "77"), null);
  assert.equal(playEffect(undefined, "9999"), "bomb");
});

test("avatars: the same id gives the same look, different ids mostly differ, text stays readable", () => {
  assert.equal(hashId("g-abc"), hashId("g-abc"));
  assert.deepEqual(avatarLook("g-abc"), avatarLook("g-abc"));
  const looks = new Set(Array.from({ length: 50 }, (_, i) => JSON.stringify(avatarLook("g-player-" + i))));
  assert.ok(looks.size >= 45, `only ${looks.size} distinct looks of 50`);
  for (let i = 0; i < 50; i++) assert.match(avatarLook("p" + i).background, /^hsl\(\d+ 55% 38%\)$/);
});

test("the clock ring: full at the start of a turn, then the bank, never below zero", () => {
  assert.equal(ringFraction(15000, 30000), 0.5);
  assert.equal(ringFraction(-5, 30000), 0);
  assert.equal(ringFraction(40000, 30000), 1);
  assert.equal(ringFraction(10, 0), 0);
  const now = 1_000_000;
  assert.deepEqual(clockFace({ deadline: now + 9500, bankMillis: 60000 }, now, 20000), { phase: "turn", seconds: 10, fraction: 0.475 });
  const bank = clockFace({ deadline: now - 15000, bankMillis: 60000 }, now, 20000);
  assert.deepEqual([bank.phase, bank.seconds, bank.fraction], ["bank", 45, 0.75]);
  assert.equal(clockFace({ deadline: now - 90000, bankMillis: 60000 }, now, 20000).seconds, 0);
});

test("replay stepping stays within the match", () => {
  assert.equal(stepPly(0, 9, "prev"), 0);
  assert.equal(stepPly(0, 9, "next"), 1);
  assert.equal(stepPly(9, 9, "next"), 9);
  assert.equal(stepPly(4, 9, "first"), 0);
  assert.equal(stepPly(4, 9, "last"), 9);
  assert.equal(stepPly(4, 9, "bogus"), 4);
  assert.equal(stepPly(3, null, "next"), 0, "unknown length: only the start");
});

test("history: the player's outcome and a move's text", () => {
  const m = { seats: [{ playerId: "a", outcome: "win" }, { playerId: "b", outcome: "loss" }] };
  assert.equal(outcomeFor(m, "b"), "loss");
  assert.equal(outcomeFor(m, "c"), null);
  assert.equal(moveText({ seat: 1, action: "H8" }, ["Ann", "Bob"]), "Bob: H8");
  assert.equal(moveText({ seat: 0, action: "play 3TT" }, ["Ann"]), "Ann: 3 10 10");
});

test("gomoku confirm tap: the saved choice wins, else on for touch screens", () => {
  assert.equal(confirmStoneDefault(null, true), true);
  assert.equal(confirmStoneDefault(null, false), false);
  assert.equal(confirmStoneDefault("0", true), false);
  assert.equal(confirmStoneDefault("1", false), true);
});

test("xiangqi: captured pieces by side and the checked general", () => {
  assert.deepEqual(capturedPieces(XQ_START), { red: "", black: "" });
  const noBlackCannon = XQ_START.replace("1c5c1", "7c1");
  assert.deepEqual(capturedPieces(noBlackCannon), { red: "", black: "c" });
  assert.equal(checkedGeneral(XQ_START, true, 0), "e0");
  assert.equal(checkedGeneral(XQ_START, true, 1), "e9");
  assert.equal(checkedGeneral(XQ_START, false, 1), null);
});
