// Small pure helpers for the boards: the Gomoku confirm-tap default, Xiangqi's captured pieces and checked general.
import { parseFen } from "./boards.js";

const XQ_FULL = { K: 1, A: 2, B: 2, N: 2, R: 2, C: 2, P: 5 };

/** 落子确认 defaults on for touch screens (a mis-tap there is easy), off with a mouse; the player's choice wins. */
export function confirmStoneDefault(saved, coarsePointer) {
  if (saved === "1") return true;
  if (saved === "0") return false;
  return !!coarsePointer;
}

/** Pieces no longer on the board, by side: `{red: "RCP", black: "np"}` (FEN letters, strongest first). */
export function capturedPieces(fen) {
  const on = {};
  for (const p of Object.values(parseFen(fen || ""))) on[p] = (on[p] || 0) + 1;
  const out = { red: "", black: "" };
  for (const k of "RNCABP") {
    for (const side of ["red", "black"]) {
      const p = side === "red" ? k : k.toLowerCase();
      const missing = Math.max(0, XQ_FULL[k] - (on[p] || 0));
      out[side] += p.repeat(missing);
    }
  }
  return out;
}

/** The square of the general in check (the side to move's), or null. `toAct` 0 is red. */
export function checkedGeneral(fen, inCheck, toAct) {
  if (!inCheck || toAct == null || toAct < 0) return null;
  const want = toAct === 0 ? "K" : "k";
  const sq = Object.entries(parseFen(fen || "")).find(([, p]) => p === want);
  return sq ? sq[0] : null;
}
