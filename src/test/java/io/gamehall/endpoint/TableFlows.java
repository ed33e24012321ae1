package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.TestClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Steps of a game over the protocol, shared by the table contract tests of every tier. */
final class TableFlows {
  private TableFlows() {}

  /** Both queue for {@code game}; returns the table the matchmaker seated them at. */
  static String quickMatch(TestClient a, TestClient b, String game) throws Exception {
    return quickMatch(a, b, game, "");
  }

  /**
   * As {@link #quickMatch(TestClient, TestClient, String)}, with ids made unique by {@code suffix}:
   * a repeated id is answered again and never applied twice, so a second quick match on the same
   * connections needs new ids.
   */
  static String quickMatch(TestClient a, TestClient b, String game, String suffix)
      throws Exception {
    a.send(new ClientMessage.QuickMatch("qa" + suffix, game, Map.of()));
    a.await(ServerMessage.Matching.class, m -> m.queued(), "queued");
    b.send(new ClientMessage.QuickMatch("qb" + suffix, game, Map.of()));
    String table =
        a.await(ServerMessage.Matching.class, m -> !m.queued() && m.table() != null, "matched")
            .table();
    String other =
        b.await(ServerMessage.Matching.class, m -> !m.queued() && m.table() != null, "matched")
            .table();
    assertEquals(table, other, "quick match seats both players at one table");
    return table;
  }

  /**
   * A private gomoku table for {@code a} and {@code b}, so that no other client (a fuzzer's quick
   * match, say) can be seated with one of them. The creator alternates with {@code game}, as
   * create_table is rate-limited per connection; once both are limited (a long run) they
   * quick-match instead.
   */
  static String privateTable(TestClient a, TestClient b, int game) throws Exception {
    TestClient host = game % 2 == 0 ? a : b;
    TestClient guest = host == a ? b : a;
    String id = "private-" + game;
    host.send(new ClientMessage.CreateTable(id, "gomoku", Map.of(), true, false));
    ServerMessage answer =
        host.await(
            ServerMessage.class,
            m ->
                m instanceof ServerMessage.TableCreated c && id.equals(c.re())
                    || m instanceof ServerMessage.Error e && id.equals(e.re()),
            "table " + id);
    if (answer instanceof ServerMessage.Error) {
      assertEquals(
          ErrorCode.RATE_LIMITED, ((ServerMessage.Error) answer).code(), "create_table: " + answer);
      // The first in the queue sits first and wins this script's games: alternate it, as the hosts
      // alternate, or the ratings drift apart until quick match waits out the widening band.
      return quickMatch(host, guest, "gomoku", "-" + game);
    }
    ServerMessage.TableCreated created = (ServerMessage.TableCreated) answer;
    guest.send(new ClientMessage.JoinTable("join-" + game, null, created.code()));
    guest.await(
        ServerMessage.Ack.class,
        x -> ("join-" + game).equals(x.re()),
        "join of " + created.table());
    for (TestClient player : List.of(host, guest)) {
      send(player, "ready-" + game, created.table(), new TableAction.Ready());
      player.await(ServerMessage.Ack.class, x -> ("ready-" + game).equals(x.re()), "ready");
    }
    return created.table();
  }

  /** The seat {@code client} got when the match started. */
  static int seatAtStart(TestClient client, String table) throws Exception {
    ServerMessage.Event started = client.awaitEvent(table, "started", e -> true);
    List<?> players = (List<?>) started.data().get("players");
    int seat = players.indexOf(client.welcome().playerId());
    assertTrue(seat >= 0, "not among the players: " + started.data());
    return seat;
  }

  /** The two players of a two-seat table, ordered by seat: the first moves first. */
  static TestClient[] bySeat(TestClient a, TestClient b, String table) throws Exception {
    int seatA = seatAtStart(a, table);
    int seatB = seatAtStart(b, table);
    assertEquals(1, seatA + seatB, "two players in seats 0 and 1");
    return seatA == 0 ? new TestClient[] {a, b} : new TestClient[] {b, a};
  }

  static void send(TestClient client, String id, String table, TableAction action)
      throws Exception {
    client.send(new ClientMessage.TableRequest(id, table, action));
  }

  /** {@code mover} plays {@code move}; it is acknowledged and every watcher sees it. */
  static void play(TestClient mover, String table, String move, TestClient... watchers)
      throws Exception {
    String id = "move-" + move;
    send(mover, id, table, new TableAction.Act(move, null));
    ServerMessage answer = mover.awaitAnswer(id, "answer to " + move);
    assertTrue(TestClient.applied(answer), move + " was not applied: " + answer);
    for (TestClient watcher : watchers) {
      watcher.awaitEvent(table, "move", e -> move.equals(e.data().get("move")));
    }
  }

  /** The result event, which every client must see with the same content. */
  static ServerMessage.Event result(String table, TestClient... clients) throws Exception {
    ServerMessage.Event first = null;
    for (TestClient client : clients) {
      ServerMessage.Event result = client.awaitEvent(table, "result", e -> true);
      if (first == null) {
        first = result;
      } else {
        assertEquals(first.seq(), result.seq());
        assertEquals(first.data(), result.data());
      }
    }
    return first;
  }

  /**
   * A game between {@code a} and {@code b} at a private table that black wins with five in column H
   * while white plays down column A; every move's latency (sent until the opponent saw it) is added
   * to {@code latencies}. Both leave after.
   */
  static void playFiveInColumnH(
      TestClient a,
      TestClient b,
      java.util.function.Consumer<String> tableStarted,
      List<Long> latencies)
      throws Exception {
    String t = privateTable(a, b, latencies.size() / 9);
    tableStarted.accept(t);
    TestClient[] players = bySeat(a, b, t);
    String[] blackMoves = {"H8", "H9", "H10", "H11", "H12"};
    String[] whiteMoves = {"A1", "A2", "A3", "A4"};
    for (int i = 0; i < 5; i++) {
      latencies.add(timedPlay(players[0], t, blackMoves[i], players[1]));
      if (i < 4) {
        latencies.add(timedPlay(players[1], t, whiteMoves[i], players[0]));
      }
    }
    ServerMessage.Event result = result(t, a, b);
    assertEquals(List.of(0L), result.data().get("winners"), "black made five");
    assertEquals("five", result.data().get("detail"));
    send(a, "leave-" + t, t, new TableAction.Leave());
    send(b, "leave-" + t, t, new TableAction.Leave());
    a.await(ServerMessage.Ack.class, x -> ("leave-" + t).equals(x.re()), "leave ack");
    b.await(ServerMessage.Ack.class, x -> ("leave-" + t).equals(x.re()), "leave ack");
  }

  private static long timedPlay(TestClient mover, String table, String move, TestClient watcher)
      throws Exception {
    long start = System.nanoTime();
    play(mover, table, move, watcher);
    return System.nanoTime() - start;
  }

  /** "median x p95 y max z" in milliseconds. */
  static String latencySummary(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    java.util.Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return "(no moves)";
    }
    return String.format(
        java.util.Locale.ROOT,
        "ms median %.1f p95 %.1f max %.1f (%d moves)",
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 95 / 100) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6,
        sorted.size());
  }

  static void assertGapless(TestClient... clients) {
    for (TestClient client : clients) {
      assertEquals(List.of(), client.seqViolations(), "events must arrive gapless and once");
    }
  }

  /** Moves a player makes against a bot: down column A, then B, skipping points already taken. */
  static String freePoint(Set<String> taken) {
    for (char column = 'A'; column <= 'O'; column++) {
      for (int row = 1; row <= 15; row++) {
        String point = "" + column + row;
        if (!taken.contains(point)) {
          return point;
        }
      }
    }
    throw new AssertionError("board full");
  }

  /** Every move played at {@code table} as seen by {@code client}. */
  static Set<String> movesSeen(TestClient client, String table) {
    Set<String> moves = new HashSet<>();
    for (ServerMessage.Event e : client.events(table)) {
      if (e.kind().equals("move")) {
        moves.add(String.valueOf(e.data().get("move")));
      }
    }
    return moves;
  }

  /** The seats of the moves {@code client} saw at {@code table}, in order. */
  static List<Integer> moveSeats(TestClient client, String table) {
    List<Integer> seats = new ArrayList<>();
    for (ServerMessage.Event e : client.events(table)) {
      if (e.kind().equals("move")) {
        seats.add(((Number) e.data().get("seat")).intValue());
      }
    }
    return seats;
  }
}
