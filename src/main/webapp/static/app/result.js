// The table's own buttons (ready, resign, draw, undo, rematch, leave), the confirm question, and the settlement sheet.
import { t } from "./i18n.js";
import { showRematch, leaveNeedsConfirmation, resultSummary } from "./status.js";
import { avatarSvg } from "./avatar.js";
import { $, ui, hall, run, current, seatName, seatColour } from "./state.js";
import { showLobby } from "./views.js";

export function initTableButtons() {
  const cmd = (type, extra) => () => ui.current && run(hall.tableCommand(type, ui.current, extra));
  $("ready-btn").onclick = cmd("ready");
  $("add-bot-btn").onclick = cmd("add_bot");
  $("take-control-btn").onclick = cmd("take_control");
  $("undo-btn").onclick = cmd("request_undo");
  $("draw-btn").onclick = cmd("offer_draw");
  $("resign-btn").onclick = () => {
    const id = ui.current;
    confirmDialog(t("confirmResign"), t("resign")).then((yes) => {
      if (yes && id && ui.current === id) run(hall.tableCommand("resign", id));
    });
  };
  const rematch = () => {
    hideResult();
    cmd("rematch")();
  };
  $("rematch-btn").onclick = rematch;
  $("table-rematch-btn").onclick = rematch;
  $("leave-btn").onclick = () => {
    const id = ui.current;
    if (!leaveNeedsConfirmation(current())) return leaveTable();
    // Leaving a running match resigns it (protocol: leave during a match = resign): say so before doing it.
    confirmDialog(t("confirmLeave"), t("leaveAndResign")).then((yes) => {
      if (yes && ui.current === id) leaveTable();
    });
  };
  $("result-lobby-btn").onclick = () => leaveTable();
  $("result-close-btn").onclick = () => hideResult();
}

/** A question with a confirm and a keep-playing answer; resolves true on confirm. */
function confirmDialog(text, yesLabel) {
  // One question at a time: an older one is answered "no" first.
  if (ui.confirmDone) ui.confirmDone(false);
  const box = $("confirm-dialog");
  $("confirm-text").textContent = text;
  $("confirm-yes").textContent = yesLabel;
  $("confirm-no").textContent = t("keepPlaying");
  box.hidden = false;
  return new Promise((resolve) => {
    const done = (answer) => {
      box.hidden = true;
      ui.confirmDone = null;
      $("confirm-yes").onclick = null;
      $("confirm-no").onclick = null;
      resolve(answer);
    };
    ui.confirmDone = done;
    $("confirm-yes").onclick = () => done(true);
    $("confirm-no").onclick = () => done(false);
    $("confirm-no").focus();
  });
}

function leaveTable() {
  const id = ui.current;
  if (!id) return showLobby();
  ui.tables.delete(id);
  ui.code = null;
  hall.leave(id).catch(() => {});
  showLobby();
}

/** Identifies a result across the event and later snapshots (a new object each time), so a closed dialog stays closed. */
export function resultKey(st) {
  const r = st.lastResult;
  return `${st.table}:${(r.winners || []).join(",")}:${r.reason}:${r.detail}`;
}

export function showResult(st) {
  ui.resultShownFor = resultKey(st);
  const r = st.lastResult;
  const mine = st.yourSeat;
  const { head, winners } = resultSummary(st);
  // Always name the winner (with the colour or role), also to the winner and the loser.
  const names = winners.map((s) => {
    const colour = seatColour(st.game, s);
    return (colour ? colour + " " : "") + seatName(st, s);
  });
  const reason = t("reason_" + r.reason);
  const parts = [head ? t(head) : "", winners.length ? t("winner", { names: names.join(", ") }) : "", reason !== "reason_" + r.reason ? reason : ""];
  $("result-text").textContent = parts.filter(Boolean).join(" ");
  $("result-dialog").dataset.winners = winners.join(",");
  $("result-dialog").dataset.head = head || "watch";
  // The sheet's title says it like a game does (胜利 / 失败 / 平局); a spectator sees "Game over".
  $("result-title").dataset.i18n = { won: "victory", lost: "defeat", drawn: "drawTitle" }[head] || "finished";
  $("result-title").textContent = t($("result-title").dataset.i18n);
  renderPoints(st, winners);
  $("rematch-btn").hidden = mine < 0;
  $("table-rematch-btn").hidden = true;
  $("result-dialog").hidden = false;
}

/** The settlement: every seat with its avatar, role and the points it won or lost this match. */
function renderPoints(st, winners) {
  const list = $("result-points");
  list.textContent = "";
  const points = (st.lastResult && st.lastResult.points) || {};
  for (const s of st.seats) {
    if (!s || !s.playerId && !s.bot) continue;
    const li = document.createElement("li");
    li.className = (winners.includes(s.seat) ? "winner" : "") + (s.seat === st.yourSeat ? " mine" : "");
    li.setAttribute("data-testid", "points-" + s.seat);
    const av = document.createElement("span");
    av.className = "mini-avatar";
    av.appendChild(avatarSvg(s.playerId || "bot-" + s.seat, { bot: !!s.bot }));
    li.appendChild(av);
    const name = document.createElement("span");
    name.className = "who";
    const role = seatColour(st.game, s.seat);
    name.textContent = (role ? role + " " : "") + seatName(st, s.seat);
    li.appendChild(name);
    const p = Number(points[s.seat] ?? points[String(s.seat)] ?? 0);
    const pts = document.createElement("b");
    pts.className = "pts " + (p > 0 ? "up" : p < 0 ? "down" : "");
    pts.textContent = (p > 0 ? "+" : "") + p;
    li.appendChild(pts);
    list.appendChild(li);
  }
}

export function hideResult() {
  $("result-dialog").hidden = true;
  // The sheet's Rematch moves to the table's controls.
  const st = current();
  $("table-rematch-btn").hidden = !(st && showRematch(st));
}
