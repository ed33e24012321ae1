package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.doudizhu.Deal;
import io.gamehall.game.doudizhu.FairDeal;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every deployment of the hall socket must do, whatever runs it. Subclasses supply the {@link
 * Tier}: embedded Tyrus ({@code EmbeddedHallTest}) or the managed WildFly over wss ({@code
 * HallIT}). Both run the server with a 1 s heartbeat and a 3 s dead-peer timeout so the heartbeat
 * tests stay short.
 */
abstract class HallContract {
  static final int HEARTBEAT_SECONDS = 1;
  static final int DEAD_PEER_SECONDS = 3;
  static final int MAX_MESSAGE_BYTES = 16 * 1024;
  static final int GRACE_SECONDS = 5;

  /**
   * Long enough that two players queueing one after the other under fuzzing load still meet each
   * other.
   */
  static final int BOT_FILL_SECONDS = 8;

  /**
   * Both tiers trust X-Forwarded-For so tests can play many addresses; 127.0.0.1 stays below this
   * cap.
   */
  static final int MAX_PER_ADDRESS = 32;

  /**
   * Longer than the heartbeat tests that never say hello, which run about DEAD_PEER_SECONDS + 2
   * heartbeats.
   */
  static final int HELLO_TIMEOUT_SECONDS = 8;

  /**
   * Effectively no message rate limit in the shared tiers (the slow-consumer test floods);
   * EmbeddedLimitsTest has one.
   */
  static final int RATE = 100_000;

  abstract Tier tier();

  /**
   * Open connections as the server counts them (the registry, or the metrics page of a deployed
   * server).
   */
  abstract int openConnections() throws Exception;

  /**
   * Starts collecting WARNING-or-worse lines of io.gamehall loggers; the result lists what was
   * logged since.
   */
  abstract java.util.function.Supplier<List<String>> watchLogs() throws Exception;

  /**
   * How long the fuzzing test throws input at the hall (property gamehall.fuzz.seconds overrides).
   */
  abstract Duration fuzzTime();

  /**
   * Close outcomes a container is known to give for a framing violation instead of the RFC's code
   * (documented in docs/security.md); none by default.
   */
  List<String> knownDeviations(WireAbuse.Case violation) {
    return List.of();
  }

  /**
   * True where the origin check refuses before the upgrade (a servlet container runs
   * HandshakeFilter).
   */
  abstract boolean refusesOriginBeforeUpgrade();

  @Test
  void helloIsAnsweredWithAWelcomeAndAFreshGuestId() throws Exception {
    try (TestClient first = TestClient.connect(tier());
        TestClient second = TestClient.connect(tier())) {
      first.send(new ClientMessage.Hello("a1", 1, "  Ann\u0007 ", null));
      ServerMessage.Welcome welcome = first.expect(ServerMessage.Welcome.class);
      assertEquals("a1", welcome.re());
      assertTrue(welcome.playerId().matches("g-[a-z2-7]{16}"), welcome.playerId());
      assertEquals("Ann", welcome.nickname(), "control characters and outer spaces are trimmed");
      assertEquals(1, welcome.protocol());
      assertEquals(HEARTBEAT_SECONDS, welcome.heartbeatSeconds());
      assertEquals(MAX_MESSAGE_BYTES, welcome.maxMessageBytes());

      second.send(new ClientMessage.Hello(null, 1, null, null));
      ServerMessage.Welcome other = second.expect(ServerMessage.Welcome.class);
      assertNotEquals(welcome.playerId(), other.playerId());
      assertTrue(other.nickname().startsWith("Guest-"), other.nickname());
    }
  }

  @Test
  void pingIsAnsweredWithItsIdAndTimestampBeforeAndAfterHello() throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.send(new ClientMessage.Ping("p1", 1234567890123L));
      ServerMessage.Pong pong = client.expect(ServerMessage.Pong.class);
      assertEquals("p1", pong.re());
      assertEquals(1234567890123L, pong.t());
      client.send(new ClientMessage.Hello("h", 1, "Bo", null));
      client.expect(ServerMessage.Welcome.class);
      client.send(new ClientMessage.Ping(null, null));
      assertEquals(new ServerMessage.Pong(null, null), client.expect(ServerMessage.Pong.class));
    }
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("not json at all", ErrorCode.MALFORMED_JSON, null),
        Arguments.of("{\"type\":\"ping\"", ErrorCode.MALFORMED_JSON, null),
        Arguments.of("[1,2,3]", ErrorCode.MALFORMED_MESSAGE, null),
        Arguments.of("\"hello\"", ErrorCode.MALFORMED_MESSAGE, null),
        Arguments.of("{\"id\":\"x1\"}", ErrorCode.MALFORMED_MESSAGE, "x1"),
        Arguments.of("{\"type\":42,\"id\":\"x2\"}", ErrorCode.MALFORMED_MESSAGE, "x2"),
        Arguments.of("{\"type\":\"teleport\",\"id\":\"x3\"}", ErrorCode.UNKNOWN_TYPE, "x3"),
        Arguments.of(
            "{\"type\":\"hello\",\"id\":\"x4\",\"nickname\":7}", ErrorCode.WRONG_FIELD_TYPE, "x4"),
        Arguments.of(
            "{\"type\":\"hello\",\"id\":\"x5\",\"protocol\":\"1\"}",
            ErrorCode.WRONG_FIELD_TYPE,
            "x5"),
        Arguments.of(
            "{\"type\":\"hello\",\"id\":\"x6\",\"protocol\":2}",
            ErrorCode.UNSUPPORTED_PROTOCOL,
            "x6"),
        Arguments.of(
            "{\"type\":\"hello\",\"nickname\":\"" + "n".repeat(25) + "\"}",
            ErrorCode.INVALID_FIELD,
            null),
        Arguments.of(
            "{\"type\":\"ping\",\"id\":\"x7\",\"t\":\"soon\"}", ErrorCode.WRONG_FIELD_TYPE, "x7"),
        Arguments.of("{\"type\":\"ping\",\"id\":\"x8\",\"t\":1.5}", ErrorCode.INVALID_FIELD, "x8"),
        Arguments.of(
            "{\"type\":\"ping\",\"id\":\"x9\",\"t\":1e400}", ErrorCode.INVALID_FIELD, "x9"),
        Arguments.of(
            "{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", ErrorCode.INVALID_FIELD, null),
        Arguments.of("{\"type\":\"ping\",\"id\":[\"x\"]}", ErrorCode.WRONG_FIELD_TYPE, null),
        Arguments.of("[".repeat(5000) + "]".repeat(5000), ErrorCode.MALFORMED_JSON, null));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputGetsATypedErrorAndTheConnectionStaysUsable(String text, ErrorCode code, String re)
      throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.sendText(text);
      ServerMessage.Error error = client.expect(ServerMessage.Error.class);
      assertEquals(code, error.code(), error.message());
      assertEquals(re, error.re());
      assertTrue(!error.message().isBlank() && error.message().length() < 200, error.message());
      client.send(new ClientMessage.Ping("after", null));
      assertEquals("after", client.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aSecondHelloIsRefused() throws Exception {
    try (TestClient client = TestClient.welcomed(tier(), "Cy")) {
      client.send(new ClientMessage.Hello("again", 1, "Cy", null));
      ServerMessage.Error error = client.expect(ServerMessage.Error.class);
      assertEquals(ErrorCode.ALREADY_WELCOMED, error.code());
      assertEquals("again", error.re());
    }
  }

  // Close codes are read with the frame-level client: a WebSocket API client may report 1006 when
  // the server's
  // TCP close overtakes the close frame it already received, which would hide the code the server
  // sent.

  @Test
  void aBinaryFrameClosesWith1003AndNobodyElseNotices() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket offender = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      offender.send(true, RawWebSocket.BINARY, new byte[] {1, 2, 3});
      assertEquals(1003, closeCode(offender));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aMessageAtTheLimitIsReadAndOneByteMoreClosesWith1009() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket client = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      client.sendText(padded("fits", MAX_MESSAGE_BYTES));
      assertTrue(nextNonPing(client).text().contains("\"re\":\"fits\""));
      client.sendText(padded("over", MAX_MESSAGE_BYTES + 1));
      assertEquals(1009, closeCode(client));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aMessageFarAboveTheLimitClosesWith1009() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket client = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      client.sendText(padded("huge", 1024 * 1024));
      assertEquals(1009, closeCode(client));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  private static RawWebSocket.Frame nextNonPing(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame;
    do {
      frame = raw.read(TestClient.WAIT);
      assertNotNull(frame, "no frame but heartbeats within " + TestClient.WAIT);
    } while (frame.opcode() == RawWebSocket.PING);
    return frame;
  }

  private static int closeCode(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame = nextNonPing(raw);
    assertEquals(
        RawWebSocket.CLOSE, frame.opcode(), "expected a close frame, got " + frame.opcode());
    return frame.closeCode();
  }

  /**
   * A ping of exactly {@code bytes} ASCII bytes, padded with an unknown field (unknown fields are
   * ignored).
   */
  private static String padded(String id, int bytes) {
    String head = "{\"type\":\"ping\",\"id\":\"" + id + "\",\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }

  @Test
  void aPeerThatAnswersPingsOutlivesTheDeadPeerTimeout() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      int pings = 0;
      // Answer pings for longer than the dead-peer timeout: DEAD_PEER_SECONDS + 2 heartbeats.
      while (pings < DEAD_PEER_SECONDS / HEARTBEAT_SECONDS + 2) {
        RawWebSocket.Frame frame = raw.read(Duration.ofSeconds(HEARTBEAT_SECONDS * 5L));
        assertNotNull(frame, "no heartbeat ping within " + HEARTBEAT_SECONDS * 5 + " s");
        assertEquals(
            RawWebSocket.PING, frame.opcode(), "expected a ping, got opcode " + frame.opcode());
        raw.send(true, RawWebSocket.PONG, frame.payload());
        pings++;
      }
      raw.sendText("{\"type\":\"ping\",\"id\":\"alive\"}");
      RawWebSocket.Frame reply;
      do {
        reply = raw.read(TestClient.WAIT);
        assertNotNull(reply, "no pong after " + pings + " heartbeats");
      } while (reply.opcode() == RawWebSocket.PING);
      assertEquals(RawWebSocket.TEXT, reply.opcode());
      assertTrue(reply.text().contains("\"re\":\"alive\""), reply.text());
    }
  }

  @Test
  void aPeerThatNeverAnswersIsClosedWith4003() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      Duration limit = Duration.ofSeconds(DEAD_PEER_SECONDS + HEARTBEAT_SECONDS * 4L);
      long deadline = System.nanoTime() + limit.toNanos();
      RawWebSocket.Frame frame;
      do {
        frame = raw.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        assertNotNull(frame, "a silent peer was still open after " + limit);
      } while (frame.opcode() == RawWebSocket.PING);
      assertEquals(RawWebSocket.CLOSE, frame.opcode());
      assertEquals(4003, frame.closeCode());
    }
  }

  // ---- Handshake and frame-level hardening ----

  @Test
  void aCrossOriginBrowserHandshakeIsRefusedAndTheSameOriginIsAccepted() throws Exception {
    java.net.URI uri = tier().socketUri();
    String scheme = uri.getScheme().equals("wss") ? "https" : "http";
    try (RawWebSocket same =
            RawWebSocket.connect(
                uri,
                tier().sslContext(),
                "Origin: " + scheme + "://" + uri.getHost() + ":" + uri.getPort());
        RawWebSocket evil =
            RawWebSocket.connect(uri, tier().sslContext(), "Origin: https://evil.example.com")) {
      assertEquals(101, same.status(), same.handshakeResponse());
      same.sendText("{\"type\":\"ping\",\"id\":\"same\"}");
      assertTrue(nextNonPing(same).text().contains("\"re\":\"same\""));
      if (refusesOriginBeforeUpgrade()) {
        assertNotEquals(101, evil.status(), evil.handshakeResponse());
        System.out.println(
            "[hardening] cross-origin handshake answered: "
                + evil.handshakeResponse().lines().findFirst().orElse(""));
      } else {
        assertEquals(101, evil.status());
        RawWebSocket.Frame close = nextNonPing(evil);
        assertEquals(RawWebSocket.CLOSE, close.opcode());
        assertEquals(1008, close.closeCode());
        assertEquals("origin not allowed", close.closeReason());
      }
    }
  }

  @Test
  void onlyWebSocketVersion13IsUpgraded() throws Exception {
    try (RawWebSocket old =
        RawWebSocket.connect(tier().socketUri(), tier().sslContext(), "Sec-WebSocket-Version: 8")) {
      assertNotEquals(101, old.status(), old.handshakeResponse());
      System.out.println(
          "[hardening] version 8 handshake answered: "
              + old.handshakeResponse().replace("\r\n", " | "));
    }
  }

  static Stream<WireAbuse.Case> frameCases() {
    return WireAbuse.frameCases().stream();
  }

  /**
   * RFC 6455 framing violations: the server must fail the connection (a close frame with the code
   * the RFC names, or at worst dropping the TCP connection) and nobody else may notice.
   */
  @ParameterizedTest
  @MethodSource("frameCases")
  void aFramingViolationFailsTheConnectionAndNobodyElseNotices(WireAbuse.Case violation)
      throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket offender = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, offender.status());
      violation.violation().send(offender);
      String outcome = failure(offender);
      System.out.println("[hardening] " + violation.name() + ": " + outcome);
      assertTrue(
          outcome.equals("dropped")
              || violation.codes().stream().anyMatch(c -> outcome.equals("close " + c))
              || knownDeviations(violation).contains(outcome),
          violation.name()
              + ": expected close "
              + violation.codes()
              + " (or a dropped connection), got "
              + outcome);
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals(
          "still",
          bystander.await(ServerMessage.Pong.class, p -> "still".equals(p.re()), "pong").re());
    }
  }

  /**
   * "close N" for a close frame, "dropped" if the TCP connection ended without one; fails if it
   * stays usable.
   */
  private static String failure(RawWebSocket raw) throws Exception {
    try {
      RawWebSocket.Frame frame;
      do {
        frame = raw.read(TestClient.WAIT);
        assertNotNull(frame, "the connection stayed open after a framing violation");
      } while (frame.opcode() == RawWebSocket.PING || frame.opcode() == RawWebSocket.TEXT);
      assertEquals(
          RawWebSocket.CLOSE,
          frame.opcode(),
          "expected a close frame, got opcode " + frame.opcode());
      return "close " + frame.closeCode();
    } catch (java.io.IOException e) {
      return "dropped";
    }
  }

  /** How long the chaos test runs (property gamehall.chaos.seconds overrides). */
  Duration chaosTime() {
    return Duration.ofSeconds(Long.getLong("gamehall.chaos.seconds", 5));
  }

  /**
   * Pairs of chaos players ({@link Chaos}) play Gomoku at private tables while they cut their
   * connections, freeze their readers, resend and reorder commands; every finished game is replayed
   * through the engine and checked (no move lost or applied twice, gapless sequences, a legal
   * result). Meanwhile two well-behaved players play scripted games, whose move latency is
   * reported. The seed is printed first, so a failing run can be replayed with
   * -Dgamehall.chaos.seed.
   */
  @Test
  void chaosLosesNoMoveAppliesNoneTwiceAndEveryGameEndsLegally() throws Exception {
    long seed = Long.getLong("gamehall.chaos.seed", System.nanoTime());
    int pairs = Integer.getInteger("gamehall.chaos.pairs", 3);
    System.out.println(
        "[hardening] chaos " + chaosTime() + " with " + pairs + " pairs, seed " + seed);
    long end = System.nanoTime() + chaosTime().toNanos();
    Map<String, java.util.concurrent.atomic.AtomicLong> actions = Chaos.tallies();
    Map<Integer, java.util.concurrent.atomic.AtomicLong> closes =
        new java.util.concurrent.ConcurrentHashMap<>();
    List<Chaos> chaos = new java.util.ArrayList<>();
    List<java.util.concurrent.Callable<Void>> load = new java.util.ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      Chaos pair = new Chaos(tier(), seed + p, p, actions, closes);
      chaos.add(pair);
      load.add(
          () -> {
            pair.run(end);
            return null;
          });
    }
    UnderLoad played =
        playWhile(load, end, chaosTime().plusSeconds(120), t -> {}, "chaos seed " + seed);
    int chaosGames = chaos.stream().mapToInt(Chaos::games).sum();
    System.out.println(
        "[hardening] chaos seed "
            + seed
            + ": "
            + chaosGames
            + " chaos games verified, "
            + chaos.stream().mapToInt(Chaos::reconnects).sum()
            + " reconnects; actions "
            + new java.util.TreeMap<>(actions)
            + "; server closes seen by chaos players "
            + new java.util.TreeMap<>(closes)
            + "; "
            + played.games()
            + " well-behaved games; move latency "
            + TableFlows.latencySummary(played.latencies()));
    assertTrue(chaosGames >= pairs, "every pair finished at least one game");
    assertEquals(
        List.of(), played.warnings(), "io.gamehall logged warnings or errors during chaos");
  }

  /**
   * What the well-behaved pair saw while a load ran: games played, each move's latency, warnings
   * logged.
   */
  private record UnderLoad(int games, List<Long> latencies, List<String> warnings) {}

  /**
   * Runs each {@code load} task on a thread of its own while two well-behaved players play scripted
   * Gomoku games until {@code end}; then waits (at most {@code grace}) for the load to finish, and
   * checks that the players' events were gapless, that they are still connected and that every
   * connection is gone again afterwards.
   */
  private UnderLoad playWhile(
      List<java.util.concurrent.Callable<Void>> load,
      long end,
      Duration grace,
      java.util.function.Consumer<String> tableStarted,
      String what)
      throws Exception {
    int baseline = openConnections();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(load.size());
    List<Long> latencies = new java.util.ArrayList<>();
    int games = 0;
    java.util.function.Supplier<List<String>> logs;
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      // Watch from here: the first welcome of a fresh server logs the (expected) dev-token-key
      // warning.
      logs = watchLogs();
      List<java.util.concurrent.Future<Void>> running = new java.util.ArrayList<>();
      for (java.util.concurrent.Callable<Void> task : load) {
        running.add(pool.submit(task));
      }
      do {
        TableFlows.playFiveInColumnH(alice, bob, tableStarted, latencies);
        games++;
      } while (System.nanoTime() < end);
      for (java.util.concurrent.Future<Void> f : running) {
        try {
          f.get(grace.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new AssertionError(what + ": " + e.getCause(), e.getCause());
        }
      }
      TableFlows.assertGapless(alice, bob);
      assertTrue(alice.isOpen() && bob.isOpen(), "the well-behaved players are still connected");
    } finally {
      pool.shutdownNow();
    }
    awaitConnectionsBack(baseline);
    return new UnderLoad(games, latencies, logs.get());
  }

  /**
   * Connections close asynchronously: waits (polling a count, which has no event) until the
   * baseline is back.
   */
  private void awaitConnectionsBack(int baseline) throws Exception {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    int open = openConnections();
    while (open > baseline && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      open = openConnections();
    }
    assertTrue(open <= baseline, "leaked connections: " + open + " open, " + baseline + " before");
  }

  /**
   * Many connections throw random, mutated and malformed input at the hall for {@link #fuzzTime()}
   * while two well-behaved players play Gomoku games to the end, one after another. Afterwards
   * nothing was logged at WARNING or worse by io.gamehall, every connection is gone, and every game
   * finished with the right winner.
   */
  @Test
  void fuzzingLeavesWellBehavedPlayersUnharmedAndLeaksNothing() throws Exception {
    long seed = Long.getLong("gamehall.fuzz.seed", System.nanoTime());
    int fuzzers = Integer.getInteger("gamehall.fuzz.connections", 8);
    long end = System.nanoTime() + fuzzTime().toNanos();
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong sockets = new java.util.concurrent.atomic.AtomicLong();
    Map<String, java.util.concurrent.atomic.AtomicLong> outcomes =
        new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicReference<String> table =
        new java.util.concurrent.atomic.AtomicReference<>("t-none");
    List<java.util.concurrent.Callable<Void>> load = new java.util.ArrayList<>();
    for (int f = 0; f < fuzzers; f++) {
      java.util.Random random = new java.util.Random(seed + f);
      load.add(
          () -> {
            fuzz(random, end, table, sent, sockets, outcomes);
            return null;
          });
    }
    // Every fuzzing socket (and the players') must be gone from the registry afterwards.
    UnderLoad played =
        playWhile(load, end, fuzzTime().plusSeconds(30), table::set, "fuzz seed " + seed);
    System.out.println(
        "[hardening] fuzz "
            + fuzzTime()
            + " seed "
            + seed
            + ": "
            + sent
            + " abusive messages/frames on "
            + sockets
            + " sockets; outcomes "
            + new java.util.TreeMap<>(outcomes)
            + "; "
            + played.games()
            + " games; move latency "
            + TableFlows.latencySummary(played.latencies()));
    assertEquals(
        List.of(), played.warnings(), "io.gamehall logged warnings or errors while fuzzed");
  }

  private void fuzz(
      java.util.Random random,
      long end,
      java.util.concurrent.atomic.AtomicReference<String> table,
      java.util.concurrent.atomic.AtomicLong sent,
      java.util.concurrent.atomic.AtomicLong sockets,
      Map<String, java.util.concurrent.atomic.AtomicLong> outcomes) {
    while (System.nanoTime() < end) {
      String forwarded = "X-Forwarded-For: 203.0.113." + random.nextInt(250);
      String outcome;
      try (RawWebSocket raw =
          RawWebSocket.connect(tier().socketUri(), tier().sslContext(), forwarded)) {
        sockets.incrementAndGet();
        if (random.nextBoolean()) {
          raw.sendText("{\"type\":\"hello\",\"nickname\":\"Fuzz\"}");
        }
        int burst = 1 + random.nextInt(30);
        for (int i = 0; i < burst; i++) {
          WireAbuse.abuse(raw, random, table.get());
          sent.incrementAndGet();
        }
        outcome = drain(raw);
      } catch (java.io.IOException e) {
        outcome = "dropped";
      }
      outcomes
          .computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.AtomicLong())
          .incrementAndGet();
    }
  }

  /** Reads until the server closes or is quiet for a moment; "open" means we hang up ourselves. */
  private static String drain(RawWebSocket raw) throws java.io.IOException {
    RawWebSocket.Frame frame;
    while ((frame = raw.read(Duration.ofMillis(300))) != null) {
      if (frame.opcode() == RawWebSocket.CLOSE) {
        return "close " + frame.closeCode();
      }
    }
    return "open";
  }

  // ---- Tables: quick match, a full game, spectators, resume, abandonment, bots, private tables
  // ----

  @Test
  void twoPlayersQuickMatchAndPlayGomokuToAWinWhileASpectatorWatches() throws Exception {
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        TestClient bob = TestClient.welcomed(tier(), "Bob");
        TestClient carol = TestClient.welcomed(tier(), "Carol")) {
      String table = TableFlows.quickMatch(alice, bob, "gomoku");
      TestClient[] players = TableFlows.bySeat(alice, bob, table);
      TestClient black = players[0];
      TestClient white = players[1];

      TableFlows.play(black, table, "H8", white);
      TableFlows.send(carol, "watch", table, new TableAction.Spectate());
      ServerMessage.Snapshot seen =
          carol.await(ServerMessage.Snapshot.class, s -> table.equals(s.table()), "snapshot");
      assertEquals(
          -1L, ((Number) seen.state().get("yourSeat")).longValue(), "a spectator has no seat");
      assertTrue(
          String.valueOf(seen.state().get("match")).contains("H8"),
          "the spectator sees the board so far");

      String[] blackMoves = {"H9", "H10", "H11", "H12"};
      String[] whiteMoves = {"A1", "A2", "A3", "A4"};
      for (int i = 0; i < 4; i++) {
        TableFlows.play(white, table, whiteMoves[i], black, carol);
        TableFlows.play(black, table, blackMoves[i], white, carol);
      }
      ServerMessage.Event result = TableFlows.result(table, alice, bob, carol);
      assertEquals(List.of(0L), result.data().get("winners"), "black made five");
      assertEquals("win", result.data().get("reason"));
      assertEquals("five", result.data().get("detail"));
      TableFlows.assertGapless(alice, bob, carol);
      // One message per move for the spectator too: each move carries the next turn's clock.
      List<String> kinds = carol.events(table).stream().map(ServerMessage.Event::kind).toList();
      List<String> expected = new java.util.ArrayList<>(java.util.Collections.nCopies(8, "move"));
      expected.addAll(List.of("end", "result"));
      assertEquals(expected, kinds, "what the spectator got after its snapshot");
    }
  }

  @Test
  void aMoveOutOfTurnOrOnATakenPointIsRefusedAndChangesNothing() throws Exception {
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      String table = TableFlows.quickMatch(alice, bob, "gomoku");
      TestClient[] players = TableFlows.bySeat(alice, bob, table);
      TestClient black = players[0];
      TestClient white = players[1];
      TableFlows.send(white, "early", table, new TableAction.Act("A1", null));
      assertEquals(
          "not_your_turn",
          white.await(ServerMessage.Refused.class, r -> "early".equals(r.re()), "refusal").code());
      TableFlows.play(black, table, "H8", white);
      TableFlows.send(white, "taken", table, new TableAction.Act("H8", null));
      assertEquals(
          "occupied",
          white.await(ServerMessage.Refused.class, r -> "taken".equals(r.re()), "refusal").code());
      TableFlows.send(white, "junk", table, new TableAction.Act("Z99", null));
      white.await(
          ServerMessage.Refused.class, r -> "junk".equals(r.re()), "refusal of a malformed move");
      TableFlows.send(white, "ghost", "t-doesnotexist", new TableAction.Act("A1", null));
      assertEquals(
          ErrorCode.UNKNOWN_TABLE,
          white
              .await(ServerMessage.Error.class, e -> "ghost".equals(e.re()), "unknown table error")
              .code());
      // The refused moves changed nothing: the same point is still free for white and the game goes
      // on.
      TableFlows.play(white, table, "A1", black);
      // A repeated command id is answered again and never applied twice.
      TableFlows.send(white, "move-A1", table, new TableAction.Act("A1", null));
      white.await(ServerMessage.Ack.class, a -> "move-A1".equals(a.re()), "the same ack again");
      TableFlows.play(black, table, "H9", white);
      assertEquals(List.of(0, 1, 0), TableFlows.moveSeats(black, table));
      TableFlows.assertGapless(alice, bob);
    }
  }

  @Test
  void aDroppedPlayerResumesByTokenAndGetsEveryMissedEventExactlyOnce() throws Exception {
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      String table = TableFlows.quickMatch(alice, bob, "gomoku");
      TestClient[] players = TableFlows.bySeat(alice, bob, table);
      TestClient black = players[0];
      TestClient white = players[1];
      TableFlows.play(black, table, "H8", white);
      TableFlows.play(white, table, "A1", black);

      String token = white.welcome().token();
      long seenBeforeDrop = white.lastSeq(table);
      white.close();
      black.awaitEvent(table, "offline", e -> ((Number) e.data().get("seat")).intValue() == 1);
      TableFlows.play(black, table, "H9");

      try (TestClient back = TestClient.resumed(tier(), token)) {
        assertEquals(
            white.welcome().playerId(),
            back.welcome().playerId(),
            "the token gives the same identity");
        assertTrue(back.welcome().tables().contains(table), "welcome lists the table to resume");
        back.expectSeqAfter(table, seenBeforeDrop);
        TableFlows.send(back, "resume", table, new TableAction.Resume(seenBeforeDrop));
        ServerMessage.Event online = back.awaitEvent(table, "online", e -> true);
        black.awaitEvent(table, "online", e -> e.seq() == online.seq());
        // What the resumed client got after its last seen event equals what the other player saw,
        // event by event.
        List<ServerMessage.Event> replayed = back.events(table);
        assertEquals(
            seenBeforeDrop + 1,
            replayed.get(0).seq(),
            "replay starts right after the last event seen");
        Map<Long, ServerMessage.Event> original = new java.util.HashMap<>();
        black.events(table).forEach(e -> original.put(e.seq(), e));
        for (ServerMessage.Event e : replayed) {
          if (e.seq() <= online.seq()) {
            assertEquals(original.get(e.seq()).kind(), e.kind(), "replayed event " + e.seq());
            assertEquals(original.get(e.seq()).data(), e.data(), "replayed event " + e.seq());
          }
        }
        assertTrue(
            TableFlows.movesSeen(back, table).contains("H9"),
            "the move made while away was replayed");
        ServerMessage.Event h9 =
            back.awaitEvent(table, "move", e -> "H9".equals(e.data().get("move")));
        assertEquals(
            1L,
            ((Map<?, ?>) h9.data().get("clock")).get("seat"),
            "the replayed move still carries the clock of white's turn: " + h9);
        assertEquals(null, h9.re(), "a replay answers no command");
        TableFlows.assertGapless(back, black);

        // The id of a move made before the drop, resent: answered again, not applied twice.
        long a1 = seqOfMove(black, table, "A1");
        TableFlows.send(back, "move-A1", table, new TableAction.Act("A1", null));
        assertEquals(
            a1,
            back.await(ServerMessage.Ack.class, a -> "move-A1".equals(a.re()), "A1 again").seq(),
            "the old move's seq");
        TableFlows.play(back, table, "A2", black);
        assertEquals(List.of(0, 1, 0, 1), TableFlows.moveSeats(black, table), "A1 once");

        TableFlows.send(black, "gg", table, new TableAction.Resign());
        ServerMessage.Event result = TableFlows.result(table, black, back);
        assertEquals("resign", result.data().get("reason"));
        assertEquals(List.of(1L), result.data().get("winners"));
      }
    }
  }

  private static long seqOfMove(TestClient client, String table, String move) {
    return client.events(table).stream()
        .filter(e -> e.kind().equals("move") && move.equals(e.data().get("move")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(move + " not seen"))
        .seq();
  }

  @Test
  void aDropOnOnesOwnTurnPlaysNothingForTheSeatAndTheReturningPlayerMovesAtOnce() throws Exception {
    DropFlows.dropOnOwnTurn(tier());
  }

  @Test
  void aSilentSeatIsShownOfflineBeforeTheDeadPeerCloseAndOnlineWhenHeardAgain() throws Exception {
    DropFlows.silentSeat(tier(), HEARTBEAT_SECONDS, DEAD_PEER_SECONDS);
  }

  @Test
  void aPlayerWhoNeverComesBackLosesByAbandonmentAfterTheGraceWindow() throws Exception {
    try (TestClient alice = TestClient.welcomed(tier(), "Alice");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      String table = TableFlows.quickMatch(alice, bob, "gomoku");
      int aliceSeat = TableFlows.seatAtStart(alice, table);
      TableFlows.seatAtStart(bob, table);
      bob.close();
      ServerMessage.Event offline = alice.awaitEvent(table, "offline", e -> true);
      assertEquals((long) GRACE_SECONDS, ((Number) offline.data().get("graceSeconds")).longValue());
      ServerMessage.Event result = alice.awaitEvent(table, "result", e -> true);
      assertEquals("abandonment", result.data().get("reason"));
      assertEquals(List.of((long) aliceSeat), result.data().get("winners"));
    }
  }

  @Test
  void aBotFillsAPracticeSeatAndPlaysBack() throws Exception {
    try (TestClient dave = TestClient.welcomed(tier(), "Dave")) {
      dave.send(new ClientMessage.CreateTable("new", "gomoku", Map.of(), false, true));
      String table =
          dave.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "table created")
              .table();
      dave.awaitEvent(table, "seated", e -> Boolean.TRUE.equals(e.data().get("bot")));
      TableFlows.send(dave, "ready", table, new TableAction.Ready());
      int mySeat = TableFlows.seatAtStart(dave, table);
      // Each await takes the next bot move in order, so three awaits see three different replies.
      if (mySeat == 1) {
        dave.awaitEvent(table, "move", e -> ((Number) e.data().get("seat")).intValue() != mySeat);
      }
      for (int i = 0; i < 3; i++) {
        TableFlows.play(dave, table, TableFlows.freePoint(TableFlows.movesSeen(dave, table)));
        dave.awaitEvent(table, "move", e -> ((Number) e.data().get("seat")).intValue() != mySeat);
      }
      List<Integer> seats = TableFlows.moveSeats(dave, table);
      assertTrue(seats.size() >= 6, "three moves each: " + seats);
      for (int i = 1; i < seats.size(); i++) {
        assertTrue(!seats.get(i).equals(seats.get(i - 1)), "turns alternate: " + seats);
      }
      TableFlows.send(dave, "bye", table, new TableAction.Resign());
      assertEquals("resign", dave.awaitEvent(table, "result", e -> true).data().get("reason"));
      TableFlows.assertGapless(dave);
    }
  }

  @Test
  void aLoneQuickMatcherIsSeatedWithABotAfterTheFillWait() throws Exception {
    try (TestClient nina = TestClient.welcomed(tier(), "Nina")) {
      nina.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      nina.await(ServerMessage.Matching.class, m -> m.queued(), "queued");
      String table =
          nina.await(
                  ServerMessage.Matching.class,
                  m -> m.table() != null,
                  "seated with a bot",
                  java.time.Duration.ofSeconds(BOT_FILL_SECONDS + 10))
              .table();
      ServerMessage.Event started = nina.awaitEvent(table, "started", e -> true);
      List<?> players = (List<?>) started.data().get("players");
      List<?> bots = (List<?>) started.data().get("bots");
      int mine = players.indexOf(nina.welcome().playerId());
      assertEquals(false, bots.get(mine));
      assertEquals(true, bots.get(1 - mine), "the other seat is a bot");
      TableFlows.send(nina, "bye", table, new TableAction.Resign());
      assertEquals("resign", nina.awaitEvent(table, "result", e -> true).data().get("reason"));
    }
  }

  @Test
  void aPrivateTableIsJoinedByItsCodeAndNotListedInTheLobby() throws Exception {
    try (TestClient erin = TestClient.welcomed(tier(), "Erin");
        TestClient frank = TestClient.welcomed(tier(), "Frank")) {
      frank.send(new ClientMessage.SubscribeLobby("lobby", null, true));
      frank.await(ServerMessage.Lobby.class, l -> "lobby".equals(l.re()), "lobby snapshot");
      erin.send(new ClientMessage.CreateTable("new", "xiangqi", Map.of(), true, false));
      ServerMessage.TableCreated created =
          erin.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "table created");
      assertTrue(
          created.code() != null && created.code().matches("[0-9]{6}"),
          "a 6-digit code: " + created.code());
      frank.send(new ClientMessage.JoinTable("join", null, created.code()));
      frank.await(
          ServerMessage.Snapshot.class, s -> created.table().equals(s.table()), "seated by code");
      TableFlows.send(erin, "r1", created.table(), new TableAction.Ready());
      TableFlows.send(frank, "r2", created.table(), new TableAction.Ready());
      TableFlows.seatAtStart(erin, created.table());
      TableFlows.seatAtStart(frank, created.table());
      TableFlows.assertGapless(erin, frank);
      frank.send(new ClientMessage.SubscribeLobby("again", null, true));
      ServerMessage.Lobby lobby =
          frank.await(ServerMessage.Lobby.class, l -> "again".equals(l.re()), "lobby again");
      assertTrue(
          !String.valueOf(lobby.state().get("tables")).contains(created.table()),
          "private tables are unlisted");
    }
  }

  @Test
  void theLobbyListsGamesAndPushesNewTables() throws Exception {
    try (TestClient gina = TestClient.welcomed(tier(), "Gina");
        TestClient hank = TestClient.welcomed(tier(), "Hank")) {
      gina.send(new ClientMessage.SubscribeLobby("l", "doudizhu", true));
      ServerMessage.Lobby lobby =
          gina.await(ServerMessage.Lobby.class, l -> "l".equals(l.re()), "lobby");
      assertEquals(
          List.of("doudizhu", "gomoku", "xiangqi"),
          ((List<?>) lobby.state().get("games"))
              .stream().map(g -> ((Map<?, ?>) g).get("id")).toList());
      hank.send(new ClientMessage.CreateTable("t", "doudizhu", Map.of(), false, false));
      String table =
          hank.await(ServerMessage.TableCreated.class, c -> "t".equals(c.re()), "created").table();
      ServerMessage.LobbyUpdate update =
          gina.await(
              ServerMessage.LobbyUpdate.class,
              u -> u.kind().equals("table") && String.valueOf(u.data()).contains(table),
              "the new table pushed to the lobby");
      assertTrue(String.valueOf(update.data()).contains("doudizhu"));
      hank.send(new ClientMessage.CreateTable("g", "gomoku", Map.of(), false, false));
      hank.await(ServerMessage.TableCreated.class, c -> "g".equals(c.re()), "created");
      hank.send(
          new ClientMessage.CreateTable("bad", "gomoku", Map.of("variant", "chaos"), false, false));
      assertEquals(
          ErrorCode.INVALID_OPTIONS,
          hank.await(ServerMessage.Error.class, e -> "bad".equals(e.re()), "bad options").code());
      hank.send(new ClientMessage.QuickMatch("nope", "chess", Map.of()));
      assertEquals(
          ErrorCode.UNKNOWN_GAME,
          hank.await(ServerMessage.Error.class, e -> "nope".equals(e.re()), "unknown").code());
    }
  }

  @Test
  void tableCommandsBeforeHelloAreRefused() throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      assertEquals(ErrorCode.HELLO_REQUIRED, client.expect(ServerMessage.Error.class).code());
      client.send(new ClientMessage.Hello("h", 1, null, "v1.dev.forged.token"));
      assertEquals(ErrorCode.INVALID_TOKEN, client.expect(ServerMessage.Error.class).code());
    }
  }

  @Test
  void aSecondConnectionForTheSamePlayerReplacesTheFirstWith4001() throws Exception {
    try (RawWebSocket first = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      first.sendText("{\"type\":\"hello\",\"id\":\"one\",\"nickname\":\"Ivy\"}");
      String welcome = nextNonPing(first).text();
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(welcome);
      assertTrue(token.find(), welcome);
      try (TestClient second = TestClient.resumed(tier(), token.group(1))) {
        assertTrue(
            welcome.contains(second.welcome().playerId()), "the same player on both connections");
        assertEquals(4001, closeCode(first));
        second.send(new ClientMessage.Ping("alive", null));
        assertEquals(
            "alive",
            second.await(ServerMessage.Pong.class, p -> "alive".equals(p.re()), "pong").re());
      }
    }
  }

  // ---- The other games at tables ----

  @Test
  void aDouDizhuHandWithTwoBotsNeverShowsTheClientAnotherSeatsCards() throws Exception {
    try (TestClient jack = TestClient.welcomed(tier(), "Jack")) {
      jack.send(new ClientMessage.CreateTable("new", "doudizhu", Map.of(), false, true));
      String table =
          jack.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "table created")
              .table();
      TableFlows.send(jack, "ready", table, new TableAction.Ready());
      int me = TableFlows.seatAtStart(jack, table);
      ServerMessage.Event end = DouDizhuPlayer.playHand(jack, table, me);

      // Every deal's seed is revealed when it ends (a redeal or the end of the hand), so each deal
      // can be recomputed
      // and the messages the client got during it checked for any card of another seat.
      List<DouDizhuPlayer.DealSegment> deals =
          DouDizhuPlayer.dealSegments(jack.received(), table, end);
      assertTrue(!deals.isEmpty());
      for (DouDizhuPlayer.DealSegment segment : deals) {
        Deal deal = FairDeal.verify(segment.seed(), segment.commitment());
        Set<String> others = new HashSet<>();
        for (int seat = 0; seat < 3; seat++) {
          if (seat != me) {
            deal.hand(seat).forEach(card -> others.add(card.toString()));
          }
        }
        assertEquals(34, others.size());
        List<String> seen = DouDizhuPlayer.stringsIn(segment.messages());
        assertEquals(
            List.of(),
            seen.stream().filter(others::contains).toList(),
            "another seat's cards reached this client");
        assertTrue(
            seen.containsAll(deal.hand(me).stream().map(Object::toString).toList()),
            "the client saw its own cards of this deal (so the scan does find cards)");
      }
      ServerMessage.Event result = jack.awaitEvent(table, "result", e -> true);
      assertEquals(3, ((Map<?, ?>) result.data().get("points")).size());
      TableFlows.assertGapless(jack);
    }
  }

  @Test
  void xiangqiIsPlayedAgainstABotThroughTheSameTable() throws Exception {
    try (TestClient kim = TestClient.welcomed(tier(), "Kim")) {
      kim.send(new ClientMessage.CreateTable("new", "xiangqi", Map.of(), false, true));
      String table =
          kim.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "table created")
              .table();
      TableFlows.send(kim, "ready", table, new TableAction.Ready());
      assertEquals(0, TableFlows.seatAtStart(kim, table), "the creator sits first: red");
      TableFlows.play(kim, table, "h2e2");
      kim.awaitEvent(table, "move", e -> ((Number) e.data().get("seat")).intValue() == 1);
      TableFlows.play(kim, table, "h0g2");
      kim.awaitEvent(table, "move", e -> ((Number) e.data().get("seat")).intValue() == 1);
      TableFlows.send(kim, "illegal", table, new TableAction.Act("a0a9", null));
      assertEquals(
          "illegal",
          kim.await(ServerMessage.Refused.class, r -> "illegal".equals(r.re()), "refusal").code());
      TableFlows.send(kim, "bye", table, new TableAction.Resign());
      assertEquals("resign", kim.awaitEvent(table, "result", e -> true).data().get("reason"));
      TableFlows.assertGapless(kim);
    }
  }

  @Test
  void renjuRefusesBlacksDoubleThreeAtTheTable() throws Exception {
    try (TestClient lee = TestClient.welcomed(tier(), "Lee");
        TestClient mia = TestClient.welcomed(tier(), "Mia")) {
      lee.send(
          new ClientMessage.CreateTable("new", "gomoku", Map.of("variant", "renju"), true, false));
      ServerMessage.TableCreated created =
          lee.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "created");
      mia.send(new ClientMessage.JoinTable("join", null, created.code()));
      String table = created.table();
      TableFlows.send(lee, "r1", table, new TableAction.Ready());
      TableFlows.send(mia, "r2", table, new TableAction.Ready());
      TestClient[] players = TableFlows.bySeat(lee, mia, table);
      TestClient black = players[0];
      TestClient white = players[1];
      String[] blackMoves = {"G8", "J8", "H9", "H10"};
      String[] whiteMoves = {"A1", "A3", "A5", "A7"};
      for (int i = 0; i < 4; i++) {
        TableFlows.play(black, table, blackMoves[i], white);
        TableFlows.play(white, table, whiteMoves[i], black);
      }
      TableFlows.send(black, "foul", table, new TableAction.Act("H8", null));
      ServerMessage.Refused foul =
          black.await(ServerMessage.Refused.class, r -> "foul".equals(r.re()), "foul");
      assertEquals("forbidden", foul.code());
      assertTrue(
          foul.message().contains("double-three") || foul.message().contains("double three"),
          foul.message());
      TableFlows.play(black, table, "O15", white);
      TableFlows.assertGapless(lee, mia);
    }
  }
}
