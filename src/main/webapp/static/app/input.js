// Moves on the boards: Gomoku taps (with 落子确认) and Xiangqi select-then-move, by pointer or by keyboard. On a
// desktop the board is focusable: the arrow keys move a cursor (Gomoku: the preview stone), Enter or Space picks up
// or places, Escape cancels.
import { GOMOKU_COLS, parseFen } from "./boards.js";
import { canMove } from "./status.js";
import { confirmStoneDefault } from "./boardfx.js";
import { $, ui, hall, run, current } from "./state.js";
import { render } from "./table.js";

export function initBoardInput() {
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
  $("board").addEventListener("keydown", (e) => {
    const st = current();
    if (st && st.game === "gomoku") gomokuKey(st, e);
    else if (st && st.game === "xiangqi") xiangqiKey(st, e);
  });
  $("stone-confirm-btn").onclick = () => ui.preview && gomokuTap(ui.preview);
  $("confirm-stone").checked = confirmStone();
  $("confirm-stone").onchange = (e) => localStorage.setItem("gamehall.confirmStone", e.target.checked ? "1" : "0");
}

const STEPS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

function gomokuKey(st, e) {
  if (!canMove(st)) return;
  if (STEPS[e.key]) {
    e.preventDefault();
    const from = ui.preview || (st.match && st.match.lastMove) || "H8";
    const c = Math.max(0, Math.min(14, GOMOKU_COLS.indexOf(from[0]) + STEPS[e.key][0]));
    const r = Math.max(1, Math.min(15, Number(from.slice(1)) + STEPS[e.key][1]));
    ui.preview = GOMOKU_COLS[c] + r;
    render();
  } else if ((e.key === "Enter" || e.key === " ") && ui.preview) {
    e.preventDefault();
    const p = ui.preview;
    ui.preview = null;
    move(p);
  } else if (e.key === "Escape" && ui.preview) {
    e.preventDefault();
    ui.preview = null;
    render();
  }
}

/** The arrows move on the screen: with the board flipped for black, up is towards rank 0. */
function xiangqiKey(st, e) {
  if (st.yourSeat < 0 || st.phase !== "playing") return;
  const flipped = st.yourSeat === 1;
  if (STEPS[e.key]) {
    e.preventDefault();
    const from = ui.cursor || ui.selected || (flipped ? "e9" : "e0");
    const [df, dr] = STEPS[e.key].map((x) => (flipped ? -x : x));
    const f = Math.max(0, Math.min(8, "abcdefghi".indexOf(from[0]) + df));
    const r = Math.max(0, Math.min(9, Number(from[1]) + dr));
    ui.cursor = "abcdefghi"[f] + r;
    render();
  } else if ((e.key === "Enter" || e.key === " ") && ui.cursor) {
    e.preventDefault();
    const pieces = parseFen((st.match && st.match.fen) || "9/9/9/9/9/9/9/9/9/9 w");
    xiangqiClick(ui.cursor, pieces[ui.cursor]);
  } else if (e.key === "Escape") {
    e.preventDefault();
    ui.selected = null;
    render();
  }
}

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

function move(notation) {
  const st = current();
  if (!st || !canMove(st)) return;
  run(hall.act(st.table, notation));
}

export function xiangqiClick(sq, piece) {
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
