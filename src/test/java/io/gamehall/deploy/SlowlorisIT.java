package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.glassfish.tyrus.client.ClientManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS listener's request limits from configure-hardening.cli, against the managed WildFly: hundreds of slow
 * handshakes held open (TLS handshakes sent halfway; upgrade requests whose headers trickle in a line a second) while
 * real players still connect, the slow ones cut by the server within its timeouts, oversized heads refused, and an
 * upgraded socket that outlives both timeouts. The managed server runs with the timeouts shortened by system
 * property (arquillian.xml); the test reads the values the server resolved rather than assuming them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowlorisIT {
  private static final int HALF_TLS = Integer.getInteger("gamehall.slowloris.tls", 150);
  private static final int HALF_HTTP = Integer.getInteger("gamehall.slowloris.http", 150);
  private static final int PLAYERS = 10;
  /** Slack over a timeout for the server's timer granularity and a busy machine. */
  private static final Duration SLACK = Duration.ofSeconds(4);

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  /** One held connection: when it was opened and, once the server cut it, how long that took. */
  private record Held(String kind, Socket socket, long openedAt, long[] cutAfter) {}

  @Test
  void slowHandshakesAreCutWithinTheTimeoutsWhilePlayersStillConnect() throws Exception {
    long parseTimeout = listenerMillis("request-parse-timeout");
    long noRequestTimeout = listenerMillis("no-request-timeout");
    SSLContext tls = Tls.trustingOurCa();
    List<Held> held = Collections.synchronizedList(new ArrayList<>());
    ExecutorService watchers = Executors.newFixedThreadPool(HALF_TLS + HALF_HTTP);
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    ClientManager sockets = ClientManager.createClient();
    CountDownLatch allCut = new CountDownLatch(HALF_TLS + HALF_HTTP);
    List<Long> playerMillis = new ArrayList<>();
    try {
      long openStart = System.nanoTime();
      for (int i = 0; i < HALF_TLS; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", Ports.https()), 5_000);
        // A TLS record header announcing a 512-byte handshake message, then only its first bytes: the server waits
        // for the rest of a ClientHello that never comes.
        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03});
        socket.getOutputStream().flush();
        watch(new Held("half TLS handshake", socket, System.nanoTime(), new long[] {-1}), held, watchers, allCut);
      }
      for (int i = 0; i < HALF_HTTP; i++) {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("localhost", Ports.https()), 5_000);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("GET /gamehall/ws HTTP/1.1\r\nHost: localhost:" + Ports.https() + "\r\nUpgrade: websocket\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Held h = new Held("half upgrade request", socket, System.nanoTime(), new long[] {-1});
        watch(h, held, watchers, allCut);
        // The classic slowloris: one more header line a second, never the blank line that ends the head.
        trickle.scheduleAtFixedRate(() -> {
          try {
            out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
          } catch (IOException cut) {
            // The server closed it: the watcher records when.
          }
        }, 1, 1, TimeUnit.SECONDS);
      }
      long opened = Duration.ofNanos(System.nanoTime() - openStart).toMillis();

      // Real players while all of that is held: each completes the wss handshake and hello within a deadline.
      URI uri = URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws");
      for (int i = 0; i < PLAYERS; i++) {
        long start = System.nanoTime();
        try (TestClient player = TestClient.connect(WssTier.of(sockets, uri))) {
          player.send(new ClientMessage.Hello("h", 1, "Real" + i, null));
          player.await(ServerMessage.Welcome.class, w -> true, "welcome while slow handshakes are held",
              Duration.ofSeconds(5));
        }
        playerMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
      }
      long stillHeld = held.stream().filter(h -> h.cutAfter()[0] < 0).count();

      long longest = Math.max(parseTimeout, noRequestTimeout) + SLACK.toMillis();
      boolean cut = allCut.await(longest + 5_000, TimeUnit.MILLISECONDS);
      assertTrue(cut, "slow connections still open after " + (longest + 5_000) + " ms: half TLS "
          + cutTimes(held, "half TLS handshake") + "; half upgrade " + cutTimes(held, "half upgrade request"));
      List<Long> tlsCuts = cutTimes(held, "half TLS handshake");
      List<Long> httpCuts = cutTimes(held, "half upgrade request");
      System.out.println("[hardening] slowloris: " + HALF_TLS + " half TLS handshakes and " + HALF_HTTP
          + " trickling upgrade requests opened in " + opened + " ms; " + stillHeld + " still held after the "
          + PLAYERS + " players; player handshake+welcome ms " + summary(playerMillis) + "; half TLS cut after ms "
          + summary(tlsCuts) + " (no-request-timeout " + noRequestTimeout + "); half upgrade cut after ms "
          + summary(httpCuts) + " (request-parse-timeout " + parseTimeout + ")");
      assertTrue(stillHeld >= (HALF_TLS + HALF_HTTP) * 9 / 10,
          "the players connected while the slow connections were held (" + stillHeld + " were)");
      // Cut by the server's timers, not earlier (no other limit hit) and not later than the timeout allows.
      assertTrue(Collections.max(httpCuts) <= parseTimeout + SLACK.toMillis(), "upgrade requests: " + httpCuts);
      assertTrue(Collections.min(httpCuts) >= parseTimeout - 500, "cut before the parse timeout: " + httpCuts);
      assertTrue(Collections.max(tlsCuts) <= noRequestTimeout + SLACK.toMillis(), "TLS handshakes: " + tlsCuts);
    } finally {
      trickle.shutdownNow();
      for (Held h : held) {
        h.socket().close();
      }
      watchers.shutdownNow();
      sockets.shutdown();
    }
  }

  @Test
  void anOversizedOrOverlongRequestHeadIsRefusedBeforeTheUpgrade() throws Exception {
    URI uri = URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws");
    SSLContext tls = Tls.trustingOurCa();
    try (RawWebSocket big = RawWebSocket.connect(uri, tls, "X-Big: " + "a".repeat(20_000))) {
      assertNotEquals(101, big.status(), big.handshakeResponse());
      System.out.println("[hardening] 20 kB header answered: " + firstLine(big.handshakeResponse()));
    }
    String[] many = new String[80];
    for (int i = 0; i < many.length; i++) {
      many[i] = "X-Many-" + i + ": 1";
    }
    try (RawWebSocket crowded = RawWebSocket.connect(uri, tls, many)) {
      assertNotEquals(101, crowded.status(), crowded.handshakeResponse());
      System.out.println("[hardening] 80 extra headers answered: " + firstLine(crowded.handshakeResponse()));
    }
    try (RawWebSocket normal = RawWebSocket.connect(uri, tls, "Cookie: " + "c=" + "b".repeat(4_000))) {
      assertEquals(101, normal.status(), "a 4 kB cookie is still fine: " + normal.handshakeResponse());
    }
  }

  /**
   * After the upgrade the HTTP timers must not apply: a welcomed socket stays up well past both (answering the
   * server's pings, as every client does) and still answers.
   */
  @Test
  void anUpgradedSocketOutlivesTheHttpTimeouts() throws Exception {
    long past = Math.max(listenerMillis("request-parse-timeout"), listenerMillis("no-request-timeout")) + 2_000;
    URI uri = URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws");
    try (RawWebSocket player = RawWebSocket.connect(uri, Tls.trustingOurCa(), "X-Forwarded-For: 198.18.0.1")) {
      player.sendText("{\"type\":\"hello\",\"nickname\":\"Patient\"}");
      long start = System.nanoTime();
      int pings = 0;
      // Each heartbeat ping is an event to wait on; keep answering until the timeouts are well behind us.
      while (Duration.ofNanos(System.nanoTime() - start).toMillis() < past) {
        RawWebSocket.Frame frame = player.read(TestClient.WAIT);
        assertNotNull(frame, "the server went quiet");
        assertNotEquals(RawWebSocket.CLOSE, frame.opcode(), "closed with " + frame.closeCode() + " after "
            + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        if (frame.opcode() == RawWebSocket.PING) {
          pings++;
          player.send(true, RawWebSocket.PONG, frame.payload());
        }
      }
      player.sendText("{\"type\":\"ping\",\"id\":\"still\"}");
      RawWebSocket.Frame answer;
      do {
        answer = player.read(TestClient.WAIT);
        assertNotNull(answer, "no pong");
      } while (answer.opcode() == RawWebSocket.PING);
      assertTrue(answer.text().contains("\"re\":\"still\""), answer.text());
      assertTrue(pings > 0, "heartbeats kept coming");
    }
  }

  private static void watch(Held h, List<Held> held, ExecutorService watchers, CountDownLatch allCut) {
    held.add(h);
    watchers.execute(() -> {
      try {
        h.socket().setSoTimeout(0);
        InputStream in = h.socket().getInputStream();
        // Whatever the server answers (an alert, a 408), the connection ends in EOF or a reset.
        while (in.read() >= 0) {
          // drain
        }
      } catch (IOException ended) {
        // reset, or closed by the test in the end
      }
      h.cutAfter()[0] = Duration.ofNanos(System.nanoTime() - h.openedAt()).toMillis();
      allCut.countDown();
    });
  }

  private static List<Long> cutTimes(List<Held> held, String kind) {
    synchronized (held) {
      return held.stream().filter(h -> h.kind().equals(kind)).map(h -> h.cutAfter()[0]).sorted().toList();
    }
  }

  private static String summary(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return "min " + sorted.get(0) + " median " + sorted.get(sorted.size() / 2) + " p95 "
        + sorted.get(sorted.size() * 95 / 100) + " max " + sorted.get(sorted.size() - 1);
  }

  private static String firstLine(String head) {
    return head.isEmpty() ? "(connection closed, no response)" : head.lines().findFirst().orElse("");
  }

  /** An HTTPS listener attribute in milliseconds, with expressions resolved as the server resolved them. */
  private static long listenerMillis(String attribute) throws Exception {
    int port = Integer.getInteger("gamehall.management.port", 19990);
    try (ModelControllerClient management = ModelControllerClient.Factory.create("localhost", port)) {
      ModelNode op = Operations.createReadAttributeOperation(
          Operations.createAddress("subsystem", "undertow", "server", "default-server", "https-listener", "https"),
          attribute);
      op.get("resolve-expressions").set(true);
      ModelNode outcome = management.execute(op);
      assertTrue(Operations.isSuccessfulOutcome(outcome), outcome.toString());
      return Operations.readResult(outcome).asLong();
    }
  }
}
