// Dou Dizhu cards: faces drawn with plain elements (no images), the hand as an overlapping fan sorted by rank that
// fits the screen's width, tap or swipe to select, and the table's effects (deal, play, bomb, rocket, spring). Only
// this seat's own cards are drawn as `.cardface` (in #hand); every other face on the table is a `.pcard`.
import { t } from "./i18n.js";

export const RANK_ORDER = "3456789TJQKA2BR";
const SUIT_ORDER = "DCHS";
const SUITS = { S: "♠", H: "♥", C: "♣", D: "♦" };

/** Rank of a card code ("TH", "3S", "BJ" small joker, "RJ" big joker): its index in RANK_ORDER. */
export function rankOf(code) {
  return RANK_ORDER.indexOf(code[0]);
}

/** The hand as players hold it: highest rank on the left (jokers first), suits grouped the same way within a rank. */
export function sortHand(cards) {
  return [...cards].sort((a, b) => rankOf(b) - rankOf(a) || SUIT_ORDER.indexOf(b[1]) - SUIT_ORDER.indexOf(a[1]));
}

/**
 * Fan geometry for `n` cards in `width` px: card width, the step between card left edges (at most 60% of a card,
 * at least enough to show the corner index) and the fan's total width. Narrow screens shrink the cards down to 44 px
 * before the step goes below 18 px, so 20 cards fit a 390 px phone.
 */
export function fanLayout(n, width, { cardW = 64, minCardW = 44, minStep = 18 } = {}) {
  if (n <= 0) return { cardW, step: 0, total: 0 };
  let w = cardW;
  let step = n === 1 ? 0 : Math.min(w * 0.6, (width - w) / (n - 1));
  while (n > 1 && step < minStep && w > minCardW) {
    w -= 2;
    step = Math.min(w * 0.6, (width - w) / (n - 1));
  }
  step = Math.max(step, n > 1 ? Math.min(minStep, (width - w) / (n - 1)) : 0);
  step = Math.floor(step * 10) / 10;
  return { cardW: w, step, total: Math.ceil(w + step * (n - 1)) };
}

/** The kitty's cards in the landlord's hand: one card per kitty rank (the suit is not public, so the first match). */
export function kittyCards(hand, kittyRanks) {
  const left = [...(kittyRanks || "").toUpperCase()];
  const out = new Set();
  for (const c of sortHand(hand).reverse()) {
    const i = left.indexOf(c[0]);
    if (i >= 0) {
      left.splice(i, 1);
      out.add(c);
    }
  }
  return out;
}

export function isRed(code) {
  return code === "RJ" || code[1] === "H" || code[1] === "D";
}

export function rankText(r) {
  return r === "T" ? "10" : r;
}

/** A card's face: corner index, a big suit (or 王 for jokers). `cls` is `cardface` in the own hand, `pcard` else. */
export function cardFace(code, cls) {
  const c = document.createElement(cls === "cardface" ? "button" : "span");
  c.className = `${cls} ${isRed(code) ? "red" : "blackc"}${code[1] === "J" ? " joker" : ""}${code[0] === "T" ? " ten" : ""}`;
  const idx = document.createElement("span");
  idx.className = "idx";
  if (code[1] === "J") {
    idx.textContent = "JOKER";
    const big = document.createElement("span");
    big.className = "pip";
    big.textContent = code === "RJ" ? "王" : "王";
    c.append(idx, big);
  } else {
    idx.textContent = rankText(code[0]);
    const suit = document.createElement("span");
    suit.className = "suit";
    suit.textContent = SUITS[code[1]] || "";
    const pip = document.createElement("span");
    pip.className = "pip";
    pip.textContent = SUITS[code[1]] || "";
    c.append(idx, suit, pip);
  }
  return c;
}

/** A public play's ranks as small faces (suits are not public: ranks only, jokers in colour). */
export function playedCards(ranks, extraCls = "") {
  const row = document.createElement("div");
  row.className = "played " + extraCls;
  const sorted = [...ranks.toUpperCase()].sort((a, b) => RANK_ORDER.indexOf(b) - RANK_ORDER.indexOf(a));
  sorted.forEach((r, i) => {
    const c = document.createElement("span");
    c.className = "pcard" + (r === "R" ? " red joker" : r === "B" ? " joker" : r === "T" ? " ten" : "");
    c.textContent = r === "B" ? "小王" : r === "R" ? "大王" : rankText(r);
    c.style.animationDelay = `${i * 25}ms`;
    row.appendChild(c);
  });
  return row;
}

/**
 * The own hand as a fan. `picked` is the set of selected codes; `onChange` runs after a tap or a swipe changed it.
 * A swipe across the fan toggles every card it passes once; a keyboard press (Enter/Space) toggles the focused card.
 */
export function renderFan(hand, cards, { picked, onChange, kitty = new Set(), deal = false }) {
  hand.textContent = "";
  const sorted = sortHand(cards);
  const width = Math.min(hand.clientWidth || window.innerWidth - 20, 760);
  const tall = window.innerHeight < 500 ? 0.72 : 1;
  const { cardW, step, total } = fanLayout(sorted.length, width, { cardW: Math.round(70 * tall), minCardW: 44 });
  const fan = document.createElement("div");
  fan.className = "fan";
  fan.style.width = `${total}px`;
  fan.style.height = `${Math.round(cardW * 1.4) + 16}px`;
  sorted.forEach((code, i) => {
    const c = cardFace(code, "cardface");
    c.type = "button";
    if (picked.has(code)) c.classList.add("picked");
    if (kitty.has(code)) c.classList.add("kitty");
    if (deal) {
      c.classList.add("dealt");
      c.style.animationDelay = `${i * 35}ms`;
    }
    c.setAttribute("data-testid", "card-" + code);
    c.setAttribute("aria-pressed", String(picked.has(code)));
    c.setAttribute("aria-label", code[1] === "J" ? (code === "RJ" ? t("bigJoker") : t("smallJoker")) : rankText(code[0]) + " " + (SUITS[code[1]] || ""));
    c.dataset.code = code;
    c.style.left = `${i * step}px`;
    c.style.width = `${cardW}px`;
    c.style.height = `${Math.round(cardW * 1.4)}px`;
    c.style.zIndex = String(i + 1);
    c.addEventListener("click", (e) => {
      // Pointer taps are handled on pointerdown (so a swipe can start on any card); this is the keyboard's path.
      if (e.detail !== 0) return;
      toggle(code);
    });
    fan.appendChild(c);
  });
  hand.appendChild(fan);
  const toggle = (code) => {
    if (picked.has(code)) picked.delete(code);
    else picked.add(code);
    const node = fan.querySelector(`[data-code="${code}"]`);
    if (node) {
      node.classList.toggle("picked", picked.has(code));
      node.setAttribute("aria-pressed", String(picked.has(code)));
    }
    onChange();
  };
  let seen = null;
  const at = (e) => {
    const node = document.elementFromPoint(e.clientX, e.clientY);
    return node && node.closest && node.closest(".cardface");
  };
  fan.addEventListener("pointerdown", (e) => {
    const card = at(e);
    if (!card) return;
    seen = new Set([card.dataset.code]);
    toggle(card.dataset.code);
  });
  fan.addEventListener("pointermove", (e) => {
    if (!seen) return;
    const card = at(e);
    if (card && !seen.has(card.dataset.code)) {
      seen.add(card.dataset.code);
      toggle(card.dataset.code);
    }
  });
  const end = () => (seen = null);
  fan.addEventListener("pointerup", end);
  fan.addEventListener("pointercancel", end);
  fan.addEventListener("pointerleave", end);
}

/** The kind of effect a play event deserves: `rocket`, `bomb` or null (by the server's play type). */
export function playEffect(type, ranks) {
  const ty = String(type || "").toLowerCase();
  if (ty.includes("rocket") || sortRanksDesc(ranks) === "RB") return "rocket";
  if (ty.includes("bomb")) return "bomb";
  if (ranks && ranks.length === 4 && new Set(ranks).size === 1) return "bomb";
  return null;
}

function sortRanksDesc(r) {
  return [...String(r || "").toUpperCase()].sort((a, b) => RANK_ORDER.indexOf(b) - RANK_ORDER.indexOf(a)).join("");
}

/** A short full-table effect (炸弹, 王炸, 春天...) drawn over `host`; CSS animates it and it removes itself. */
export function tableEffect(kind, host = document.getElementById("fx-layer"), shake = document.getElementById("board")) {
  if (!host) return;
  const fx = document.createElement("div");
  fx.className = "fx fx-" + kind;
  fx.setAttribute("data-testid", "fx-" + kind);
  fx.setAttribute("aria-hidden", "true");
  fx.textContent = t("fx_" + kind);
  host.appendChild(fx);
  if (shake && (kind === "bomb" || kind === "rocket")) {
    shake.classList.remove("shake");
    void shake.offsetWidth; // restarts the animation
    shake.classList.add("shake");
  }
  setTimeout(() => fx.remove(), 1800);
}
