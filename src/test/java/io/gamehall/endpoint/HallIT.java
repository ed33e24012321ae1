package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.Tls;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hall contract against the built WAR in the managed WildFly, over wss through the HTTPS
 * listener with our keystore; the client trusts only our truststore and verifies the host name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HallIT extends HallContract {
  private SSLContext tls;
  private ClientManager client;

  /** The WAR exactly as `mvn package` built it, not a test-assembled archive. */
  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @BeforeAll
  void client() throws Exception {
    tls = Tls.trustingOurCa();
    client = ClientManager.createClient();
    SslEngineConfigurator ssl = new SslEngineConfigurator(tls, true, false, false);
    ssl.setHostVerificationEnabled(true);
    client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
  }

  @AfterAll
  void shutdown() {
    client.shutdown();
  }

  /** Reads the deployed server's own count from its metrics page. */
  @Override
  int openConnections() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
    String body =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("https://localhost:" + Ports.https() + "/gamehall/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^gamehall_connections (\\d+)$").matcher(body);
    assertTrue(m.find(), "no gamehall_connections in /metrics: " + body);
    return Integer.parseInt(m.group(1));
  }

  /** Lines of server.log written since now by an io.gamehall logger at WARN, ERROR or worse. */
  @Override
  java.util.function.Supplier<java.util.List<String>> watchLogs() throws Exception {
    java.nio.file.Path log =
        java.nio.file.Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    long start = java.nio.file.Files.size(log);
    return () -> {
      try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
        file.seek(Math.min(start, file.length()));
        byte[] tail = new byte[(int) (file.length() - file.getFilePointer())];
        file.readFully(tail);
        return new String(tail, StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.matches(".*\\b(WARN|ERROR|SEVERE|FATAL)\\b\\s+\\[io\\.gamehall.*"))
            .toList();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  @Override
  java.time.Duration fuzzTime() {
    return java.time.Duration.ofSeconds(Long.getLong("gamehall.fuzz.seconds", 4));
  }

  @Override
  boolean refusesOriginBeforeUpgrade() {
    // HandshakeFilter runs before Undertow's WebSocket filter and gives checkOrigin the Host
    // header.
    return true;
  }

  @Override
  Tier tier() {
    return new Tier(URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws"), client, tls);
  }

  /**
   * Only in the container tier: Grizzly (under embedded Tyrus) queues writes without bound, so
   * there a client that does not read never backs up the outbox; Undertow completes a send only
   * when the socket takes it.
   */
  @Test
  void aClientThatStopsReadingIsClosedWith4002WhileOthersKeepPlaying() throws Exception {
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        RawWebSocket slow = RawWebSocket.connect(tier().socketUri(), tls, 4096)) {
      // Welcomed, like a real slow client: a socket without hello would meet the hello deadline
      // (1008) first.
      slow.sendText("{\"type\":\"hello\",\"nickname\":\"Slow\"}");
      // Each ping earns a pong the slow client never reads, until the socket buffers and then its
      // outbox are full.
      byte[] ping =
          ("{\"type\":\"ping\",\"id\":\"" + "p".repeat(60) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      int sent = 0;
      try {
        // The server's socket can buffer at most net.ipv4.tcp_wmem's maximum (4 MB by default,
        // about 42,000 pongs)
        // before its outbox (256) has to hold the rest: 120,000 pings leave a wide margin.
        while (sent < 120_000) {
          for (int i = 0; i < 5_000; i++, sent++) {
            slow.send(true, RawWebSocket.TEXT, ping);
          }
          // Pace the flood to the server: a pong for Alice means the pings sent so far were
          // processed, so the flood
          // never queues so much work that other players' heartbeats wait behind it.
          String probe = "probe-" + sent;
          alice.send(new ClientMessage.Ping(probe, null));
          alice.await(ServerMessage.Pong.class, p -> probe.equals(p.re()), "pong during the flood");
        }
      } catch (IOException closedUnderUs) {
        // The server gave up on this client while it was still sending: that is the behaviour under
        // test.
      }
      // The others play on, every move acknowledged and seen by the opponent. They sit down only
      // now: the flood's length depends on the kernel's socket buffers and the machine's load, and
      // a game started before it could have been decided by the clock. Bob connects only now: an
      // idle client's pongs can wait behind the flood on a loaded machine for longer than the
      // tier's 3 s dead-peer time, while Alice's probes keep her heard throughout.
      try (TestClient bob = TestClient.welcomed(tier(), "Bob")) {
        playAfterTheFlood(alice, bob, slow, sent);
      }
    }
  }

  private void playAfterTheFlood(TestClient alice, TestClient bob, RawWebSocket slow, int sent)
      throws Exception {
    String table = TableFlows.quickMatch(alice, bob, "gomoku");
    TestClient[] players = TableFlows.bySeat(alice, bob, table);
    TestClient black = players[0];
    TestClient white = players[1];
    String[] moves = {"H8", "A1", "H9", "A2", "H10", "A3"};
    for (int i = 0; i < moves.length; i++) {
      TableFlows.play(i % 2 == 0 ? black : white, table, moves[i], i % 2 == 0 ? white : black);
    }
    assertEquals(4002, closeCodeAfterDraining(slow), "after " + sent + " unread pings");
    TableFlows.assertGapless(alice, bob);
  }

  /** Reads everything the server had queued, then the close frame, and returns its code. */
  private static int closeCodeAfterDraining(RawWebSocket raw) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      RawWebSocket.Frame frame = raw.read(Duration.ofSeconds(10));
      assertNotNull(frame, "no close frame after the slow client started reading again");
      if (frame.opcode() == RawWebSocket.CLOSE) {
        return frame.closeCode();
      }
    }
    return fail("still no close frame after 60 s of reading");
  }
}
