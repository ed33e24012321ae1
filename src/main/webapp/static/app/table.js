// The table view: title, seats (avatars, clocks, ratings), the turn line, the offers to answer, the board of the
// game and the buttons that apply now. Everything is drawn from the table's state on each change.
import { t } from "./i18n.js";
import { renderGomoku, renderXiangqi, renderDdz } from "./boards.js";
import { turnState, canMove, showTakeControl, showRematch } from "./status.js";
import { renderSeats as drawSeats } from "./seats.js";
import { capturedPieces, checkedGeneral } from "./boardfx.js";
import { $, ui, hall, button, run, current, seatName, seatColour } from "./state.js";
import { xiangqiClick } from "./input.js";
import { renderHand } from "./hand.js";
import { showResult, resultKey } from "./result.js";

export function render() {
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
  renderTurn(st);
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
    renderXiangqi(board, v, { flipped: mine === 1, selected: ui.selected, cursor: ui.cursor, onSquare: xiangqiClick, checked: checkedGeneral(v.fen, v.inCheck, v.toAct) });
  } else if (st.game === "doudizhu") {
    renderDdz(board, v, { mySeat: mine, seatName: (s) => seatName(st, s) });
    renderHand(st);
  }
  // The settlement rises only over the table itself, never over "my games" or the rankings.
  if (ui.view === "table-view" && st.phase === "finished" && st.lastResult && ui.resultShownFor !== resultKey(st)) showResult(st);
}

function renderTurn(st) {
  const status = $("turn-status");
  const turn = turnState(st);
  const v = st.match;
  status.dataset.turn = turn.kind;
  if (st.phase === "playing" && v && (turn.kind === "yours" || turn.kind === "trustee" || turn.kind === "theirs")) {
    status.textContent =
      turn.kind === "yours" ? t("yourTurn") : turn.kind === "trustee" ? t("trusteeTurn") : t("theirTurn", { name: seatName(st, turn.seat) });
    status.dataset.mine = String(turn.kind === "yours");
    if (v.inCheck) status.textContent += " · " + t("check");
  } else if (st.phase === "filling") {
    status.textContent = t("waitingPlayers");
    status.dataset.mine = "false";
  } else {
    status.textContent = t("finished");
    status.dataset.mine = "false";
  }
}

function isPractice(st) {
  const entry = ui.lobby.tables.get(st.table);
  return entry ? entry.practice : true;
}

function renderSeats(st) {
  loadRatings(st);
  drawSeats($("seats"), st, { seatName, role: (seat) => seatColour(st.game, seat), rating: (s) => (s.playerId && !s.bot ? ratingOf(st.game, s.playerId) : undefined) });
}

// Seat ratings: the seated players' own leaderboard lines, asked for by id (docs/protocol.md, `leaderboard` with
// `players`). A player without a line has played no rated match in the game and is at the starting rating. Ratings
// are kept per game until a result changes them.
const START_RATING = 1500;
const ratings = new Map(); // game -> {known: Map(playerId -> rating), asking: Set(playerId), failed}

/** After a result: the store writes the new ratings off the table's thread, so ask again a little later. */
export function forgetRatings(game) {
  ratings.delete(game);
  setTimeout(() => {
    ratings.delete(game);
    render();
  }, 3000);
}

export function ratingOf(game, playerId) {
  return ratings.get(game)?.known.get(playerId);
}

function loadRatings(st) {
  if (hall.state !== "open") return;
  let r = ratings.get(st.game);
  if (!r) ratings.set(st.game, (r = { known: new Map(), asking: new Set(), failed: false }));
  const missing = st.seats
    .filter((s) => s && s.playerId && !s.bot && !r.known.has(s.playerId) && !r.asking.has(s.playerId))
    .map((s) => s.playerId);
  if (missing.length === 0 || r.failed) return;
  missing.forEach((id) => r.asking.add(id));
  hall.standings(st.game, missing).then((answer) => {
    for (const id of missing) r.known.set(id, START_RATING);
    for (const e of answer.entries || []) r.known.set(e.playerId, e.rating);
    missing.forEach((id) => r.asking.delete(id));
    if (ratings.get(st.game) === r) render();
  }).catch(() => {
    // No store (STORE_UNAVAILABLE) or a lost connection: no ratings shown rather than a request per redraw.
    missing.forEach((id) => r.asking.delete(id));
    r.failed = true;
  });
}

/** Clocks and grace countdowns tick without waiting for an event. */
export function startSeatClock() {
  setInterval(() => {
    const st = current();
    if (st && (st.clock || st.seats.some((s) => s.online === false && s.playerId))) renderSeats(st);
  }, 500);
}

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

const GLYPH = { R: "车", N: "马", C: "炮", A: "仕", B: "相", P: "兵", r: "车", n: "马", c: "炮", a: "士", b: "象", p: "卒" };

function renderCaptured(st) {
  const box = $("captured");
  const v = st.match;
  box.hidden = !(st.game === "xiangqi" && v && v.fen);
  if (box.hidden) return;
  const cap = capturedPieces(v.fen);
  box.textContent = "";
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
      pc.textContent = GLYPH[p];
      row.appendChild(pc);
    }
    box.appendChild(row);
  }
}
