// Generated avatars: a face drawn from the player id alone (no uploads, nothing fetched), so the same player looks
// the same on every page and every device. The pure parts (hash, palette, features) are tested under Node.
const SVG = "http://www.w3.org/2000/svg";

/** A 32-bit FNV-1a hash of a string: stable across browsers and Node. */
export function hashId(id) {
  let h = 0x811c9dc5;
  for (const ch of String(id || "")) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The avatar's look for a player id: background and face colours (HSL strings), and which hair, eyes and mouth.
 * Background lightness stays at 38% so white initials on it keep AA contrast.
 */
export function avatarLook(id) {
  const h = hashId(id);
  const hue = h % 360;
  return {
    background: `hsl(${hue} 55% 38%)`,
    accent: `hsl(${(hue + 150) % 360} 70% 62%)`,
    skin: ["#f5d0a9", "#e9b98d", "#c98e5b", "#8d5a3b"][(h >>> 9) % 4],
    hair: (h >>> 11) % 4,
    eyes: (h >>> 13) % 3,
    mouth: (h >>> 15) % 3,
  };
}

/** Fraction (1 = full) of the turn clock still left, for the ring: `total` is what the turn started with. */
export function ringFraction(leftMs, totalMs) {
  if (!(totalMs > 0)) return 0;
  return Math.max(0, Math.min(1, leftMs / totalMs));
}

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

/** Radius of the countdown ring; its length is what the stroke-dasharray counts in. */
export const RING_R = 46;
export const RING_LEN = 2 * Math.PI * RING_R;

/**
 * An avatar as an SVG element (viewBox 100x100): the face, and a countdown ring around it (class `ring`, hidden
 * until the seat acts). A bot gets an antenna, an empty seat a grey outline.
 */
export function avatarSvg(id, { bot = false } = {}) {
  const svg = el("svg", { viewBox: "0 0 100 100", class: "avatar-svg", "aria-hidden": "true", focusable: "false" });
  if (!id && !bot) {
    el("circle", { cx: 50, cy: 50, r: 40, class: "avatar-empty" }, svg);
    return svg;
  }
  const look = avatarLook(id || "bot");
  el("circle", { cx: 50, cy: 50, r: 40, fill: look.background }, svg);
  if (bot) {
    el("line", { x1: 50, y1: 14, x2: 50, y2: 26, stroke: look.accent, "stroke-width": 4 }, svg);
    el("circle", { cx: 50, cy: 13, r: 5, fill: look.accent }, svg);
    el("rect", { x: 28, y: 28, width: 44, height: 44, rx: 10, fill: "#cfd8dc" }, svg);
    el("rect", { x: 35, y: 42, width: 10, height: 8, rx: 2, fill: "#263238" }, svg);
    el("rect", { x: 55, y: 42, width: 10, height: 8, rx: 2, fill: "#263238" }, svg);
    el("rect", { x: 38, y: 58, width: 24, height: 5, rx: 2, fill: "#263238" }, svg);
  } else {
    el("circle", { cx: 50, cy: 54, r: 24, fill: look.skin }, svg);
    const hair = [
      "M26 50 Q28 24 50 24 Q72 24 74 50 Q62 36 50 36 Q38 36 26 50Z",
      "M26 48 Q26 22 50 22 Q74 22 74 48 L66 40 L58 46 L50 38 L42 46 L34 40Z",
      "M28 44 Q34 26 50 26 Q66 26 72 44 Q60 32 28 44Z",
      "M24 56 Q22 22 50 22 Q78 22 76 56 L70 56 Q70 36 50 36 Q30 36 30 56Z",
    ][look.hair];
    el("path", { d: hair, fill: "#2b1d14" }, svg);
    const eyeY = 54;
    if (look.eyes === 0) {
      el("circle", { cx: 41, cy: eyeY, r: 3, fill: "#1b1b1b" }, svg);
      el("circle", { cx: 59, cy: eyeY, r: 3, fill: "#1b1b1b" }, svg);
    } else if (look.eyes === 1) {
      el("path", { d: `M37 ${eyeY} Q41 ${eyeY - 4} 45 ${eyeY}M55 ${eyeY} Q59 ${eyeY - 4} 63 ${eyeY}`, stroke: "#1b1b1b", "stroke-width": 2.5, fill: "none" }, svg);
    } else {
      el("ellipse", { cx: 41, cy: eyeY, rx: 2.5, ry: 4, fill: "#1b1b1b" }, svg);
      el("ellipse", { cx: 59, cy: eyeY, rx: 2.5, ry: 4, fill: "#1b1b1b" }, svg);
    }
    const mouth = ["M42 66 Q50 72 58 66", "M44 67 L56 67", "M43 65 Q50 74 57 65 Z"][look.mouth];
    el("path", { d: mouth, stroke: "#7a2e2e", "stroke-width": 2.5, fill: look.mouth === 2 ? "#7a2e2e" : "none", "stroke-linecap": "round" }, svg);
  }
  el("circle", { cx: 50, cy: 50, r: RING_R, class: "ring-track" }, svg);
  el("circle", { cx: 50, cy: 50, r: RING_R, class: "ring", "stroke-dasharray": `${RING_LEN} ${RING_LEN}`, transform: "rotate(-90 50 50)" }, svg);
  return svg;
}
