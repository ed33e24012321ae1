package io.gamehall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS handshakes plus WebSocket upgrades, started at a fixed rate (open loop), timed from when each
 * was due, so a client or server falling behind shows up as latency rather than as a quietly lower
 * rate. Full: each attempt gets a fresh SSLContext, so nothing is resumed. Resumed: an attempt
 * reuses a context whose last connection is over, as a browser's reconnect does, and counts whether
 * the server let it resume (JSSE gives a resumed TLS 1.3 session its original creation time).
 */
final class Handshakes {
  private final Wss wss;
  private final URI uri;
  private final Measurements measurements;
  private final int sourceAddresses;
  private final String label;
  private final java.util.Queue<SSLContext> idle;

  /**
   * {@code label} names this run's latency and counters ("handshake+upgrade " + label, "upgrades "
   * + label).
   */
  Handshakes(
      Wss wss,
      URI uri,
      Measurements measurements,
      int sourceAddresses,
      String label,
      boolean resume)
      throws Exception {
    this.wss = wss;
    this.uri = uri;
    this.measurements = measurements;
    this.sourceAddresses = Math.max(1, sourceAddresses);
    this.label = label;
    // Resumed: an attempt borrows a context no other attempt is using and gives it back when done,
    // so it finds the ticket the context's last connection received (the JDK's client keeps one
    // per host and port and uses a ticket once); a new context, and a full handshake, only when
    // every context is busy.
    this.idle = resume ? new java.util.concurrent.ConcurrentLinkedQueue<>() : null;
  }

  String latencyName() {
    return "handshake+upgrade " + label;
  }

  String upgradesName() {
    return "upgrades " + label;
  }

  String resumedName() {
    return "resumed sessions " + label;
  }

  /** Starts {@code rate} attempts a second for {@code seconds}; returns when all have finished. */
  void run(int rate, int seconds, int concurrency) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    int total = rate * seconds;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      InetAddress source = address(i);
      pool.execute(() -> attempt(due, source));
    }
    pool.shutdown();
    if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      measurements.problem("handshakes still running two minutes after the last was due");
    }
    measurements.add("handshake wall nanos", System.nanoTime() - start);
  }

  private InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i % sourceAddresses)});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void attempt(long due, InetAddress source) {
    try {
      SSLContext borrowed = idle != null ? idle.poll() : null;
      SSLContext context = borrowed != null ? borrowed : wss.newContext();
      try {
        attempt(due, source, context);
      } finally {
        if (idle != null) {
          idle.offer(context);
        }
      }
    } catch (Exception e) {
      measurements.problem("handshake failed: " + e.getClass().getSimpleName());
    }
  }

  private void attempt(long due, InetAddress source, SSLContext context) throws Exception {
    long startedMillis = System.currentTimeMillis();
    // The host and port let JSSE find a cached session to resume (an unconnected socket has
    // none).
    java.net.Socket plain = new java.net.Socket();
    plain.bind(new InetSocketAddress(source, 0));
    plain.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 30_000);
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      if (socket.getSession().getCreationTime() < startedMillis) {
        measurements.count(resumedName());
      }
      OutputStream out = socket.getOutputStream();
      byte[] key = new byte[16];
      ThreadLocalRandom.current().nextBytes(key);
      String request =
          "GET "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(key)
              + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = statusLine(socket.getInputStream());
      if (status.startsWith("HTTP/1.1 101")) {
        measurements.latency(latencyName()).record(System.nanoTime() - due);
        measurements.count(upgradesName());
        // A close frame (masked, code 1000), so the server sees an orderly goodbye rather than a
        // reset.
        out.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
        out.flush();
      } else {
        measurements.problem("upgrade answered " + status);
      }
    }
  }

  /** Reads the response head up to the blank line; returns its first line. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    int end = head.indexOf("\r\n");
    return end < 0 ? head.toString() : head.substring(0, end);
  }
}
