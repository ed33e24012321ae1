package io.gamehall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;

/**
 * The harness's entry point: starts the server, runs one scenario against it and writes the report.
 * Scenarios (bench.scenario): smoke (a little of everything, for mvn verify), game, echo, ratio
 * (echo then game at the same rate, one server), idle, handshake, storm, colyseus (GameHall and
 * Colyseus side by side, {@link SideBySide}), cluster (two nodes, {@link ClusterBench}).
 * docs/performance.md has the commands and the figures.
 */
public final class Bench {
  private static final Logger LOG = Logger.getLogger(Bench.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final BenchSettings settings;
  private final Report report;
  private final BenchServer server;
  private final ScheduledExecutorService scheduler;
  private final Measurements measurements = new Measurements();
  private final List<Map<String, Double>> timeline = new ArrayList<>();

  /**
   * Each latency as its measured window closed: later traffic (closing, the next phase) stays out
   * of it.
   */
  private final Map<String, Histogram> windows = new LinkedHashMap<>();

  /** Server CPU µs per message and per move, by window key, for the game/echo comparison. */
  private final Map<String, Double> cpuMicrosPerMessage = new LinkedHashMap<>();

  private final Map<String, Double> cpuMicrosPerMove = new LinkedHashMap<>();

  private Bench(
      BenchSettings settings,
      Report report,
      BenchServer server,
      ScheduledExecutorService scheduler) {
    this.settings = settings;
    this.report = report;
    this.server = server;
    this.scheduler = scheduler;
  }

  public static void main(String[] args) throws Exception {
    Report report = run(System.getProperties());
    System.out.println(Files.readString(report.directory.resolve("report.md")));
    System.exit(report.number("problems") == 0 ? 0 : 1);
  }

  /** Runs the scenario the properties name and returns its report (written to disk too). */
  static Report run(Properties properties) throws Exception {
    ExecutorService callbacks = Executors.newFixedThreadPool(4);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try {
      BenchSettings settings = BenchSettings.from(properties, callbacks);
      Path dir =
          settings
              .out()
              .resolve(
                  settings.scenario()
                      + "-"
                      + settings.server()
                      + "-"
                      + STAMP.format(Instant.now()));
      Files.createDirectories(dir);
      Report report = new Report(dir);
      report.note(
          "Run "
              + Instant.now()
              + "; the harness sees "
              + Runtime.getRuntime().availableProcessors()
              + " CPU(s), Java "
              + Runtime.version()
              + ", server "
              + settings.server()
              + " on "
              + settings.javaHome()
              + ", heap "
              + settings.serverHeap()
              + ", GC "
              + settings.serverGc()
              + ", server pinned to CPU "
              + settings.serverCpu()
              + ", client source addresses "
              + settings.wss().sourceAddresses()
              + ".");
      // Loopback has few source addresses; the per-address cap is a policy test, not what this
      // measures.
      if (settings.scenario().equals("cluster")) {
        // Two nodes of its own instead of the one server every other scenario runs against.
        ClusterBench cluster = new ClusterBench(settings, report, scheduler);
        try {
          cluster.run();
        } finally {
          report.problems(cluster.problems());
          report.write("GameHall bench: cluster on wildfly");
        }
        return report;
      }
      Map<String, String> app = new LinkedHashMap<>();
      app.put("GAMEHALL_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
      try (BenchServer server = BenchServer.start(settings, dir, app)) {
        Bench bench = new Bench(settings, report, server, scheduler);
        ScheduledFuture<?> sampling =
            scheduler.scheduleAtFixedRate(bench::sample, 1, 1, TimeUnit.SECONDS);
        try {
          bench.scenario();
        } finally {
          sampling.cancel(false);
          bench.charts();
          report.problems(bench.measurements.problems());
          report.heading("Counters");
          bench.measurements.counters().forEach((k, v) -> report.note("- " + k + ": " + v));
          report.write("GameHall bench: " + settings.scenario() + " on " + settings.server());
        }
      }
      return report;
    } finally {
      scheduler.shutdownNow();
      callbacks.shutdownNow();
    }
  }

  private void scenario() throws Exception {
    switch (settings.scenario()) {
      case "smoke" -> {
        game(settings.playersOr(200), settings.secondsOr(16), settings.playersOr(200) / 5, 4);
        echo(50, 4);
        idle(100, 3);
        handshakes(50, 2, false);
      }
      case "game" -> game(settings.playersOr(4000), settings.secondsOr(120), 0, 15);
      case "storm" ->
          game(settings.playersOr(5000), settings.secondsOr(60), settings.playersOr(5000), 15);
      case "echo" -> echo(settings.playersOr(4000), settings.secondsOr(60));
      case "ratio" -> {
        echo(settings.playersOr(2000), settings.secondsOr(60));
        game(settings.playersOr(2000), settings.secondsOr(60), 0, 10);
        ratio();
      }
      case "idle" -> idle(settings.playersOr(10000), settings.secondsOr(600));
      case "handshake" -> handshakes(settings.rate(), settings.secondsOr(20), true);
      case "colyseus" -> new SideBySide(settings, report, server, measurements).run();
      default ->
          throw new IllegalArgumentException("unknown bench.scenario " + settings.scenario());
    }
  }

  /**
   * Opens sockets with at most bench.ramp.concurrency handshakes in flight, as a herd of real
   * clients would.
   */
  private <T> List<T> ramp(
      int count, Supplier<T> make, java.util.function.Function<T, CompletableFuture<?>> open)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(settings.rampConcurrency());
    List<T> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      T item = make.get();
      all.add(item);
      open.apply(item)
          .whenComplete(
              (ok, error) -> {
                inFlight.release();
                if (error != null) {
                  measurements.problem("connect failed: " + rootCause(error));
                }
              });
    }
    inFlight.acquire(settings.rampConcurrency());
    return all;
  }

  private static String rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  /** Waits for every future, up to the deadline; returns how many completed normally. */
  private static int awaitAll(List<CompletableFuture<Void>> futures, Duration within)
      throws InterruptedException {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warning("not all done within " + within + ": " + e);
    }
    return (int) futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
  }

  /**
   * The scenario's length: the run holds for this long while the players work (not a
   * synchronisation).
   */
  private static void hold(Duration length) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(length.toNanos());
  }

  private void game(int players, int seconds, int drop, int warmup) throws Exception {
    report.heading(
        "Game: "
            + players
            + " players ("
            + players / 2
            + " Gomoku tables), one move per "
            + settings.movePeriodMillis()
            + " ms per player, "
            + seconds
            + " s measured after "
            + warmup
            + " s warm-up"
            + (drop > 0 ? ", " + drop + " players dropped at once mid-window" : ""));
    Arena arena =
        new Arena(
            server.gameUri(),
            settings.wss(),
            measurements,
            scheduler,
            TimeUnit.MILLISECONDS.toNanos(settings.movePeriodMillis()));
    long rampStart = System.nanoTime();
    List<GamePlayer> all = ramp(players, () -> new GamePlayer(arena, "bench"), GamePlayer::connect);
    int matched =
        awaitAll(
            all.stream().map(GamePlayer::matched).toList(), Duration.ofSeconds(60 + players / 50));
    report.figure("game.players", "players connected and matched", matched + " of " + players);
    report.figure("game.matched", "players matched", matched);
    report.figure(
        "game.ramp.s",
        "time to connect and match everyone (s)",
        seconds(System.nanoTime() - rampStart));
    if (matched < players) {
      measurements.problem("players not matched");
    }
    hold(Duration.ofSeconds(warmup));
    Window window = new Window("move to opponent");
    if (drop > 0) {
      hold(Duration.ofSeconds(seconds / 2));
      storm(all.subList(0, Math.min(drop, all.size())));
      hold(Duration.ofSeconds(seconds - seconds / 2));
    } else {
      hold(Duration.ofSeconds(seconds));
    }
    window.close("game");
    report.figure(
        "game.moves.per.s",
        "moves sent per second",
        perSecond(window.delta("moves sent"), window.nanos));
    report.figure(
        "game.opponent.moves",
        "opponent moves received in the window",
        window.delta("opponent moves received"));
    report.figure(
        "game.matches.finished",
        "matches finished (then rematched)",
        measurements.counter("matches finished"));
    report.latency("game.latency", "move to opponent", windows.get("move to opponent"));
    all.forEach(GamePlayer::close);
  }

  /**
   * Drops the players at once and reconnects them all; reports how long until the last one had
   * resumed.
   */
  private void storm(List<GamePlayer> victims) throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<Void>> back = new ArrayList<>();
    victims.forEach(p -> back.add(p.drop()));
    Measurements.Latency resumed = measurements.latency("drop to resumed");
    // Wait on the recording stages, not on the bare futures, so every return is in the histogram
    // when it is read.
    List<CompletableFuture<Void>> recorded = new ArrayList<>();
    back.forEach(b -> recorded.add(b.thenRun(() -> resumed.record(System.nanoTime() - start))));
    java.util.Iterator<GamePlayer> next = victims.iterator();
    ramp(victims.size(), next::next, GamePlayer::reconnect);
    int count = awaitAll(recorded, Duration.ofSeconds(120));
    report.figure("storm.players", "players dropped at once", victims.size());
    report.figure(
        "storm.reconnect",
        "how players reconnected",
        settings.wss().resumesSessions()
            ? "resuming their TLS session (bench.reconnect=resume)"
            : "full TLS handshakes (bench.reconnect=full)");
    report.figure("storm.resumed", "players back at their table", count);
    report.figure(
        "storm.all.back.s", "time until all were back (s)", seconds(System.nanoTime() - start));
    report.latency("storm.back", "drop to resumed", resumed.total());
    report.figure(
        "storm.snapshots",
        "resumes answered by a snapshot instead of a replay",
        measurements.counter("resumed by snapshot"));
    if (count < victims.size()) {
      measurements.problem("players not back within 120 s");
    }
  }

  private void echo(int players, int seconds) throws Exception {
    report.heading(
        "Echo baseline: "
            + players
            + " connections, one message per "
            + settings.movePeriodMillis()
            + " ms each, "
            + seconds
            + " s measured");
    if (!server.hasEcho) {
      report.note("(no echo endpoint on " + server.kind + ": skipped)");
      return;
    }
    List<EchoPlayer> all =
        ramp(
            players,
            () -> new EchoPlayer(measurements),
            p -> settings.wss().open(server.echoUri(), p));
    awaitAll(all.stream().map(EchoPlayer::opened).toList(), Duration.ofSeconds(60));
    all.forEach(
        p -> p.start(scheduler, TimeUnit.MILLISECONDS.toNanos(settings.movePeriodMillis())));
    hold(Duration.ofSeconds(3));
    Window window = new Window("echo");
    hold(Duration.ofSeconds(seconds));
    window.close("echo");
    report.figure(
        "echo.per.s",
        "echo messages per second",
        perSecond(window.delta("echo messages received"), window.nanos));
    report.latency("echo.latency", "echo round trip", windows.get("echo"));
    all.forEach(EchoPlayer::close);
  }

  private void ratio() {
    Histogram game = windows.get("move to opponent");
    Histogram echo = windows.get("echo");
    if (game == null || echo == null || game.getTotalCount() == 0 || echo.getTotalCount() == 0) {
      return;
    }
    report.heading("Game path against echo at the same inbound rate");
    for (double p : new double[] {50, 99, 99.9}) {
      double r = (double) game.getValueAtPercentile(p) / Math.max(1, echo.getValueAtPercentile(p));
      report.figure(
          "ratio.p" + String.valueOf(p).replace(".0", "").replace(".", ""),
          "p" + p + " move to opponent / echo",
          String.format("%.2f", r));
    }
    Double echoPerMessage = cpuMicrosPerMessage.get("echo");
    Double gamePerMessage = cpuMicrosPerMessage.get("game");
    Double gamePerMove = cpuMicrosPerMove.get("game");
    if (echoPerMessage != null && gamePerMessage != null && gamePerMove != null) {
      // A move is one message in and one out per player: the floor is echo's cost for as many
      // messages as the game window handled per move.
      double messagesPerMove = gamePerMove / gamePerMessage;
      report.figure(
          "ratio.messages.per.move",
          "WebSocket messages per move in the game window (in and out)",
          String.format("%.2f", messagesPerMove));
      report.figure(
          "ratio.echo.floor.us.per.move",
          "echo floor for that many messages (µs of server CPU)",
          String.format("%.1f", echoPerMessage * messagesPerMove));
      report.figure(
          "ratio.cpu.per.move",
          "server CPU per move / echo floor for the same number of messages",
          String.format("%.2f", gamePerMessage / echoPerMessage));
    }
  }

  private void idle(int connections, int seconds) throws Exception {
    report.heading(
        "Idle: " + connections + " connections held " + seconds + " s (hello, then only pongs)");
    long heap0 = server.heapAfterGc();
    long rss0 = server.rssBytes();
    long rampStart = System.nanoTime();
    List<IdlePlayer> all =
        ramp(
            connections,
            () -> new IdlePlayer(measurements, p -> settings.wss().open(server.gameUri(), p)),
            IdlePlayer::connect);
    int welcomed =
        awaitAll(all.stream().map(IdlePlayer::welcomed).toList(), Duration.ofSeconds(120));
    report.figure("idle.welcomed", "connections open and welcomed", welcomed);
    report.figure("idle.ramp.s", "time to open them (s)", seconds(System.nanoTime() - rampStart));
    long heap1 = server.heapAfterGc();
    long rss1 = server.rssBytes();
    report.figure("idle.heap.before.mb", "server heap after GC before (MB)", heap0 / 1_048_576);
    report.figure("idle.heap.after.mb", "server heap after GC with them (MB)", heap1 / 1_048_576);
    report.figure(
        "idle.heap.per.connection.kb",
        "server heap per connection (KB)",
        perConnection(heap1 - heap0, welcomed));
    report.figure(
        "idle.rss.per.connection.kb",
        "server RSS per connection (KB)",
        perConnection(rss1 - rss0, welcomed));
    long problemsBefore = total(measurements.problems());
    Window window = new Window(null);
    hold(Duration.ofSeconds(seconds));
    window.close("idle");
    report.figure(
        "idle.dropped",
        "connections lost during the hold",
        total(measurements.problems()) - problemsBefore);
    report.figure(
        "idle.pings", "server pings answered during the hold", window.delta("pings answered"));
    report.figure(
        "idle.heap.end.mb",
        "server heap after GC at the end (MB)",
        server.heapAfterGc() / 1_048_576);
    report.figure("idle.rss.end.mb", "server RSS at the end (MB)", server.rssBytes() / 1_048_576);
    all.forEach(IdlePlayer::close);
  }

  /**
   * Full handshakes on each TLS provider the server runs (bench.tls), then, outside the smoke run,
   * resumed ones; the first full run keeps the plain "handshake.*" keys the smoke test reads.
   */
  private void handshakes(int rate, int seconds, boolean alsoResumed) throws Exception {
    List<String> providers =
        settings.tls().equals("both") ? List.of("jsse", "openssl") : List.of(settings.tls());
    boolean first = true;
    if (alsoResumed) {
      // Unmeasured: the server's JIT and pools warm up on every provider first, so the first
      // measured phase is not charged for them.
      for (String provider : providers) {
        new Handshakes(
                settings.wss(),
                server.gameUri(provider),
                measurements,
                settings.sourceAddresses(),
                provider + " warm-up",
                false)
            .run(Math.min(rate, 50), 4, 128);
      }
    }
    for (String provider : providers) {
      for (boolean resume : alsoResumed ? List.of(false, true) : List.of(false)) {
        String mode = resume ? "resumed" : "full";
        report.heading(
            "TLS handshakes + upgrades, "
                + provider
                + ", "
                + mode
                + ": "
                + rate
                + "/s offered for "
                + seconds
                + " s"
                + (resume
                    ? " (each attempt reuses an idle client context, so it may resume its session)"
                    : ""));
        Handshakes run =
            new Handshakes(
                settings.wss(),
                server.gameUri(provider),
                measurements,
                settings.sourceAddresses(),
                provider + " " + mode,
                resume);
        Window window = new Window(run.latencyName());
        run.run(rate, seconds, 128);
        String key = "handshake." + provider + "." + mode;
        window.close(key);
        long upgrades = window.delta(run.upgradesName());
        report.figure(key + ".upgrades", "upgrades completed", upgrades);
        report.figure(key + ".per.s", "completed per second", perSecond(upgrades, window.nanos));
        // On a shared machine the server's core is not all ours: what one core would carry is
        // the completed count over the CPU time the server actually got.
        report.figure(
            key + ".per.cpu.s",
            "completed per second of server CPU (what one core carries)",
            window.cpuSeconds > 0 ? String.format("%.0f", upgrades / window.cpuSeconds) : "n/a");
        report.figure(
            key + ".cpu.ms.each",
            "server CPU per handshake + upgrade (ms)",
            upgrades > 0 ? String.format("%.2f", window.cpuSeconds * 1000 / upgrades) : "n/a");
        report.figure(
            key + ".resumed",
            "sessions the server let the client resume",
            window.delta(run.resumedName()));
        report.latency(key + ".latency", "handshake + upgrade", windows.get(run.latencyName()));
        if (first) {
          report.figure("handshake.upgrades", "upgrades completed (" + provider + ")", upgrades);
          report.figure(
              "handshake.per.s",
              "completed per second (" + provider + ")",
              perSecond(upgrades, window.nanos));
          first = false;
        }
      }
    }
  }

  private static long total(Map<String, Long> problems) {
    return problems.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String perConnection(long bytes, int connections) {
    return connections == 0 ? "n/a" : String.format("%.1f", bytes / 1024.0 / connections);
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }

  private static String perSecond(long count, long nanos) {
    return String.format("%.0f", count / (nanos / 1e9));
  }

  /**
   * A measured stretch: latency totals restart at its start; server CPU, GC pauses and counters are
   * its deltas.
   */
  private final class Window {
    private final double cpu0 = server.cpuSeconds();
    private final int pauses0 = server.gcPauses().size();
    private final Map<String, Long> counters0 = measurements.counters();
    private final long start = System.nanoTime();
    private final String latency;
    private Map<String, Long> counters1;
    long nanos;

    /** The server's CPU time spent in the window (s). */
    double cpuSeconds;

    Window(String latency) {
      this.latency = latency;
      if (latency != null) {
        measurements.latency(latency).reset();
      }
    }

    long delta(String counter) {
      return counters1.getOrDefault(counter, 0L) - counters0.getOrDefault(counter, 0L);
    }

    void close(String key) {
      nanos = System.nanoTime() - start;
      counters1 = measurements.counters();
      if (latency != null) {
        windows.put(latency, measurements.latency(latency).total());
      }
      cpuSeconds = server.cpuSeconds() - cpu0;
      double cpu = cpuSeconds / (nanos / 1e9);
      report.figure(
          key + ".server.cpu.percent",
          "server CPU (% of one core)",
          String.format("%.0f", cpu * 100));
      long messages =
          delta("messages received")
              + delta("messages sent")
              + delta("echo messages received")
              + delta("echo messages sent");
      report.figure(
          key + ".messages.per.s",
          "WebSocket messages per second (both directions)",
          perSecond(messages, nanos));
      // The server's CPU time per WebSocket message it handled, in or out: the unit in which the
      // game path is compared with the echo floor (same number of messages, not same latency).
      double micros = cpuSeconds * 1e6;
      if (messages > 0) {
        cpuMicrosPerMessage.put(key, micros / messages);
        report.figure(
            key + ".cpu.us.per.message",
            "server CPU per WebSocket message, in or out (µs)",
            String.format("%.1f", micros / messages));
      }
      long moves = delta("opponent moves received");
      if (moves > 0) {
        cpuMicrosPerMove.put(key, micros / moves);
        report.figure(
            key + ".cpu.us.per.move",
            "server CPU per move delivered to the opponent (µs)",
            String.format("%.1f", micros / moves));
      }
      List<Double> pauses = server.gcPauses();
      List<Double> mine = pauses.subList(Math.min(pauses0, pauses.size()), pauses.size());
      double max = mine.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      double sum = mine.stream().mapToDouble(Double::doubleValue).sum();
      report.figure(key + ".gc.pauses", "GC pauses", mine.size());
      report.figure(key + ".gc.max.ms", "longest GC pause (ms)", String.format("%.1f", max));
      report.figure(
          key + ".gc.total.ms", "GC pause time in total (ms)", String.format("%.1f", sum));
      report.figure(key + ".server.rss.mb", "server RSS (MB)", server.rssBytes() / 1_048_576);
    }
  }

  private final long started = System.nanoTime();
  private double lastCpu = Double.NaN;
  private Map<String, Long> lastCounters = Map.of();

  /**
   * Once a second: each latency's interval, message and move rates, server CPU and RSS, for the
   * charts.
   */
  private void sample() {
    try {
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("t", (System.nanoTime() - started) / 1e9);
      measurements
          .latencies()
          .forEach(
              (name, latency) -> {
                Histogram h = latency.roll();
                if (h.getTotalCount() > 0) {
                  row.put(name + " p50", h.getValueAtPercentile(50) / 1000.0);
                  row.put(name + " p99", h.getValueAtPercentile(99) / 1000.0);
                }
              });
      Map<String, Long> counters = measurements.counters();
      for (String name : counters.keySet()) {
        if (List.of("messages received", "moves sent", "echo messages received").contains(name)
            || name.startsWith("upgrades")) {
          row.put(
              name + "/s",
              (double) (counters.getOrDefault(name, 0L) - lastCounters.getOrDefault(name, 0L)));
        }
      }
      row.put(
          "sockets opened",
          (double)
              (counters.getOrDefault("connections opened", 0L)
                  + counters.getOrDefault("idle players welcomed", 0L)));
      double cpu = server.cpuSeconds();
      if (!Double.isNaN(lastCpu)) {
        row.put("server CPU %", (cpu - lastCpu) * 100);
      }
      lastCpu = cpu;
      row.put("server RSS MB", server.rssBytes() / 1_048_576.0);
      lastCounters = counters;
      if (timeline.size() % 10 == 0) {
        LOG.info("progress: " + counters + " problems " + measurements.problems());
      }
      synchronized (timeline) {
        timeline.add(row);
      }
    } catch (RuntimeException e) {
      LOG.warning("sampling failed: " + e);
    }
  }

  private void charts() throws Exception {
    List<Map<String, Double>> rows;
    synchronized (timeline) {
      rows = new ArrayList<>(timeline);
    }
    chart(rows, "latency.png", "Latency per second (p50, p99)", "ms", " p50", " p99");
    chart(rows, "throughput.png", "Messages per second", "per second", "/s");
    chart(rows, "server.png", "Server CPU (% of one core) and RSS (MB)", "", "server ");
    Map<String, Histogram> totals = new LinkedHashMap<>(windows);
    measurements.latencies().forEach((name, latency) -> totals.putIfAbsent(name, latency.total()));
    Charts.percentiles(
        report.directory.resolve("percentiles.png"),
        "Latency by percentile (measured windows)",
        totals);
  }

  private void chart(
      List<Map<String, Double>> rows, String file, String title, String unit, String... keys)
      throws Exception {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (Map<String, Double> row : rows) {
      for (Map.Entry<String, Double> e : row.entrySet()) {
        for (String key : keys) {
          if (e.getKey().contains(key)) {
            series
                .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(new double[] {row.get("t"), e.getValue()});
          }
        }
      }
    }
    series.values().removeIf(points -> points.stream().allMatch(p -> p[1] == 0));
    Charts.lines(report.directory.resolve(file), title, "seconds since start", unit, series);
  }
}
