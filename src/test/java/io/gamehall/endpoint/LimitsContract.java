package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The protective limits with tight settings, on a server of their own: the per-address cap, the
 * hello deadline, the message rate limit, the create_table rate, the tables-per-player cap, 托管 on a
 * clock that ran out (and its counter), and last the graceful drain. Runs on the embedded server
 * (EmbeddedLimitsTest) and on a separately started WildFly over wss (WildFlyLimitsIT), both with
 * {@link #SETTINGS}. (The shared tiers run with an allow-all rate so their flooding tests measure
 * what they mean to, and cannot be drained.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LimitsContract {
  static final String ALLOWED = "https://game.example.com";
  static final int CAP = 3;
  static final int HELLO_SECONDS = 2;
  static final int BURST = 40;

  /** A turn with no time bank, so a silent player's clock runs out quickly. */
  static final int TURN_SECONDS = 3;

  static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("gamehall.allowed.origins", ALLOWED + ", https://other.example.com"),
          Map.entry("gamehall.trust.forwarded.for", "true"),
          Map.entry("gamehall.max.connections.per.address", String.valueOf(CAP)),
          Map.entry("gamehall.hello.timeout.seconds", String.valueOf(HELLO_SECONDS)),
          Map.entry("gamehall.rate.messages.per.second", "20"),
          Map.entry("gamehall.rate.burst", String.valueOf(BURST)),
          Map.entry("gamehall.rate.create.table.per.minute", "2"),
          Map.entry("gamehall.max.tables.per.player", "2"),
          Map.entry("gamehall.table.turn.seconds", String.valueOf(TURN_SECONDS)),
          Map.entry("gamehall.table.bank.seconds", "0"),
          Map.entry("gamehall.heartbeat.seconds", "1"),
          Map.entry("gamehall.dead.peer.seconds", "3"));

  /** The players' socket. */
  abstract URI uri();

  /** TLS for raw sockets, or null for plain ws. */
  abstract SSLContext tls();

  abstract WebSocketContainer client();

  /** Starts a drain as an operator would. */
  abstract void drain(String message) throws Exception;

  /** Whether the server reports itself ready (for new players). */
  abstract boolean ready() throws Exception;

  /** The 托管 activations counter. */
  abstract long trusteeActivations() throws Exception;

  /**
   * Whether the answers queued before a rate-limit close reach the client. Tyrus flushes them
   * first; on WildFly the close overtakes most of the queued pongs (observed: 2 of 40), which the
   * client never needed.
   */
  boolean answersBeforeTheRateCloseArrive() {
    return true;
  }

  /**
   * A protocol client whose handshake carries {@code origin} and a forwarded address of its own.
   */
  Tier tier(String origin, String forwardedFor) {
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
    return new Tier(uri(), client(), tls(), config);
  }

  @Test
  void theNextSocketFromAnAddressAtItsCapIsClosedWith1008AndItsSlotComesBack() throws Exception {
    List<RawWebSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        held.add(RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 198.51.100.7, 10.0.0.1"));
        assertEquals(101, held.get(i).status());
        // Welcomed, so the hello deadline cannot free a slot on a slow machine before the next one
        // is refused.
        held.get(i).sendText("{\"type\":\"hello\",\"nickname\":\"Capped\"}");
        assertTrue(nextNonPing(held.get(i)).text().contains("\"welcome\""));
      }
      try (RawWebSocket over =
          RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 198.51.100.7")) {
        RawWebSocket.Frame close = nextNonPing(over);
        assertEquals(RawWebSocket.CLOSE, close.opcode());
        assertEquals(1008, close.closeCode());
        assertTrue(close.closeReason().contains("too many connections"), close.closeReason());
      }
      try (RawWebSocket other =
          RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 198.51.100.8")) {
        other.sendText("{\"type\":\"ping\",\"id\":\"other\"}");
        assertTrue(
            nextNonPing(other).text().contains("\"re\":\"other\""),
            "another address is not affected");
      }
      held.remove(0).close();
      // The freed slot is given back when the server sees the close; retry until then, within a
      // deadline.
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      while (true) {
        RawWebSocket again = RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 198.51.100.7");
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
    try (RawWebSocket raw = RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 192.0.2.2")) {
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
    try (RawWebSocket raw = RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 192.0.2.3")) {
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
      assertTrue(pongs < BURST * 2, "the flood was stopped: " + pongs + " answers");
      if (answersBeforeTheRateCloseArrive()) {
        assertTrue(pongs >= BURST, "the burst was answered: " + pongs);
      }
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
      assertEquals(
          ErrorCode.RATE_LIMITED,
          cara.await(ServerMessage.Error.class, e -> "c3".equals(e.re()), "c3").code());
      cara.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      assertEquals(
          ErrorCode.TOO_MANY_TABLES,
          cara.await(ServerMessage.Error.class, e -> "q".equals(e.re()), "q").code());
      dan.send(new ClientMessage.CreateTable("d1", "xiangqi", Map.of(), false, false));
      String table =
          dan.await(ServerMessage.TableCreated.class, c -> "d1".equals(c.re()), "d1").table();
      cara.send(new ClientMessage.JoinTable("j", table, null));
      assertEquals(
          ErrorCode.TOO_MANY_TABLES,
          cara.await(ServerMessage.Error.class, e -> "j".equals(e.re()), "j").code());
    }
  }

  @Test
  void aPlayerWhoseClockRunsOutGoesUnder托管AndTheCounterMoves() throws Exception {
    long before = trusteeActivations();
    try (TestClient kim = TestClient.welcomed(tier(ALLOWED, "192.0.2.13"), "Kim");
        TestClient lee = TestClient.welcomed(tier(ALLOWED, "192.0.2.14"), "Lee")) {
      String table = TableFlows.quickMatch(kim, lee, "gomoku");
      TestClient[] players = TableFlows.bySeat(kim, lee, table);
      // Black never moves: after TURN_SECONDS (no time bank) the seat goes under 托管 and the table
      // moves for it.
      players[1].await(
          ServerMessage.Event.class,
          e ->
              e.table().equals(table)
                  && e.kind().equals("trustee")
                  && Boolean.TRUE.equals(e.data().get("on")),
          "托管 for black",
          Duration.ofSeconds(TURN_SECONDS + 10));
      players[1].await(
          ServerMessage.Event.class,
          e -> e.table().equals(table) && e.kind().equals("move"),
          "the 托管 move",
          Duration.ofSeconds(10));
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      long after = trusteeActivations();
      while (after <= before && System.nanoTime() < deadline) {
        // A counter has no event to wait on: poll it briefly until the deadline.
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        after = trusteeActivations();
      }
      assertTrue(after > before, "托管 activations went from " + before + " to " + after);
      // End the game: a match left running would hold the drain test (last) until its players'
      // grace ran out.
      TableFlows.send(players[1], "resign", table, new TableAction.Resign());
      TableFlows.result(table, kim, lee);
    }
  }

  /** Last: a drain cannot be undone on a server. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aDrainRefusesNewTablesLetsTheRunningGameFinishThenClosesEveryoneWith1001() throws Exception {
    try (TestClient hal = TestClient.welcomed(tier(ALLOWED, "192.0.2.9"), "Hal");
        TestClient ivy = TestClient.welcomed(tier(ALLOWED, "192.0.2.10"), "Ivy");
        TestClient jon = TestClient.welcomed(tier(ALLOWED, "192.0.2.11"), "Jon");
        RawWebSocket kay = RawWebSocket.connect(uri(), tls(), "X-Forwarded-For: 192.0.2.12")) {
      kay.sendText("{\"type\":\"hello\",\"nickname\":\"Kay\"}");
      assertTrue(nextNonPing(kay).text().contains("\"welcome\""));
      String table = TableFlows.quickMatch(hal, ivy, "gomoku");
      TestClient[] players = TableFlows.bySeat(hal, ivy, table);
      TableFlows.play(players[0], table, "H8", players[1]);
      assertTrue(ready(), "ready before the drain");
      drain("maintenance");
      assertFalse(ready(), "not ready while draining: load balancers stop sending new players");
      for (TestClient c : List.of(hal, ivy, jon)) {
        ServerMessage.Notice notice =
            c.await(ServerMessage.Notice.class, n -> "drain".equals(n.kind()), "drain notice");
        assertEquals("maintenance", notice.message());
        assertNotNull(notice.deadline());
      }
      String kayNotice = nextNonPing(kay).text();
      assertTrue(kayNotice.contains("\"kind\":\"drain\""), kayNotice);
      jon.send(new ClientMessage.CreateTable("late", "gomoku", Map.of(), false, false));
      assertEquals(
          ErrorCode.DRAINING,
          jon.await(ServerMessage.Error.class, e -> "late".equals(e.re()), "late").code());
      jon.send(new ClientMessage.QuickMatch("lateq", "gomoku", Map.of()));
      assertEquals(
          ErrorCode.DRAINING,
          jon.await(ServerMessage.Error.class, e -> "lateq".equals(e.re()), "q").code());
      // The running game goes on while draining.
      TableFlows.play(players[1], table, "A1", players[0]);
      assertTrue(
          hal.isOpen() && ivy.isOpen() && jon.isOpen(), "nobody is closed while a game runs");
      TableFlows.send(players[0], "gg", table, new TableAction.Resign());
      TableFlows.result(table, hal, ivy);
      // Read at frame level too: the close code itself, as the SDK sees it (1001: reconnect
      // elsewhere later).
      RawWebSocket.Frame close = nextNonPing(kay);
      assertEquals(RawWebSocket.CLOSE, close.opcode(), close.text());
      assertEquals(1001, close.closeCode());
      for (TestClient c : List.of(hal, ivy, jon)) {
        // A WebSocket API client over TLS may report 1006 when the server's TCP close overtakes the
        // close frame it
        // already received (see HallContract); the code on the wire is the frame-level one above.
        int code = c.awaitClose(TestClient.WAIT).getCloseCode().getCode();
        assertTrue(code == 1001 || code == 1006 && tls() != null, "closed with " + code);
      }
    }
  }

  /**
   * The next frame that is not a ping; pings are answered, so a socket that waits long is not a
   * dead peer.
   */
  static RawWebSocket.Frame nextNonPing(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame;
    while (true) {
      frame = raw.read(TestClient.WAIT);
      assertNotNull(frame, "nothing but heartbeats within " + TestClient.WAIT);
      if (frame.opcode() != RawWebSocket.PING) {
        return frame;
      }
      raw.send(true, RawWebSocket.PONG, frame.payload());
    }
  }
}
