package io.gamehall.bench;

import io.gamehall.support.ClusterOfWildFlys;
import io.gamehall.support.PostgresCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * bench.scenario=cluster: two GameHall nodes (the test suite's {@link ClusterOfWildFlys} on one
 * throwaway PostgreSQL, quorum 1), node A pinned to bench.server.cpu and node B to the other core,
 * the harness on both. Gomoku tables of two players, one move per move period each, in two
 * populations: local tables (both sockets on A, the owner) and cross-node tables (created on A, the
 * second player's socket on B, so each of its moves and events crosses the relay).
 *
 * <p>Two measured windows: both populations together, then (the cross-node players gone) the local
 * tables alone. Latency of each population comes from the first window (same load, same moment);
 * the CPU one cross-node move costs is the nodes' extra CPU in the first window over the second,
 * over the cross-node moves, and its excess over a local move, divided by the relay frames per
 * move, is the CPU per relayed frame.
 */
final class ClusterBench {
  private static final Logger LOG = Logger.getLogger(ClusterBench.class.getName());
  private static final Duration BOOT = Duration.ofSeconds(420);
  private static final Pattern RELAY =
      Pattern.compile("^gamehall_relay_frames_(out|in)_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

  private final BenchSettings settings;
  private final Report report;
  private final ScheduledExecutorService scheduler;
  private final Measurements local = new Measurements();
  private final Measurements cross = new Measurements();
  private final Map<String, Long> problems = new LinkedHashMap<>();
  private ClusterOfWildFlys.Node nodeA;
  private ClusterOfWildFlys.Node nodeB;
  private long pidA;
  private long pidB;

  ClusterBench(BenchSettings settings, Report report, ScheduledExecutorService scheduler) {
    this.settings = settings;
    this.report = report;
    this.scheduler = scheduler;
  }

  /** Problems of both populations and of the cluster's setup, for the report and the exit code. */
  Map<String, Long> problems() {
    Map<String, Long> all = new LinkedHashMap<>(problems);
    local.problems().forEach((k, v) -> all.merge("local: " + k, v, Long::sum));
    cross.problems().forEach((k, v) -> all.merge("cross-node: " + k, v, Long::sum));
    return all;
  }

  void run() throws Exception {
    // The support classes read the build's paths from these, as they do under failsafe.
    System.setProperty("gamehall.wildfly.home", settings.wildflyHome().toString());
    System.setProperty("gamehall.war", settings.war().toString());
    System.setProperty("gamehall.truststore", settings.truststore().toString());
    System.setProperty("gamehall.basedir", settings.basedir().toString());
    String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
    String cpuA = settings.serverCpu();
    String cpuB = cpuA == null ? null : otherCpu(online, cpuA);
    // The harness was launched on bench.client.cpu; here it shares both cores with the nodes.
    if (cpuA != null) {
      pin(ProcessHandle.current().pid(), online);
    }
    int offset = settings.serverPortOffset();
    int jgroups = Integer.getInteger("gamehall.port.offset", 10000) + 800;
    String hosts = "127.0.0.1[" + jgroups + "],127.0.0.1[" + (jgroups + 1) + "]";
    int tables = settings.playersOr(400) / 4;
    int seconds = settings.secondsOr(60);
    int warmup = 20;
    report.heading(
        "Cluster: "
            + tables
            + " local and "
            + tables
            + " cross-node Gomoku tables, one move per "
            + settings.movePeriodMillis()
            + " ms per player; "
            + seconds
            + " s both after "
            + warmup
            + " s warm-up, then "
            + seconds
            + " s local alone");
    report.note(
        "Node A on CPU "
            + cpuA
            + ", node B on CPU "
            + cpuB
            + ", harness on "
            + (cpuA == null ? "any" : online)
            + "; load average before: "
            + loadAverage()
            + ".");
    try (PostgresCluster postgres = PostgresCluster.start()) {
      postgres.createDatabase("gamehall");
      ClusterOfWildFlys cluster = ClusterOfWildFlys.prepare(postgres, "gamehall");
      try (ClusterOfWildFlys.Node a = cluster.node("nodeA", offset, nodeSettings(jgroups, hosts));
          ClusterOfWildFlys.Node b =
              cluster.node("nodeB", offset + 500, nodeSettings(jgroups + 1, hosts))) {
        nodeA = a;
        nodeB = b;
        nodeA.start();
        nodeB.start();
        pidA = awaitJvm(nodeA);
        pidB = awaitJvm(nodeB);
        if (cpuA != null) {
          pin(pidA, cpuA);
          pin(pidB, cpuB);
        }
        nodeA.awaitReady(BOOT);
        nodeB.awaitReady(BOOT);
        for (ClusterOfWildFlys.Node n : List.of(nodeA, nodeB)) {
          n.await(
              Duration.ofSeconds(120),
              () -> n.view().map(v -> v.equals(List.of("nodeA", "nodeB"))).orElse(false),
              () -> n.name() + " never saw both nodes: " + n.view());
        }
        measure(tables, seconds, warmup);
      }
    }
    report.note("Load average after: " + loadAverage() + ".");
  }

  private void measure(int tables, int seconds, int warmup) throws Exception {
    long period = TimeUnit.MILLISECONDS.toNanos(settings.movePeriodMillis());
    Arena localArena = new Arena(nodeA.socket(), settings.wss(), local, scheduler, period);
    Arena crossArena = new Arena(nodeA.socket(), settings.wss(), cross, scheduler, period);
    List<GamePlayer> localPlayers = seat(localArena, nodeA.socket(), tables, local);
    report.figure("cluster.local.started", "local tables started", started(local));
    List<GamePlayer> crossPlayers = seat(crossArena, nodeB.socket(), tables, cross);
    report.figure("cluster.cross.started", "cross-node tables started", started(cross));
    hold(warmup);
    Snapshot s2 = snapshot();
    local.latency("move to opponent").reset();
    cross.latency("move to opponent").reset();
    hold(seconds);
    Snapshot s3 = snapshot();
    Histogram localBoth = local.latency("move to opponent").total();
    Histogram crossBoth = cross.latency("move to opponent").total();
    // The baseline comes second, on servers as warm as in the window above: measured first, right
    // after the boot, it carried the JIT's and the new cluster's own work (a first run showed a
    // local move costing more alone than beside the cross-node ones).
    crossPlayers.forEach(GamePlayer::close);
    hold(5);
    Snapshot s0 = snapshot();
    local.latency("move to opponent").reset();
    hold(seconds);
    Snapshot s1 = snapshot();
    Histogram localAlone = local.latency("move to opponent").total();
    localPlayers.forEach(GamePlayer::close);

    report.heading("Window 1: local and cross-node tables together");
    long localMoves = s3.delta(s2, "local moves");
    long crossMoves = s3.delta(s2, "cross moves");
    report.figure("cluster.local.moves", "local moves delivered to the opponent", localMoves);
    report.figure("cluster.cross.moves", "cross-node moves delivered to the opponent", crossMoves);
    report.latency("cluster.local.latency", "local move to opponent", localBoth);
    report.latency("cluster.cross.latency", "cross-node move to opponent", crossBoth);
    cpu("cluster.both", s2, s3);
    long frames = s3.frames - s2.frames;
    report.figure("cluster.relay.frames", "relay frames (out, both nodes)", frames);
    report.figure(
        "cluster.relay.frames.per.move",
        "relay frames per cross-node move",
        crossMoves > 0 ? String.format("%.2f", (double) frames / crossMoves) : "n/a");

    report.heading("Window 2: local tables alone (cross-node players gone)");
    long moves1 = s1.delta(s0, "local moves");
    report.figure("cluster.alone.local.moves", "moves delivered to the opponent", moves1);
    report.latency("cluster.alone.local.latency", "local move to opponent", localAlone);
    cpu("cluster.alone", s0, s1);
    report.figure(
        "cluster.alone.relay.frames", "relay frames (out, both nodes)", s1.frames - s0.frames);

    report.heading("CPU per relayed frame");
    // Per second, so the two windows' slightly different lengths do not count.
    double cpu1 = (s1.cpuA + s1.cpuB - s0.cpuA - s0.cpuB) / seconds(s0, s1);
    double cpu2 = (s3.cpuA + s3.cpuB - s2.cpuA - s2.cpuB) / seconds(s2, s3);
    double localPerMove = moves1 > 0 ? cpu1 * seconds(s0, s1) / moves1 * 1e6 : Double.NaN;
    double crossRate = crossMoves / seconds(s2, s3);
    double crossPerMove = crossRate > 0 ? (cpu2 - cpu1) / crossRate * 1e6 : Double.NaN;
    double framesPerMove = crossMoves > 0 ? (double) frames / crossMoves : Double.NaN;
    report.figure(
        "cluster.local.cpu.us.per.move",
        "CPU of both nodes per local move (window 2, µs)",
        String.format("%.0f", localPerMove));
    report.figure(
        "cluster.cross.cpu.us.per.move",
        "CPU of both nodes per cross-node move (window 1 over window 2, over its moves, µs)",
        String.format("%.0f", crossPerMove));
    report.figure(
        "cluster.cpu.us.per.relay.frame",
        "extra CPU of a cross-node move over a local one, per relay frame (µs)",
        String.format("%.0f", (crossPerMove - localPerMove) / framesPerMove));
  }

  private void cpu(String key, Snapshot from, Snapshot to) {
    double s = seconds(from, to);
    report.figure(
        key + ".cpu.a.percent",
        "node A CPU (% of one core)",
        String.format("%.0f", (to.cpuA - from.cpuA) / s * 100));
    report.figure(
        key + ".cpu.b.percent",
        "node B CPU (% of one core)",
        String.format("%.0f", (to.cpuB - from.cpuB) / s * 100));
  }

  private static double seconds(Snapshot from, Snapshot to) {
    return (to.nanos - from.nanos) / 1e9;
  }

  /**
   * Opens {@code tables} creators on node A and as many joiners through {@code guests}, at most
   * bench.ramp.concurrency sockets in flight; returns once every match started (or a deadline).
   */
  private List<GamePlayer> seat(Arena arena, URI guests, int tables, Measurements m)
      throws Exception {
    Semaphore inFlight = new Semaphore(settings.rampConcurrency());
    List<GamePlayer> all = new ArrayList<>();
    for (int i = 0; i < tables; i++) {
      GamePlayer host = GamePlayer.creator(arena, "bench");
      GamePlayer guest = GamePlayer.joining(arena, "bench", guests, host);
      for (GamePlayer p : List.of(host, guest)) {
        inFlight.acquire();
        all.add(p);
        p.connect()
            .whenComplete(
                (ok, error) -> {
                  inFlight.release();
                  if (error != null) {
                    m.problem("connect failed: " + error.getClass().getSimpleName());
                  }
                });
      }
    }
    inFlight.acquire(settings.rampConcurrency());
    try {
      CompletableFuture.allOf(
              all.stream().map(GamePlayer::matched).toArray(CompletableFuture[]::new))
          .get(60 + tables / 10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      m.problem("matches not started in time");
    }
    return all;
  }

  private static long started(Measurements m) {
    return m.counter("matches started") / 2;
  }

  /** The run holds while the players work (not a synchronisation). */
  private static void hold(int seconds) throws InterruptedException {
    TimeUnit.SECONDS.sleep(seconds);
  }

  private record Snapshot(
      long nanos, double cpuA, double cpuB, long frames, Map<String, Long> moves) {
    long delta(Snapshot from, String key) {
      return moves.get(key) - from.moves.get(key);
    }
  }

  private Snapshot snapshot() {
    return new Snapshot(
        System.nanoTime(),
        cpuSeconds(pidA),
        cpuSeconds(pidB),
        relayFramesOut(nodeA) + relayFramesOut(nodeB),
        Map.of(
            "local moves", local.counter("opponent moves received"),
            "cross moves", cross.counter("opponent moves received")));
  }

  /** User plus system CPU time of a JVM so far (s), from /proc as {@link BenchServer} reads it. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** {@code gamehall_relay_frames_out_total} of a node's /metrics, read as the admin; -1 if not. */
  private long relayFramesOut(ClusterOfWildFlys.Node node) {
    try {
      String credentials =
          Files.readString(settings.basedir().resolve("target/test-admin.credentials")).strip();
      HttpClient http = HttpClient.newBuilder().sslContext(settings.wss().newContext()).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(node.https("/metrics"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        Matcher m = RELAY.matcher(line.strip());
        if (m.matches() && m.group(1).equals("out")) {
          return (long) Double.parseDouble(m.group(2));
        }
      }
      LOG.warning(node.name() + " /metrics: " + r.statusCode() + ", no relay counter");
    } catch (Exception e) {
      LOG.warning(node.name() + " /metrics failed: " + e);
    }
    problems.merge("relay counter unreadable", 1L, Long::sum);
    return 0;
  }

  /** The node's JVM (standalone.sh's child), found by its base directory on the command line. */
  private static long awaitJvm(ClusterOfWildFlys.Node node) throws Exception {
    String base = "-Djboss.server.base.dir=" + node.serverLog().getParent().getParent();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          try {
            String cmd =
                new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
            if (cmd.contains("jboss-modules.jar") && cmd.contains(base + "\0")) {
              return Long.parseLong(p.getFileName().toString());
            }
          } catch (IOException e) {
            // Gone meanwhile.
          }
        }
      }
      // Polling /proc for a process that appears within a second or two of the script's start.
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException(node.name() + ": no WildFly JVM within 60 s");
  }

  /** taskset on every thread of {@code pid}; threads created later inherit it. */
  private static void pin(long pid, String cpus) throws Exception {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      LOG.warning("taskset " + cpus + " " + pid + " failed: " + out);
    }
  }

  private static String otherCpu(String online, String mine) {
    for (String range : online.split(",")) {
      String[] ends = range.split("-");
      int from = Integer.parseInt(ends[0]);
      int to = Integer.parseInt(ends[ends.length - 1]);
      for (int c = from; c <= to; c++) {
        if (!String.valueOf(c).equals(mine)) {
          return String.valueOf(c);
        }
      }
    }
    return mine;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Map<String, String> nodeSettings(int jgroupsPort, String hosts) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("gamehall.cluster.enabled", "true");
    s.put("gamehall.cluster.name", "gamehall-bench");
    s.put("gamehall.cluster.bind.address", "127.0.0.1");
    s.put("gamehall.cluster.bind.port", String.valueOf(jgroupsPort));
    s.put("gamehall.cluster.discovery", "tcpping");
    s.put("gamehall.cluster.initial.hosts", hosts);
    s.put("gamehall.cluster.size", "2");
    // Two nodes: the majority would be both, and nothing here kills one.
    s.put("gamehall.cluster.quorum", "1");
    // Long clocks: a slow moment on the loaded machine must not hand a seat to 托管.
    s.put("gamehall.table.turn.seconds", "600");
    s.put("gamehall.table.bank.seconds", "600");
    s.put("gamehall.table.grace.seconds", "600");
    // Loopback has few source addresses; the per-address cap is a policy test, not measured here.
    s.put("gamehall.max.connections.per.address", "1000000");
    s.put("gamehall.rate.messages.per.second", "1000");
    s.put("gamehall.rate.burst", "1000");
    return s;
  }
}
