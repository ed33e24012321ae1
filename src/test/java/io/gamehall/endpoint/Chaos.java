package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import io.gamehall.games.Games;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pair of chaos players playing Gomoku games against each other at tables they create, until a
 * deadline, with a well-behaved spectator at each table. On its turn a player may: cut its
 * connection before or right after sending its move (and come back with its token, resume and
 * resend the same command id), send its move twice with one id, send a move based on a stale
 * sequence number, have its opponent send a move out of turn, or have its opponent stop reading for
 * a while. Every finished game is then checked against the pure-Java engine (see {@link #verify}).
 *
 * <p>One thread drives both players of a pair: games are turn-based, so only one of them acts at a
 * time, and every random choice comes from one seeded {@link Random}, which keeps a run replayable
 * from its seed as far as the server's timing allows.
 */
final class Chaos {
  /**
   * Moves after which the player to move resigns, so that a game blocked by 托管 moves still ends.
   */
  private static final int MOVE_BUDGET = 40;

  private static final Duration GAME_LIMIT = Duration.ofSeconds(90);

  private final Tier tier;
  private final Random random;
  private final ChaosPlayer[] players;
  private final Map<String, AtomicLong> actions;
  private final GameRules rules = Games.catalog().find("gomoku").orElseThrow();
  private int games;
  private int commands;

  Chaos(
      Tier tier,
      long seed,
      int pair,
      Map<String, AtomicLong> actions,
      Map<Integer, AtomicLong> closes) {
    this.tier = tier;
    this.random = new Random(seed);
    this.actions = actions;
    // A forwarded address per player (the tiers trust X-Forwarded-For), so reconnect storms stay
    // under the
    // per-address cap and no player's reconnects count against another.
    this.players =
        new ChaosPlayer[] {
          new ChaosPlayer(tier, "Chaos" + pair + "a", "203.0.113." + (2 * pair + 1), closes),
          new ChaosPlayer(tier, "Chaos" + pair + "b", "203.0.113." + (2 * pair + 2), closes)
        };
  }

  int games() {
    return games;
  }

  int reconnects() {
    return players[0].reconnects() + players[1].reconnects();
  }

  /** Plays games until {@code endNanos}; every game is verified as soon as it ends. */
  void run(long endNanos) throws Exception {
    for (ChaosPlayer p : players) {
      p.connect();
    }
    try {
      do {
        playOneGame();
        games++;
      } while (System.nanoTime() < endNanos);
    } finally {
      for (ChaosPlayer p : players) {
        p.closeQuietly();
      }
    }
  }

  private void count(String action) {
    actions.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
  }

  private String nextId(String what) {
    return what + "-" + (++commands);
  }

  private void playOneGame() throws Exception {
    ChaosPlayer host = players[games % 2];
    ChaosPlayer guest = players[1 - games % 2];
    String createId = nextId("create");
    ServerMessage created =
        host.lobbyRequest(
            new ClientMessage.CreateTable(createId, "gomoku", Map.of(), false, false), createId);
    if (created instanceof ServerMessage.Error e
        && e.code() == io.gamehall.protocol.ErrorCode.RATE_LIMITED) {
      // create_table is limited per connection (10 a minute by default): a long run's host takes a
      // fresh one.
      count("create_rate_limited_reconnect");
      host.dropAndReconnect();
      created =
          host.lobbyRequest(
              new ClientMessage.CreateTable(createId + "r", "gomoku", Map.of(), false, false),
              createId + "r");
    }
    assertTrue(
        created instanceof ServerMessage.TableCreated,
        host.nickname() + " could not create: " + created);
    ServerMessage.TableCreated table = (ServerMessage.TableCreated) created;
    for (ChaosPlayer p : players) {
      p.follow(table.table());
    }
    String joinId = nextId("join");
    ServerMessage joined =
        guest.lobbyRequest(new ClientMessage.JoinTable(joinId, table.table(), null), joinId);
    assertTrue(
        joined instanceof ServerMessage.Ack, guest.nickname() + " could not join: " + joined);

    try (TestClient spectator = TestClient.welcomed(tier, "Watcher")) {
      spectator.send(
          new ClientMessage.TableRequest("watch", table.table(), new TableAction.Spectate()));
      spectator.await(
          ServerMessage.Snapshot.class,
          s -> s.table().equals(table.table()),
          "spectator's snapshot");
      for (ChaosPlayer p : players) {
        List<ServerMessage> ready = p.request(nextId("ready"), new TableAction.Ready(), 1, false);
        assertTrue(ready.get(0) instanceof ServerMessage.Ack, p.nickname() + " ready: " + ready);
      }
      Game game = play(table.table());
      for (ChaosPlayer p : players) {
        finalSnapshot(p, game.resultSeq);
      }
      spectator.awaitEvent(table.table(), "result", e -> true);
      verify(game, spectator);
      spectator.send(
          new ClientMessage.TableRequest("unwatch", table.table(), new TableAction.Leave()));
      for (ChaosPlayer p : players) {
        List<ServerMessage> left = p.request(nextId("leave"), new TableAction.Leave(), 1, false);
        assertTrue(left.get(0) instanceof ServerMessage.Ack, p.nickname() + " leave: " + left);
      }
    }
  }

  /**
   * The moves each seat's player got acknowledged, by command id; the rest of the game's record is
   * in the logs.
   */
  private static final class Game {
    final String table;
    final Map<String, String> options;
    final ChaosPlayer[] bySeat = new ChaosPlayer[2];
    final Map<String, String> ackedMoves = new HashMap<>();
    final Map<String, Integer> ackedSeats = new HashMap<>();
    long resultSeq;

    Game(String table, Map<String, String> options) {
      this.table = table;
      this.options = options;
    }
  }

  private Game play(String table) throws Exception {
    long deadline = System.nanoTime() + GAME_LIMIT.toNanos();
    ServerMessage.Event started = null;
    while (started == null) {
      for (ChaosPlayer p : players) {
        p.drain(Duration.ofMillis(20));
      }
      started =
          players[0].first("started") != null
              ? players[0].first("started")
              : players[1].first("started");
      assertTrue(System.nanoTime() < deadline, "the match at " + table + " never started");
    }
    List<?> ids = (List<?>) started.data().get("players");
    @SuppressWarnings("unchecked")
    Map<String, String> options =
        (Map<String, String>) players[0].lastSnapshot().state().getOrDefault("options", Map.of());
    Game game = new Game(table, options);
    for (ChaosPlayer p : players) {
      game.bySeat[ids.indexOf(p.playerId())] = p;
    }
    // Black (seat 0) aims at five in a random row; white scatters stones two apart on another row.
    int blackRow = 1 + random.nextInt(15);
    int whiteRow = 1 + (blackRow + 2 + random.nextInt(11)) % 15;
    int blackStart = random.nextInt(11);
    List<List<String>> scripts =
        List.of(line(blackRow, blackStart, 1, 5), line(whiteRow, random.nextInt(2), 2, 7));

    while (true) {
      assertTrue(
          System.nanoTime() < deadline, "game at " + table + " still running after " + GAME_LIMIT);
      for (ChaosPlayer p : players) {
        p.drain(Duration.ofMillis(5));
      }
      ServerMessage.Event result = resultIn(players);
      if (result != null) {
        game.resultSeq = result.seq();
        break;
      }
      // Decide from what the player to move has seen; if it lags, its move is refused stale and it
      // catches up.
      int seat = replay(game, game.bySeat[0].log()).toAct();
      ChaosPlayer mover = game.bySeat[seat];
      if (mover.frozen()) {
        continue;
      }
      Match seen = replay(game, mover.log());
      if (seen.result().isPresent() || seen.toAct() != seat) {
        mover.drain(Duration.ofMillis(20));
        continue;
      }
      List<String> moves = movesOf(mover.log());
      Set<String> taken = new HashSet<>();
      moves.forEach(m -> taken.add(m.substring(m.indexOf(':') + 1)));
      String move =
          scripts.get(seat).stream()
              .filter(p -> !taken.contains(p))
              .findFirst()
              .orElseGet(() -> seen.defaultAction(seat));
      ChaosPlayer other = game.bySeat[1 - seat];
      if (moves.size() >= MOVE_BUDGET) {
        count("resign_after_budget");
        mover.request(nextId("resign"), new TableAction.Resign(), 1, false);
        continue;
      }
      double roll = random.nextDouble();
      String id = nextId("move");
      List<ServerMessage> answers;
      if (roll < 0.07) {
        count("drop_before_move");
        // Offline for a while (the opponent reads meanwhile): past the 托管 delay (1 s) the table
        // moves for us.
        mover.cut();
        other.drain(Duration.ofMillis(100 + random.nextInt(1500)));
        mover.reconnect();
        continue;
      } else if (roll < 0.14) {
        count("drop_after_send");
        answers = mover.request(id, new TableAction.Act(move, mover.lastSeq()), 1, true);
      } else if (roll < 0.26) {
        count("duplicate_command");
        answers = mover.request(id, new TableAction.Act(move, mover.lastSeq()), 2, false);
        // Applied once: the move's event answers the first, an ack at its seq the second (the
        // event has passed); a refusal is repeated as it was.
        if (answers.get(0) instanceof ServerMessage.Refused) {
          assertEquals(answers.get(0), answers.get(1), "one command id, one answer: " + id);
        } else {
          assertEquals(
              TestClient.appliedSeq(answers.get(0)),
              TestClient.appliedSeq(answers.get(1)),
              "one command id, one answer: " + id + " " + answers);
        }
      } else if (roll < 0.34 && lastMoveSeq(mover.log()) > 1) {
        count("stale_seq");
        List<ServerMessage> stale =
            mover.request(
                nextId("stale"), new TableAction.Act(move, lastMoveSeq(mover.log()) - 1), 1, false);
        // not_your_turn only if a 托管 move (left over from an earlier drop) raced this command.
        assertTrue(
            stale.get(0) instanceof ServerMessage.Refused r
                && Set.of("stale", "not_your_turn").contains(r.code()),
            "a move based on a state before the last move must be refused stale: " + stale);
        continue;
      } else if (roll < 0.42) {
        count("out_of_turn");
        String early =
            scripts.get(1 - seat).stream()
                .filter(p -> !taken.contains(p) && !p.equals(move))
                .findFirst()
                .orElse("O15");
        List<ServerMessage> refused =
            other.request(nextId("early"), new TableAction.Act(early, null), 1, false);
        // Normally refused; only a 托管 move for the mover racing this command could make it the
        // sender's turn.
        if (refused.get(0) instanceof ServerMessage.Refused r) {
          assertTrue(
              Set.of("not_your_turn", "stale").contains(r.code()), "out-of-turn move: " + refused);
        } else {
          count("out_of_turn_accepted_after_trustee");
          record(game, refused.get(0), 1 - seat, early);
        }
        continue;
      } else if (roll < 0.50) {
        count("freeze_reader");
        other.freezeUntil(
            System.nanoTime() + Duration.ofMillis(200 + random.nextInt(1300)).toNanos());
        answers = mover.request(id, new TableAction.Act(move, mover.lastSeq()), 1, false);
      } else {
        answers = mover.request(id, new TableAction.Act(move, mover.lastSeq()), 1, false);
      }
      record(game, answers.get(0), seat, move);
      if (answers.get(0) instanceof ServerMessage.Refused r) {
        // Stale (托管 moved for us while we were away) or game over: both fine, the log decides.
        count("refused_" + r.code());
      } else {
        count("move_acked");
      }
    }
    return game;
  }

  private static void record(Game game, ServerMessage answer, int seat, String move) {
    String applied =
        answer instanceof ServerMessage.Ack ack
            ? ack.re()
            : answer instanceof ServerMessage.Event e ? e.re() : null;
    if (applied != null) {
      game.ackedMoves.put(applied, move);
      game.ackedSeats.put(applied, seat);
    }
  }

  private static ServerMessage.Event resultIn(ChaosPlayer... players) {
    for (ChaosPlayer p : players) {
      ServerMessage.Event result = p.first("result");
      if (result != null) {
        return result;
      }
    }
    return null;
  }

  /**
   * Waits until {@code p} has seen the result, then asks for a fresh snapshot (resume beyond the
   * end).
   */
  private static void finalSnapshot(ChaosPlayer p, long resultSeq) throws Exception {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    p.freezeUntil(0);
    while (p.lastSeq() < resultSeq) {
      p.drain(Duration.ofMillis(50));
      assertTrue(
          System.nanoTime() < deadline, p.nickname() + " never saw the result at seq " + resultSeq);
    }
    p.send(
        new ClientMessage.TableRequest(
            "final",
            p.log().firstEntry().getValue().table(),
            new TableAction.Resume((1L << 53) - 1)));
    ServerMessage.Snapshot before = p.lastSnapshot();
    while (p.lastSnapshot() == before) {
      p.drain(Duration.ofMillis(50));
      assertTrue(
          System.nanoTime() < deadline,
          p.nickname() + " got no snapshot for a resume beyond the end");
    }
  }

  /**
   * The checks at the end of a game: each player's log has no gap from its first snapshot to the
   * result and no number twice with different content (recorded per connection while it ran); both
   * players and the spectator saw the same moves; those moves replay legally through the engine, in
   * turn; every acknowledged move is in the log exactly once, and every other move of a seat was
   * made under 托管; the result is the engine's (or a resignation, timeout or abandonment the engine
   * did not contradict); the final snapshot shows the replayed board.
   */
  private void verify(Game game, TestClient spectator) {
    String where = "game at " + game.table + ": ";
    for (ChaosPlayer p : players) {
      assertEquals(List.of(), p.violations(), where + "sequence violations");
      TreeMap<Long, ServerMessage.Event> log = p.log();
      long first = log.firstKey();
      assertEquals(
          log.lastKey() - first + 1,
          log.size(),
          where + p.nickname() + "'s log has gaps: " + log.keySet());
      assertTrue(
          p.lastSnapshot() != null && first <= p.lastSnapshot().seq() + 1 || first == 1,
          where + p.nickname() + "'s log does not start right after a snapshot");
    }
    List<String> moves = movesOf(game.bySeat[0].log());
    assertEquals(moves, movesOf(game.bySeat[1].log()), where + "the players saw different moves");
    List<String> watched = new ArrayList<>();
    for (ServerMessage.Event e : spectator.events(game.table)) {
      if (e.kind().equals("move")) {
        watched.add(e.data().get("seat") + ":" + e.data().get("move"));
      }
    }
    assertEquals(moves, watched, where + "the spectator saw different moves");
    assertEquals(List.of(), spectator.seqViolations(), where + "the spectator's events had gaps");

    // Replay through the engine, checking whose turn it was and which moves were under 托管.
    Match match = rules.start(2, game.options, new byte[32]);
    boolean[] trustee = new boolean[2];
    Set<String> appliedCommands = new HashSet<>();
    Map<String, String> commandByMove = new HashMap<>();
    game.ackedMoves.forEach(
        (id, move) -> commandByMove.put(game.ackedSeats.get(id) + ":" + move, id));
    ServerMessage.Event resultEvent = null;
    for (ServerMessage.Event e : game.bySeat[0].log().values()) {
      switch (e.kind()) {
        case "trustee" -> trustee[seatOf(e)] = Boolean.TRUE.equals(e.data().get("on"));
        case "move" -> {
          int seat = seatOf(e);
          String move = String.valueOf(e.data().get("move"));
          assertEquals(
              match.toAct(), seat, where + "seat " + seat + " moved out of turn at seq " + e.seq());
          Step step = match.apply(seat, move);
          assertTrue(
              step instanceof Step.Accepted,
              where + "illegal move " + move + " at seq " + e.seq() + ": " + step);
          String command = commandByMove.get(seat + ":" + move);
          if (command != null) {
            assertTrue(
                appliedCommands.add(command), where + "command " + command + " applied twice");
          } else {
            assertTrue(
                trustee[seat],
                where
                    + "move "
                    + move
                    + " by seat "
                    + seat
                    + " at seq "
                    + e.seq()
                    + " was neither acknowledged to its player nor made under 托管");
            count("trustee_move");
          }
        }
        case "result" -> resultEvent = e;
        default -> {}
      }
    }
    assertEquals(
        game.ackedMoves.keySet(),
        appliedCommands,
        where + "acknowledged moves missing from the log");
    assertNotNull(resultEvent, where + "no result");
    String reason = String.valueOf(resultEvent.data().get("reason"));
    List<?> winners = (List<?>) resultEvent.data().get("winners");
    if (match.result().isPresent()) {
      Result expected = match.result().get();
      assertEquals(
          expected.reason().name().toLowerCase(java.util.Locale.ROOT),
          reason,
          where + "result reason");
      assertEquals(expected.winners().toString(), winners.toString(), where + "winners");
      assertEquals(expected.detail(), resultEvent.data().get("detail"), where + "detail");
    } else {
      assertTrue(
          Set.of("resign", "timeout", "abandonment").contains(reason),
          where + "the engine saw no end but the " + "table reported " + resultEvent.data());
      assertEquals(1, winners.size(), where + "a two-seat game ends with one winner: " + winners);
    }
    count("result_" + reason);
    for (ChaosPlayer p : players) {
      ServerMessage.Snapshot last = p.lastSnapshot();
      assertEquals(
          p.log().lastKey().longValue(),
          last.seq(),
          where + p.nickname() + "'s final snapshot is not current");
      assertEquals("finished", last.state().get("phase"), where + "final phase");
      @SuppressWarnings("unchecked")
      Map<String, Object> view = (Map<String, Object>) last.state().get("match");
      assertEquals(
          String.valueOf(match.publicView().get("board")),
          String.valueOf(view.get("board")),
          where + p.nickname() + "'s final snapshot board differs from the replay");
    }
  }

  private static int seatOf(ServerMessage.Event e) {
    return ((Number) e.data().get("seat")).intValue();
  }

  private Match replay(Game game, TreeMap<Long, ServerMessage.Event> log) {
    Match match = rules.start(2, game.options, new byte[32]);
    for (ServerMessage.Event e : log.values()) {
      if (e.kind().equals("move")) {
        match.apply(seatOf(e), String.valueOf(e.data().get("move")));
      }
    }
    return match;
  }

  /** "seat:move" for every move in a log, in sequence order. */
  private static List<String> movesOf(TreeMap<Long, ServerMessage.Event> log) {
    List<String> moves = new ArrayList<>();
    for (ServerMessage.Event e : log.values()) {
      if (e.kind().equals("move")) {
        moves.add(e.data().get("seat") + ":" + e.data().get("move"));
      }
    }
    return moves;
  }

  private static long lastMoveSeq(TreeMap<Long, ServerMessage.Event> log) {
    long last = 0;
    for (ServerMessage.Event e : log.values()) {
      if (e.kind().equals("move")) {
        last = e.seq();
      }
    }
    return last;
  }

  /** {@code count} points on {@code row} from column index {@code start}, {@code step} apart. */
  private static List<String> line(int row, int start, int step, int count) {
    List<String> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add("" + (char) ('A' + start + i * step) + row);
    }
    return points;
  }

  /** Thread-safe tallies shared by all pairs of a run. */
  static Map<String, AtomicLong> tallies() {
    return new ConcurrentHashMap<>();
  }
}
