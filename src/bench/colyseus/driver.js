'use strict';
// Drives one server with Gomoku players through that server's own client protocol: GameHall with `ws` speaking
// docs/protocol.md, Colyseus with its own SDK (@colyseus/sdk). Both players of a table live in this process, so
// move to opponent is timed on one clock: the mover stamps the point when it sends, the opponent's copy of the move
// stops the watch. Neither server is favoured: same players, same moves, same pacing, same trust store
// (NODE_EXTRA_CA_CERTS), and the harness pins each server to the same core.
//
//   node driver.js --target gamehall|colyseus --url URL --pid SERVER_PID --out RESULT.json
//       [--steps 20,40] [--warmup 3] [--seconds 10] [--period-ms 1000]
//       [--saturation-period-ms 100] [--saturation-seconds 10] [--idle 50]
//       [--jcmd PATH (GameHall heap)] [--memory-file PATH (Colyseus heap, see server.js)]
//
// Phases: (1) held: for each step, players are added up to that many, warmed up, then measured at one move per
// period each; the largest step whose p99 is within 50 ms is "players held". (2) saturation: the same players at one
// move per saturation period each, far more than one core carries; moves/s carried and CPU µs per move from
// /proc/PID/stat. (3) idle: all players leave, then --idle connections open and do nothing; heap after GC and RSS
// per connection.
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const WebSocket = require('ws');
const { Client } = require('@colyseus/sdk');

const COLUMNS = 'ABCDEFGHIJKLMNO';
const SIZE = 15;
const LATENCY_TARGET_MS = 50;

function options(argv) {
  const o = {
    steps: '20,40', warmup: 3, seconds: 10, 'period-ms': 1000, 'saturation-period-ms': 100,
    'saturation-seconds': 10, idle: 50,
  };
  for (let i = 0; i < argv.length; i += 2) {
    o[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const k of ['target', 'url', 'pid', 'out']) {
    if (!o[k]) {
      throw new Error(`--${k} is required`);
    }
  }
  return o;
}

const opts = options(process.argv.slice(2));
const counters = new Map();
const problems = new Map();
const stamps = new Map();
let latencies = [];
let movePeriod = Number(opts['period-ms']);

function count(name, n = 1) {
  counters.set(name, (counters.get(name) || 0) + n);
}
function problem(name) {
  problems.set(name, (problems.get(name) || 0) + 1);
}
/**
 * A refusal that says the turn had moved on (a turn clock ran out, a match restarted) while our move
 * was in flight is a race a real client meets too: counted, not a problem. Anything else is.
 */
function refused(code) {
  if (code === 'not_your_turn' || code === 'stale' || code === 'game_over') {
    count(`refusals racing a turn change: ${code}`);
  } else {
    problem(`refused: ${code}`);
  }
}
function sent(table, point) {
  stamps.set(`${table}|${point}`, process.hrtime.bigint());
  count('moves sent');
}
function received(table, point) {
  count('opponent moves received');
  const at = stamps.get(`${table}|${point}`);
  if (at !== undefined) {
    stamps.delete(`${table}|${point}`);
    latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
  }
}

/** Rules-free player state shared by both protocols: whose turn, which points are taken, when to move next. */
class Seat {
  constructor() {
    this.mySeat = -1;
    this.toAct = -1;
    this.live = false;
    this.board = new Set();
    this.timer = null;
    this.lastMoveAt = 0;
    this.closed = false;
  }

  begin(mySeat, toAct) {
    this.mySeat = mySeat;
    this.toAct = toAct;
    this.board.clear();
    this.live = true;
    // Spread the players' moves over the period instead of all at once.
    this.lastMoveAt = Date.now() - Math.random() * movePeriod;
    this.maybeMove();
  }

  played(seat, point, table) {
    this.board.add(point);
    this.toAct = 1 - seat;
    if (seat !== this.mySeat) {
      received(table, point);
    }
    this.maybeMove();
  }

  maybeMove() {
    if (!this.live || this.closed || this.toAct !== this.mySeat || this.timer) {
      return;
    }
    const due = Math.max(0, this.lastMoveAt + movePeriod - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.live || this.closed || this.toAct !== this.mySeat || this.board.size >= SIZE * SIZE) {
        return;
      }
      let x;
      let y;
      do {
        x = Math.floor(Math.random() * SIZE);
        y = Math.floor(Math.random() * SIZE);
      } while (this.board.has(`${x},${y}`));
      this.lastMoveAt = Date.now();
      // Our turn is over until the server says otherwise; a second timer for the same turn never starts.
      this.toAct = -1;
      this.send(x, y);
    }, due);
  }

  stop() {
    this.closed = true;
    this.live = false;
    clearTimeout(this.timer);
  }
}

/** A GameHall player over `ws`: hello, quick_match gomoku, act on its turn, rematch after each result. */
class GameHallPlayer extends Seat {
  connect() {
    return new Promise((resolve, reject) => {
      this.matched = resolve;
      this.ids = 0;
      this.ws = new WebSocket(opts.url);
      this.ws.on('open', () => this.json({ type: 'hello', id: 'h', protocol: 1, nickname: 'bench' }));
      this.ws.on('message', (data) => this.message(JSON.parse(data.toString())));
      this.ws.on('error', (e) => {
        problem(`socket error: ${e.code || e.message}`);
        reject(e);
      });
      this.ws.on('close', (code) => {
        if (!this.closed) {
          problem(`closed by the server: ${code}`);
        }
      });
    });
  }

  json(m) {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(m));
    }
  }

  message(m) {
    switch (m.type) {
      case 'welcome':
        this.playerId = m.playerId;
        this.welcomed = true;
        if (!this.idle) {
          this.json({ type: 'quick_match', id: 'q', game: 'gomoku' });
        } else {
          this.matched();
        }
        break;
      case 'matching':
        if (m.table) {
          this.table = m.table;
        }
        break;
      case 'snapshot': {
        const state = m.state || {};
        this.mySeat = state.yourSeat;
        if (state.phase === 'playing') {
          this.begin(state.yourSeat, state.clock ? state.clock.seat : -1);
        }
        this.matched();
        break;
      }
      case 'event':
        this.event(m.kind, m.data || {});
        break;
      case 'refused':
        refused(m.code);
        break;
      case 'error':
        problem(`error: ${m.code}`);
        break;
      default:
        break;
    }
  }

  event(kind, data) {
    switch (kind) {
      case 'started':
        const first = data.view && Number.isInteger(data.view.toAct) ? data.view.toAct : 0;
        this.begin(data.players.indexOf(this.playerId), first);
        count('matches started');
        break;
      case 'clock':
        this.toAct = data.seat;
        this.maybeMove();
        break;
      case 'move': {
        const point = data.move;
        const x = COLUMNS.indexOf(point[0]);
        const y = Number(point.slice(1)) - 1;
        this.played(data.seat, `${x},${y}`, this.table);
        // A move event that carries the clock (one message per move) says whose turn it is directly.
        if (data.clock && Number.isInteger(data.clock.seat)) {
          this.toAct = data.clock.seat;
          this.maybeMove();
        }
        break;
      }
      case 'result':
        this.live = false;
        this.json({ type: 'rematch', id: `r${++this.ids}`, table: this.table });
        break;
      default:
        break;
    }
  }

  send(x, y) {
    const point = COLUMNS[x] + (y + 1);
    sent(this.table, `${x},${y}`);
    this.json({ type: 'act', id: `m${++this.ids}`, table: this.table, move: point });
  }

  close() {
    this.stop();
    this.ws.close(1000, 'bench over');
  }
}

/** A Colyseus player through Colyseus's own SDK: joinOrCreate the gomoku room, send moves, read broadcasts. */
class ColyseusPlayer extends Seat {
  async connect() {
    this.client = new Client(opts.url);
    if (this.idle) {
      this.room = await this.client.joinOrCreate('idle');
      return;
    }
    this.room = await this.client.joinOrCreate('gomoku');
    this.table = this.room.roomId;
    this.room.onMessage('started', (m) => {
      this.begin(m.players.indexOf(this.room.sessionId), m.toAct);
      count('matches started');
    });
    this.room.onMessage('move', (m) => {
      this.played(m.seat, `${m.x},${m.y}`, this.table);
      this.toAct = m.clock.seat;
      this.maybeMove();
    });
    this.room.onMessage('result', () => {
      this.live = false;
    });
    this.room.onMessage('refused', (m) => refused(m.code));
    this.room.onLeave(() => {
      if (!this.closed) {
        problem('left by the server');
      }
    });
  }

  send(x, y) {
    sent(this.table, `${x},${y}`);
    this.room.send('move', { x, y });
  }

  close() {
    this.stop();
    // A player whose join failed (counted as a problem already) has no room to leave.
    return this.room ? this.room.leave(true).catch(() => {}) : Promise.resolve();
  }
}

const Player = opts.target === 'gamehall' ? GameHallPlayer : ColyseusPlayer;

/** Server CPU (user + system) so far, in seconds, from /proc (clock ticks of 1/100 s). */
function cpuSeconds() {
  const stat = fs.readFileSync(`/proc/${opts.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssBytes() {
  const line = fs.readFileSync(`/proc/${opts.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.replace(/[^0-9]/g, '')) * 1024;
}

/** Heap in use right after a full collection: jcmd for the JVM, the server's SIGWINCH probe for Node. */
async function heapAfterGc() {
  if (opts.jcmd) {
    execFileSync(opts.jcmd, [String(opts.pid), 'GC.run']);
    const info = execFileSync(opts.jcmd, [String(opts.pid), 'GC.heap_info']).toString();
    const used = /used (\d+)K/.exec(info);
    return used ? Number(used[1]) * 1024 : NaN;
  }
  if (opts['memory-file']) {
    const before = Date.now();
    process.kill(Number(opts.pid), 'SIGWINCH');
    for (let i = 0; i < 100; i++) {
      await pause(100);
      try {
        const m = JSON.parse(fs.readFileSync(opts['memory-file'], 'utf8'));
        if (m.at >= before) {
          return m.heapUsed;
        }
      } catch (e) {
        // not written yet
      }
    }
  }
  return NaN;
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Opens players 32 at a time (a herd of handshakes, not a stampede) and waits until each is seated. */
async function add(players, n, idle) {
  const fresh = [];
  for (let i = 0; i < n; i += 32) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 32); j++) {
      const p = new Player();
      p.idle = idle;
      fresh.push(p);
      batch.push(p.connect().catch((e) => problem(`connect failed: ${e.code || e.message}`)));
    }
    await Promise.all(batch);
  }
  players.push(...fresh);
}

/** A measured window: latencies restart, CPU and counters are deltas. */
async function window(seconds) {
  latencies = [];
  const cpu0 = cpuSeconds();
  const moves0 = counters.get('opponent moves received') || 0;
  const t0 = Date.now();
  await pause(seconds * 1000);
  const wall = (Date.now() - t0) / 1000;
  const moves = (counters.get('opponent moves received') || 0) - moves0;
  const cpu = cpuSeconds() - cpu0;
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    seconds: wall,
    movesPerSecond: moves / wall,
    cpuPercent: (cpu / wall) * 100,
    cpuMicrosPerMove: moves ? (cpu * 1e6) / moves : NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    samples: sorted.length,
  };
}

async function main() {
  const result = { target: opts.target, url: opts.url, steps: [], problems: {}, counters: {} };
  const players = [];
  let held = 0;
  for (const step of String(opts.steps).split(',').map(Number)) {
    movePeriod = Number(opts['period-ms']);
    await add(players, step - players.length, false);
    await pause(Number(opts.warmup) * 1000);
    const w = await window(Number(opts.seconds));
    result.steps.push({ players: step, ...w });
    console.log(`${opts.target} ${step} players: ${JSON.stringify(w)}`);
    if (w.p99 <= LATENCY_TARGET_MS && w.samples > 0) {
      held = step;
    } else {
      break;
    }
  }
  result.playersHeld = held;

  movePeriod = Number(opts['saturation-period-ms']);
  players.forEach((p) => p.maybeMove());
  await pause(Number(opts.warmup) * 1000);
  const saturated = await window(Number(opts['saturation-seconds']));
  result.saturation = { players: players.length, periodMillis: movePeriod, ...saturated };
  console.log(`${opts.target} saturation: ${JSON.stringify(result.saturation)}`);

  await Promise.all(players.map((p) => p.close()));
  players.length = 0;
  await pause(2000);
  const idleCount = Number(opts.idle);
  if (idleCount > 0) {
    const heap0 = await heapAfterGc();
    const rss0 = rssBytes();
    const idle = [];
    await add(idle, idleCount, true);
    await pause(2000);
    const heap1 = await heapAfterGc();
    const rss1 = rssBytes();
    result.idle = {
      connections: idle.length,
      heapBytesPerConnection: (heap1 - heap0) / idle.length,
      rssBytesPerConnection: (rss1 - rss0) / idle.length,
      heapBefore: heap0,
      heapAfter: heap1,
      rssBefore: rss0,
      rssAfter: rss1,
    };
    console.log(`${opts.target} idle: ${JSON.stringify(result.idle)}`);
    await Promise.all(idle.map((p) => p.close()));
  }
  result.problems = Object.fromEntries(problems);
  result.counters = Object.fromEntries(counters);
  fs.writeFileSync(opts.out, JSON.stringify(result, null, 2));
  await pause(500);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
