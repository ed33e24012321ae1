package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A server a test starts itself (Payara Micro, nginx): output to a log file, readiness polled with
 * a deadline, and always stopped by the test that started it.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * A port nobody listens on right now (the OS picks it); never a fixed one on a shared machine.
   */
  /**
   * {@code n} distinct free ports: the sockets are held open together while the ports are read (two
   * calls of {@link #freePort} in a row may return the same port, and did: an nginx got one port
   * for its http and https listeners).
   */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildProcess(name, builder.start(), log);
  }

  /**
   * Polls {@code ready} until it returns true, failing at the deadline or as soon as the process
   * dies (with the end of its log). The pause between polls is a wait on the process itself, so an
   * early exit is seen at once.
   */
  public Duration awaitReady(Duration within, Callable<Boolean> ready) throws Exception {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (ready.call()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (Exception e) {
        last = e;
      }
      if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
        fail(name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
      }
    }
    return fail(
        name + " not ready within " + within + " (last probe error: " + last + "):\n" + tail(),
        last);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Whether the process has printed {@code text} so far (a boot-complete line, say). */
  public boolean logContains(String text) throws IOException {
    return Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
  }

  /** The last lines of the process's output, for failure messages. */
  public String tail() {
    return tailOf(log, 40);
  }

  /** The last {@code count} lines of a log file, or why there are none. */
  public static String tailOf(Path log, int count) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * SIGKILL to the process and everything it started (a start script's JVM included), as after a
   * crash: no shutdown hook runs, no socket is closed cleanly. Returns once all of them are gone.
   */
  public void kill() throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        fail(name + ": process " + h.pid() + " still alive 30 s after SIGKILL");
      }
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      fail(name + " still alive 30 s after SIGKILL");
    }
  }

  /** SIGTERM, a grace period for a clean shutdown, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
