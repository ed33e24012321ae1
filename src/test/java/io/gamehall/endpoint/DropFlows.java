package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Network drops as a table sees them (issue 15): a drop on one's own turn plays nothing for the
 * seat, and a silent socket is shown offline before the dead-peer close. Shared by every tier.
 */
final class DropFlows {
  private DropFlows() {}

  /**
   * Black drops on its own turn; for longer than the 托管 delay (1 s) that used to play for it,
   * nothing is played; black resumes and moves at once, with nothing to press first.
   */
  static void dropOnOwnTurn(Tier tier) throws Exception {
    try (TestClient alice = TestClient.welcomed(tier, "Alice");
        TestClient bob = TestClient.welcomed(tier, "Bob")) {
      String table = TableFlows.quickMatch(alice, bob, "gomoku");
      TestClient[] players = TableFlows.bySeat(alice, bob, table);
      TestClient black = players[0];
      TestClient white = players[1];
      String token = black.welcome().token();
      long seen = black.lastSeq(table);
      black.close();
      ServerMessage.Event offline = white.awaitEvent(table, "offline", e -> seat(e) == 0);
      assertEquals("closed", offline.data().get("reason"));
      assertNothingFor(white, table, Set.of("move", "trustee"), Duration.ofMillis(2_500));

      try (TestClient back = TestClient.resumed(tier, token)) {
        TableFlows.send(back, "resume", table, new TableAction.Resume(seen));
        back.awaitEvent(table, "online", e -> seat(e) == 0);
        TableFlows.play(back, table, "H8", white);
        assertEquals(List.of(0), TableFlows.moveSeats(white, table), "black's own move only");
        assertTrue(
            white.events(table).stream().noneMatch(e -> e.kind().equals("trustee")),
            "no 托管 at any time: " + white.events(table));
        TableFlows.send(back, "gg", table, new TableAction.Resign());
        assertEquals("resign", TableFlows.result(table, back, white).data().get("reason"));
      }
    }
  }

  /**
   * A seated socket stops answering pings: after two heartbeats its seat is shown offline ({@code
   * silent}); a frame from it brings it back online; silent again, the dead-peer close follows the
   * silent notice and starts the grace window ({@code closed}).
   */
  static void silentSeat(Tier tier, int heartbeatSeconds, int deadPeerSeconds) throws Exception {
    ServerMessageDecoder decoder = new ServerMessageDecoder();
    try (TestClient alice = TestClient.welcomed(tier, "Alice");
        RawWebSocket quiet = RawWebSocket.connect(tier.socketUri(), tier.sslContext())) {
      quiet.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"nickname\":\"Quiet\"}");
      String quietId = read(quiet, decoder, ServerMessage.Welcome.class, w -> true).playerId();
      quiet.sendText("{\"type\":\"quick_match\",\"id\":\"q\",\"game\":\"gomoku\"}");
      read(quiet, decoder, ServerMessage.Matching.class, ServerMessage.Matching::queued);
      alice.send(new ClientMessage.QuickMatch("qa", "gomoku", Map.of()));
      String table =
          alice
              .await(ServerMessage.Matching.class, m -> m.table() != null, "matched with Quiet")
              .table();
      ServerMessage.Event started = alice.awaitEvent(table, "started", e -> true);
      int seat = ((List<?>) started.data().get("players")).indexOf(quietId);
      assertTrue(seat >= 0, "Quiet is seated: " + started.data());
      read(quiet, decoder, ServerMessage.Event.class, e -> e.kind().equals("started"));

      // From here on Quiet reads nothing and so answers no ping.
      Duration notice = Duration.ofSeconds(deadPeerSeconds + 2L * heartbeatSeconds);
      ServerMessage.Event silent =
          alice.await(
              ServerMessage.Event.class,
              e -> isSeatEvent(e, table, "offline", seat),
              "Quiet shown offline",
              notice);
      assertEquals("silent", silent.data().get("reason"), silent.data().toString());
      quiet.sendText("{\"type\":\"ping\",\"id\":\"back\"}");
      ServerMessage.Event online =
          alice.await(
              ServerMessage.Event.class,
              e -> isSeatEvent(e, table, "online", seat),
              "Quiet online again",
              notice);
      assertTrue(online.seq() > silent.seq());

      ServerMessage.Event again =
          alice.await(
              ServerMessage.Event.class,
              e -> isSeatEvent(e, table, "offline", seat),
              "Quiet silent again",
              notice);
      assertEquals("silent", again.data().get("reason"), again.data().toString());
      ServerMessage.Event closed =
          alice.await(
              ServerMessage.Event.class,
              e -> isSeatEvent(e, table, "offline", seat),
              "Quiet's socket closed",
              notice);
      assertEquals("closed", closed.data().get("reason"), closed.data().toString());
      assertNotNull(closed.data().get("graceSeconds"), "the grace window starts at the close");
      RawWebSocket.Frame frame;
      do {
        frame = quiet.read(TestClient.WAIT);
        assertNotNull(frame, "no close frame for Quiet");
      } while (frame.opcode() != RawWebSocket.CLOSE);
      assertEquals(4003, frame.closeCode(), "the dead-peer close");
      assertEquals(
          "abandonment", alice.awaitEvent(table, "result", e -> true).data().get("reason"));
    }
  }

  private static boolean isSeatEvent(ServerMessage.Event e, String table, String kind, int seat) {
    return e.table().equals(table) && e.kind().equals(kind) && seat(e) == seat;
  }

  private static int seat(ServerMessage.Event e) {
    return ((Number) e.data().get("seat")).intValue();
  }

  /**
   * Keeps {@code client} busy with pings for {@code time} and fails if the table meanwhile sent an
   * event of one of {@code kinds}: proof of absence over a span the server had to act in.
   */
  private static void assertNothingFor(
      TestClient client, String table, Set<String> kinds, Duration time) throws Exception {
    long end = System.nanoTime() + time.toNanos();
    int pings = 0;
    while (System.nanoTime() < end) {
      String id = "quiet-" + (++pings);
      client.send(new ClientMessage.Ping(id, null));
      client.await(ServerMessage.Pong.class, p -> id.equals(p.re()), "pong " + id);
      for (ServerMessage.Event e : client.events(table)) {
        assertTrue(!kinds.contains(e.kind()), "unexpected " + e.kind() + ": " + e.data());
      }
      // One ping in flight at a time; the pong's round trip paces the loop.
    }
  }

  /**
   * Reads {@code raw} (answering its pings) until a message of {@code type} passing {@code test}.
   */
  private static <T extends ServerMessage> T read(
      RawWebSocket raw, ServerMessageDecoder decoder, Class<T> type, Predicate<T> test)
      throws Exception {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      assertTrue(left > 0, "no " + type.getSimpleName() + " within " + TestClient.WAIT);
      RawWebSocket.Frame frame = raw.read(Duration.ofNanos(left));
      assertNotNull(frame, "no " + type.getSimpleName() + " within " + TestClient.WAIT);
      if (frame.opcode() == RawWebSocket.PING) {
        raw.send(true, RawWebSocket.PONG, frame.payload());
      } else if (frame.opcode() == RawWebSocket.TEXT) {
        ServerMessage m = decoder.decode(frame.text());
        if (type.isInstance(m) && test.test(type.cast(m))) {
          return type.cast(m);
        }
      } else {
        throw new AssertionError("unexpected frame " + frame.opcode());
      }
    }
  }
}
