package io.gamehall.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The run's knobs, from system properties ({@code -Dbench.x=...}; the bench profile in pom.xml
 * passes the build's paths and ports). Every default is the documented figure's setting;
 * docs/performance.md lists them.
 */
record BenchSettings(
    String scenario,
    String server,
    int players,
    int seconds,
    long movePeriodMillis,
    int rate,
    int sourceAddresses,
    String serverCpu,
    String serverHeap,
    String serverOpts,
    String serverGc,
    int serverPortOffset,
    int rampConcurrency,
    Path out,
    Path basedir,
    Path wildflyHome,
    Path payaraJar,
    Path war,
    Path keystore,
    Path truststore,
    Path javaHome,
    String tls,
    boolean resumeReconnects,
    String steps,
    int idleConnections,
    Wss wssHolder) {

  /**
   * The server's collector and its options unless {@code -Dbench.server.gc} says otherwise ({@code
   * -XX:+UseG1GC} for the runs before 2026-12-03 17:00): Shenandoah had the lowest p99 in both
   * rounds of the A/B in docs/performance.md ("GC on one core").
   */
  static final String DEFAULT_SERVER_GC = "-XX:+UseShenandoahGC";

  static BenchSettings from(Properties p, Executor executor) throws Exception {
    Path basedir = Path.of(p.getProperty("bench.basedir", ".")).toAbsolutePath();
    Path target = basedir.resolve("target");
    String scenario = p.getProperty("bench.scenario", "smoke");
    String server = p.getProperty("bench.server", "wildfly");
    Path keystoreDir = target.resolve("keystore");
    Path truststore =
        Path.of(
            p.getProperty(
                "bench.truststore", keystoreDir.resolve("gamehall-truststore.p12").toString()));
    int addresses = integer(p, "bench.addresses", 16);
    String password = System.getenv().getOrDefault("GAMEHALL_KEYSTORE_PASSWORD", "changeit");
    // The storm's reconnects: "full" handshakes (no client session cache, as the harness did by
    // default before) or "resume" (the way a browser reconnects, with the session it was given).
    String reconnect = p.getProperty("bench.reconnect", "full");
    if (!reconnect.equals("full") && !reconnect.equals("resume")) {
      throw new IllegalArgumentException("bench.reconnect is full or resume, not " + reconnect);
    }
    // WildFly's TLS provider: jsse (the build's configuration), openssl (configure-openssl.cli), or
    // both (JSSE on the usual port, OpenSSL on a second listener), for the handshake scenario.
    String tls = p.getProperty("bench.tls", "jsse");
    if (!List.of("jsse", "openssl", "both").contains(tls)) {
      throw new IllegalArgumentException("bench.tls is jsse, openssl or both, not " + tls);
    }
    Wss wss =
        new Wss(
            truststore, password.toCharArray(), addresses, executor, reconnect.equals("resume"));
    String cpu = p.getProperty("bench.server.cpu", "0");
    return new BenchSettings(
        scenario,
        server,
        integer(p, "bench.players", 0),
        integer(p, "bench.seconds", 0),
        integer(p, "bench.move.period.ms", 1000),
        integer(p, "bench.rate", 300),
        addresses,
        cpu.isBlank() || cpu.equals("none") ? null : cpu,
        p.getProperty("bench.server.heap", "1g"),
        p.getProperty("bench.server.opts", ""),
        p.getProperty("bench.server.gc", "").isBlank()
            ? DEFAULT_SERVER_GC
            : p.getProperty("bench.server.gc").trim(),
        integer(p, "bench.server.port.offset", integer(p, "gamehall.port.offset", 10000) + 100),
        integer(p, "bench.ramp.concurrency", 64),
        Path.of(p.getProperty("bench.out", target.resolve("bench").toString())).toAbsolutePath(),
        basedir,
        Path.of(
            p.getProperty("bench.wildfly.home", target.resolve("wildfly-39.0.1.Final").toString())),
        Path.of(
            p.getProperty(
                "bench.payara.jar", target.resolve("payara/payara-micro-6.jar").toString())),
        Path.of(p.getProperty("bench.war", target.resolve("gamehall.war").toString())),
        keystoreDir.resolve("gamehall-keystore.p12"),
        truststore,
        Path.of(p.getProperty("bench.server.java.home", defaultServerJava())),
        tls,
        reconnect.equals("resume"),
        p.getProperty("bench.steps", "").isBlank()
            ? "250,500,1000,1500,2000,3000"
            : p.getProperty("bench.steps").trim(),
        integer(p, "bench.idle", 5000),
        wss);
  }

  private static int integer(Properties p, String key, int fallback) {
    String value = p.getProperty(key);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  /**
   * The servers run on Java 17 (the project's baseline) even when the harness itself runs on a
   * newer JDK.
   */
  private static String defaultServerJava() {
    Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    return java17.resolve("bin/java").toFile().exists()
        ? java17.toString()
        : System.getProperty("java.home");
  }

  Wss wss() {
    return wssHolder;
  }

  int playersOr(int fallback) {
    return players > 0 ? players : fallback;
  }

  int secondsOr(int fallback) {
    return seconds > 0 ? seconds : fallback;
  }
}
