package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two players quick-match into a Gomoku table over a real socket and black wins with five in column
 * H; the result event is returned. Proves the whole path (TLS, upgrade, protocol, lobby, table,
 * game) on any server.
 */
public final class GomokuGame {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private GomokuGame() {}

  /**
   * Plays a full game on {@code tier}; returns the {@code result} event as black's client saw it.
   */
  public static ServerMessage.Event play(Tier tier) throws Exception {
    try (TestClient ann = TestClient.connect(tier);
        TestClient bob = TestClient.connect(tier)) {
      String annId = hello(ann, "Ann");
      String bobId = hello(bob, "Bob");
      ann.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      bob.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
      String table =
          ann.await(ServerMessage.Matching.class, m -> !m.queued(), "matched", WAIT).table();
      assertEquals(
          table,
          bob.await(ServerMessage.Matching.class, m -> !m.queued(), "matched", WAIT).table());

      ServerMessage.Event started =
          ann.await(ServerMessage.Event.class, e -> e.kind().equals("started"), "started", WAIT);
      bob.await(ServerMessage.Event.class, e -> e.kind().equals("started"), "started", WAIT);
      List<?> players = (List<?>) started.data().get("players");
      assertTrue(players.contains(annId) && players.contains(bobId), "players: " + players);
      // Seat 0 plays black and moves first.
      boolean annIsBlack = annId.equals(players.get(0));
      TestClient black = annIsBlack ? ann : bob;
      TestClient white = annIsBlack ? bob : ann;

      String[] blackMoves = {"H8", "H9", "H10", "H11", "H12"};
      String[] whiteMoves = {"A1", "A2", "A3", "A4"};
      for (int i = 0; i < whiteMoves.length; i++) {
        act(black, table, blackMoves[i]);
        act(white, table, whiteMoves[i]);
      }
      // The winning move: answered by the result event itself.
      black.send(
          new ClientMessage.TableRequest("m-win", table, new TableAction.Act(blackMoves[4], null)));
      ServerMessage.Event result =
          black.await(ServerMessage.Event.class, e -> e.kind().equals("result"), "result", WAIT);
      white.await(ServerMessage.Event.class, e -> e.kind().equals("result"), "result", WAIT);
      assertEquals(
          "[0]", String.valueOf(result.data().get("winners")), "black (seat 0) wins: " + result);
      return result;
    }
  }

  private static String hello(TestClient client, String nickname) throws Exception {
    client.send(new ClientMessage.Hello("h", 1, nickname, null));
    return client.expect(ServerMessage.Welcome.class).playerId();
  }

  /**
   * Sends a move and waits for its answer (the move's own event, carrying the id), so the two
   * players' moves reach the table in turn order.
   */
  private static void act(TestClient player, String table, String move) throws Exception {
    String id = "m-" + move;
    player.send(new ClientMessage.TableRequest(id, table, new TableAction.Act(move, null)));
    ServerMessage reply = player.awaitAnswer(id, "answer to " + move);
    assertTrue(TestClient.applied(reply), move + " was not accepted: " + reply);
  }
}
