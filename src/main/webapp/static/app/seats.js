// Seats drawn as players: a generated avatar with the turn clock as a ring around it (the time bank after it), the
// full nickname, rating when known, 托管 and offline marks on the avatar, and chat bubbles over the seat that spoke.
import { t } from "./i18n.js";
import { avatarSvg, ringFraction, RING_LEN } from "./avatar.js";
import { offlineBadge, showTrusteeBadge } from "./status.js";

/** The turn length each clock started with, keyed by seat and deadline, so the ring starts full for every turn. */
const turnLengths = new Map();

/** Left ms of the turn clock and its ring fraction; the bank takes over when the turn time has run out. */
export function clockFace(clock, now, totalMs) {
  const left = clock.deadline - now;
  if (left > 0) return { phase: "turn", seconds: Math.ceil(left / 1000), fraction: ringFraction(left, totalMs) };
  const bankLeft = Math.max(0, clock.bankMillis + left);
  return { phase: "bank", seconds: Math.ceil(bankLeft / 1000), fraction: ringFraction(bankLeft, clock.bankMillis) };
}

function span(cls, text, testid) {
  const s = document.createElement("span");
  s.className = cls;
  if (text != null) s.textContent = text;
  if (testid) s.setAttribute("data-testid", testid);
  return s;
}

/**
 * Draws every seat into `box`. `seatName(st, seat)` gives the label, `role(seat)` the game role ("●", "帅",
 * "地主"...). Nodes are kept across calls (keyed by seat) so a ticking clock and a showing bubble survive redraws.
 */
export function renderSeats(box, st, { seatName, role, rating = () => undefined }) {
  const now = Date.now();
  const wanted = new Set();
  for (const s of st.seats) {
    wanted.add(String(s.seat));
    let div = box.querySelector(`:scope > [data-seat="${s.seat}"]`);
    if (!div) {
      div = document.createElement("div");
      div.dataset.seat = String(s.seat);
      div.setAttribute("data-testid", "seat-" + s.seat);
      box.appendChild(div);
    }
    const acting = !!(st.clock && st.clock.seat === s.seat && st.phase === "playing");
    div.className = "seat" + (acting ? " acting" : "") + (s.seat === st.yourSeat ? " mine" : "") + (s.playerId ? "" : " empty");
    div.dataset.online = String(s.online !== false);
    div.dataset.trustee = String(!!s.trustee);
    const key = `${s.playerId || ""}|${!!s.bot}`;
    let av = div.querySelector(".avatar");
    if (!av || av.dataset.key !== key) {
      div.textContent = "";
      av = document.createElement("div");
      av.className = "avatar";
      av.dataset.key = key;
      av.appendChild(avatarSvg(s.playerId || (s.bot ? "bot-" + s.seat : null), { bot: !!s.bot }));
      div.appendChild(av);
      const text = document.createElement("div");
      text.className = "seat-text";
      div.appendChild(text);
    }
    // Marks on the avatar: offline, 托管, the role.
    for (const old of av.querySelectorAll(".mark")) old.remove();
    const offline = offlineBadge(s, now);
    av.classList.toggle("off", !!offline);
    if (offline) {
      const off = span("mark badge off", offline.seconds == null ? t("offlineNow") : t("offline", { s: offline.seconds }), `seat-${s.seat}-offline`);
      off.dataset.reason = offline.reason;
      av.appendChild(off);
    }
    if (showTrusteeBadge(st, s)) av.appendChild(span("mark badge trustee", t("trustee"), `seat-${s.seat}-trustee`));
    const roleText = role(s.seat);
    if (roleText) av.appendChild(span("mark role", roleText));
    const ring = av.querySelector(".ring");
    const text = div.querySelector(".seat-text");
    text.textContent = "";
    const name = span("name", seatName(st, s.seat) + (s.ready && st.phase === "filling" ? " ✓" : ""));
    if (s.bot) name.appendChild(span("tag", "AI"));
    text.appendChild(name);
    const info = span("info");
    const r = s.rating ?? rating(s);
    if (r != null) info.appendChild(span("rating", t("rating", { n: r }), `rating-${s.seat}`));
    if (s.rematch && st.phase === "finished") info.appendChild(span("badge trustee", t("rematch") + "?"));
    if (acting) {
      const k = `${s.seat}:${st.clock.deadline}`;
      if (!turnLengths.has(k)) {
        turnLengths.clear();
        turnLengths.set(k, Math.max(1000, st.clock.deadline - now));
      }
      const face = clockFace(st.clock, now, turnLengths.get(k));
      const clock = span("clock " + face.phase, null, `clock-${s.seat}`);
      clock.textContent = face.phase === "turn" ? `${face.seconds}s` : t("bank", { s: face.seconds });
      if (face.phase === "turn" && st.clock.bankMillis > 0) clock.textContent += ` · ${t("bank", { s: Math.round(st.clock.bankMillis / 1000) })}`;
      info.appendChild(clock);
      if (ring) {
        ring.style.strokeDashoffset = String(RING_LEN * (1 - face.fraction));
        ring.classList.toggle("low", face.seconds <= 5);
        ring.classList.toggle("bank", face.phase === "bank");
      }
    } else if (ring) ring.style.strokeDashoffset = String(RING_LEN);
    text.appendChild(info);
  }
  for (const child of [...box.children]) if (!wanted.has(child.dataset.seat)) child.remove();
}

/** A speech bubble over the seat whose player said `text`; it fades after a few seconds (the chat log keeps it). */
export function showBubble(box, seat, text) {
  const div = box.querySelector(`:scope > [data-seat="${seat}"]`);
  if (!div) return false;
  for (const old of div.querySelectorAll(".bubble")) old.remove();
  const b = span("bubble", text, `bubble-${seat}`);
  b.setAttribute("role", "status");
  div.appendChild(b);
  setTimeout(() => b.remove(), 4500);
  return true;
}
