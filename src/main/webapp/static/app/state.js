// What every part of the H5 client shares: the one connection, the per-table state and the small DOM helpers.
// The other modules import these; nothing here touches the page at load time except creating the GameHall.
import { GameHall } from "../sdk/gamehall.js";
import { t } from "./i18n.js";

export const $ = (id) => document.getElementById(id);
export const GAMES = ["gomoku", "xiangqi", "doudizhu"];
export const GAME_ICONS = { gomoku: "●○", xiangqi: "帅", doudizhu: "♠♥" };

export const ui = {
  game: localStorage.getItem("gamehall.game") || "gomoku",
  lobby: { games: [], tables: new Map() },
  tables: new Map(), // id -> snapshot state, patched
  current: null,
  view: "lobby", // the section on screen: a snapshot never pulls the player away from records to the table
  code: null,
  selected: null, // xiangqi: selected square
  cursor: null, // xiangqi: the keyboard's square
  picked: new Set(), // doudizhu: selected card codes
  chat: [],
  resultShownFor: null,
  banner: null,
  confirmDone: null, // settles the open resign/leave question
  preview: null, // gomoku: the point shown before the confirming tap
  dealFor: null, // doudizhu: the deal whose hand is animated in
};

export const hall = new GameHall();

export function button(text, testid, onclick, cls = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.className = cls;
  b.setAttribute("data-testid", testid);
  b.onclick = onclick;
  return b;
}

/** Runs a command; a refusal becomes a toast instead of an unhandled rejection. */
export function run(promise) {
  return promise.catch((e) => toast(t("refused", { msg: e.message || e.code })));
}

let toastTimer = null;
export function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 3500);
}

/** The state of the table being played or watched, shown or in the background. */
export function current() {
  return ui.current ? ui.tables.get(ui.current) : null;
}

export function seatName(st, s) {
  const seat = st.seats[s];
  if (!seat || !seat.playerId) return "—";
  return seat.nickname + (s === st.yourSeat ? ` (${t("you")})` : "");
}

export function seatColour(game, seat) {
  const st = current();
  if (game === "doudizhu" && st && st.match && st.match.landlord != null) {
    return st.match.landlord === seat ? t("landlord") : t("farmer");
  }
  if (game === "gomoku") return seat === 0 ? "●" : "○";
  if (game === "xiangqi") return seat === 0 ? "帅" : "将";
  return "";
}
