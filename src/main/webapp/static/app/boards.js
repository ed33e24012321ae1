// Board drawing: SVG for Gomoku and Xiangqi, plain elements for Dou Dizhu. Every function redraws from a view (the
// match part of a snapshot, patched by events), so a resumed or reloaded page draws exactly what the server holds.
import { t } from "./i18n.js";
import { playedCards } from "./cards.js";

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

/**
 * `onPoint` (optional) gets a click on a free point; the table view instead listens on the container, which outlives
 * redraws, so a tap that lands while the board is rebuilt is not lost. `preview` draws a see-through stone there.
 */
export function renderGomoku(container, view, { onPoint, canMove, preview = null, previewStone = "black" }) {
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
  const pt = (n) => [GOMOKU_COLS.indexOf(n[0]) + 1, 16 - Number(n.slice(1))];
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
        if (view.lastMove === name) {
          el("circle", { cx: x, cy: y, r: 0.14, class: "last", "data-testid": "last-move" }, svg);
          el("circle", { cx: x, cy: y, r: 0.5, class: "last-ring" }, svg);
        }
      } else {
        if (forbidden.has(name)) {
          const g = el("g", { class: "forbidden", "data-testid": "forbidden-" + name }, svg);
          el("title", {}, g).textContent = t("forbidden");
          el("line", { x1: x - 0.25, y1: y - 0.25, x2: x + 0.25, y2: y + 0.25 }, g);
          el("line", { x1: x - 0.25, y1: y + 0.25, x2: x + 0.25, y2: y - 0.25 }, g);
        }
        const hit = el("rect", {
          x: x - 0.5, y: y - 0.5, width: 1, height: 1, "data-point": name,
          class: "hit" + (canMove && !forbidden.has(name) ? " live" : ""), "data-testid": "pt-" + name,
        }, svg);
        if (onPoint) hit.addEventListener("click", () => onPoint(name));
        if (preview === name) {
          el("circle", { cx: x, cy: y, r: 0.45, class: "stone preview " + previewStone, "data-testid": "preview-" + name, "pointer-events": "none" }, svg);
        }
      }
    }
  }
  winLine(svg, view.winningLine, pt);
}

/** The winning line drawn through its stones (ends: the first and last point of the line). */
function winLine(svg, line, pt) {
  if (!line || line.length < 2) return;
  const pts = line.map(pt).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [a, b] = [pts[0], pts[pts.length - 1]];
  el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "winline", "data-testid": "win-line", "pointer-events": "none" }, svg);
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

export function renderXiangqi(container, view, { flipped, selected, onSquare, checked = null, cursor = null }) {
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
      if (last.includes(sq)) {
        el("rect", { x: x - 0.48, y: y - 0.48, width: 0.96, height: 0.96, class: "lastmark" + (sq === last[1] ? " to" : " from"), "data-testid": "last-" + sq }, svg);
      }
      const p = pieces[sq];
      if (p) {
        const red = p === p.toUpperCase();
        const g = el("g", { class: "piece " + (red ? "red" : "black") + (selected === sq ? " selected" : "") + (checked === sq ? " checked" : ""), "data-testid": "piece-" + sq, "data-piece": p }, svg);
        if (checked === sq) el("circle", { cx: x, cy: y, r: 0.5, class: "check-ring", "data-testid": "checked-general" }, svg);
        el("circle", { cx: x, cy: y, r: 0.44 }, g);
        el("text", { x, y: y + 0.16 }, g).textContent = XQ_GLYPHS[p] || p;
      }
      if (targets.has(sq)) el("circle", { cx: x, cy: y, r: 0.15, class: "target", "data-testid": "legal-" + sq }, svg);
      const hit = el("rect", { x: x - 0.5, y: y - 0.5, width: 1, height: 1, class: "hit", "data-testid": "sq-" + sq }, svg);
      hit.addEventListener("click", () => onSquare(sq, p));
    }
  }
  // The keyboard's square, drawn last so no piece covers it.
  if (cursor) {
    const [x, y] = pos(cursor);
    el("rect", { x: x - 0.5, y: y - 0.5, width: 1, height: 1, rx: 0.12, class: "kbd-cursor", "data-testid": "cursor-" + cursor }, svg);
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

/**
 * The felt: the other seats (left and right of this one, as players sit) with their card-back stack, count and
 * last action in front of them; the middle with the bottom cards, the bid and the multiplier; this seat's own last
 * action in front of the hand. A spectator sees all three seats.
 */
export function renderDdz(container, view, { mySeat, seatName }) {
  container.textContent = "";
  const wrap = document.createElement("div");
  wrap.className = "ddz felt" + (mySeat < 0 ? " watching" : "");
  wrap.setAttribute("data-testid", "ddz-table");
  container.appendChild(wrap);
  const me = mySeat >= 0 ? mySeat : 0;
  // Play goes seat 0 -> 1 -> 2: the next seat sits on the right, the one before on the left.
  const places = mySeat < 0 ? [[1, "right"], [2, "left"], [0, "bottom"]] : [[(me + 2) % 3, "left"], [(me + 1) % 3, "right"]];
  const lastBySeat = {};
  for (const p of view.plays || []) lastBySeat[p.seat] = p;
  for (const b of view.phase === "bidding" ? view.bids || [] : []) lastBySeat[b.seat] = b;
  for (const [s, place] of places) {
    const box = document.createElement("div");
    box.className = `ddz-seat ${place}` + (view.toAct === s ? " acting" : "") + (view.landlord === s ? " landlord" : "");
    box.setAttribute("data-testid", "ddz-seat-" + s);
    const head = document.createElement("div");
    head.className = "ddz-name";
    head.textContent = seatName(s);
    if (view.landlord != null) {
      const role = document.createElement("span");
      role.className = "role-tag " + (view.landlord === s ? "lord" : "farmer");
      role.textContent = view.landlord === s ? t("landlord") : t("farmer");
      head.appendChild(role);
    }
    box.appendChild(head);
    const n = (view.counts || [])[s] ?? 0;
    const stack = document.createElement("div");
    stack.className = "stack" + (n > 0 && n <= 2 ? " alarm" : "");
    const back = document.createElement("span");
    back.className = "back";
    stack.appendChild(back);
    const count = document.createElement("span");
    count.className = "count";
    count.setAttribute("data-testid", "ddz-count-" + s);
    count.setAttribute("aria-label", t("cards", { n }));
    count.textContent = String(n);
    stack.appendChild(count);
    box.appendChild(stack);
    box.appendChild(actionLine(lastBySeat[s], s));
    wrap.appendChild(box);
  }
  const mid = document.createElement("div");
  mid.className = "ddz-mid";
  const kitty = document.createElement("div");
  kitty.className = "kitty";
  kitty.setAttribute("data-testid", "ddz-kitty");
  kitty.setAttribute("aria-label", t("kitty"));
  const label = document.createElement("span");
  label.className = "kitty-label";
  label.textContent = t("kitty");
  kitty.appendChild(label);
  if (view.kitty) kitty.appendChild(playedCards(view.kitty, "kitty-cards"));
  else for (let i = 0; i < 3; i++) kitty.appendChild(Object.assign(document.createElement("span"), { className: "back small" }));
  mid.appendChild(kitty);
  const stake = document.createElement("div");
  stake.className = "stakes";
  const bid = (view.bids || []).reduce((b, x) => Math.max(b, x.points || 0), 0);
  if (bid) stake.appendChild(Object.assign(document.createElement("span"), { className: "chip-bid", textContent: t("bidOnTable", { n: bid }) }));
  const mult = document.createElement("span");
  mult.className = "chip-mult";
  mult.setAttribute("data-testid", "ddz-multiplier");
  mult.textContent = t("multiplier", { n: view.multiplier || view.stake || 1 });
  stake.appendChild(mult);
  mid.appendChild(stake);
  wrap.appendChild(mid);
  if (mySeat >= 0) {
    const mine = actionLine(lastBySeat[mySeat], mySeat, true);
    mine.classList.add("mine");
    wrap.appendChild(mine);
  }
}

function actionLine(a, seat, mine) {
  const line = document.createElement("div");
  line.className = "ddz-action";
  line.setAttribute("data-testid", mine ? "ddz-my-action" : "ddz-action-" + seat);
  if (!a) return line;
  if (a.action === "play") line.appendChild(playedCards(a.ranks));
  else {
    const say = document.createElement("span");
    say.className = "say";
    if (a.action === "pass") say.textContent = t("pass");
    else if (a.action === "bid") say.textContent = a.points ? t("bid", { n: a.points }) : t("noBid");
    else say.textContent = t(a.action) || a.action;
    line.appendChild(say);
  }
  return line;
}
