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

// ------------------------------------------------------------------------------------------------------------------
// Colour contrast (WCAG 2.x AA): the main text/background pairs, read from app.css itself, so a colour changed there
// is measured here. Body text needs 4.5:1; translucent backgrounds are composited over what lies under them.

import { readFileSync } from "node:fs";

const CSS = readFileSync(new URL("../../main/webapp/static/app/app.css", import.meta.url), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
// Innermost blocks only, so rules inside @media are read too; the first rule for a selector (the base one) wins.
const RULES = [...CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ sels: m[1].split(",").map((s) => s.trim()), body: m[2] }));
const VARS = Object.fromEntries([...RULES.find((r) => r.sels.includes(":root")).body.matchAll(/--([\w-]+)\s*:\s*([^;]+)/g)].map((m) => [m[1], m[2].trim()]));

function decl(sel, prop) {
  for (const r of RULES) {
    if (!r.sels.includes(sel)) continue;
    const m = r.body.match(new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`));
    if (m) return m[1].trim();
  }
  throw new Error(`app.css has no ${prop} for ${sel}`);
}

/** Every colour in a value (a gradient has several), as [r, g, b, alpha]. */
function colours(value) {
  const v = value.replace(/var\(--([\w-]+)\)/g, (_, n) => VARS[n]);
  const out = [];
  for (const m of v.matchAll(/#([0-9a-f]{6}|[0-9a-f]{3})\b|rgb\(\s*(\d+)\s+(\d+)\s+(\d+)(?:\s*\/\s*([\d.]+)(%?))?\s*\)/gi)) {
    if (m[1]) {
      const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
      out.push([0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(1));
    } else {
      const a = m[5] == null ? 1 : Number(m[5]) / (m[6] ? 100 : 1);
      out.push([Number(m[2]), Number(m[3]), Number(m[4]), a]);
    }
  }
  if (!out.length) throw new Error("no colour in " + value);
  return out;
}

const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat(1);
const luminance = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test("WCAG contrast: the formula gives the known ratios", () => {
  assert.equal(Math.round(contrast([0, 0, 0, 1], [255, 255, 255, 1]) * 100) / 100, 21);
  assert.equal(Math.round(contrast([118, 118, 118, 1], [255, 255, 255, 1]) * 100) / 100, 4.54);
});

const c = (sel, prop) => colours(decl(sel, prop));
const PAGE = colours(decl(":root", "--bg")).concat(colours("#1a5a3e")); // the page's radial gradient, both ends
const FELT = c(":root", "--felt").concat(c(":root", "--felt2"));
// [what, text colour(s), background colour(s), what a translucent background lies over]
const PAIRS = [
  ["body text on a card", c(":root", "--ink"), c(":root", "--card")],
  ["muted text on a card", c(":root", "--muted"), c(":root", "--card")],
  ["labels on a game tile", c(".game small", "color"), c(".game", "background")],
  ["labels on the chosen game tile", c(".game small", "color"), c(".game.on", "background")],
  ["light text on the page", c(":root", "--light"), PAGE],
  ["gold headings on the page", c(":root", "--gold"), PAGE],
  ["button text", c("button", "color"), c("button", "background")],
  ["primary button text", c("button.primary", "color"), c("button.primary", "background")],
  ["warning button text", c("button.warn", "color"), c("button.warn", "background")],
  ["danger button text", c("button.danger", "color"), c("button", "background")],
  ["the top bar", colours("#fff"), c(".bar", "background")],
  ["the title in the top bar", c(".bar h1", "color"), c(".bar", "background")],
  ["the chosen tab", c(".bar .nav button.on", "color"), c(".bar .nav button.on", "background")],
  ["a seat's name", c(".seat", "color"), c(".seat", "background"), PAGE],
  ["a seat's rating", c(".rating", "color"), c(".seat", "background"), PAGE],
  ["a seat's clock", c(".clock", "color"), c(".seat", "background"), PAGE],
  ["a seat's time bank", c(".clock.bank", "color"), c(".seat", "background"), PAGE],
  ["the offline badge", c(".badge", "color"), c(".badge.off", "background")],
  ["the 托管 badge", c(".badge", "color"), c(".badge.trustee", "background")],
  ["the AI tag", c(".seat .name .tag", "color"), c(".seat .name .tag", "background")],
  ["the landlord tag", c(".role-tag.lord", "color"), c(".role-tag.lord", "background")],
  ["the farmer tag", c(".role-tag.farmer", "color"), c(".role-tag.farmer", "background")],
  ["names on the felt", c(".ddz.felt", "color"), FELT],
  ["what a seat said on the felt", c(".say", "color"), FELT],
  ["bid and multiplier chips", c(".chip-bid", "color"), c(".chip-bid", "background"), FELT],
  ["red cards", c(".pcard.red", "color"), c(".pcard", "background")],
  ["red cards in the hand", c(".cardface.red", "color"), c(".cardface", "background")],
  ["red Xiangqi pieces", c(".piece.red", "color"), colours("#fbf3df")],
  ["the river on the board", c(".river", "fill"), c(":root", "--wood")],
  ["outcome badges", colours("#fff"), c(".outcome", "background").concat(c(".outcome.win", "background"), c(".outcome.loss", "background"), c(".outcome.draw", "background"))],
  ["points won", c(".points .pts.up", "color"), c(".dialog.sheet .dialog-box", "background")],
  ["points lost", c(".points .pts.down", "color"), c(".dialog.sheet .dialog-box", "background")],
  ["leaderboard head", c(".leaderboard th", "color"), c(".leaderboard th", "background")],
  ["leaderboard: my row", c(":root", "--ink"), c(".leaderboard tr.me td", "background")],
  ["leaderboard: first", c(".leaderboard .rank.r1", "color"), c(":root", "--card")],
  ["leaderboard: second", c(".leaderboard .rank.r2", "color"), c(":root", "--card")],
  ["leaderboard: third", c(".leaderboard .rank.r3", "color"), c(":root", "--card")],
  ["the toast", c(".toast", "color"), c(".toast", "background")],
  ["a notice", c(":root", "--ink"), c(".notice", "background")],
];

test("WCAG AA: the main text colours have at least 4.5:1 against their backgrounds", () => {
  const failures = [];
  for (const [what, fgs, bgs, under] of PAIRS) {
    for (const fg of fgs) {
      for (const bg of bgs) {
        for (const base of under || [[255, 255, 255, 1]]) {
          const solid = bg[3] < 1 ? over(bg, base) : bg;
          const text = fg[3] < 1 ? over(fg, solid) : fg;
          const r = contrast(text, solid);
          if (r < 4.5) failures.push(`${what}: ${r.toFixed(2)}:1 (rgb ${text.slice(0, 3).map(Math.round)} on ${solid.slice(0, 3).map(Math.round)})`);
        }
      }
    }
  }
  assert.deepEqual(failures, [], "pairs under 4.5:1");
});
