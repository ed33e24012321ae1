// Table chat: the log (bubbles over the seats are drawn by events.js), quick phrases and free text.
import { t, PHRASES } from "./i18n.js";
import { $, ui, hall, button, run } from "./state.js";

export function renderChat() {
  const log = $("chat-log");
  log.textContent = "";
  for (const c of ui.chat.slice(-30)) {
    const line = document.createElement("div");
    line.className = "line";
    const who = document.createElement("b");
    who.textContent = c.nickname + ": ";
    line.appendChild(who);
    line.appendChild(document.createTextNode(c.phrase ? t("phrase_" + c.phrase) : c.text));
    line.dataset.phrase = c.phrase || "";
    log.appendChild(line);
  }
  log.scrollTop = log.scrollHeight;
}

export function renderPhrases() {
  const box = $("phrases");
  box.textContent = "";
  for (const p of PHRASES) {
    box.appendChild(button(t("phrase_" + p), "phrase-" + p, () => ui.current && run(hall.chat(ui.current, { phrase: p })), "chip"));
  }
}

export function initChat() {
  $("chat-send").onclick = () => {
    const text = $("chat-input").value.trim();
    if (!text || !ui.current) return;
    $("chat-input").value = "";
    run(hall.chat(ui.current, { text }));
  };
  $("chat-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter") $("chat-send").click();
  });
}
