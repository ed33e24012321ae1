// The H5 client's entry: wires the parts (connection banner, lobby, table traffic, board input, chat, records,
// sound, language) to the page and connects. State per table is the last snapshot, patched by events in sequence
// order (events.js); the table view draws from it (table.js).
import { t, language, setLanguage } from "./i18n.js";
import * as sound from "./sound.js";
import { initRecords } from "./replay.js";
import { avatarSvg } from "./avatar.js";
import { $, ui, hall, toast } from "./state.js";
import { initBanner } from "./banner.js";
import { initLobby, renderLobby } from "./lobby.js";
import { initTableEvents } from "./events.js";
import { render, startSeatClock } from "./table.js";
import { initBoardInput } from "./input.js";
import { initTableButtons, hideResult } from "./result.js";
import { initChat, renderChat, renderPhrases } from "./chat.js";
import { showOnly, showLobby, backToPlay, onRecords } from "./views.js";

// Test hook: browser tests cut and restore the network through this (see ClientBrowserIT).
window.gamehall = { hall, ui };

initBanner(render);

hall.on("welcome", (w) => {
  // A quick-match queue entry ends with the connection that made it.
  $("matching").hidden = true;
  $("me").textContent = w.nickname;
  $("me-avatar").textContent = "";
  $("me-avatar").appendChild(avatarSvg(w.playerId || w.nickname));
  if (!$("nickname").value) $("nickname").value = w.nickname;
  hall.subscribeLobby().catch(() => {});
  if (!ui.current && !onRecords() && (!w.tables || w.tables.length === 0)) showLobby();
});

initLobby();
initTableEvents();
initBoardInput();
initTableButtons();
initChat();
startSeatClock();

const records = initRecords({
  hall,
  show: (id) => {
    hideResult();
    showOnly(id);
  },
  onError: (e) => toast(t("refused", { msg: e.message || e.code })),
});
// The lobby tab and the back bar return to the table being played, if any.
$("nav-lobby").onclick = backToPlay;
$("back-to-table").onclick = backToPlay;

// Sound: the first gesture unlocks audio; the switch is remembered on this device.
document.addEventListener("pointerdown", sound.unlock, { once: false, passive: true });
document.addEventListener("keydown", sound.unlock, { passive: true });
function renderSoundToggle() {
  const on = !sound.muted();
  $("sound-toggle").textContent = "";
  $("sound-toggle").appendChild(sound.speakerIcon(on));
  $("sound-toggle").setAttribute("aria-pressed", String(on));
}
$("sound-toggle").onclick = () => {
  sound.setMuted(!sound.muted());
  renderSoundToggle();
};
renderSoundToggle();

function applyLanguage() {
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  $("lang-toggle").textContent = language() === "zh" ? "EN" : "中文";
  document.title = t("title");
  renderPhrases();
  renderLobby();
  renderChat();
  render();
  records.rerender();
}

$("lang-toggle").onclick = () => {
  setLanguage(language() === "zh" ? "en" : "zh");
  applyLanguage();
};

setLanguage(language());
applyLanguage();
$("nickname").value = localStorage.getItem("gamehall.nickname") || "";
hall.connect();
