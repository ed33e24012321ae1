package io.gamehall.bench;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * GameHall and Colyseus side by side (bench.scenario=colyseus): the same Node driver
 * (src/bench/colyseus/driver.js) plays each server through that server's own client protocol,
 * GameHall first (the harness's WildFly, already running), then the Colyseus room
 * (src/bench/colyseus/server.js) on the same core once GameHall is stopped. The driver inherits the
 * harness's core. Its JSON results become this report's figures, with GameHall ÷ Colyseus ratios.
 */
final class SideBySide {
  private static final Logger LOG = Logger.getLogger(SideBySide.class.getName());

  private final BenchSettings settings;
  private final Report report;
  private final BenchServer gamehall;
  private final Measurements measurements;
  private final Path node;

  SideBySide(
      BenchSettings settings, Report report, BenchServer gamehall, Measurements measurements) {
    this.settings = settings;
    this.report = report;
    this.gamehall = gamehall;
    this.measurements = measurements;
    this.node = settings.basedir().resolve("src/bench/colyseus");
  }

  void run() throws Exception {
    report.heading(
        "GameHall and Colyseus side by side: steps of "
            + settings.steps()
            + " players at one move per "
            + settings.movePeriodMillis()
            + " ms each ("
            + settings.secondsOr(60)
            + " s measured per step), saturation at one move per 100 ms each, "
            + settings.idleConnections()
            + " idle connections");
    if (!Files.isDirectory(node.resolve("node_modules"))) {
      throw new IllegalStateException(
          "no " + node.resolve("node_modules") + ": the bench profile runs npm ci there");
    }
    JsonObject ours =
        drive(
            "gamehall",
            gamehall.gameUri().toString(),
            gamehall.pid(),
            List.of("--jcmd", gamehall.javaHome().resolve("bin/jcmd").toString()));
    // The core is Colyseus's alone for its run.
    gamehall.close();
    JsonObject theirs = colyseus();
    figures("gamehall", ours);
    figures("colyseus", theirs);
    ratios(ours, theirs);
  }

  private JsonObject colyseus() throws Exception {
    Path dir = report.directory;
    Path cert = dir.resolve("colyseus-cert.pem");
    Path key = dir.resolve("colyseus-key.pem");
    Path keystore = settings.keystore();
    // The same certificate as WildFly's, exported from the build's keystore for this run only.
    exec(
        List.of(
            "openssl",
            "pkcs12",
            "-in",
            keystore.toString(),
            "-nokeys",
            "-passin",
            "env:GAMEHALL_KEYSTORE_PASSWORD",
            "-out",
            cert.toString()),
        dir.resolve("colyseus-cert.log"));
    exec(
        List.of(
            "openssl",
            "pkcs12",
            "-in",
            keystore.toString(),
            "-nocerts",
            "-nodes",
            "-passin",
            "env:GAMEHALL_KEYSTORE_PASSWORD",
            "-out",
            key.toString()),
        dir.resolve("colyseus-key.log"));
    int port = BenchServer.freePort();
    Path log = dir.resolve("colyseus-server.log");
    Path memory = dir.resolve("colyseus-memory.json");
    List<String> command = new ArrayList<>();
    if (settings.serverCpu() != null) {
      command.addAll(List.of("taskset", "-c", settings.serverCpu()));
    }
    command.addAll(
        List.of(
            "node",
            "--expose-gc",
            node.resolve("server.js").toString(),
            String.valueOf(port),
            cert.toString(),
            key.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(node.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("BENCH_MEMORY_FILE", memory.toString());
    Process server = builder.start();
    try {
      awaitListening(server, log, Duration.ofSeconds(60));
      // taskset execs node in place, so this pid is Node's own.
      return drive(
          "colyseus",
          "wss://localhost:" + port,
          server.pid(),
          List.of("--memory-file", memory.toString()));
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(key);
    }
  }

  private static void awaitListening(Process server, Path log, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains("listening ")) {
        return;
      }
      if (server.waitFor(200, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "Colyseus exited with " + server.exitValue() + ":\n" + Files.readString(log));
      }
    }
    throw new IllegalStateException("Colyseus not listening within " + within);
  }

  /** Runs the driver against one server and returns its result file. */
  private JsonObject drive(String target, String url, long pid, List<String> extra)
      throws Exception {
    Path out = report.directory.resolve(target + "-result.json");
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                node.resolve("driver.js").toString(),
                "--target",
                target,
                "--url",
                url,
                "--pid",
                String.valueOf(pid),
                "--out",
                out.toString(),
                "--steps",
                settings.steps(),
                "--seconds",
                String.valueOf(settings.secondsOr(60)),
                "--warmup",
                String.valueOf(Math.max(2, Math.min(10, settings.secondsOr(60) / 3))),
                "--period-ms",
                String.valueOf(settings.movePeriodMillis()),
                "--saturation-seconds",
                String.valueOf(settings.secondsOr(60)),
                "--idle",
                String.valueOf(settings.idleConnections())));
    command.addAll(extra);
    LOG.info("driving " + target + ": " + String.join(" ", command));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(node.toFile())
            .redirectErrorStream(true)
            .redirectOutput(report.directory.resolve(target + "-driver.log").toFile());
    // Both servers present the dev CA's certificate; the driver trusts it like any client would.
    builder
        .environment()
        .put("NODE_EXTRA_CA_CERTS", settings.keystore().resolveSibling("dev-ca.crt").toString());
    Process driver = builder.start();
    long limit = 600 + 4L * settings.secondsOr(60) * (settings.steps().split(",").length + 2);
    if (!driver.waitFor(limit, TimeUnit.SECONDS)) {
      driver.destroyForcibly();
      throw new IllegalStateException(target + " driver still running after " + limit + " s");
    }
    if (driver.exitValue() != 0 || !Files.exists(out)) {
      throw new IllegalStateException(
          target
              + " driver failed ("
              + driver.exitValue()
              + "), see "
              + report.directory.resolve(target + "-driver.log"));
    }
    try (JsonReader reader =
        Json.createReader(new StringReader(Files.readString(out, StandardCharsets.UTF_8)))) {
      JsonObject result = reader.readObject();
      for (Map.Entry<String, JsonValue> p : result.getJsonObject("problems").entrySet()) {
        for (int i = 0; i < ((JsonNumber) p.getValue()).intValue(); i++) {
          measurements.problem(target + ": " + p.getKey());
        }
      }
      return result;
    }
  }

  private void figures(String target, JsonObject r) {
    report.heading(target);
    for (JsonValue v : r.getJsonArray("steps")) {
      JsonObject step = v.asJsonObject();
      report.figure(
          target + ".step." + step.getInt("players"),
          step.getInt("players") + " players: moves/s, p50 / p99 / p99.9 ms, server CPU %",
          String.format(
              "%.0f, %s / %s / %s, %.0f",
              number(step, "movesPerSecond"),
              ms(step, "p50"),
              ms(step, "p99"),
              ms(step, "p999"),
              number(step, "cpuPercent")));
    }
    report.figure(
        target + ".players.held", "players held at p99 <= 50 ms", r.getInt("playersHeld"));
    JsonObject sat = r.getJsonObject("saturation");
    report.figure(
        target + ".saturation.moves.per.s",
        "moves/s at saturation (" + sat.getInt("players") + " players, one move per 100 ms each)",
        String.format("%.0f", number(sat, "movesPerSecond")));
    report.figure(
        target + ".saturation.cpu.us.per.move",
        "server CPU per move at saturation (µs)",
        String.format("%.0f", number(sat, "cpuMicrosPerMove")));
    report.figure(
        target + ".saturation.cpu.percent",
        "server CPU at saturation (% of one core)",
        String.format("%.0f", number(sat, "cpuPercent")));
    if (r.get("idle") instanceof JsonObject idle) {
      report.figure(
          target + ".idle.heap.per.connection.kb",
          "heap after GC per idle connection (KB, " + idle.getInt("connections") + " open)",
          String.format("%.1f", number(idle, "heapBytesPerConnection") / 1024));
      report.figure(
          target + ".idle.rss.per.connection.kb",
          "RSS per idle connection (KB)",
          String.format("%.1f", number(idle, "rssBytesPerConnection") / 1024));
    }
  }

  private void ratios(JsonObject ours, JsonObject theirs) {
    report.heading("GameHall ÷ Colyseus (higher is better for GameHall on the first two)");
    ratio(
        "ratio.players.held",
        "players held",
        ours.getInt("playersHeld"),
        theirs.getInt("playersHeld"));
    ratio(
        "ratio.saturation.moves.per.s",
        "moves/s at saturation",
        number(ours.getJsonObject("saturation"), "movesPerSecond"),
        number(theirs.getJsonObject("saturation"), "movesPerSecond"));
    ratio(
        "ratio.cpu.us.per.move",
        "CPU µs per move (lower is better)",
        number(ours.getJsonObject("saturation"), "cpuMicrosPerMove"),
        number(theirs.getJsonObject("saturation"), "cpuMicrosPerMove"));
    if (ours.get("idle") instanceof JsonObject a && theirs.get("idle") instanceof JsonObject b) {
      ratio(
          "ratio.idle.heap",
          "heap per idle connection (lower is better)",
          number(a, "heapBytesPerConnection"),
          number(b, "heapBytesPerConnection"));
      ratio(
          "ratio.idle.rss",
          "RSS per idle connection (lower is better)",
          number(a, "rssBytesPerConnection"),
          number(b, "rssBytesPerConnection"));
    }
  }

  private void ratio(String key, String label, double ours, double theirs) {
    report.figure(key, label, theirs == 0 ? "n/a" : String.format("%.2f", ours / theirs));
  }

  /** A number from the driver's JSON, NaN where it wrote none (no samples, or null). */
  private static double number(JsonObject o, String name) {
    return o.get(name) instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
  }

  private static String ms(JsonObject o, String name) {
    return String.format("%.1f", number(o, name));
  }

  private static void exec(List<String> command, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putIfAbsent("GAMEHALL_KEYSTORE_PASSWORD", "changeit");
    Process p = builder.start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed, see " + log);
    }
  }
}
