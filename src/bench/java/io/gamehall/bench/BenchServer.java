package io.gamehall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server under test, started by the harness as a child process with its own base directory,
 * ports, heap and GC log, pinned with taskset to its own core: WildFly (the build's provisioned and
 * TLS-configured copy, with the production WAR and the echo WAR) or Payara Micro 6 (the production
 * WAR through server-config/payara/run-micro.sh). Settings reach the application as GAMEHALL_*
 * environment variables, which both servers pass on unchanged.
 */
final class BenchServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BenchServer.class.getName());
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+(?:\\.\\d+)?)ms");

  final String kind;
  final int httpsPort;
  final Path gcLog;
  final boolean hasEcho;
  private String tls = "jsse";
  private final Process process;
  private final Path javaHome;
  private final Path log;
  private long pid;
  private volatile boolean closed;

  private BenchServer(
      String kind,
      Process process,
      int httpsPort,
      Path gcLog,
      Path log,
      Path javaHome,
      boolean hasEcho) {
    this.kind = kind;
    this.process = process;
    this.httpsPort = httpsPort;
    this.gcLog = gcLog;
    this.log = log;
    this.javaHome = javaHome;
    this.hasEcho = hasEcho;
    this.pid = process.pid();
  }

  /** Starts the server named by {@code settings.server()} and waits until both sockets upgrade. */
  static BenchServer start(BenchSettings settings, Path out, Map<String, String> appSettings)
      throws Exception {
    Files.createDirectories(out);
    Path gcLog = out.resolve("server-gc.log");
    String jvm =
        "-Xms"
            + settings.serverHeap()
            + " -Xmx"
            + settings.serverHeap()
            + " "
            + settings.serverGc()
            // ZGC logs its pauses under gc+phases only; G1 and Shenandoah name them at gc level.
            + (settings.serverGc().contains("UseZGC")
                ? " -Xlog:gc,gc+phases:file="
                : " -Xlog:gc:file=")
            + gcLog
            + (settings.serverOpts().isBlank()
                ? ""
                : " " + settings.serverOpts().replace("{out}", out.toString()));
    List<String> command = new ArrayList<>();
    if (settings.serverCpu() != null) {
      command.addAll(List.of("taskset", "-c", settings.serverCpu()));
    }
    Path log = out.resolve("server.log");
    BenchServer server;
    if (settings.server().equals("payara")) {
      if (!settings.tls().equals("jsse")) {
        throw new IllegalArgumentException("bench.tls=" + settings.tls() + " is WildFly only");
      }
      int http = freePort();
      int https = freePort();
      command.addAll(
          List.of(
              "bash",
              settings.basedir().resolve("server-config/payara/run-micro.sh").toString(),
              settings.payaraJar().toString(),
              settings.war().toString(),
              settings.keystore().toString(),
              String.valueOf(http),
              String.valueOf(https)));
      ProcessBuilder builder = builder(command, settings, log, appSettings);
      builder.environment().put("GAMEHALL_JAVA_OPTS", jvm);
      builder.environment().put("GAMEHALL_MICRO_OPTS", "--rootdir " + out.resolve("payara-root"));
      server =
          new BenchServer("payara", builder.start(), https, gcLog, log, settings.javaHome(), false);
    } else {
      Path base = out.resolve("wildfly-base");
      copyStandalone(settings.wildflyHome().resolve("standalone"), base);
      Files.copy(
          settings.war(),
          base.resolve("deployments/gamehall.war"),
          StandardCopyOption.REPLACE_EXISTING);
      io.gamehall.bench.echo.EchoWar.write(base.resolve("deployments"));
      if (!settings.tls().equals("jsse")) {
        configureOpenSsl(settings, base, out);
      }
      int offset = settings.serverPortOffset();
      command.addAll(
          List.of(
              "bash",
              settings.wildflyHome().resolve("bin/standalone.sh").toString(),
              "-Djboss.server.base.dir=" + base,
              "-Djboss.socket.binding.port-offset=" + offset));
      ProcessBuilder builder = builder(command, settings, log, appSettings);
      builder.environment().put("JBOSS_JAVA_SIZING", jvm);
      builder.environment().put("JBOSS_PIDFILE", base.resolve("server.pid").toString());
      builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
      server =
          new BenchServer(
              "wildfly", builder.start(), 8443 + offset, gcLog, log, settings.javaHome(), true);
    }
    server.tls = settings.tls();
    try {
      // A loaded shared machine boots Payara Micro in minutes: -Dbench.boot.seconds raises the
      // deadline.
      server.awaitReady(settings, Duration.ofSeconds(Long.getLong("bench.boot.seconds", 240)));
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static ProcessBuilder builder(
      List<String> command, BenchSettings settings, Path log, Map<String, String> appSettings) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().put("JAVA_HOME", settings.javaHome().toString());
    builder.environment().putAll(appSettings);
    return builder;
  }

  private static void copyStandalone(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path relative = from.relativize(file);
        String top = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
        if (List.of("data", "log", "tmp", "deployments").contains(top)
            && relative.getNameCount() > 1) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Applies configure-openssl.cli (and for bench.tls=both the bench's second listener) to this
   * run's copy of the server, offline, with the RSA keystore OpenSSL needs beside it.
   */
  private static void configureOpenSsl(BenchSettings settings, Path base, Path out)
      throws IOException, InterruptedException {
    Files.copy(
        settings.keystore().resolveSibling("gamehall-keystore-rsa.p12"),
        base.resolve("configuration/gamehall-keystore-rsa.p12"),
        StandardCopyOption.REPLACE_EXISTING);
    Path scripts = settings.basedir().resolve("server-config/wildfly");
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                scripts.resolve("apply-offline.sh").toString(),
                settings.wildflyHome().toString(),
                scripts.resolve("configure-openssl.cli").toString()));
    if (settings.tls().equals("both")) {
      command.add(
          settings.basedir().resolve("src/bench/wildfly/openssl-second-listener.cli").toString());
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("configure-openssl.log").toFile());
    // The embedded server of jboss-cli edits the base directory named here, not the provisioned
    // one.
    builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base);
    builder.environment().put("JAVA_HOME", settings.javaHome().toString());
    Process cli = builder.start();
    if (!cli.waitFor(5, TimeUnit.MINUTES) || cli.exitValue() != 0) {
      cli.destroyForcibly();
      throw new IllegalStateException(
          "configure-openssl failed, see " + out.resolve("configure-openssl.log"));
    }
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  URI gameUri() {
    return URI.create("wss://localhost:" + httpsPort + "/gamehall/ws");
  }

  /**
   * The game socket on the listener of that TLS provider: with bench.tls=both OpenSSL listens one
   * port above JSSE.
   */
  URI gameUri(String provider) {
    if (!tls.equals("both") && !tls.equals(provider)) {
      throw new IllegalArgumentException("this server runs " + tls + ", not " + provider);
    }
    int port = tls.equals("both") && provider.equals("openssl") ? httpsPort + 1 : httpsPort;
    return URI.create("wss://localhost:" + port + "/gamehall/ws");
  }

  /** The server's JVM (or, for Colyseus, Node) process id, for /proc and jcmd. */
  long pid() {
    return pid;
  }

  Path javaHome() {
    return javaHome;
  }

  URI echoUri() {
    return URI.create("wss://localhost:" + httpsPort + "/gamehall-echo/echo");
  }

  /**
   * Polls with a real upgrade; the wait between polls is a wait on the process, so an early exit is
   * seen at once.
   */
  private void awaitReady(BenchSettings settings, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    SSLContext tls = settings.wss().newContext();
    while (System.nanoTime() < deadline) {
      if (upgrades(tls, gameUri())
          && (!hasEcho || upgrades(tls, echoUri()))
          && (!this.tls.equals("both") || upgrades(tls, gameUri("openssl")))) {
        if (kind.equals("wildfly")) {
          pid =
              Long.parseLong(
                  Files.readString(log.resolveSibling("wildfly-base/server.pid")).trim());
        }
        LOG.info(kind + " ready on port " + httpsPort + ", java pid " + pid);
        return;
      }
      if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            kind + " exited with " + process.exitValue() + ":\n" + tail());
      }
    }
    throw new IllegalStateException(kind + " not ready within " + within + ":\n" + tail());
  }

  private static boolean upgrades(SSLContext tls, URI uri) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      try (SSLSocket socket =
          (SSLSocket)
              tls.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true)) {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET "
                    + uri.getRawPath()
                    + " HTTP/1.1\r\nHost: "
                    + uri.getHost()
                    + ":"
                    + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int n = in.readNBytes(head, 0, head.length);
        return new String(head, 0, n, StandardCharsets.US_ASCII).equals("HTTP/1.1 101");
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** CPU time (user plus system) the server's JVM has used so far, in seconds, from /proc. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // Fields 14 and 15 of stat (utime, stime), counted from after the command name; clock ticks
      // of 1/100 s.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Resident set size of the server's JVM in bytes. */
  long rssBytes() {
    if (closed) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      LOG.warning("no RSS for " + pid + ": " + e);
    }
    return -1;
  }

  /** Java heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in bytes. */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(javaHome.resolve("bin/jcmd").toString(), String.valueOf(pid), what)
            .redirectErrorStream(true)
            .start();
    byte[] output = jcmd.getInputStream().readAllBytes();
    jcmd.waitFor(60, TimeUnit.SECONDS);
    return new String(output, StandardCharsets.UTF_8);
  }

  /** GC pause lengths (ms) logged so far, in order; a window is the difference of two calls. */
  List<Double> gcPauses() {
    List<Double> pauses = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = PAUSE.matcher(line);
        if (m.find()) {
          pauses.add(Double.parseDouble(m.group(1)));
        }
      }
    } catch (IOException e) {
      LOG.warning("no GC log: " + e);
    }
    return pauses;
  }

  String tail() {
    return io.gamehall.support.ChildProcess.tailOf(log, 30);
  }

  /**
   * SIGTERM to the JVM (WildFly's pid file names it), a grace period, then SIGKILL; the launcher
   * goes with it.
   */
  @Override
  public void close() throws InterruptedException {
    // The colyseus scenario stops the server before the run ends; the sampler then reads nothing.
    closed = true;
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
