package io.gamehall.store.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Step;
import io.gamehall.games.Games;
import io.gamehall.store.SchemaMigrations;
import io.gamehall.table.Command;
import io.gamehall.table.Phase;
import io.gamehall.table.ScheduledTableClock;
import io.gamehall.table.Table;
import io.gamehall.table.TableListener;
import io.gamehall.table.TableMember;
import io.gamehall.table.TableOutput;
import io.gamehall.table.TableRuntime;
import io.gamehall.table.TableSettings;
import io.gamehall.table.TableSpec;
import io.gamehall.table.TableState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What snapshotting costs, measured rather than asserted (a benchmark, off by default):
 *
 * <pre>
 * mvn -o -q -Dgamehall.port.offset=N test -Dtest=SnapshotBenchmark -Dgamehall.bench.snapshots=true
 * </pre>
 *
 * Prints (1) per game the match snapshot time (on the table's queue), the state encode time (on the
 * writer thread) and the bytes per saved state; (2) the move latency of a table with and without
 * snapshots, in one run; (3) the writer's throughput and transaction time per batch on an H2 file
 * database with the real schema migrations.
 */
@EnabledIfSystemProperty(named = "gamehall.bench.snapshots", matches = "true")
class SnapshotBenchmark {
  private static final int WARMUP = 2_000;
  private static final int ROUNDS = 20_000;

  @Test
  void measure(@TempDir Path dir) throws Exception {
    StringBuilder report = new StringBuilder("\n== snapshot cost ==\n");
    encodeCost(report);
    try (Connection db =
        DriverManager.getConnection(
            "jdbc:h2:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE")) {
      SchemaMigrations.migrate(db, SchemaMigrations.load(getClass().getClassLoader()));
      JdbcSnapshotStore store = new JdbcSnapshotStore(db);
      moveLatency(report, store);
      writerThroughput(report, store);
    }
    System.out.println(report);
  }

  /**
   * Mid-game positions of each game, wrapped in a table state with a full window of remembered
   * answers.
   */
  private static void encodeCost(StringBuilder report) {
    report.append(
        String.format("%-9s %6s %14s %14s%n", "game", "bytes", "snapshot us", "encode us"));
    for (String id : List.of("gomoku", "xiangqi", "doudizhu")) {
      GameRules rules = Games.catalog().find(id).orElseThrow();
      Random random = new Random(7);
      Match match = rules.start(rules.maxSeats(), Map.of(), new byte[32]);
      int plies = id.equals("doudizhu") ? 20 : 40;
      for (int i = 0; i < plies && match.toAct() >= 0; i++) {
        randomStep(match, random);
      }
      TableState state = state(id, rules.maxSeats(), match.snapshot().orElseThrow());
      long sink = 0;
      for (int i = 0; i < WARMUP; i++) {
        sink += match.snapshot().orElseThrow().length() + TableStateCodec.encode(state).length;
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < ROUNDS; i++) {
        sink += match.snapshot().orElseThrow().length();
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < ROUNDS; i++) {
        sink += TableStateCodec.encode(state).length;
      }
      long t2 = System.nanoTime();
      report.append(
          String.format(
              "%-9s %6d %14.2f %14.2f%n",
              id,
              TableStateCodec.encode(state).length,
              (t1 - t0) / 1e3 / ROUNDS,
              (t2 - t1) / 1e3 / ROUNDS));
      assertTrue(sink > 0);
    }
  }

  private static TableState state(String game, int seats, String match) {
    List<TableState.SeatState> seatStates = new ArrayList<>();
    List<String> players = new ArrayList<>();
    Map<String, List<TableState.Reply>> replies = new LinkedHashMap<>();
    for (int s = 0; s < seats; s++) {
      String player = "g-" + "abcdefghijklmnop".substring(s) + "a".repeat(s);
      seatStates.add(
          new TableState.SeatState(player, "Player " + s, false, false, false, false, 60_000));
      players.add(player);
      List<TableState.Reply> window = new ArrayList<>();
      for (int r = 0; r < 32; r++) {
        window.add(new TableState.Reply("m" + r, 10 + r, null, null));
      }
      replies.put(player, window);
    }
    Long[] offers = new Long[seats];
    Arrays.fill(offers, -1L);
    return new TableState(
        "t-abcdefghij",
        game,
        Map.of(),
        false,
        true,
        Phase.PLAYING,
        80,
        80,
        40,
        0,
        seatStates,
        players,
        match,
        1_000,
        0,
        1_500,
        -1,
        List.of(offers),
        -1,
        List.of(),
        replies,
        2_000);
  }

  private static void randomStep(Match match, Random random) {
    int seat = match.toAct();
    Object legal = match.view(seat).get("legal");
    for (int attempt = 0; attempt < 20; attempt++) {
      String action =
          legal instanceof List<?> list && !list.isEmpty()
              ? String.valueOf(list.get(random.nextInt(list.size())))
              : (char) ('A' + random.nextInt(15)) + Integer.toString(1 + random.nextInt(15));
      if (match.apply(seat, action) instanceof Step.Accepted) {
        return;
      }
    }
    match.apply(seat, match.defaultAction(seat));
  }

  /**
   * Full Gomoku games on a table whose queue runs on the caller (so a submit returns when the move,
   * its events and the snapshot hand-off are done), alternating between a table that saves through
   * the writer and one that does not.
   */
  private static void moveLatency(StringBuilder report, JdbcSnapshotStore store) throws Exception {
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    ScheduledExecutorService writerThread = Executors.newSingleThreadScheduledExecutor();
    SnapshotWriter writer =
        new SnapshotWriter(
            store,
            (task, delay) -> writerThread.schedule(task, delay, TimeUnit.MILLISECONDS),
            64,
            10_000,
            10,
            1_000);
    TableRuntime runtime =
        new TableRuntime(Runnable::run, new ScheduledTableClock(timers), Runnable::run);
    GameRules gomoku = Games.catalog().find("gomoku").orElseThrow();
    long[][] nanos = new long[2][];
    int games = 1_500;
    for (int pass = 0; pass < 2; pass++) {
      List<Long> with = new ArrayList<>();
      List<Long> without = new ArrayList<>();
      for (int g = 0; g < games; g++) {
        boolean saving = g % 2 == 0;
        TableListener listener =
            saving
                ? new TableListener() {
                  @Override
                  public boolean keepsCheckpoints() {
                    return true;
                  }

                  @Override
                  public void checkpoint(TableState state) {
                    writer.save(state, null);
                  }

                  @Override
                  public void forget(String tableId) {
                    writer.delete(tableId);
                  }
                }
                : new TableListener() {};
        Table table =
            new Table(
                new TableSpec("t-" + pass + "-" + g, gomoku, Map.of(), 2, false, true),
                TableSettings.defaults(),
                runtime,
                listener);
        playGame(table, pass == 1 ? (saving ? with : without) : new ArrayList<>());
      }
      nanos[0] = with.stream().mapToLong(Long::longValue).sorted().toArray();
      nanos[1] = without.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    writer.close();
    writerThread.shutdownNow();
    timers.shutdownNow();
    report.append(String.format("move latency (submit to ack, %d moves each):%n", nanos[0].length));
    report.append(
        String.format(
            "  with snapshots    median %.1f us  p99 %.1f us%n",
            nanos[0][nanos[0].length / 2] / 1e3, nanos[0][nanos[0].length * 99 / 100] / 1e3));
    report.append(
        String.format(
            "  without snapshots median %.1f us  p99 %.1f us%n",
            nanos[1][nanos[1].length / 2] / 1e3, nanos[1][nanos[1].length * 99 / 100] / 1e3));
  }

  private static void playGame(Table table, List<Long> latencies) {
    TableMember quiet = out -> {};
    table.submit(quiet, new Command.Sit("a", "s", "A", 0));
    table.submit(quiet, new Command.Sit("b", "s", "B", 1));
    table.submit(quiet, new Command.Ready("a", "r", true));
    table.submit(quiet, new Command.Ready("b", "r", true));
    String[] moves = {"H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12"};
    TableOutput[] answer = new TableOutput[1];
    TableMember recording = out -> answer[0] = out;
    for (int i = 0; i < moves.length; i++) {
      String player = i % 2 == 0 ? "a" : "b";
      long start = System.nanoTime();
      table.submit(recording, new Command.Act(player, "m" + i, moves[i], Long.MAX_VALUE));
      latencies.add(System.nanoTime() - start);
      assertTrue(answer[0] instanceof TableOutput.Ack, "move " + moves[i] + ": " + answer[0]);
    }
    assertEquals(Phase.FINISHED, table.summary().phase());
    table.close();
  }

  /**
   * Many tables moving at once: how fast the writer drains them, and what one batch transaction
   * costs on H2.
   */
  private static void writerThroughput(StringBuilder report, JdbcSnapshotStore store) {
    ScheduledExecutorService writerThread = Executors.newSingleThreadScheduledExecutor();
    SnapshotWriter writer =
        new SnapshotWriter(
            store,
            (task, delay) -> writerThread.schedule(task, delay, TimeUnit.MILLISECONDS),
            64,
            10_000,
            10,
            1_000);
    GameRules gomoku = Games.catalog().find("gomoku").orElseThrow();
    Match match = gomoku.start(2, Map.of(), new byte[32]);
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      randomStep(match, random);
    }
    String snapshot = match.snapshot().orElseThrow();
    int tables = 1_000;
    int statesPerTable = 20;
    long start = System.nanoTime();
    for (int round = 0; round < statesPerTable; round++) {
      for (int t = 0; t < tables; t++) {
        TableState s = state("gomoku", 2, snapshot);
        writer.save(
            new TableState(
                "t-" + t,
                s.game(),
                s.options(),
                false,
                true,
                Phase.PLAYING,
                round,
                round,
                round,
                0,
                s.seats(),
                s.matchPlayers(),
                snapshot,
                0,
                0,
                0,
                -1,
                s.drawOfferVersions(),
                -1,
                List.of(),
                s.replies(),
                System.currentTimeMillis()),
            null);
      }
    }
    long handedIn = System.nanoTime() - start;
    writer.close();
    long total = System.nanoTime() - start;
    writerThread.shutdownNow();
    SnapshotWriter.Stats s = writer.stats();
    assertEquals(tables, store.loadAll().size());
    report.append(
        String.format(
            "writer: %d states from %d tables handed in in %.1f ms (%.2f us each); %d rows written in %d batches,"
                + " %.1f ms in all%n  transaction per batch: mean %.2f ms, max %.2f ms (H2 file, %d rows max); %.0f rows/s;"
                + " encode %.2f us per row%n",
            tables * statesPerTable,
            tables,
            handedIn / 1e6,
            handedIn / 1e3 / (tables * statesPerTable),
            s.saved(),
            s.batches(),
            total / 1e6,
            s.writeNanos() / 1e6 / s.batches(),
            s.maxWriteNanos() / 1e6,
            64,
            s.saved() / (s.writeNanos() / 1e9),
            s.encodeNanos() / 1e3 / s.saved()));
  }
}
