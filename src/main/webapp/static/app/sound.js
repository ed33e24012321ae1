// Sounds synthesised with the Web Audio API (no files): short envelopes of oscillators and filtered noise. The mute
// switch is remembered per device; the audio context starts on the first user gesture (browsers require one).
const KEY = "gamehall.muted";
let ctx = null;

export function muted() {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch (e) {
    return false;
  }
}

export function setMuted(on) {
  try {
    localStorage.setItem(KEY, on ? "1" : "0");
  } catch (e) {
    // storage disabled: the switch lasts for this page only
  }
}

/** Each sound as a list of notes: [start s, frequency Hz (0 = noise), duration s, gain, wave]. */
export const SOUNDS = {
  stone: [[0, 0, 0.05, 0.5, "noise"], [0, 180, 0.08, 0.35, "sine"]],
  piece: [[0, 0, 0.04, 0.4, "noise"], [0, 320, 0.1, 0.3, "triangle"]],
  card: [[0, 0, 0.06, 0.25, "noise"]],
  bomb: [[0, 0, 0.6, 0.7, "noise"], [0, 70, 0.6, 0.6, "sawtooth"], [0.05, 45, 0.7, 0.5, "sine"]],
  win: [[0, 523, 0.15, 0.3, "triangle"], [0.15, 659, 0.15, 0.3, "triangle"], [0.3, 784, 0.15, 0.3, "triangle"], [0.45, 1047, 0.35, 0.3, "triangle"]],
  lose: [[0, 392, 0.2, 0.3, "triangle"], [0.2, 330, 0.2, 0.3, "triangle"], [0.4, 262, 0.45, 0.3, "triangle"]],
  turn: [[0, 880, 0.09, 0.2, "sine"], [0.11, 1175, 0.12, 0.2, "sine"]],
};

function context() {
  if (ctx) return ctx;
  const AC = globalThis.AudioContext || globalThis.webkitAudioContext;
  if (!AC) return null;
  ctx = new AC();
  return ctx;
}

/** Resumes audio after a user gesture (autoplay policies keep a context suspended until then). */
export function unlock() {
  const c = context();
  if (c && c.state === "suspended") c.resume().catch(() => {});
}

export function play(name) {
  if (muted()) return;
  const c = context();
  const notes = SOUNDS[name];
  if (!c || !notes || c.state !== "running") return;
  const t0 = c.currentTime + 0.01;
  for (const [at, freq, dur, gain, wave] of notes) {
    const g = c.createGain();
    g.gain.setValueAtTime(0.0001, t0 + at);
    g.gain.exponentialRampToValueAtTime(gain, t0 + at + 0.008);
    g.gain.exponentialRampToValueAtTime(0.0001, t0 + at + dur);
    g.connect(c.destination);
    let src;
    if (wave === "noise") {
      const buf = c.createBuffer(1, Math.max(1, Math.floor(c.sampleRate * dur)), c.sampleRate);
      const data = buf.getChannelData(0);
      for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
      src = c.createBufferSource();
      src.buffer = buf;
      const f = c.createBiquadFilter();
      f.type = "bandpass";
      f.frequency.value = name === "bomb" ? 200 : 2400;
      src.connect(f);
      f.connect(g);
    } else {
      src = c.createOscillator();
      src.type = wave;
      src.frequency.value = freq;
      src.connect(g);
    }
    src.start(t0 + at);
    src.stop(t0 + at + dur + 0.02);
  }
}

/** The mute switch's icon: a speaker with sound waves, or crossed out (drawn, so no emoji font is needed). */
export function speakerIcon(on) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "22");
  svg.setAttribute("aria-hidden", "true");
  const path = (d, fill) => {
    const p = document.createElementNS(NS, "path");
    p.setAttribute("d", d);
    p.setAttribute("fill", fill ? "currentColor" : "none");
    p.setAttribute("stroke", "currentColor");
    p.setAttribute("stroke-width", "2");
    p.setAttribute("stroke-linecap", "round");
    svg.appendChild(p);
  };
  path("M3 9h4l5-4v14l-5-4H3z", true);
  if (on) {
    path("M16 8.5a5 5 0 0 1 0 7");
    path("M18.5 6a8.5 8.5 0 0 1 0 12");
  } else {
    path("M16 9l6 6M22 9l-6 6");
  }
  return svg;
}
