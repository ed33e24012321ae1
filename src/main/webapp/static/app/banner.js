// The connection banner: never a silent freeze. Connecting, reconnecting (with a countdown and a way to skip it),
// resumed, or closed with a retry.
import { t } from "./i18n.js";
import { $, hall, button } from "./state.js";

/** Follows the connection's state; `onChange` redraws what depends on a live connection (take control). */
export function initBanner(onChange) {
  let bannerTimer = null;
  hall.on("state", (s) => {
    const b = $("conn-banner");
    clearInterval(bannerTimer);
    b.dataset.state = s.state;
    b.dataset.offline = String(!!s.offline);
    b.hidden = false;
    if (s.state === "connecting") b.textContent = t("connecting");
    else if (s.state === "reconnecting") {
      b.textContent = "";
      const text = document.createElement("span");
      text.setAttribute("data-testid", "conn-text");
      b.appendChild(text);
      // Never only a countdown: the player can skip the wait (a cut the SDK has not noticed yet, a network back).
      b.appendChild(button(t("reconnectNow"), "conn-reconnect-now", () => hall.reconnectNow(), "ghost"));
      const until = Date.now() + (s.inMs || 0);
      const tick = () => {
        const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
        text.textContent = s.offline ? t("noNetwork") : left > 0 ? t("reconnecting", { s: left }) : t("reconnectingNow");
      };
      tick();
      if (s.inMs) bannerTimer = setInterval(tick, 250);
    } else if (s.state === "open") {
      if (s.resumed) {
        b.dataset.state = "resumed";
        b.textContent = t("resumed");
        bannerTimer = setTimeout(() => {
          if (hall.state === "open") b.hidden = true;
        }, 3000);
      } else b.hidden = true;
    } else if (s.state === "closed") {
      b.textContent = s.code === 4001 ? t("replaced") : t("closed", { code: s.code });
      const retry = document.createElement("button");
      retry.textContent = t("retry");
      retry.className = "ghost";
      retry.setAttribute("data-testid", "conn-retry");
      retry.onclick = () => location.reload();
      b.appendChild(retry);
    }
    onChange();
  });
}
