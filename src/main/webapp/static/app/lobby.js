// The lobby: the game picker with presence, the ways to play (quick match, practice, private table, join by code),
// the nickname, and the live tables (finished ones are not offered).
import { t } from "./i18n.js";
import { $, ui, hall, button, run, toast, GAMES, GAME_ICONS } from "./state.js";

export function initLobby() {
  hall.on("lobby", (m) => {
    ui.lobby.games = m.games || [];
    ui.lobby.tables = new Map((m.tables || []).map((x) => [x.table, x]));
    renderLobby();
  });
  hall.on("lobby_update", (m) => {
    if (m.kind === "table") ui.lobby.tables.set(m.table.table, m.table);
    else if (m.kind === "table_removed") ui.lobby.tables.delete(m.table);
    else if (m.kind === "presence") {
      const g = ui.lobby.games.find((x) => x.id === m.game);
      if (g) g.presence = m.presence;
    }
    renderLobby();
  });
  hall.on("matching", (m) => {
    $("matching").hidden = !m.queued;
  });
  hall.on("table_created", (m) => {
    ui.code = m.code || null;
  });

  $("quick-match").onclick = () => run(hall.quickMatch(ui.game));
  $("cancel-match").onclick = () => run(hall.cancelMatch()).then(() => ($("matching").hidden = true));
  // Table options: Gomoku's rule variant (Renju shows black's forbidden points). Quick match plays the defaults.
  const tableOptions = () => (ui.game === "gomoku" ? { variant: $("gomoku-variant").value } : undefined);
  $("practice").onclick = () => run(hall.createTable(ui.game, { practice: true, options: tableOptions() }));
  $("create-private").onclick = () => run(hall.createTable(ui.game, { privateTable: true, options: tableOptions() }));
  $("join-code-btn").onclick = () => {
    const code = $("join-code").value.trim();
    if (/^\d{6}$/.test(code)) run(hall.joinTable({ code }));
    else toast(t("joinCode"));
  };
  $("nickname-save").onclick = () => {
    const name = $("nickname").value.trim();
    if (!name) return;
    // A nickname is part of the guest identity: a new guest with that name, unless seated somewhere.
    localStorage.setItem("gamehall.nickname", name);
    if (ui.tables.size === 0) {
      sessionStorage.removeItem("gamehall.token");
      location.reload();
    }
  };
}

export function renderLobby() {
  const picker = $("game-picker");
  picker.textContent = "";
  for (const g of GAMES) {
    const info = ui.lobby.games.find((x) => x.id === g);
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "game" + (ui.game === g ? " on" : "");
    btn.setAttribute("data-testid", "game-" + g);
    btn.setAttribute("aria-pressed", String(ui.game === g));
    btn.innerHTML = `<span class="icon"></span><span class="name"></span><small></small>`;
    btn.querySelector(".icon").textContent = GAME_ICONS[g];
    btn.querySelector(".name").textContent = t(g);
    if (info && info.presence) {
      // Two unbreakable parts, so a narrow tile wraps between them, never inside a word.
      const small = btn.querySelector("small");
      for (const text of [`${info.presence.playing} ${t("players")}`, `${info.presence.waiting} ${t("waiting")}`]) {
        const part = document.createElement("span");
        part.textContent = text;
        small.appendChild(part);
      }
    }
    btn.onclick = () => {
      ui.game = g;
      localStorage.setItem("gamehall.game", g);
      renderLobby();
    };
    picker.appendChild(btn);
  }
  $("variant-row").hidden = ui.game !== "gomoku";
  const list = $("table-list");
  list.textContent = "";
  // A finished table has nothing left to watch or join (its players may only ask for a rematch).
  const rows = [...ui.lobby.tables.values()].filter((x) => x.state !== "finished");
  if (rows.length === 0) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = t("noTables");
    list.appendChild(li);
  }
  for (const x of rows) {
    const li = document.createElement("li");
    li.setAttribute("data-testid", "table-" + x.table);
    li.dataset.game = x.game;
    li.dataset.state = x.state;
    const icon = document.createElement("span");
    icon.className = "tbl-icon " + x.game;
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = GAME_ICONS[x.game] || "";
    li.appendChild(icon);
    const label = document.createElement("span");
    label.textContent = `${t(x.game)} · ${x.seatsTaken}/${x.seats} · ${t("state_" + x.state)}${x.spectators ? " · " + t("watch") + " " + x.spectators : ""}`;
    li.appendChild(label);
    if (x.state === "filling" && x.seatsTaken < x.seats) {
      li.appendChild(button(t("join"), "join-" + x.table, () => run(hall.joinTable({ table: x.table }))));
    }
    if (x.spectatable) {
      li.appendChild(button(t("watch"), "spectate-" + x.table, () => run(hall.spectate(x.table))));
    }
    list.appendChild(li);
  }
}
