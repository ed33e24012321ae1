package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.EmbeddedHall;
import io.gamehall.support.Tier;
import jakarta.websocket.ClientEndpointConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The protective limits with tight settings, on the embedded server: an origin allow-list, a per-address cap, the
 * hello deadline, the message rate limit, the create_table rate and the tables-per-player cap. (The shared contract
 * runs with an allow-all rate so its flooding tests measure what they mean to.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EmbeddedLimitsTest {
  private static final String ALLOWED = "https://game.example.com";
  private static final int CAP = 3;
  private static final int HELLO_SECONDS = 2;
  private static final int BURST = 40;
  private static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("gamehall.allowed.origins", ALLOWED + ", https://other.example.com"),
          Map.entry("gamehall.trust.forwarded.for", "true"),
          Map.entry("gamehall.max.connections.per.address", String.valueOf(CAP)),
          Map.entry("gamehall.hello.timeout.seconds", String.valueOf(HELLO_SECONDS)),
          Map.entry("gamehall.rate.messages.per.second", "20"),
          Map.entry("gamehall.rate.burst", String.valueOf(BURST)),
          Map.entry("gamehall.rate.create.table.per.minute", "2"),
          Map.entry("gamehall.max.tables.per.player", "2"),
          Map.entry("gamehall.heartbeat.seconds", "1"),
          Map.entry("gamehall.dead.peer.seconds", "3"));

  private EmbeddedHall hall;

  @BeforeAll
  void start() throws Exception {
    hall = EmbeddedHall.start(SETTINGS);
  }

  @AfterAll
  void stop() {
    hall.close();
  }

  private URI uri() {
    return URI.create("ws://localhost:" + hall.port() + "/gamehall/ws");
  }

  /** A protocol client whose handshake carries {@code origin} and a forwarded address of its own. */
  private Tier tier(String origin, String forwardedFor) {
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("Origin", List.of(origin));
                    headers.put("X-Forwarded-For", List.of(forwardedFor));
                  }
                })
            .build();
    return new Tier(uri(), hall.client(), null, config);
  }

  @Test
  void onlyListedOriginsAreUpgradedAndOthersGet403BeforeTheUpgrade() throws Exception {
    try (RawWebSocket listed = RawWebSocket.connect(uri(), null, "Origin: " + ALLOWED, "X-Forwarded-For: 192.0.2.1");
        RawWebSocket upper = RawWebSocket.connect(uri(), null, "Origin: HTTPS://Game.Example.com", "X-Forwarded-For: 192.0.2.1");
        RawWebSocket none = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 192.0.2.1");
        RawWebSocket evil = RawWebSocket.connect(uri(), null, "Origin: https://evil.example.com");
        RawWebSocket prefix = RawWebSocket.connect(uri(), null, "Origin: https://game.example.com.evil.example");
        RawWebSocket sameHost = RawWebSocket.connect(uri(), null, "Origin: http://localhost:" + hall.port())) {
      assertEquals(101, listed.status(), listed.handshakeResponse());
      assertEquals(101, upper.status(), "origins compare case-insensitively: " + upper.handshakeResponse());
      assertEquals(101, none.status(), "no Origin: a non-browser client");
      assertEquals(403, evil.status(), evil.handshakeResponse());
      assertEquals(403, prefix.status(), "exact match only");
      assertEquals(403, sameHost.status(), "with a list configured, even the same origin must be listed");
    }
  }

  @Test
  void theNextSocketFromAnAddressAtItsCapIsClosedWith1008AndItsSlotComesBack() throws Exception {
    List<RawWebSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        held.add(RawWebSocket.connect(uri(), null, "X-Forwarded-For: 198.51.100.7, 10.0.0.1"));
        assertEquals(101, held.get(i).status());
      }
      try (RawWebSocket over = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 198.51.100.7")) {
        RawWebSocket.Frame close = nextNonPing(over);
        assertEquals(RawWebSocket.CLOSE, close.opcode());
        assertEquals(1008, close.closeCode());
        assertTrue(close.closeReason().contains("too many connections"), close.closeReason());
      }
      try (RawWebSocket other = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 198.51.100.8")) {
        other.sendText("{\"type\":\"ping\",\"id\":\"other\"}");
        assertTrue(nextNonPing(other).text().contains("\"re\":\"other\""), "another address is not affected");
      }
      held.remove(0).close();
      // The freed slot is given back when the server sees the close; retry until then, within a deadline.
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      while (true) {
        RawWebSocket again = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 198.51.100.7");
        again.sendText("{\"type\":\"ping\",\"id\":\"back\"}");
        RawWebSocket.Frame frame = nextNonPing(again);
        if (frame.opcode() == RawWebSocket.TEXT) {
          assertTrue(frame.text().contains("\"re\":\"back\""), frame.text());
          held.add(again);
          break;
        }
        again.close();
        if (System.nanoTime() > deadline) {
          fail("the closed socket's slot never came back");
        }
      }
    } finally {
      for (RawWebSocket raw : held) {
        raw.close();
      }
    }
  }

  @Test
  void aConnectionThatNeverSaysHelloIsClosedWith1008() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 192.0.2.2")) {
      long start = System.nanoTime();
      raw.sendText("{\"type\":\"ping\",\"id\":\"p\"}");
      assertTrue(nextNonPing(raw).text().contains("pong"), "pings are fine before hello");
      RawWebSocket.Frame close = nextNonPing(raw);
      long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertEquals(RawWebSocket.CLOSE, close.opcode());
      assertEquals(1008, close.closeCode());
      assertEquals("hello required", close.closeReason());
      assertTrue(took >= HELLO_SECONDS * 1000L - 200, "closed after " + took + " ms");
    }
  }

  @Test
  void aFloodingClientIsClosedWith1008AfterItsBurst() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 192.0.2.3")) {
      byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < BURST * 5; i++) {
        raw.send(true, RawWebSocket.TEXT, ping);
      }
      int pongs = 0;
      RawWebSocket.Frame frame;
      while ((frame = nextNonPing(raw)).opcode() == RawWebSocket.TEXT) {
        pongs++;
      }
      assertEquals(RawWebSocket.CLOSE, frame.opcode());
      assertEquals(1008, frame.closeCode());
      assertEquals("message rate limit exceeded", frame.closeReason());
      assertTrue(pongs >= BURST && pongs < BURST * 2, "the burst was answered, then the flood stopped: " + pongs);
    }
  }

  @Test
  void createTableIsRateLimitedAndAPlayerSitsAtTwoTablesAtMost() throws Exception {
    try (TestClient cara = TestClient.welcomed(tier(ALLOWED, "192.0.2.4"), "Cara");
        TestClient dan = TestClient.welcomed(tier(ALLOWED, "192.0.2.5"), "Dan")) {
      for (String id : List.of("c1", "c2")) {
        cara.send(new ClientMessage.CreateTable(id, "gomoku", Map.of(), false, false));
        cara.await(ServerMessage.TableCreated.class, c -> id.equals(c.re()), "table " + id);
      }
      cara.send(new ClientMessage.CreateTable("c3", "gomoku", Map.of(), false, false));
      assertEquals(ErrorCode.RATE_LIMITED, cara.await(ServerMessage.Error.class, e -> "c3".equals(e.re()), "c3").code());
      cara.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      assertEquals(ErrorCode.TOO_MANY_TABLES, cara.await(ServerMessage.Error.class, e -> "q".equals(e.re()), "q").code());
      dan.send(new ClientMessage.CreateTable("d1", "xiangqi", Map.of(), false, false));
      String table = dan.await(ServerMessage.TableCreated.class, c -> "d1".equals(c.re()), "d1").table();
      cara.send(new ClientMessage.JoinTable("j", table, null));
      assertEquals(ErrorCode.TOO_MANY_TABLES, cara.await(ServerMessage.Error.class, e -> "j".equals(e.re()), "j").code());
    }
  }

  @Test
  void anOperatorKicksAPlayerAndBroadcastsANotice() throws Exception {
    ConnectionRegistry registry = hall.bean(ConnectionRegistry.class);
    try (TestClient fay = TestClient.welcomed(tier(ALLOWED, "192.0.2.7"), "Fay");
        TestClient gus = TestClient.welcomed(tier(ALLOWED, "192.0.2.8"), "Gus")) {
      registry.broadcastNotice(new ServerMessage.Notice("broadcast", "hello all", null));
      assertEquals("hello all", fay.await(ServerMessage.Notice.class, n -> true, "broadcast").message());
      gus.await(ServerMessage.Notice.class, n -> "broadcast".equals(n.kind()), "broadcast");
      assertTrue(registry.kick(gus.welcome().playerId(), "be nice"));
      assertEquals("be nice", gus.await(ServerMessage.Notice.class, n -> "kicked".equals(n.kind()), "kick").message());
      assertEquals(1008, gus.awaitClose(TestClient.WAIT).getCloseCode().getCode());
      fay.send(new ClientMessage.Ping("fine", null));
      fay.await(ServerMessage.Pong.class, p -> "fine".equals(p.re()), "pong");
    }
  }

  /** Last: a drain cannot be undone on this server. */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void aDrainRefusesNewTablesLetsTheRunningGameFinishThenClosesEveryoneWith1001() throws Exception {
    ConnectionRegistry registry = hall.bean(ConnectionRegistry.class);
    try (TestClient hal = TestClient.welcomed(tier(ALLOWED, "192.0.2.9"), "Hal");
        TestClient ivy = TestClient.welcomed(tier(ALLOWED, "192.0.2.10"), "Ivy");
        TestClient jon = TestClient.welcomed(tier(ALLOWED, "192.0.2.11"), "Jon")) {
      String table = TableFlows.quickMatch(hal, ivy, "gomoku");
      TestClient[] players = TableFlows.bySeat(hal, ivy, table);
      TableFlows.play(players[0], table, "H8", players[1]);
      registry.drain("maintenance");
      for (TestClient c : List.of(hal, ivy, jon)) {
        ServerMessage.Notice notice = c.await(ServerMessage.Notice.class, n -> "drain".equals(n.kind()), "drain notice");
        assertEquals("maintenance", notice.message());
        assertNotNull(notice.deadline());
      }
      jon.send(new ClientMessage.CreateTable("late", "gomoku", Map.of(), false, false));
      assertEquals(ErrorCode.DRAINING, jon.await(ServerMessage.Error.class, e -> "late".equals(e.re()), "late").code());
      // The running game goes on while draining.
      TableFlows.play(players[1], table, "A1", players[0]);
      assertTrue(hal.isOpen() && ivy.isOpen() && jon.isOpen(), "nobody is closed while a game runs");
      TableFlows.send(players[0], "gg", table, new io.gamehall.protocol.TableAction.Resign());
      TableFlows.result(table, hal, ivy);
      for (TestClient c : List.of(hal, ivy, jon)) {
        assertEquals(1001, c.awaitClose(TestClient.WAIT).getCloseCode().getCode());
      }
    }
  }

  @Test
  void aProtocolClientFromAnUnlistedOriginCannotConnect() {
    assertThrows(Exception.class, () -> TestClient.connect(tier("https://evil.example.com", "192.0.2.6")).close());
  }

  private static RawWebSocket.Frame nextNonPing(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame;
    do {
      frame = raw.read(TestClient.WAIT);
      assertNotNull(frame, "nothing but heartbeats within " + TestClient.WAIT);
    } while (frame.opcode() == RawWebSocket.PING);
    return frame;
  }
}
