// The H5 client: lobby, tables and the connection banner on top of the SDK. State per table is the last snapshot,
// patched by events in sequence order; game events also ask for a fresh snapshot so the own view (legal moves,
// Renju forbidden points, the dealt hand) is always the server's.
import { GameHall } from "../sdk/gamehall.js";
import { t, language, setLanguage, PHRASES } from "./i18n.js";
import {
  GOMOKU_COLS, renderGomoku, gomokuApply, renderXiangqi, xiangqiApply, renderDdz, ddzApply, sortRanks, cardLabel,
} from "./boards.js";
import {
  turnState, canMove, showTakeControl, showTrusteeBadge, showRematch, leaveNeedsConfirmation, resultSummary,
  applyResult, offlineBadge,
} from "./status.js";
import { renderSeats as drawSeats, showBubble } from "./seats.js";
import { renderFan, kittyCards, playEffect, tableEffect } from "./cards.js";
import * as sound from "./sound.js";
import { initRecords } from "./replay.js";
import { avatarSvg } from "./avatar.js";
import { confirmStoneDefault, capturedPieces, checkedGeneral } from "./boardfx.js";

const $ = (id) => document.getElementById(id);
const GAMES = ["gomoku", "xiangqi", "doudizhu"];
const GAME_ICONS = { gomoku: "●○", xiangqi: "帅", doudizhu: "♠♥" };
const GAME_EVENTS = new Set(["move", "undo", "end", "deal", "bid", "redeal", "landlord", "play", "pass", "lead"]);

const ui = {
  game: localStorage.getItem("gamehall.game") || "gomoku",
  lobby: { games: [], tables: new Map() },
  tables: new Map(), // id -> snapshot state, patched
  current: null,
  code: null,
  selected: null, // xiangqi: selected square
  picked: new Set(), // doudizhu: selected card codes
  chat: [],
  resultShownFor: null,
  banner: null,
  confirmDone: null, // settles the open resign/leave question
  preview: null, // gomoku: the point shown before the confirming tap
  dealFor: null, // doudizhu: the deal whose hand is animated in
};

const hall = new GameHall();
// Test hook: browser tests cut and restore the network through this (see ClientBrowserIT).
window.gamehall = { hall, ui };

// ------------------------------------------------------------------------------------------------------------------
// Connection banner: never a silent freeze.

let bannerTimer = null;
hall.on("state", (s) => {
  const b = $("conn-banner");
  clearInterval(bannerTimer);
  b.dataset.state = s.state;
  b.dataset.offline = String(!!s.offline);
  b.hidden = false;
  if (s.state === "connecting") b.textContent = t("connecting");
  else if (s.state === "reconnecting") {
    b.textContent = "";
    const text = document.createElement("span");
    text.setAttribute("data-testid", "conn-text");
    b.appendChild(text);
    // Never only a countdown: the player can skip the wait (a cut the SDK has not noticed yet, a network back).
    b.appendChild(button(t("reconnectNow"), "conn-reconnect-now", () => hall.reconnectNow(), "ghost"));
    const until = Date.now() + (s.inMs || 0);
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      text.textContent = s.offline ? t("noNetwork") : left > 0 ? t("reconnecting", { s: left }) : t("reconnectingNow");
    };
    tick();
    if (s.inMs) bannerTimer = setInterval(tick, 250);
  } else if (s.state === "open") {
    if (s.resumed) {
      b.dataset.state = "resumed";
      b.textContent = t("resumed");
      bannerTimer = setTimeout(() => {
        if (hall.state === "open") b.hidden = true;
      }, 3000);
    } else b.hidden = true;
  } else if (s.state === "closed") {
    b.textContent = s.code === 4001 ? t("replaced") : t("closed", { code: s.code });
    const retry = document.createElement("button");
    retry.textContent = t("retry");
    retry.className = "ghost";
    retry.setAttribute("data-testid", "conn-retry");
    retry.onclick = () => location.reload();
    b.appendChild(retry);
  }
  // Take control needs a live connection.
  render();
});

hall.on("welcome", (w) => {
  // A quick-match queue entry ends with the connection that made it.
  $("matching").hidden = true;
  $("me").textContent = w.nickname;
  $("me-avatar").textContent = "";
  $("me-avatar").appendChild(avatarSvg(w.playerId || w.nickname));
  if (!$("nickname").value) $("nickname").value = w.nickname;
  hall.subscribeLobby().catch(() => {});
  if (!ui.current && (!w.tables || w.tables.length === 0)) showLobby();
});

// ------------------------------------------------------------------------------------------------------------------
// Lobby

hall.on("lobby", (m) => {
  ui.lobby.games = m.games || [];
  ui.lobby.tables = new Map((m.tables || []).map((x) => [x.table, x]));
  renderLobby();
});
hall.on("lobby_update", (m) => {
  if (m.kind === "table") ui.lobby.tables.set(m.table.table, m.table);
  else if (m.kind === "table_removed") ui.lobby.tables.delete(m.table);
  else if (m.kind === "presence") {
    const g = ui.lobby.games.find((x) => x.id === m.game);
    if (g) g.presence = m.presence;
  }
  renderLobby();
});
hall.on("matching", (m) => {
  $("matching").hidden = !m.queued;
});
hall.on("table_created", (m) => {
  ui.code = m.code || null;
});

function renderLobby() {
  const picker = $("game-picker");
  picker.textContent = "";
  for (const g of GAMES) {
    const info = ui.lobby.games.find((x) => x.id === g);
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "game" + (ui.game === g ? " on" : "");
    btn.setAttribute("data-testid", "game-" + g);
    btn.setAttribute("aria-pressed", String(ui.game === g));
    const icon = GAME_ICONS[g];
    btn.innerHTML = `<span class="icon"></span><span class="name"></span><small></small>`;
    btn.querySelector(".icon").textContent = icon;
    btn.querySelector(".name").textContent = t(g);
    if (info && info.presence) {
      // Two unbreakable parts, so a narrow tile wraps between them, never inside a word.
      const small = btn.querySelector("small");
      for (const text of [`${info.presence.playing} ${t("players")}`, `${info.presence.waiting} ${t("waiting")}`]) {
        const part = document.createElement("span");
        part.textContent = text;
        small.appendChild(part);
      }
    }
    btn.onclick = () => {
      ui.game = g;
      localStorage.setItem("gamehall.game", g);
      renderLobby();
    };
    picker.appendChild(btn);
  }
  $("variant-row").hidden = ui.game !== "gomoku";
  const list = $("table-list");
  list.textContent = "";
  // A finished table has nothing left to watch or join (its players may only ask for a rematch).
  const rows = [...ui.lobby.tables.values()].filter((x) => x.state !== "finished");
  if (rows.length === 0) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = t("noTables");
    list.appendChild(li);
  }
  for (const x of rows) {
    const li = document.createElement("li");
    li.setAttribute("data-testid", "table-" + x.table);
    li.dataset.game = x.game;
    li.dataset.state = x.state;
    const icon = document.createElement("span");
    icon.className = "tbl-icon " + x.game;
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = GAME_ICONS[x.game] || "";
    li.appendChild(icon);
    const label = document.createElement("span");
    label.textContent = `${t(x.game)} · ${x.seatsTaken}/${x.seats} · ${t("state_" + x.state)}${x.spectators ? " · " + t("watch") + " " + x.spectators : ""}`;
    li.appendChild(label);
    if (x.state === "filling" && x.seatsTaken < x.seats) {
      li.appendChild(button(t("join"), "join-" + x.table, () => run(hall.joinTable({ table: x.table }))));
    }
    if (x.spectatable) {
      li.appendChild(button(t("watch"), "spectate-" + x.table, () => run(hall.spectate(x.table))));
    }
    list.appendChild(li);
  }
}

function button(text, testid, onclick, cls = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.className = cls;
  b.setAttribute("data-testid", testid);
  b.onclick = onclick;
  return b;
}

/** Runs a command; a refusal becomes a toast instead of an unhandled rejection. */
function run(promise) {
  return promise.catch((e) => toast(t("refused", { msg: e.message || e.code })));
}

let toastTimer = null;
function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 3500);
}

$("quick-match").onclick = () => run(hall.quickMatch(ui.game));
$("cancel-match").onclick = () => run(hall.cancelMatch()).then(() => ($("matching").hidden = true));
// Table options: Gomoku's rule variant (Renju shows black's forbidden points). Quick match plays the defaults.
const tableOptions = () => (ui.game === "gomoku" ? { variant: $("gomoku-variant").value } : undefined);
$("practice").onclick = () => run(hall.createTable(ui.game, { practice: true, options: tableOptions() }));
$("create-private").onclick = () => run(hall.createTable(ui.game, { privateTable: true, options: tableOptions() }));
$("join-code-btn").onclick = () => {
  const code = $("join-code").value.trim();
  if (/^\d{6}$/.test(code)) run(hall.joinTable({ code }));
  else toast(t("joinCode"));
};
$("nickname-save").onclick = () => {
  const name = $("nickname").value.trim();
  if (!name) return;
  // A nickname is part of the guest identity: a new guest with that name, unless seated somewhere.
  localStorage.setItem("gamehall.nickname", name);
  if (ui.tables.size === 0) {
    sessionStorage.removeItem("gamehall.token");
    location.reload();
  }
};

// ------------------------------------------------------------------------------------------------------------------
// Tables: snapshots and events

hall.on("snapshot", (m) => {
  const prev = ui.tables.get(m.table);
  ui.tables.set(m.table, m.state);
  if (!prev && m.state.lastResult == null) ui.resultShownFor = null;
  if (!ui.current || ui.current === m.table || !ui.tables.has(ui.current)) showTable(m.table);
  else render();
});

hall.on("table_lost", (m) => {
  ui.tables.delete(m.table);
  if (ui.current === m.table) showLobby();
});

hall.on("event", (m) => {
  const st = ui.tables.get(m.table);
  if (!st) return;
  const d = m.data || {};
  const seat = (i) => st.seats[i] || (st.seats[i] = { seat: i });
  switch (m.kind) {
    case "seated":
      Object.assign(seat(d.seat), { playerId: d.player, nickname: d.nickname, bot: d.bot, online: true, trustee: false, ready: false, offlineDeadline: 0 });
      break;
    case "left":
      st.seats[d.seat] = { seat: d.seat, playerId: null };
      break;
    case "ready":
      seat(d.seat).ready = d.ready;
      break;
    case "started":
      st.phase = "playing";
      st.lastResult = null;
      st.drawOfferedBy = -1;
      st.undoRequestedBy = -1;
      st.match = d.view;
      {
        // A rematch of two seats swaps them: presence goes with the player, not the seat number.
        const presence = new Map(st.seats.filter((x) => x && x.playerId).map((x) => [x.playerId, { online: x.online, offlineDeadline: x.offlineDeadline, offlineReason: x.offlineReason }]));
        d.players.forEach((p, i) => Object.assign(seat(i), { online: true, offlineDeadline: 0, offlineReason: null }, presence.get(p) || {}, { playerId: p, nickname: d.nicknames[i], bot: d.bots[i], trustee: false, rematch: false, ready: false }));
      }
      st.yourSeat = d.players.indexOf(hall.player && hall.player.playerId);
      ui.resultShownFor = null;
      ui.picked.clear();
      ui.selected = null;
      hideResult();
      break;
    case "clock":
      st.clock = { seat: d.seat, deadline: d.deadline, bankMillis: d.bank };
      // The acting seat's own copy carries its legal moves (Renju: black's forbidden points): no snapshot needed.
      if (st.match && d.seat === st.yourSeat) {
        if (Array.isArray(d.legal)) st.match = { ...st.match, legal: d.legal };
        if (Array.isArray(d.forbidden)) st.match = { ...st.match, forbidden: d.forbidden };
      }
      break;
    case "trustee":
      seat(d.seat).trustee = d.on;
      break;
    case "offline":
      // reason `closed` (the socket closed; a grace deadline) or `silent` (nothing heard for two heartbeats).
      Object.assign(seat(d.seat), { online: false, offlineDeadline: d.deadline || 0, offlineReason: d.reason || "closed" });
      break;
    case "online":
      Object.assign(seat(d.seat), { online: true, offlineDeadline: 0, offlineReason: null });
      break;
    case "draw_offered":
      st.drawOfferedBy = d.seat;
      break;
    case "draw_declined":
      st.drawOfferedBy = -1;
      break;
    case "undo_requested":
      st.undoRequestedBy = d.seat;
      break;
    case "undo_declined":
      st.undoRequestedBy = -1;
      break;
    case "rematch_requested":
      seat(d.seat).rematch = true;
      break;
    case "result":
      applyResult(st, d);
      ratings.delete(st.game);
      break;
    case "chat":
      ui.chat.push(d);
      if (ui.chat.length > 100) ui.chat.shift();
      renderChat();
      if (m.table === ui.current) {
        const from = st.seats.find((x) => x && x.playerId && x.playerId === d.from);
        if (from) showBubble($("seats"), from.seat, d.phrase ? t("phrase_" + d.phrase) : d.text);
      }
      return;
    default:
      break;
  }
  if (m.table === ui.current) feedback(st, m.kind, d);
  if (GAME_EVENTS.has(m.kind) && st.match) {
    st.match = patchMatch(st, m.kind, d);
    // A seat's own view (legal moves, hand) comes only with a snapshot; a spectator's patched public view is
    // complete after a move, a play or a pass, so it asks only after the rarer events (undo, deal, landlord...).
    // `end` asks too: the final view carries what no event does (Gomoku's winning line, the hands shown).
    const patchedFully = st.yourSeat < 0 && (m.kind === "move" || m.kind === "play" || m.kind === "pass");
    if (!patchedFully) scheduleRefresh(m.table);
  }
  if (m.table === ui.current) render();
});

/** Sounds and table effects for an event at the shown table. */
function feedback(st, kind, d) {
  if (kind === "move") sound.play(st.game === "gomoku" ? "stone" : "piece");
  else if (kind === "play") {
    const fx = playEffect(d.type, d.ranks);
    sound.play(fx ? "bomb" : "card");
    if (fx) tableEffect(fx);
  } else if (kind === "pass" || kind === "deal") sound.play("card");
  else if (kind === "clock" && d.seat === st.yourSeat && st.yourSeat >= 0) sound.play("turn");
  else if (kind === "result") {
    if (st.yourSeat >= 0) sound.play((d.winners || []).includes(st.yourSeat) ? "win" : "lose");
    if (st.game === "doudizhu" && /spring/.test(String(d.detail || ""))) tableEffect("spring");
  }
  if (kind === "started" || kind === "deal" || kind === "redeal") ui.dealFor = st.table + ":" + Date.now();
  if (kind === "move" && st.game === "xiangqi" && d.check) tableEffect("check");
  if (kind === "move") ui.preview = null;
}

function patchMatch(st, kind, d) {
  const v = st.match;
  try {
    if (v.game === "gomoku" && kind === "move") return gomokuApply(v, d);
    if (v.game === "xiangqi" && kind === "move") return xiangqiApply(v, d);
    if (v.game === "doudizhu") return ddzApply(v, kind, d, st.yourSeat);
    if (kind === "end") return { ...v, result: d, over: true, toAct: -1 };
  } catch (e) {
    // A patch that does not fit: the snapshot asked for below repairs it.
  }
  return v;
}

// Several events arrive together (a move, then a clock): ask for one snapshot after them.
const refreshTimers = new Map();
function scheduleRefresh(table) {
  clearTimeout(refreshTimers.get(table));
  refreshTimers.set(table, setTimeout(() => {
    refreshTimers.delete(table);
    if (hall.state === "open") hall.refresh(table);
  }, 60));
}

// ------------------------------------------------------------------------------------------------------------------
// Table view

function showLobby() {
  ui.current = null;
  showOnly("lobby");
  $("table-view").hidden = true;
  hideResult();
  renderLobby();
}

function showTable(id) {
  if (ui.current !== id) {
    ui.chat = [];
    ui.selected = null;
    ui.picked.clear();
    renderChat();
  }
  ui.current = id;
  $("matching").hidden = true;
  showOnly("table-view");
  render();
}

const VIEWS = ["lobby", "table-view", "history-view", "replay-view", "leaderboard-view"];
function showOnly(id) {
  for (const v of VIEWS) $(v).hidden = v !== id;
  for (const [nav, views] of [["nav-lobby", ["lobby", "table-view"]], ["nav-history", ["history-view", "replay-view"]], ["nav-leaderboard", ["leaderboard-view"]]]) {
    $(nav).classList.toggle("on", views.includes(id));
  }
}

const records = initRecords({
  hall,
  show: (id) => {
    hideResult();
    showOnly(id);
  },
  onError: (e) => toast(t("refused", { msg: e.message || e.code })),
});
// The lobby tab returns to the table being played, if any.
$("nav-lobby").onclick = () => (ui.current && ui.tables.has(ui.current) ? showTable(ui.current) : showLobby());

// Sound: the first gesture unlocks audio; the switch is remembered on this device.
document.addEventListener("pointerdown", sound.unlock, { once: false, passive: true });
document.addEventListener("keydown", sound.unlock, { passive: true });
function renderSoundToggle() {
  const on = !sound.muted();
  $("sound-toggle").textContent = "";
  $("sound-toggle").appendChild(sound.speakerIcon(on));
  $("sound-toggle").setAttribute("aria-pressed", String(on));
}
$("sound-toggle").onclick = () => {
  sound.setMuted(!sound.muted());
  renderSoundToggle();
};
renderSoundToggle();

function current() {
  return ui.current ? ui.tables.get(ui.current) : null;
}

function seatName(st, s) {
  const seat = st.seats[s];
  if (!seat || !seat.playerId) return "—";
  return seat.nickname + (s === st.yourSeat ? ` (${t("you")})` : "");
}

function render() {
  const st = current();
  if (!st) return;
  const mine = st.yourSeat;
  const v = st.match;
  const playing = st.phase === "playing";
  $("table-view").dataset.game = st.game;
  $("table-view").dataset.phase = st.phase;
  $("table-view").dataset.seat = String(mine);
  $("table-title").textContent = `${t(st.game)}${mine < 0 ? " · " + t("spectating") : ""}`;
  $("table-code").textContent = ui.code ? `${t("privateCode")}: ${ui.code}` : "";
  renderSeats(st);
  // Turn line
  const status = $("turn-status");
  const turn = turnState(st);
  status.dataset.turn = turn.kind;
  if (playing && v && (turn.kind === "yours" || turn.kind === "trustee" || turn.kind === "theirs")) {
    status.textContent =
      turn.kind === "yours" ? t("yourTurn") : turn.kind === "trustee" ? t("trusteeTurn") : t("theirTurn", { name: seatName(st, turn.seat) });
    status.dataset.mine = String(turn.kind === "yours");
    if (v.inCheck) status.textContent += " " + t("check");
  } else if (st.phase === "filling") {
    status.textContent = t("waitingPlayers");
    status.dataset.mine = "false";
  } else {
    status.textContent = t("finished");
    status.dataset.mine = "false";
  }
  // Buttons
  const seated = mine >= 0;
  const me = seated ? st.seats[mine] : null;
  $("ready-btn").hidden = !(seated && st.phase === "filling" && me && !me.ready);
  $("add-bot-btn").hidden = !(seated && st.phase === "filling" && st.seats.some((s) => !s.playerId) && isPractice(st));
  $("take-control-btn").hidden = !showTakeControl(st, hall.state === "open");
  $("table-rematch-btn").hidden = !showRematch(st) || !$("result-dialog").hidden;
  const twoPlayer = st.game !== "doudizhu";
  for (const id of ["undo-btn", "draw-btn"]) $(id).hidden = !(seated && playing && twoPlayer);
  $("resign-btn").hidden = !(seated && playing);
  renderPrompt(st);
  // The match ended (or another table is shown) while a resign/leave question was open: it no longer applies.
  if (ui.confirmDone && !playing) ui.confirmDone(false);
  // Board
  const board = $("board");
  renderCaptured(st);
  $("stone-confirm").hidden = !(st.game === "gomoku" && ui.preview && canMove(st));
  if (st.game !== "doudizhu") {
    $("hand").hidden = true;
    $("ddz-controls").hidden = true;
  }
  if (!v) {
    board.textContent = "";
  } else if (st.game === "gomoku") {
    if (!canMove(st)) ui.preview = null;
    renderGomoku(board, v, { canMove: canMove(st), preview: ui.preview, previewStone: mine === 1 ? "white" : "black" });
  } else if (st.game === "xiangqi") {
    renderXiangqi(board, v, { flipped: mine === 1, selected: ui.selected, onSquare: xiangqiClick, checked: checkedGeneral(v.fen, v.inCheck, v.toAct) });
  } else if (st.game === "doudizhu") {
    renderDdz(board, v, { mySeat: mine, seatName: (s) => seatName(st, s) });
    renderHand(st);
  }
  if (st.phase === "finished" && st.lastResult && ui.resultShownFor !== resultKey(st)) showResult(st);
}

function isPractice(st) {
  const entry = ui.lobby.tables.get(st.table);
  return entry ? entry.practice : true;
}

function renderSeats(st) {
  loadRatings(st.game);
  const known = ratings.get(st.game);
  drawSeats($("seats"), st, { seatName, role: (seat) => seatColour(st.game, seat), rating: (s) => (known && s.playerId ? known.get(s.playerId) : undefined) });
}

// Ratings for the seats: the server sends none with a table, so the client reads the game's leaderboard (top 50) once
// per game and again after each result; a player outside it shows no rating.
const ratings = new Map(); // game -> Map(playerId -> rating)
function loadRatings(game) {
  if (ratings.has(game) || hall.state !== "open") return;
  ratings.set(game, new Map());
  hall.leaderboard(game, { offset: 0, limit: 50 }).then((page) => {
    for (const e of page.entries || []) ratings.get(game).set(e.playerId, e.rating);
    render();
  }).catch(() => {});
}

function seatColour(game, seat) {
  const st = current();
  if (game === "doudizhu" && st && st.match && st.match.landlord != null) {
    return st.match.landlord === seat ? t("landlord") : t("farmer");
  }
  if (game === "gomoku") return seat === 0 ? "●" : "○";
  if (game === "xiangqi") return seat === 0 ? "帅" : "将";
  return "";
}

// Clocks and grace countdowns tick without waiting for an event.
setInterval(() => {
  const st = current();
  if (st && (st.clock || st.seats.some((s) => s.online === false && s.playerId))) renderSeats(st);
}, 500);

function renderPrompt(st) {
  const p = $("prompt");
  p.textContent = "";
  const mine = st.yourSeat;
  let kind = null;
  let by = -1;
  if (st.drawOfferedBy >= 0 && st.drawOfferedBy !== mine) {
    kind = "draw";
    by = st.drawOfferedBy;
  } else if (st.undoRequestedBy >= 0 && st.undoRequestedBy !== mine) {
    kind = "undo";
    by = st.undoRequestedBy;
  }
  if (!kind || mine < 0) {
    p.hidden = true;
    return;
  }
  p.hidden = false;
  const text = document.createElement("span");
  text.textContent = t(kind === "draw" ? "drawOffered" : "undoRequested", { name: seatName(st, by) });
  p.appendChild(text);
  const type = kind === "draw" ? "answer_draw" : "answer_undo";
  p.appendChild(button(t("accept"), `answer-${kind}-yes`, () => run(hall.tableCommand(type, st.table, { accept: true })), "primary"));
  p.appendChild(button(t("decline"), `answer-${kind}-no`, () => run(hall.tableCommand(type, st.table, { accept: false }))));
}

// Gomoku taps: one listener on the board container, which outlives every redraw, so a tap that lands while the SVG
// is rebuilt still counts (its point comes from the hit rect, or from the position over the new board).
$("board").addEventListener("click", (e) => {
  const st = current();
  if (!st || st.game !== "gomoku") return;
  let name = e.target.closest && e.target.closest("[data-point]") ? e.target.closest("[data-point]").dataset.point : null;
  const svg = $("board").querySelector("svg");
  if (!name && svg && e.clientX) {
    const r = svg.getBoundingClientRect();
    const c = Math.round(((e.clientX - r.left) / r.width) * 16) - 1;
    const row = 16 - Math.round(((e.clientY - r.top) / r.height) * 16);
    if (c >= 0 && c < 15 && row >= 1 && row <= 15) name = GOMOKU_COLS[c] + row;
  }
  if (name) gomokuTap(name);
});

function confirmStone() {
  return confirmStoneDefault(localStorage.getItem("gamehall.confirmStone"), matchMedia("(pointer: coarse)").matches);
}

/** 落子确认: the first tap shows the stone, a second tap on it (or the button) places it. */
function gomokuTap(name) {
  const st = current();
  if (!st || !canMove(st)) return;
  const v = st.match || {};
  if ((v.forbidden || []).includes(name)) return;
  if (confirmStone() && ui.preview !== name) {
    ui.preview = name;
    render();
    return;
  }
  ui.preview = null;
  move(name);
}
// Keyboard on a desktop: the arrow keys move the preview over the Gomoku board, Enter or Space places the stone.
$("board").addEventListener("keydown", (e) => {
  const st = current();
  if (!st || st.game !== "gomoku" || !canMove(st)) return;
  const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  if (steps[e.key]) {
    e.preventDefault();
    const from = ui.preview || (st.match && st.match.lastMove) || "H8";
    const c = Math.max(0, Math.min(14, GOMOKU_COLS.indexOf(from[0]) + steps[e.key][0]));
    const r = Math.max(1, Math.min(15, Number(from.slice(1)) + steps[e.key][1]));
    ui.preview = GOMOKU_COLS[c] + r;
    render();
  } else if ((e.key === "Enter" || e.key === " ") && ui.preview) {
    e.preventDefault();
    const p = ui.preview;
    ui.preview = null;
    move(p);
  }
});
$("stone-confirm-btn").onclick = () => ui.preview && gomokuTap(ui.preview);
$("confirm-stone").checked = confirmStone();
$("confirm-stone").onchange = (e) => localStorage.setItem("gamehall.confirmStone", e.target.checked ? "1" : "0");

function renderCaptured(st) {
  const box = $("captured");
  const v = st.match;
  box.hidden = !(st.game === "xiangqi" && v && v.fen);
  if (box.hidden) return;
  const cap = capturedPieces(v.fen);
  box.textContent = "";
  const glyph = { R: "车", N: "马", C: "炮", A: "仕", B: "相", P: "兵", r: "车", n: "马", c: "炮", a: "士", b: "象", p: "卒" };
  for (const side of ["black", "red"]) {
    const row = document.createElement("div");
    row.className = "cap-row";
    row.setAttribute("data-testid", "captured-" + side);
    const label = document.createElement("span");
    label.textContent = t("capturedOf", { side: t(side) });
    row.appendChild(label);
    for (const p of cap[side]) {
      const pc = document.createElement("span");
      pc.className = "cap " + side;
      pc.textContent = glyph[p];
      row.appendChild(pc);
    }
    box.appendChild(row);
  }
}

function move(notation) {
  const st = current();
  if (!st || !canMove(st)) return;
  run(hall.act(st.table, notation));
}

function xiangqiClick(sq, piece) {
  const st = current();
  if (!st || st.yourSeat < 0 || st.phase !== "playing") return;
  const v = st.match;
  const mineRed = st.yourSeat === 0;
  const own = piece && (piece === piece.toUpperCase()) === mineRed;
  if (ui.selected && (v.legal || []).includes(ui.selected + sq)) {
    const m = ui.selected + sq;
    ui.selected = null;
    move(m);
    return;
  }
  ui.selected = own ? sq : null;
  render();
}

// Dou Dizhu: the own hand (from the own view only), bids, play and pass with legal-play feedback.
function renderHand(st) {
  const v = st.match;
  const mine = st.yourSeat;
  const hand = $("hand");
  if (mine < 0 || !v.cards) return;
  hand.hidden = false;
  // The deal animates once per deal; later redraws of the same hand do not replay it.
  const deal = ui.dealFor != null && ui.dealFor !== hand.dataset.dealt;
  hand.dataset.dealt = ui.dealFor || "";
  const kitty = v.landlord === mine && v.kitty ? kittyCards(v.cards, v.kitty) : new Set();
  renderFan(hand, v.cards, { picked: ui.picked, kitty, deal, onChange: () => updatePlayButton(st) });
  const controls = $("ddz-controls");
  controls.textContent = "";
  // Until the own view with its legal list has arrived (a snapshot right after the event), show no controls.
  const myTurn = canMove(st) && Array.isArray(v.legal);
  controls.hidden = !myTurn;
  if (!myTurn) return;
  const legal = v.legal;
  if (v.phase === "bidding") {
    for (const a of legal) {
      const label = a === "pass" || a === "bid 0" ? t("noBid") : a.startsWith("bid") ? t("bid", { n: a.split(" ")[1] }) : t(a);
      controls.appendChild(button(label, "ddz-" + a.replace(" ", "-"), () => run(hall.act(st.table, a)), a === "pass" ? "" : "primary"));
    }
    return;
  }
  const legalPlays = legal.filter((a) => a.startsWith("play ")).map((a) => sortRanks(a.slice(5)));
  const play = button(t("play"), "ddz-play", () => {
    const ranks = pickedRanks();
    ui.picked.clear();
    run(hall.act(st.table, "play " + ranks));
  }, "primary");
  controls.appendChild(play);
  const pass = button(t("pass"), "ddz-pass", () => {
    ui.picked.clear();
    run(hall.act(st.table, "pass"));
  });
  pass.disabled = !legal.includes("pass");
  controls.appendChild(pass);
  updatePlayButton(st);
  controls.appendChild(button(t("hint"), "ddz-hint", () => {
    if (legalPlays.length === 0) return;
    const i = (legalPlays.indexOf(pickedRanks()) + 1) % legalPlays.length;
    pickRanks(v.cards, legalPlays[i]);
    renderHand(st);
  }));
}

function pickedRanks() {
  return sortRanks([...ui.picked].map((c) => c[0]).join(""));
}

/** Play is enabled only for a legal selection; a tap on a card changes the selection without redrawing the fan. */
function updatePlayButton(st) {
  const play = $("ddz-controls").querySelector('[data-testid="ddz-play"]');
  if (!play || !st.match || !Array.isArray(st.match.legal)) return;
  const ranks = pickedRanks();
  play.disabled = !ranks || !st.match.legal.includes("play " + ranks) && !st.match.legal.some((a) => a.startsWith("play ") && sortRanks(a.slice(5)) === ranks);
}

function sortCards(cards) {
  const order = "3456789TJQKA2BR";
  return [...cards].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]) || a.localeCompare(b));
}

function pickRanks(cards, ranks) {
  ui.picked.clear();
  const left = [...ranks];
  for (const c of sortCards(cards)) {
    const i = left.indexOf(c[0]);
    if (i >= 0) {
      left.splice(i, 1);
      ui.picked.add(c);
    }
  }
}

// Table buttons
const cmd = (type, extra) => () => ui.current && run(hall.tableCommand(type, ui.current, extra));
$("ready-btn").onclick = cmd("ready");
$("add-bot-btn").onclick = cmd("add_bot");
$("take-control-btn").onclick = cmd("take_control");
$("undo-btn").onclick = cmd("request_undo");
$("draw-btn").onclick = cmd("offer_draw");
$("resign-btn").onclick = () => {
  const id = ui.current;
  confirmDialog(t("confirmResign"), t("resign")).then((yes) => {
    if (yes && id && ui.current === id) run(hall.tableCommand("resign", id));
  });
};
const rematch = () => {
  hideResult();
  cmd("rematch")();
};
$("rematch-btn").onclick = rematch;
$("table-rematch-btn").onclick = rematch;
$("leave-btn").onclick = () => {
  const id = ui.current;
  if (!leaveNeedsConfirmation(current())) return leaveTable();
  // Leaving a running match resigns it (protocol: leave during a match = resign): say so before doing it.
  confirmDialog(t("confirmLeave"), t("leaveAndResign")).then((yes) => {
    if (yes && ui.current === id) leaveTable();
  });
};
$("result-lobby-btn").onclick = () => leaveTable();
$("result-close-btn").onclick = () => hideResult();

/** A question with a confirm and a keep-playing answer; resolves true on confirm. */
function confirmDialog(text, yesLabel) {
  // One question at a time: an older one is answered "no" first.
  if (ui.confirmDone) ui.confirmDone(false);
  const box = $("confirm-dialog");
  $("confirm-text").textContent = text;
  $("confirm-yes").textContent = yesLabel;
  $("confirm-no").textContent = t("keepPlaying");
  box.hidden = false;
  return new Promise((resolve) => {
    const done = (answer) => {
      box.hidden = true;
      ui.confirmDone = null;
      $("confirm-yes").onclick = null;
      $("confirm-no").onclick = null;
      resolve(answer);
    };
    ui.confirmDone = done;
    $("confirm-yes").onclick = () => done(true);
    $("confirm-no").onclick = () => done(false);
    $("confirm-no").focus();
  });
}

function leaveTable() {
  const id = ui.current;
  if (!id) return showLobby();
  ui.tables.delete(id);
  ui.code = null;
  hall.leave(id).catch(() => {});
  showLobby();
}

/** Identifies a result across the event and later snapshots (a new object each time), so a closed dialog stays closed. */
function resultKey(st) {
  const r = st.lastResult;
  return `${st.table}:${(r.winners || []).join(",")}:${r.reason}:${r.detail}`;
}

function showResult(st) {
  ui.resultShownFor = resultKey(st);
  const r = st.lastResult;
  const mine = st.yourSeat;
  const { head, winners } = resultSummary(st);
  // Always name the winner (with the colour or role), also to the winner and the loser.
  const names = winners.map((s) => {
    const colour = seatColour(st.game, s);
    return (colour ? colour + " " : "") + seatName(st, s);
  });
  const reason = t("reason_" + r.reason);
  const parts = [head ? t(head) : "", winners.length ? t("winner", { names: names.join(", ") }) : "", reason !== "reason_" + r.reason ? reason : ""];
  $("result-text").textContent = parts.filter(Boolean).join(" ");
  $("result-dialog").dataset.winners = winners.join(",");
  $("result-dialog").dataset.head = head || "watch";
  // The sheet's title says it like a game does (胜利 / 失败 / 平局); a spectator sees "Game over".
  $("result-title").dataset.i18n = { won: "victory", lost: "defeat", drawn: "drawTitle" }[head] || "finished";
  $("result-title").textContent = t($("result-title").dataset.i18n);
  renderPoints(st, winners);
  $("rematch-btn").hidden = mine < 0;
  $("table-rematch-btn").hidden = true;
  $("result-dialog").hidden = false;
}

/** The settlement: every seat with its avatar, role and the points it won or lost this match. */
function renderPoints(st, winners) {
  const list = $("result-points");
  list.textContent = "";
  const points = (st.lastResult && st.lastResult.points) || {};
  for (const s of st.seats) {
    if (!s || !s.playerId && !s.bot) continue;
    const li = document.createElement("li");
    li.className = (winners.includes(s.seat) ? "winner" : "") + (s.seat === st.yourSeat ? " mine" : "");
    li.setAttribute("data-testid", "points-" + s.seat);
    const av = document.createElement("span");
    av.className = "mini-avatar";
    av.appendChild(avatarSvg(s.playerId || "bot-" + s.seat, { bot: !!s.bot }));
    li.appendChild(av);
    const name = document.createElement("span");
    name.className = "who";
    const role = seatColour(st.game, s.seat);
    name.textContent = (role ? role + " " : "") + seatName(st, s.seat);
    li.appendChild(name);
    const p = Number(points[s.seat] ?? points[String(s.seat)] ?? 0);
    const pts = document.createElement("b");
    pts.className = "pts " + (p > 0 ? "up" : p < 0 ? "down" : "");
    pts.textContent = (p > 0 ? "+" : "") + p;
    li.appendChild(pts);
    list.appendChild(li);
  }
}

function hideResult() {
  $("result-dialog").hidden = true;
  // The sheet's Rematch moves to the table's controls.
  const st = current();
  $("table-rematch-btn").hidden = !(st && showRematch(st));
}

// Chat
function renderChat() {
  const log = $("chat-log");
  log.textContent = "";
  for (const c of ui.chat.slice(-30)) {
    const line = document.createElement("div");
    line.className = "line";
    const who = document.createElement("b");
    who.textContent = c.nickname + ": ";
    line.appendChild(who);
    line.appendChild(document.createTextNode(c.phrase ? t("phrase_" + c.phrase) : c.text));
    line.dataset.phrase = c.phrase || "";
    log.appendChild(line);
  }
  log.scrollTop = log.scrollHeight;
}

function renderPhrases() {
  const box = $("phrases");
  box.textContent = "";
  for (const p of PHRASES) {
    box.appendChild(button(t("phrase_" + p), "phrase-" + p, () => ui.current && run(hall.chat(ui.current, { phrase: p })), "chip"));
  }
}

$("chat-send").onclick = () => {
  const text = $("chat-input").value.trim();
  if (!text || !ui.current) return;
  $("chat-input").value = "";
  run(hall.chat(ui.current, { text }));
};
$("chat-input").addEventListener("keydown", (e) => {
  if (e.key === "Enter") $("chat-send").click();
});

// ------------------------------------------------------------------------------------------------------------------
// Language

function applyLanguage() {
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  $("lang-toggle").textContent = language() === "zh" ? "EN" : "中文";
  document.title = t("title");
  renderPhrases();
  renderLobby();
  renderChat();
  render();
  records.rerender();
}

$("lang-toggle").onclick = () => {
  setLanguage(language() === "zh" ? "en" : "zh");
  applyLanguage();
};

setLanguage(language());
applyLanguage();
$("nickname").value = localStorage.getItem("gamehall.nickname") || "";
hall.connect();
