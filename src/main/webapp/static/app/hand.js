// Dou Dizhu: the own hand (from the own view only) as a fan, and the bid or play controls with legal-play feedback.
import { t } from "./i18n.js";
import { sortRanks } from "./boards.js";
import { canMove } from "./status.js";
import { renderFan, kittyCards } from "./cards.js";
import { $, ui, hall, button, run } from "./state.js";

export function renderHand(st) {
  const v = st.match;
  const mine = st.yourSeat;
  const hand = $("hand");
  if (mine < 0 || !v.cards) return;
  hand.hidden = false;
  // The deal animates once per deal; later redraws of the same hand do not replay it.
  const deal = ui.dealFor != null && ui.dealFor !== hand.dataset.dealt;
  hand.dataset.dealt = ui.dealFor || "";
  const kitty = v.landlord === mine && v.kitty ? kittyCards(v.cards, v.kitty) : new Set();
  const controls = $("ddz-controls");
  controls.textContent = "";
  // Until the own view with its legal list has arrived (a snapshot right after the event), show no controls.
  const myTurn = canMove(st) && Array.isArray(v.legal);
  controls.hidden = !myTurn;
  // The controls first: in landscape they sit beside the fan, whose width depends on them.
  if (myTurn) addControls(st, controls);
  renderFan(hand, v.cards, { picked: ui.picked, kitty, deal, onChange: () => updatePlayButton(st) });
  if (myTurn) updatePlayButton(st);
}

function addControls(st, controls) {
  const v = st.match;
  const legal = v.legal;
  if (v.phase === "bidding") {
    for (const a of legal) {
      const label = a === "pass" || a === "bid 0" ? t("noBid") : a.startsWith("bid") ? t("bid", { n: a.split(" ")[1] }) : t(a);
      controls.appendChild(button(label, "ddz-" + a.replace(" ", "-"), () => run(hall.act(st.table, a)), a === "pass" ? "" : "primary"));
    }
    return;
  }
  const legalPlays = legal.filter((a) => a.startsWith("play ")).map((a) => sortRanks(a.slice(5)));
  const play = button(t("play"), "ddz-play", () => {
    const ranks = pickedRanks();
    ui.picked.clear();
    run(hall.act(st.table, "play " + ranks));
  }, "primary");
  controls.appendChild(play);
  const pass = button(t("pass"), "ddz-pass", () => {
    ui.picked.clear();
    run(hall.act(st.table, "pass"));
  });
  pass.disabled = !legal.includes("pass");
  controls.appendChild(pass);
  controls.appendChild(button(t("hint"), "ddz-hint", () => {
    if (legalPlays.length === 0) return;
    const i = (legalPlays.indexOf(pickedRanks()) + 1) % legalPlays.length;
    pickRanks(v.cards, legalPlays[i]);
    renderHand(st);
  }));
}

function pickedRanks() {
  return sortRanks([...ui.picked].map((c) => c[0]).join(""));
}

/** Play is enabled only for a legal selection; a tap on a card changes the selection without redrawing the fan. */
function updatePlayButton(st) {
  const play = $("ddz-controls").querySelector('[data-testid="ddz-play"]');
  if (!play || !st.match || !Array.isArray(st.match.legal)) return;
  const ranks = pickedRanks();
  play.disabled = !ranks || !st.match.legal.includes("play " + ranks) && !st.match.legal.some((a) => a.startsWith("play ") && sortRanks(a.slice(5)) === ranks);
}

function sortCards(cards) {
  const order = "3456789TJQKA2BR";
  return [...cards].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]) || a.localeCompare(b));
}

function pickRanks(cards, ranks) {
  ui.picked.clear();
  const left = [...ranks];
  for (const c of sortCards(cards)) {
    const i = left.indexOf(c[0]);
    if (i >= 0) {
      left.splice(i, 1);
      ui.picked.add(c);
    }
  }
}
