package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements of docs/protocol.md that a client written only from the doc relies on, each checked
 * against the running server so doc and server cannot drift apart again (issue 15). Subclasses
 * supply the tier: embedded Tyrus ({@code EmbeddedProtocolDocTest}) or the managed WildFly over wss
 * ({@code ProtocolDocIT}); both run with HallContract's 1 s heartbeat and 3 s dead-peer time.
 */
abstract class ProtocolDocContract {
  abstract Tier tier();

  /** Table events of {@code table} in {@code client}'s stream before its answer {@code re}. */
  private static int indexOfAck(List<ServerMessage> received, String re) {
    for (int i = 0; i < received.size(); i++) {
      if (received.get(i) instanceof ServerMessage.Ack a && re.equals(a.re())) {
        return i;
      }
    }
    throw new AssertionError("no ack " + re + " in " + received);
  }

  private static String createTable(TestClient client, String id, String game) throws Exception {
    client.send(new ClientMessage.CreateTable(id, game, Map.of(), false, false));
    String table =
        client
            .await(ServerMessage.TableCreated.class, c -> id.equals(c.re()), "table_created " + id)
            .table();
    client.await(ServerMessage.Ack.class, a -> id.equals(a.re()), "ack of the creator's seat");
    return table;
  }

  /** Two humans at a fresh Gomoku table, match started; returns {black, white} and the table. */
  private record Pair(String table, TestClient black, TestClient white) {}

  private Pair startGomoku(TestClient a, TestClient b) throws Exception {
    String table = createTable(a, "create", "gomoku");
    b.send(new ClientMessage.JoinTable("join", table, null));
    b.await(ServerMessage.Ack.class, ack -> "join".equals(ack.re()), "ack of join_table");
    TableFlows.send(a, "ready-a", table, new TableAction.Ready());
    TableFlows.send(b, "ready-b", table, new TableAction.Ready());
    TestClient[] bySeat = TableFlows.bySeat(a, b, table);
    return new Pair(table, bySeat[0], bySeat[1]);
  }

  // 1. chat `from`

  @Test
  void chatFromIsTheSendersPlayerIdForASeatAndASpectator() throws Exception {
    try (TestClient ann = TestClient.welcomed(tier(), "Ann");
        TestClient sam = TestClient.welcomed(tier(), "Sam")) {
      String table = createTable(ann, "new", "gomoku");
      TableFlows.send(sam, "watch", table, new TableAction.Spectate());
      sam.await(ServerMessage.Ack.class, a -> "watch".equals(a.re()), "ack of spectate");
      TableFlows.send(ann, "c1", table, new TableAction.Chat("hi", null));
      TableFlows.send(sam, "c2", table, new TableAction.Chat(null, "hello"));
      ServerMessage.Event fromSeat =
          sam.awaitEvent(table, "chat", e -> "hi".equals(e.data().get("text")));
      ServerMessage.Event fromSpectator =
          ann.awaitEvent(table, "chat", e -> "hello".equals(e.data().get("phrase")));
      assertEquals(
          ann.welcome().playerId(), fromSeat.data().get("from"), fromSeat.data().toString());
      assertEquals("Ann", fromSeat.data().get("nickname"));
      assertEquals(
          sam.welcome().playerId(),
          fromSpectator.data().get("from"),
          fromSpectator.data().toString());
    }
  }

  // 2. the chat refusal's code (security.md)

  @Test
  void theSixthChatWithinTenSecondsIsRefusedChatRateLimited() throws Exception {
    try (TestClient ann = TestClient.welcomed(tier(), "Ann")) {
      String table = createTable(ann, "new", "gomoku");
      for (int i = 1; i <= 5; i++) {
        String id = "c" + i;
        TableFlows.send(ann, id, table, new TableAction.Chat("line " + i, null));
        ann.await(ServerMessage.Ack.class, a -> id.equals(a.re()), "ack of chat " + i);
      }
      TableFlows.send(ann, "c6", table, new TableAction.Chat("one too many", null));
      assertEquals(
          "chat_rate_limited",
          ann.await(ServerMessage.Refused.class, r -> "c6".equals(r.re()), "refusal").code());
    }
  }

  // 3. what comes before welcome

  @Test
  void beforeWelcomeDecodingErrorsComeFirstThenHelloRequired() throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.sendText("{\"type\":\"hello\"");
      assertEquals(ErrorCode.MALFORMED_JSON, client.expect(ServerMessage.Error.class).code());
      client.sendText("{\"type\":\"teleport\",\"id\":\"t\"}");
      ServerMessage.Error unknown = client.expect(ServerMessage.Error.class);
      assertEquals(ErrorCode.UNKNOWN_TYPE, unknown.code());
      assertEquals("t", unknown.re());
      client.sendText("{\"type\":\"quick_match\",\"id\":\"w\",\"game\":7}");
      assertEquals(ErrorCode.WRONG_FIELD_TYPE, client.expect(ServerMessage.Error.class).code());
      client.sendText("{\"type\":\"quick_match\",\"id\":\"q\",\"game\":\"gomoku\"}");
      ServerMessage.Error required = client.expect(ServerMessage.Error.class);
      assertEquals(ErrorCode.HELLO_REQUIRED, required.code());
      assertEquals("q", required.re());
      client.send(new ClientMessage.Ping("p", 5L));
      assertEquals(5L, client.expect(ServerMessage.Pong.class).t());
      client.send(new ClientMessage.Hello("h", 1, "Late", null));
      assertEquals("h", client.expect(ServerMessage.Welcome.class).re());
    }
  }

  // 4. the dead-peer window

  /**
   * A peer that answered every ping and then fell silent is closed 4003 no earlier than the
   * dead-peer time after its last frame and at most one heartbeat later (plus scheduling slack on a
   * loaded machine).
   */
  @Test
  void aPeerSilentAfterItsLastPongIsClosedBetweenDeadPeerAndOneHeartbeatLater() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      raw.sendText("{\"type\":\"hello\",\"id\":\"h\",\"nickname\":\"Quiet\"}");
      long lastSent = 0;
      int pongs = 0;
      while (pongs < 2) {
        RawWebSocket.Frame frame =
            raw.read(Duration.ofSeconds(HallContract.HEARTBEAT_SECONDS * 5L));
        assertNotNull(frame, "no heartbeat ping");
        if (frame.opcode() == RawWebSocket.PING) {
          raw.send(true, RawWebSocket.PONG, frame.payload());
          lastSent = System.nanoTime();
          pongs++;
        }
      }
      long slackSeconds = 3;
      Duration limit =
          Duration.ofSeconds(
              HallContract.DEAD_PEER_SECONDS + HallContract.HEARTBEAT_SECONDS + slackSeconds);
      RawWebSocket.Frame frame;
      do {
        long left = lastSent + limit.toNanos() - System.nanoTime();
        frame = raw.read(Duration.ofNanos(Math.max(1_000_000, left)));
        assertNotNull(frame, "still open " + limit + " after the last pong");
      } while (frame.opcode() != RawWebSocket.CLOSE);
      Duration silent = Duration.ofNanos(System.nanoTime() - lastSent);
      assertEquals(4003, frame.closeCode());
      assertTrue(
          silent.compareTo(Duration.ofSeconds(HallContract.DEAD_PEER_SECONDS)) >= 0,
          "closed after only " + silent.toMillis() + " ms of silence");
      assertTrue(silent.compareTo(limit) <= 0, "closed after " + silent.toMillis() + " ms");
    }
  }

  // 5. Dou Dizhu's first deal

  @Test
  void douDizhusFirstDealIsInStartedViewAndHasNoDealEvent() throws Exception {
    try (TestClient lin = TestClient.welcomed(tier(), "Lin")) {
      lin.send(new ClientMessage.CreateTable("new", "doudizhu", Map.of(), false, true));
      String table =
          lin.await(ServerMessage.TableCreated.class, c -> "new".equals(c.re()), "created").table();
      TableFlows.send(lin, "ready", table, new TableAction.Ready());
      ServerMessage.Event started = lin.awaitEvent(table, "started", e -> true);
      int me = ((List<?>) started.data().get("players")).indexOf(lin.welcome().playerId());
      Map<?, ?> view = (Map<?, ?>) started.data().get("view");
      assertEquals(1L, ((Number) view.get("deal")).longValue(), view.toString());
      assertEquals(17, ((List<?>) view.get("cards")).size(), view.toString());
      assertNotNull(view.get("hand"), view.toString());
      assertNotNull(view.get("commitment"), view.toString());
      int toAct = ((Number) view.get("toAct")).intValue();
      if (toAct == me) {
        String first = String.valueOf(((List<?>) view.get("legal")).get(0));
        TableFlows.send(lin, "bid", table, new TableAction.Act(first, null));
      }
      lin.awaitEvent(table, "bid", e -> true);
      List<ServerMessage.Event> events = lin.events(table);
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).kind().equals("deal")) {
          assertTrue(
              i > 0 && events.get(i - 1).kind().equals("redeal"),
              "a deal event only right after a redeal: " + events);
        }
      }
    }
  }

  // 6. join_table with both `table` and `code`

  @Test
  void joinTableWithBothTableAndCodeIsInvalidFieldAndWithNeitherMissingField() throws Exception {
    try (TestClient client = TestClient.welcomed(tier(), "Joe")) {
      client.sendText(
          "{\"type\":\"join_table\",\"id\":\"both\",\"table\":\"t-abc\",\"code\":\"123456\"}");
      ServerMessage.Error both = client.expect(ServerMessage.Error.class);
      assertEquals(ErrorCode.INVALID_FIELD, both.code(), both.message());
      assertEquals("both", both.re());
      client.sendText("{\"type\":\"join_table\",\"id\":\"none\"}");
      assertEquals(ErrorCode.MISSING_FIELD, client.expect(ServerMessage.Error.class).code());
      client.sendText(
          "{\"type\":\"chat\",\"id\":\"c\",\"table\":\"t-abc\",\"text\":\"a\",\"phrase\":\"oops\"}");
      assertEquals(ErrorCode.INVALID_FIELD, client.expect(ServerMessage.Error.class).code());
    }
  }

  // 7. events before the answer of the command that caused them; an act answered by its event

  @Test
  void aCommandsEventsAndSnapshotComeBeforeItsAnswerAndAMoveIsOneMessagePerPlayer()
      throws Exception {
    try (TestClient ann = TestClient.welcomed(tier(), "Ann");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      String table = createTable(ann, "create", "gomoku");
      assertSnapshotThenAck(ann.received(), table, "create");
      List<ServerMessage> annAll = ann.received();
      int created = -1;
      for (int i = 0; i < annAll.size(); i++) {
        if (annAll.get(i) instanceof ServerMessage.TableCreated) {
          created = i;
        }
      }
      assertTrue(created >= 0 && created < indexOfAck(annAll, "create"), "table_created first");

      bob.send(new ClientMessage.JoinTable("join", table, null));
      bob.await(ServerMessage.Ack.class, a -> "join".equals(a.re()), "ack of join");
      assertSnapshotThenAck(bob.received(), table, "join");

      TableFlows.send(ann, "ready-a", table, new TableAction.Ready());
      TableFlows.send(bob, "ready-b", table, new TableAction.Ready());
      TestClient[] bySeat = TableFlows.bySeat(ann, bob, table);
      TestClient black = bySeat[0];
      TestClient white = bySeat[1];
      // Both have seen the first clock and their ready's ack (which comes after it): from here on
      // every message is counted.
      ann.await(ServerMessage.Ack.class, a -> "ready-a".equals(a.re()), "ack of ready");
      bob.await(ServerMessage.Ack.class, a -> "ready-b".equals(a.re()), "ack of ready");
      black.awaitEvent(table, "clock", e -> true);
      white.awaitEvent(table, "clock", e -> true);
      int blackBefore = black.received().size();
      int whiteBefore = white.received().size();
      TableFlows.send(black, "m1", table, new TableAction.Act("H8", null));
      ServerMessage.Event answer =
          (ServerMessage.Event) black.awaitAnswer("m1", "the answer to m1");
      ServerMessage.Event whiteSaw = white.awaitEvent(table, "move", e -> true);
      // A steady-state move: one message in, one message out to each player.
      assertEquals("move", answer.kind(), "the move's own event answers the act");
      assertEquals("H8", answer.data().get("move"));
      assertEquals(answer.seq(), whiteSaw.seq(), "the same event");
      assertEquals(null, whiteSaw.re(), "only the mover's copy carries re");
      assertEquals(whiteSaw.data(), answer.data(), "and otherwise the copies are the same");
      assertEquals(1L, clockOf(answer).get("seat"), "it carries white's clock");
      assertTrue(((Number) clockOf(answer).get("deadline")).longValue() > 0);
      TableFlows.send(white, "w1", table, new TableAction.Act("A1", null));
      ServerMessage.Event reply = (ServerMessage.Event) white.awaitAnswer("w1", "white's answer");
      black.awaitEvent(table, "move", e -> e.seq() == reply.seq());
      // Messages arrive in order, so had an ack or a clock followed m1 black would have it now.
      List<ServerMessage> blackGot = black.received().subList(blackBefore, black.received().size());
      List<ServerMessage> whiteGot = white.received().subList(whiteBefore, white.received().size());
      assertEquals(2, blackGot.size(), "one message per move for black: " + blackGot);
      assertEquals(2, whiteGot.size(), "one message per move for white: " + whiteGot);
      assertEquals(List.of(answer.seq(), answer.seq() + 1), seqs(blackGot), "gapless");
      assertEquals(0L, clockOf(reply).get("seat"), "back to black");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> clockOf(ServerMessage.Event e) {
    Object clock = e.data().get("clock");
    assertTrue(clock instanceof Map, e.kind() + " carries no clock: " + e);
    return (Map<String, Object>) clock;
  }

  private static List<Long> seqs(List<ServerMessage> messages) {
    return messages.stream().map(m -> m instanceof ServerMessage.Event e ? e.seq() : -1L).toList();
  }

  private static void assertSnapshotThenAck(List<ServerMessage> seen, String table, String re) {
    int ack = indexOfAck(seen, re);
    ServerMessage.Ack answer = (ServerMessage.Ack) seen.get(ack);
    ServerMessage.Snapshot snapshot = null;
    for (int i = 0; i < ack; i++) {
      if (seen.get(i) instanceof ServerMessage.Snapshot s && table.equals(s.table())) {
        snapshot = s;
      }
    }
    assertNotNull(snapshot, "the snapshot of " + re + " comes before its ack: " + seen);
    assertEquals(snapshot.seq(), answer.seq(), "the ack's seq is the snapshot's: " + seen);
  }

  // 8. ids across reconnects

  @Test
  void commandIdsAreRememberedPerPlayerAcrossAReconnectAndLobbyIdsAreNot() throws Exception {
    try (TestClient ann = TestClient.welcomed(tier(), "Ann");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      Pair pair = startGomoku(ann, bob);
      String table = pair.table();
      TableFlows.send(pair.black(), "m1", table, new TableAction.Act("H8", null));
      long applied = TestClient.appliedSeq(pair.black().awaitAnswer("m1", "answer to m1"));
      String token = pair.black().welcome().token();
      pair.black().close();
      pair.white().awaitEvent(table, "offline", e -> true);

      try (TestClient back = TestClient.resumed(tier(), token)) {
        // The same id again, once as sent and once with another move: the event has passed, so
        // the answer is an ack at its seq; nothing applied.
        TableFlows.send(back, "m1", table, new TableAction.Act("H8", null));
        assertEquals(
            applied, back.await(ServerMessage.Ack.class, a -> "m1".equals(a.re()), "again").seq());
        TableFlows.send(back, "m1", table, new TableAction.Act("A15", null));
        ServerMessage.Ack reused =
            back.await(ServerMessage.Ack.class, a -> "m1".equals(a.re()), "reused id");
        assertEquals(applied, reused.seq(), "a reused id gets the old answer");
        // White moves with a fresh id; had A15 been applied it would not be white's turn.
        TableFlows.send(pair.white(), "w1", table, new TableAction.Act("A1", null));
        ServerMessage white = pair.white().awaitAnswer("w1", "white's answer");
        assertTrue(TestClient.applied(white), "white's move: " + white);
        assertTrue(TestClient.appliedSeq(white) > applied);
        // 托管 may move for the absent black after A1; the first two moves are the ones sent.
        List<Object> moves =
            pair.white().events(table).stream()
                .filter(e -> e.kind().equals("move"))
                .map(e -> e.data().get("move"))
                .toList();
        assertEquals(List.of("H8", "A1"), moves.subList(0, 2), "moves seen by white");
        assertFalse(moves.contains("A15"), "the reused id was applied: " + moves);

        // Lobby ids are not remembered: the same create_table id makes a second table.
        back.send(new ClientMessage.CreateTable("dup", "gomoku", Map.of(), false, false));
        back.send(new ClientMessage.CreateTable("dup", "gomoku", Map.of(), false, false));
        String first =
            back.await(ServerMessage.TableCreated.class, c -> "dup".equals(c.re()), "first")
                .table();
        String second =
            back.await(ServerMessage.TableCreated.class, c -> "dup".equals(c.re()), "second")
                .table();
        assertNotEquals(first, second);
        assertFalse(back.received().stream().anyMatch(m -> m instanceof ServerMessage.Error));
      }
    }
  }
}
