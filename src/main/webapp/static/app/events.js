// Table traffic: snapshots replace a table's state, events patch it in sequence order. Game events also ask for a
// fresh snapshot so the own view (legal moves, Renju forbidden points, the dealt hand) is always the server's.
import { t } from "./i18n.js";
import { gomokuApply, xiangqiApply, ddzApply } from "./boards.js";
import { applyResult } from "./status.js";
import { showBubble } from "./seats.js";
import { playEffect, tableEffect } from "./cards.js";
import * as sound from "./sound.js";
import { $, ui, hall } from "./state.js";
import { showTable, showLobby, adoptTable, onRecords, renderBackBar } from "./views.js";
import { render, forgetRatings } from "./table.js";
import { hideResult } from "./result.js";
import { renderChat } from "./chat.js";

const GAME_EVENTS = new Set(["move", "undo", "end", "deal", "bid", "redeal", "landlord", "play", "pass", "lead"]);

export function initTableEvents() {
  hall.on("snapshot", (m) => {
    const prev = ui.tables.get(m.table);
    ui.tables.set(m.table, m.state);
    if (!prev && m.state.lastResult == null) ui.resultShownFor = null;
    const adopt = !ui.current || ui.current === m.table || !ui.tables.has(ui.current);
    if (onRecords()) {
      // Reading records: the table updates in the background; the player returns to it when they choose.
      if (adopt) adoptTable(m.table);
      render();
    } else if (adopt) showTable(m.table);
    else render();
  });

  hall.on("table_lost", (m) => {
    ui.tables.delete(m.table);
    if (ui.current !== m.table) return;
    if (onRecords()) {
      ui.current = null;
      renderBackBar();
    } else showLobby();
  });

  hall.on("event", (m) => {
    const st = ui.tables.get(m.table);
    if (!st) return;
    const d = m.data || {};
    if (patchTable(st, m.kind, d) === "chat") {
      if (m.table === ui.current) {
        const from = st.seats.find((x) => x && x.playerId && x.playerId === d.from);
        if (from) showBubble($("seats"), from.seat, d.phrase ? t("phrase_" + d.phrase) : d.text);
      }
      return;
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
}

/** Applies a table (not game) event to the state; returns "chat" for a chat line, which needs no redraw. */
function patchTable(st, kind, d) {
  const seat = (i) => st.seats[i] || (st.seats[i] = { seat: i });
  switch (kind) {
    case "seated":
      Object.assign(seat(d.seat), { playerId: d.player, nickname: d.nickname, bot: d.bot, online: true, trustee: false, ready: false, offlineDeadline: 0 });
      break;
    case "left":
      st.seats[d.seat] = { seat: d.seat, playerId: null };
      break;
    case "ready":
      seat(d.seat).ready = d.ready;
      break;
    case "started": {
      st.phase = "playing";
      st.lastResult = null;
      st.drawOfferedBy = -1;
      st.undoRequestedBy = -1;
      st.match = d.view;
      // A rematch of two seats swaps them: presence goes with the player, not the seat number.
      const presence = new Map(st.seats.filter((x) => x && x.playerId).map((x) => [x.playerId, { online: x.online, offlineDeadline: x.offlineDeadline, offlineReason: x.offlineReason }]));
      d.players.forEach((p, i) => Object.assign(seat(i), { online: true, offlineDeadline: 0, offlineReason: null }, presence.get(p) || {}, { playerId: p, nickname: d.nicknames[i], bot: d.bots[i], trustee: false, rematch: false, ready: false }));
      st.yourSeat = d.players.indexOf(hall.player && hall.player.playerId);
      ui.resultShownFor = null;
      ui.picked.clear();
      ui.selected = null;
      hideResult();
      break;
    }
    case "clock":
      // The SDK turns a move's `data.clock` into this event, so clocks need nothing else.
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
      forgetRatings(st.game);
      break;
    case "chat":
      ui.chat.push(d);
      if (ui.chat.length > 100) ui.chat.shift();
      renderChat();
      return "chat";
    default:
      break;
  }
  return null;
}

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
