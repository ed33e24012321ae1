'use strict';
// The Gomoku relay of docs/performance.md ("Colyseus side by side") as a Colyseus room: two players, moves checked
// for turn and occupancy, each move broadcast to both with the clock in it, a turn clock that ends the match when a
// player lets it run out. Written the way the Colyseus docs write rooms (a Room class, onMessage handlers,
// this.clock for timers, the framework's default patch rate); no Schema state, since a relay has nothing to sync.
//
//   node server.js PORT CERT_PEM KEY_PEM
//
// TLS terminates in Node (https.Server under Colyseus's WebSocket transport), with the bench's certificate.
// Prints "listening PORT" once it accepts connections. With BENCH_MEMORY_FILE set and node started with
// --expose-gc, SIGWINCH collects garbage and writes {"heapUsed","rss","at"} to that file: the driver's heap probe
// (not SIGUSR2, which Colyseus takes as a shutdown request).
const fs = require('node:fs');
const https = require('node:https');
const { Server, Room } = require('@colyseus/core');
const { WebSocketTransport } = require('@colyseus/ws-transport');

const SIZE = 15;
const TURN_MILLIS = Number(process.env.BENCH_TURN_MILLIS || 20000);

class GomokuRoom extends Room {
  onCreate() {
    this.maxClients = 2;
    this.players = [];
    this.board = new Uint8Array(SIZE * SIZE);
    this.first = 0;
    this.toAct = -1;
    this.seq = 0;
    this.turn = null;
    this.onMessage('move', (client, message) => this.move(client, message));
  }

  onJoin(client) {
    this.players.push(client.sessionId);
    if (this.players.length === 2) {
      this.start();
    }
  }

  onLeave(client) {
    const seat = this.players.indexOf(client.sessionId);
    if (this.toAct >= 0 && seat >= 0) {
      this.finish([1 - seat], 'abandonment', false);
    }
    this.players[seat] = null;
  }

  start() {
    this.board.fill(0);
    this.toAct = this.first;
    this.first = 1 - this.first;
    const deadline = this.arm();
    const clock = { seat: this.toAct, deadline };
    this.broadcast('started', { players: this.players, toAct: this.toAct, seq: ++this.seq, clock });
  }

  /** Restarts the turn clock for the seat to act; returns its deadline (epoch ms) for the clients' countdown. */
  arm() {
    if (this.turn) {
      this.turn.clear();
    }
    const seat = this.toAct;
    this.turn = this.clock.setTimeout(() => this.finish([1 - seat], 'timeout', true), TURN_MILLIS);
    return Date.now() + TURN_MILLIS;
  }

  move(client, message) {
    // Untrusted input: shape first, then the rules; a refusal changes nothing.
    const id = message && typeof message.id === 'string' ? message.id.slice(0, 64) : undefined;
    const x = message && message.x;
    const y = message && message.y;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= SIZE || y >= SIZE) {
      client.send('refused', { id, code: 'malformed' });
      return;
    }
    const seat = this.players.indexOf(client.sessionId);
    if (this.toAct < 0) {
      client.send('refused', { id, code: 'not_started' });
      return;
    }
    if (seat !== this.toAct) {
      client.send('refused', { id, code: 'not_your_turn' });
      return;
    }
    const at = y * SIZE + x;
    if (this.board[at] !== 0) {
      client.send('refused', { id, code: 'occupied' });
      return;
    }
    this.board[at] = seat + 1;
    const won = this.five(x, y, seat + 1);
    const full = !won && this.board.every((cell) => cell !== 0);
    this.toAct = 1 - seat;
    const deadline = won || full ? 0 : this.arm();
    // One message per player per move: the mover's acknowledgement is its own copy (re), the clock rides along.
    this.broadcast('move', { seat, x, y, re: id, seq: ++this.seq, clock: { seat: this.toAct, deadline } });
    if (won || full) {
      this.finish(won ? [seat] : [], won ? 'win' : 'draw', true);
    }
  }

  five(x, y, stone) {
    for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
      let count = 1;
      for (const sign of [1, -1]) {
        let cx = x + sign * dx;
        let cy = y + sign * dy;
        while (cx >= 0 && cy >= 0 && cx < SIZE && cy < SIZE && this.board[cy * SIZE + cx] === stone) {
          count++;
          cx += sign * dx;
          cy += sign * dy;
        }
      }
      if (count >= 5) {
        return true;
      }
    }
    return false;
  }

  /** Announces the result; with both players still here the next match starts at once, colours swapped. */
  finish(winners, reason, again) {
    if (this.turn) {
      this.turn.clear();
      this.turn = null;
    }
    this.toAct = -1;
    this.broadcast('result', { winners, reason, seq: ++this.seq });
    if (again && this.players.every((p) => p)) {
      this.start();
    }
  }
}

/** Idle connections for the memory probe: a room that holds many clients and does nothing. */
class IdleRoom extends Room {
  onCreate() {
    this.maxClients = 1000;
  }
}

async function main() {
  const [port, certFile, keyFile] = process.argv.slice(2);
  if (!port || !certFile || !keyFile) {
    console.error('usage: node server.js PORT CERT_PEM KEY_PEM');
    process.exit(2);
  }
  const tls = https.createServer({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) });
  const server = new Server({ transport: new WebSocketTransport({ server: tls }), greet: false });
  server.define('gomoku', GomokuRoom);
  server.define('idle', IdleRoom);
  const memoryFile = process.env.BENCH_MEMORY_FILE;
  if (memoryFile) {
    process.on('SIGWINCH', () => {
      if (global.gc) {
        global.gc();
      }
      const { heapUsed, rss } = process.memoryUsage();
      fs.writeFileSync(memoryFile, JSON.stringify({ heapUsed, rss, at: Date.now() }));
    });
  }
  await server.listen(Number(port), '127.0.0.1');
  console.log(`listening ${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
