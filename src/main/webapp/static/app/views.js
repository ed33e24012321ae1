// Which section is on screen. The table being played stays in the background while the player reads "my games", a
// replay or the rankings: its snapshots and events update it there, and a bar (and the Lobby tab) leads back to it.
import { $, ui, current } from "./state.js";
import { renderLobby } from "./lobby.js";
import { render } from "./table.js";
import { hideResult } from "./result.js";
import { renderChat } from "./chat.js";

const VIEWS = ["lobby", "table-view", "history-view", "replay-view", "leaderboard-view"];
const NAV = [["nav-lobby", ["lobby", "table-view"]], ["nav-history", ["history-view", "replay-view"]], ["nav-leaderboard", ["leaderboard-view"]]];

export function showOnly(id) {
  ui.view = id;
  for (const v of VIEWS) $(v).hidden = v !== id;
  for (const [nav, views] of NAV) $(nav).classList.toggle("on", views.includes(id));
  renderBackBar();
}

/** True while "my games", a replay or the rankings is shown. */
export function onRecords() {
  return ui.view !== "lobby" && ui.view !== "table-view";
}

export function renderBackBar() {
  $("back-bar").hidden = !(onRecords() && current());
}

/** Makes `id` the table the player is at, shown or not; a different table starts with a clean chat and selection. */
export function adoptTable(id) {
  if (ui.current !== id) {
    ui.chat = [];
    ui.selected = null;
    ui.cursor = null;
    ui.picked.clear();
    renderChat();
  }
  ui.current = id;
  renderBackBar();
}

export function showLobby() {
  ui.current = null;
  showOnly("lobby");
  hideResult();
  renderLobby();
}

export function showTable(id) {
  adoptTable(id);
  $("matching").hidden = true;
  showOnly("table-view");
  render();
}

/** The Lobby tab and the back bar: to the table being played, if any, else the lobby. */
export function backToPlay() {
  if (ui.current && ui.tables.has(ui.current)) showTable(ui.current);
  else showLobby();
}
