// "My games", the replay viewer and the leaderboard: pages over the server's stored matches and ratings (history,
// replay and leaderboard in docs/protocol.md). Frames come from the server, which replays with the real rules.
import { ReplayCursor } from "../sdk/gamehall.js";
import { t } from "./i18n.js";
import { renderGomoku, renderXiangqi } from "./boards.js";
import { cardFace, playedCards } from "./cards.js";
import { avatarSvg } from "./avatar.js";

const GAMES = ["gomoku", "xiangqi", "doudizhu"];

/** The ply a replay control leads to: `first`, `prev`, `next`, `last`, clamped to 0..plies. */
export function stepPly(ply, plies, action) {
  const end = Math.max(0, plies ?? 0);
  const target = { first: 0, prev: ply - 1, next: ply + 1, last: end }[action];
  return Math.max(0, Math.min(end, target ?? ply));
}

/** How a history entry ended for `playerId`: `win`, `loss`, `draw` or null (not seated). */
export function outcomeFor(match, playerId) {
  const seat = (match.seats || []).find((s) => s.playerId === playerId);
  return seat ? seat.outcome : null;
}

/** A move as a line of text: Gomoku points, Xiangqi ICCS, Dou Dizhu actions, with the seat's name. */
export function moveText(move, names) {
  if (!move) return t("replayStart");
  const who = names[move.seat] || "#" + move.seat;
  const a = String(move.action);
  let what = a;
  if (a === "pass") what = t("pass");
  else if (a.startsWith("bid ")) what = a === "bid 0" ? t("noBid") : t("bid", { n: a.slice(4) });
  else if (a.startsWith("play ")) what = [...a.slice(5)].map((r) => ({ T: "10", B: t("smallJoker"), R: t("bigJoker") })[r] || r).join(" ");
  return `${who}: ${what}`;
}

function node(tag, cls, text, testid) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  if (testid) n.setAttribute("data-testid", testid);
  return n;
}

function button(text, testid, onclick, cls = "") {
  const b = node("button", cls, text, testid);
  b.type = "button";
  b.onclick = onclick;
  return b;
}

/**
 * Wires the views. `show(view)` hides the lobby and table and shows one of `history-view`, `replay-view`,
 * `leaderboard-view`; `onError(e)` reports a refusal (STORE_UNAVAILABLE without a database).
 */
export function initRecords({ hall, show, onError }) {
  const $ = (id) => document.getElementById(id);
  const state = { matches: [], boardGame: "gomoku", cursor: null, match: null, frame: null };

  async function openHistory() {
    show("history-view");
    const list = $("history-list");
    list.textContent = "";
    list.appendChild(node("li", "empty", t("loading")));
    try {
      const page = await hall.history({ offset: 0, limit: 30 });
      state.matches = page.matches || [];
      renderHistory();
    } catch (e) {
      list.textContent = "";
      list.appendChild(node("li", "empty", t("storeUnavailable")));
      onError(e);
    }
  }

  function renderHistory() {
    const list = $("history-list");
    list.textContent = "";
    if (!state.matches.length) list.appendChild(node("li", "empty", t("noGames")));
    const me = hall.player && hall.player.playerId;
    for (const m of state.matches) {
      const li = node("li", "record", null, "history-" + m.match);
      const out = outcomeFor(m, me);
      li.appendChild(node("span", "outcome " + (out || "none"), out ? t("outcome_" + out) : "—"));
      const body = node("span", "record-body");
      body.appendChild(node("strong", null, t(m.game)));
      body.appendChild(node("span", "who", (m.seats || []).map((s) => (s.nickname || "AI")).join(" · ")));
      const when = new Date(m.endedAt || m.startedAt || 0);
      body.appendChild(node("small", null, `${when.toLocaleDateString()} ${when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`));
      li.appendChild(body);
      const mine = (m.seats || []).find((s) => s.playerId === me);
      if (mine && mine.ratingAfter != null) li.appendChild(node("span", "delta", `${mine.ratingAfter - mine.ratingBefore >= 0 ? "+" : ""}${mine.ratingAfter - mine.ratingBefore}`));
      li.appendChild(button(t("replay"), "replay-" + m.match, () => openReplay(m), "primary"));
      list.appendChild(li);
    }
  }

  async function openReplay(m) {
    show("replay-view");
    state.match = m;
    state.cursor = new ReplayCursor(hall, m.match);
    $("replay-title").textContent = `${t(m.game)} · ${(m.seats || []).map((s) => (s.nickname || "AI")).join(" vs ")}`;
    await go("first");
  }

  async function go(action) {
    const c = state.cursor;
    if (!c) return;
    try {
      const target = c.plies == null && action === "last" ? Number.MAX_SAFE_INTEGER : stepPly(c.ply, c.plies ?? Number.MAX_SAFE_INTEGER, action);
      const frame = action === "last" ? await c.end() : await c.goto(target);
      state.frame = frame;
      renderFrame();
    } catch (e) {
      onError(e);
    }
  }

  function renderFrame() {
    const f = state.frame;
    const m = state.match;
    const names = (m.seats || []).map((s) => (s.nickname || "AI"));
    $("replay-ply").textContent = `${f.ply} / ${f.plies}`;
    $("replay-view").dataset.ply = String(f.ply);
    $("replay-view").dataset.plies = String(f.plies);
    $("replay-move").textContent = moveText(f.move, names);
    $("replay-first").disabled = $("replay-prev").disabled = f.ply <= 0;
    $("replay-next").disabled = $("replay-last").disabled = f.ply >= f.plies;
    const board = $("replay-board");
    const v = f.view || {};
    if (m.game === "gomoku") renderGomoku(board, v, { canMove: false, onPoint: () => {} });
    else if (m.game === "xiangqi") renderXiangqi(board, v, { flipped: false, selected: null, onSquare: () => {} });
    else renderReplayDdz(board, f, names);
  }

  function renderReplayDdz(board, f, names) {
    board.textContent = "";
    const wrap = node("div", "ddz-replay", null, "replay-ddz");
    const v = f.view || {};
    const last = {};
    for (const p of v.plays || []) last[p.seat] = p;
    (f.seatViews || []).forEach((sv, s) => {
      const row = node("div", "replay-seat" + (v.landlord === s ? " landlord" : ""));
      const head = node("div", "replay-seat-head");
      head.appendChild(node("span", "mini-avatar")).appendChild(avatarSvg(state.match.seats[s].playerId || "bot-" + s, { bot: !!state.match.seats[s].bot }));
      head.appendChild(node("strong", null, names[s] + (v.landlord === s ? ` · ${t("landlord")}` : "")));
      const p = last[s];
      if (p) head.appendChild(p.action === "play" ? playedCards(p.ranks) : node("span", "passed", t("pass")));
      row.appendChild(head);
      const hand = node("div", "replay-hand");
      for (const code of sv.cards || sv.hand || []) hand.appendChild(cardFace(code, "pcard face"));
      row.appendChild(hand);
      wrap.appendChild(row);
    });
    board.appendChild(wrap);
  }

  async function openLeaderboard(game) {
    state.boardGame = game || state.boardGame;
    show("leaderboard-view");
    const tabs = $("leaderboard-tabs");
    tabs.textContent = "";
    for (const g of GAMES) {
      const b = button(t(g), "lb-tab-" + g, () => openLeaderboard(g), g === state.boardGame ? "tab on" : "tab");
      b.setAttribute("aria-pressed", String(g === state.boardGame));
      tabs.appendChild(b);
    }
    const body = $("leaderboard-body");
    body.textContent = "";
    try {
      const page = await hall.leaderboard(state.boardGame, { offset: 0, limit: 50 });
      if (!(page.entries || []).length) {
        const tr = node("tr", "empty");
        const td = node("td", null, t("noRatings"));
        td.colSpan = 4;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      const me = hall.player && hall.player.playerId;
      for (const e of page.entries || []) {
        const tr = node("tr", e.playerId === me ? "me" : "", null, "lb-row-" + e.rank);
        tr.appendChild(node("td", "rank r" + Math.min(e.rank, 4), String(e.rank)));
        const who = node("td", "who");
        who.appendChild(node("span", "mini-avatar")).appendChild(avatarSvg(e.playerId));
        who.appendChild(node("span", null, e.nickname));
        tr.appendChild(who);
        tr.appendChild(node("td", "num", String(e.rating)));
        tr.appendChild(node("td", "num", `${e.wins}/${e.losses}/${e.draws}`));
        body.appendChild(tr);
      }
    } catch (e) {
      onError(e);
    }
  }

  $("nav-history").onclick = openHistory;
  $("nav-leaderboard").onclick = () => openLeaderboard();
  $("replay-first").onclick = () => go("first");
  $("replay-prev").onclick = () => go("prev");
  $("replay-next").onclick = () => go("next");
  $("replay-last").onclick = () => go("last");
  $("replay-back").onclick = openHistory;
  document.addEventListener("keydown", (e) => {
    if ($("replay-view").hidden || e.target.closest("input, select, textarea")) return;
    if (e.key === "ArrowLeft") go("prev");
    else if (e.key === "ArrowRight") go("next");
  });
  return { openHistory, openLeaderboard, rerender: () => state.frame && renderFrame() };
}
