// Pure decisions of the table view (what the turn line says, which buttons make sense, what the result says), kept
// apart from the DOM so Node's test runner can check them. `st` is a table as main.js keeps it: the last snapshot's
// state patched by events.

/**
 * Whose turn the line shows. `yours` only when this seat may act itself: while 托管 plays for the seat it is
 * `trustee`, never "your turn" (a click would race the server's move for it).
 * @returns {{kind: "yours" | "trustee" | "theirs" | "filling" | "finished", seat: number}}
 */
export function turnState(st) {
  const v = st.match;
  if (st.phase === "playing" && v && v.toAct != null && v.toAct >= 0) {
    if (v.toAct !== st.yourSeat) return { kind: "theirs", seat: v.toAct };
    const me = st.seats[st.yourSeat];
    return { kind: me && me.trustee ? "trustee" : "yours", seat: v.toAct };
  }
  return { kind: st.phase === "filling" ? "filling" : "finished", seat: -1 };
}

/** True when the own seat may click a move: its turn, not under 托管. */
export function canMove(st) {
  return turnState(st).kind === "yours";
}

/**
 * The take-control button makes sense only for a seated player whose seat is under 托管 in a running match, while
 * connected (a command could not reach the table otherwise).
 */
export function showTakeControl(st, connected) {
  const me = st.yourSeat >= 0 ? st.seats[st.yourSeat] : null;
  return !!(connected && me && me.trustee && st.phase === "playing");
}

/** A seat's 托管 badge: only while its match runs (the server does not switch it off when a match ends). */
export function showTrusteeBadge(st, seat) {
  return st.phase === "playing" && !!seat.trustee;
}

/** Rematch stays offered after the result dialog is closed: seated, match over, not asked yet. */
export function showRematch(st) {
  const me = st.yourSeat >= 0 ? st.seats[st.yourSeat] : null;
  return !!(me && me.playerId && st.phase === "finished" && st.lastResult && !me.rematch);
}

/** Leaving a running match resigns it: the client asks first. */
export function leaveNeedsConfirmation(st) {
  return !!st && st.yourSeat >= 0 && st.phase === "playing";
}

/**
 * The result for this page: `head` is `won`, `lost` or `drawn` for a seated player (null for a spectator with a
 * winner), `winners` the winning seats (empty for a draw).
 * @returns {{head: "won" | "lost" | "drawn" | null, winners: number[]}}
 */
export function resultSummary(st) {
  const r = st.lastResult || {};
  const winners = r.winners || [];
  if (winners.length === 0) return { head: "drawn", winners };
  if (st.yourSeat < 0) return { head: null, winners };
  return { head: winners.includes(st.yourSeat) ? "won" : "lost", winners };
}

/** The table after a `result` event: no clock, no pending offers, no 托管 left on any seat. */
export function applyResult(st, data) {
  st.phase = "finished";
  st.clock = null;
  st.lastResult = data;
  st.drawOfferedBy = -1;
  st.undoRequestedBy = -1;
  for (const s of st.seats) if (s) s.trustee = false;
  if (st.match) st.match = { ...st.match, toAct: -1 };
  return st;
}

/**
 * Offline badge text parameters for a seat, or null when it is online: seconds left of the grace window when the
 * server gave a deadline, otherwise just "offline" (a seat shown offline because it went silent).
 */
export function offlineBadge(seat, now) {
  if (!seat.playerId || seat.online !== false) return null;
  if (!seat.offlineDeadline) return { seconds: null, reason: seat.offlineReason || "closed" };
  return { seconds: Math.max(0, Math.ceil((seat.offlineDeadline - now) / 1000)), reason: seat.offlineReason || "closed" };
}
