// Board drawing: SVG for Gomoku and Xiangqi, plain elements for Dou Dizhu. Every function redraws from a view (the
// match part of a snapshot, patched by events), so a resumed or reloaded page draws exactly what the server holds.
import { t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

// ------------------------------------------------------------------------------------------------------------------
// Gomoku: 15 x 15, columns A-O, row 15 at the top (as in the view's board strings).

export const GOMOKU_COLS = "ABCDEFGHIJKLMNO";

export function renderGomoku(container, view, { onPoint, canMove }) {
  container.textContent = "";
  const svg = el("svg", { viewBox: "0 0 16 16", class: "gomoku", "data-testid": "gomoku-board" }, container);
  el("rect", { x: 0, y: 0, width: 16, height: 16, rx: 0.3, class: "wood" }, svg);
  for (let i = 1; i <= 15; i++) {
    el("line", { x1: 1, y1: i, x2: 15, y2: i, class: "grid" }, svg);
    el("line", { x1: i, y1: 1, x2: i, y2: 15, class: "grid" }, svg);
  }
  for (const [c, r] of [[4, 4], [12, 4], [8, 8], [4, 12], [12, 12]]) el("circle", { cx: c, cy: r, r: 0.12, class: "star" }, svg);
  for (let i = 0; i < 15; i++) {
    el("text", { x: i + 1, y: 15.75, class: "coord" }, svg).textContent = GOMOKU_COLS[i];
    el("text", { x: 0.35, y: 15 - i + 0.12, class: "coord" }, svg).textContent = String(i + 1);
  }
  const board = view.board || [];
  const win = new Set(view.winningLine || []);
  const forbidden = new Set(view.forbidden || []);
  for (let row = 15; row >= 1; row--) {
    const line = board[15 - row] || "";
    for (let c = 0; c < 15; c++) {
      const name = GOMOKU_COLS[c] + row;
      const x = c + 1;
      const y = 16 - row;
      const ch = line[c];
      if (ch === "X" || ch === "O") {
        el("circle", {
          cx: x, cy: y, r: 0.45,
          class: "stone " + (ch === "X" ? "black" : "white") + (win.has(name) ? " win" : ""),
          "data-testid": "stone-" + name, "data-stone": ch === "X" ? "black" : "white",
        }, svg);
        if (view.lastMove === name) el("circle", { cx: x, cy: y, r: 0.14, class: "last", "data-testid": "last-move" }, svg);
      } else {
        if (forbidden.has(name)) {
          const g = el("g", { class: "forbidden", "data-testid": "forbidden-" + name }, svg);
          el("title", {}, g).textContent = t("forbidden");
          el("line", { x1: x - 0.25, y1: y - 0.25, x2: x + 0.25, y2: y + 0.25 }, g);
          el("line", { x1: x - 0.25, y1: y + 0.25, x2: x + 0.25, y2: y - 0.25 }, g);
        }
        const hit = el("rect", {
          x: x - 0.5, y: y - 0.5, width: 1, height: 1,
          class: "hit" + (canMove && !forbidden.has(name) ? " live" : ""), "data-testid": "pt-" + name,
        }, svg);
        hit.addEventListener("click", () => onPoint(name));
      }
    }
  }
}

/** The view after a `move` event, without waiting for a snapshot. */
export function gomokuApply(view, data) {
  const c = GOMOKU_COLS.indexOf(data.move[0]);
  const row = Number(data.move.slice(1));
  const board = [...(view.board || [])];
  const line = board[15 - row].split("");
  line[c] = data.stone === "black" ? "X" : "O";
  board[15 - row] = line.join("");
  return { ...view, board, moves: [...(view.moves || []), data.move], lastMove: data.move, toAct: 1 - data.seat, forbidden: [] };
}

// ------------------------------------------------------------------------------------------------------------------
// Xiangqi: files a-i, ranks 0-9 (red at rank 0). FEN rows start at rank 9.

const XQ_GLYPHS = { K: "帅", A: "仕", B: "相", N: "马", R: "车", C: "炮", P: "兵", k: "将", a: "士", b: "象", n: "马", r: "车", c: "炮", p: "卒" };

export function parseFen(fen) {
  const rows = fen.split(" ")[0].split("/");
  const squares = {};
  rows.forEach((row, i) => {
    const rank = 9 - i;
    let f = 0;
    for (const ch of row) {
      if (/\d/.test(ch)) f += Number(ch);
      else {
        squares["abcdefghi"[f] + rank] = ch;
        f++;
      }
    }
  });
  return squares;
}

export function fenWithMove(fen, move) {
  const sq = parseFen(fen);
  const from = move.slice(0, 2);
  const to = move.slice(2, 4);
  sq[to] = sq[from];
  delete sq[from];
  const rows = [];
  for (let rank = 9; rank >= 0; rank--) {
    let row = "";
    let empty = 0;
    for (const f of "abcdefghi") {
      const p = sq[f + rank];
      if (p) {
        if (empty) row += empty;
        empty = 0;
        row += p;
      } else empty++;
    }
    if (empty) row += empty;
    rows.push(row);
  }
  return [rows.join("/"), ...fen.split(" ").slice(1)].join(" ");
}

export function xiangqiApply(view, data) {
  return {
    ...view,
    fen: fenWithMove(view.fen, data.move),
    moves: [...(view.moves || []), data.move],
    lastMove: data.move,
    toAct: 1 - data.seat,
    inCheck: !!data.check,
    legal: undefined,
  };
}

export function renderXiangqi(container, view, { flipped, selected, onSquare }) {
  container.textContent = "";
  const svg = el("svg", { viewBox: "0 0 10 11", class: "xiangqi", "data-testid": "xiangqi-board" }, container);
  el("rect", { x: 0, y: 0, width: 10, height: 11, rx: 0.3, class: "wood" }, svg);
  const pos = (sq) => {
    const f = "abcdefghi".indexOf(sq[0]);
    const r = Number(sq[1]);
    return flipped ? [9 - f, r + 1] : [f + 1, 10 - r];
  };
  for (let r = 0; r <= 9; r++) el("line", { x1: 1, y1: r + 1, x2: 9, y2: r + 1, class: "grid" }, svg);
  for (let f = 0; f <= 8; f++) {
    if (f === 0 || f === 8) el("line", { x1: f + 1, y1: 1, x2: f + 1, y2: 10, class: "grid" }, svg);
    else {
      el("line", { x1: f + 1, y1: 1, x2: f + 1, y2: 5, class: "grid" }, svg);
      el("line", { x1: f + 1, y1: 6, x2: f + 1, y2: 10, class: "grid" }, svg);
    }
  }
  for (const [a, b] of [[1, 3], [8, 10]]) {
    el("line", { x1: 4, y1: a, x2: 6, y2: b, class: "grid" }, svg);
    el("line", { x1: 6, y1: a, x2: 4, y2: b, class: "grid" }, svg);
  }
  const river = el("text", { x: 5, y: 5.62, class: "river" }, svg);
  river.textContent = "楚 河        漢 界";
  const pieces = parseFen(view.fen || "9/9/9/9/9/9/9/9/9/9 w");
  const legal = view.legal || [];
  const targets = new Set(selected ? legal.filter((m) => m.startsWith(selected)).map((m) => m.slice(2, 4)) : []);
  const last = view.lastMove ? [view.lastMove.slice(0, 2), view.lastMove.slice(2, 4)] : [];
  for (let r = 0; r <= 9; r++) {
    for (const f of "abcdefghi") {
      const sq = f + r;
      const [x, y] = pos(sq);
      if (last.includes(sq)) el("rect", { x: x - 0.48, y: y - 0.48, width: 0.96, height: 0.96, class: "lastmark", "data-testid": "last-" + sq }, svg);
      const p = pieces[sq];
      if (p) {
        const red = p === p.toUpperCase();
        const g = el("g", { class: "piece " + (red ? "red" : "black") + (selected === sq ? " selected" : ""), "data-testid": "piece-" + sq, "data-piece": p }, svg);
        el("circle", { cx: x, cy: y, r: 0.44 }, g);
        el("text", { x, y: y + 0.16 }, g).textContent = XQ_GLYPHS[p] || p;
      }
      if (targets.has(sq)) el("circle", { cx: x, cy: y, r: 0.15, class: "target", "data-testid": "legal-" + sq }, svg);
      const hit = el("rect", { x: x - 0.5, y: y - 0.5, width: 1, height: 1, class: "hit", "data-testid": "sq-" + sq }, svg);
      hit.addEventListener("click", () => onSquare(sq, p));
    }
  }
}

// ------------------------------------------------------------------------------------------------------------------
// Dou Dizhu. Only this seat's own cards are ever drawn face up; other seats are a count of card backs.

export const DDZ_ORDER = "3456789TJQKA2BR";
const SUITS = { S: "♠", H: "♥", C: "♣", D: "♦" };

export function sortRanks(ranks) {
  return [...ranks.toUpperCase()].sort((a, b) => DDZ_ORDER.indexOf(a) - DDZ_ORDER.indexOf(b)).join("");
}

export function cardLabel(code) {
  if (code === "BJ") return "小王";
  if (code === "RJ") return "大王";
  const r = code[0] === "T" ? "10" : code[0];
  return r + (SUITS[code[1]] || "");
}

function rankLabel(r) {
  return r === "T" ? "10" : r === "B" ? "小王" : r === "R" ? "大王" : r;
}

export function ranksLabel(ranks) {
  return [...sortRanks(ranks)].map(rankLabel).join(" ");
}

export function ddzApply(view, kind, data, mySeat) {
  const v = { ...view };
  if (kind === "play") {
    v.lastPlay = { seat: data.seat, action: "play", ranks: data.ranks, type: data.type };
    v.plays = [...(v.plays || []), { seat: data.seat, action: "play", ranks: data.ranks }];
    const counts = [...(v.counts || [])];
    counts[data.seat] = data.cardsLeft;
    v.counts = counts;
    if (data.seat === mySeat && v.cards) {
      const left = [...data.ranks.toUpperCase()];
      v.cards = v.cards.filter((c) => {
        const i = left.indexOf(c[0]);
        if (i >= 0) {
          left.splice(i, 1);
          return false;
        }
        return true;
      });
    }
    v.toAct = (data.seat + 1) % 3;
  } else if (kind === "pass") {
    v.plays = [...(v.plays || []), { seat: data.seat, action: "pass" }];
    v.toAct = (data.seat + 1) % 3;
  } else if (kind === "bid") {
    v.bids = [...(v.bids || []), data];
    v.toAct = (data.seat + 1) % 3;
  } else if (kind === "landlord") {
    v.landlord = data.seat;
    v.kitty = data.kitty;
    v.phase = "playing";
    v.toAct = data.seat;
  } else if (kind === "lead") {
    v.lastPlay = null;
    v.toAct = data.seat;
  }
  v.legal = undefined;
  return v;
}

/** The table area: the other seats (name, role, card count, last action), the kitty and the stake. */
export function renderDdz(container, view, { mySeat, seatName }) {
  container.textContent = "";
  const wrap = document.createElement("div");
  wrap.className = "ddz";
  wrap.dataset.testid = "ddz-table";
  wrap.setAttribute("data-testid", "ddz-table");
  container.appendChild(wrap);
  const me = mySeat >= 0 ? mySeat : 0;
  const order = [(me + 1) % 3, (me + 2) % 3];
  if (mySeat < 0) order.unshift(me);
  const lastBySeat = {};
  for (const p of view.plays || []) lastBySeat[p.seat] = p;
  for (const b of view.phase === "bidding" ? view.bids || [] : []) lastBySeat[b.seat] = b;
  for (const s of order) {
    const box = document.createElement("div");
    box.className = "ddz-seat" + (view.toAct === s ? " acting" : "");
    box.setAttribute("data-testid", "ddz-seat-" + s);
    const role = view.landlord == null ? "" : view.landlord === s ? "[" + t("landlord") + "]" : t("farmer");
    const name = document.createElement("div");
    name.className = "ddz-name";
    name.textContent = `${seatName(s)} ${role}`;
    box.appendChild(name);
    const backs = document.createElement("div");
    backs.className = "backs";
    const n = (view.counts || [])[s] ?? 0;
    const count = document.createElement("span");
    count.className = "count";
    count.setAttribute("data-testid", "ddz-count-" + s);
    count.textContent = t("cards", { n });
    backs.appendChild(count);
    for (let i = 0; i < Math.min(n, 20); i++) {
      const b = document.createElement("span");
      b.className = "back";
      backs.appendChild(b);
    }
    box.appendChild(backs);
    box.appendChild(actionLine(lastBySeat[s], s));
    wrap.appendChild(box);
  }
  const mid = document.createElement("div");
  mid.className = "ddz-mid";
  const kitty = document.createElement("div");
  kitty.setAttribute("data-testid", "ddz-kitty");
  kitty.textContent = `${t("kitty")}: ${view.kitty ? ranksLabel(view.kitty) : "? ? ?"}   ${t("stake", { n: view.multiplier || view.stake || 1 })}`;
  mid.appendChild(kitty);
  if (mySeat >= 0) mid.appendChild(actionLine(lastBySeat[mySeat], mySeat, true));
  wrap.appendChild(mid);
}

function actionLine(a, seat, mine) {
  const line = document.createElement("div");
  line.className = "ddz-action";
  line.setAttribute("data-testid", (mine ? "ddz-my-action" : "ddz-action-") + (mine ? "" : seat));
  if (!a) return line;
  if (a.action === "play") {
    for (const r of sortRanks(a.ranks)) {
      const c = document.createElement("span");
      c.className = "mini";
      c.textContent = rankLabel(r);
      line.appendChild(c);
    }
  } else if (a.action === "pass") line.textContent = t("pass");
  else if (a.action === "bid") line.textContent = a.points ? t("bid", { n: a.points }) : t("pass");
  else line.textContent = t(a.action) || a.action;
  return line;
}
