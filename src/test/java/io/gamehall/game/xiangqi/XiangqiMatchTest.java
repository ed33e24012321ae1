package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.Event;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The Xiangqi adapter driven only through the game SPI. */
class XiangqiMatchTest {

  private final XiangqiRules rules = new XiangqiRules();

  private XiangqiMatch start() {
    return (XiangqiMatch) rules.start(2, Map.of(), new byte[32]);
  }

  private static List<Event> accept(Match m, int seat, String action) {
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Accepted.class, step, () -> action + " was refused: " + step);
    return ((Step.Accepted) step).events();
  }

  private static String reject(Match m, int seat, String action) {
    Map<String, Object> before = m.view(seat);
    Map<String, Object> other = m.view(1 - Math.floorMod(seat, 2));
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Rejected.class, step, () -> action + " was accepted");
    assertEquals(before, m.view(seat), "a refused action changed the view");
    assertEquals(other, m.view(1 - Math.floorMod(seat, 2)));
    return ((Step.Rejected) step).code();
  }

  @SuppressWarnings("unchecked")
  private static List<String> legal(Map<String, Object> view) {
    return (List<String>) view.get("legal");
  }

  @Test
  void optionsAreEmptyAndUnknownOnesRefused() {
    assertEquals(Map.of(), rules.options(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("clock", "5")));
    assertThrows(IllegalArgumentException.class, () -> rules.start(3, Map.of(), new byte[32]));
  }

  @Test
  void startViewShowsLegalMovesOnlyToTheSeatToAct() {
    XiangqiMatch m = start();
    Map<String, Object> red = m.view(0);
    assertEquals(Position.START_FEN, red.get("fen"));
    assertEquals("red", red.get("toMove"));
    assertEquals(44, legal(red).size());
    assertTrue(legal(red).contains("h2e2"));
    assertFalse(m.view(1).containsKey("legal"));
    assertFalse(m.publicView().containsKey("legal"));
  }

  @Test
  void captureEventNamesThePiece() {
    XiangqiMatch m = start();
    List<Event> events = accept(m, 0, "H2-H9");
    Map<String, Object> data = events.get(0).data();
    assertEquals("move", events.get(0).kind());
    assertEquals("h2h9", data.get("move"));
    assertEquals("n", data.get("captured"));
    assertEquals(false, data.get("check"));
    assertEquals("C", accept(m, 1, "i9h9").get(0).data().get("captured"));
    assertFalse(accept(m, 0, "h0g2").get(0).data().containsKey("captured"));
    assertEquals("h0g2", m.publicView().get("lastMove"));
    assertEquals(1, m.toAct());
  }

  @Test
  void refusedActionsCarryStableCodesAndChangeNothing() {
    XiangqiMatch m = start();
    assertEquals("not_your_turn", reject(m, 1, "h9g7"));
    assertEquals("malformed", reject(m, 0, "h2h3x"));
    assertEquals("illegal", reject(m, 0, "a0a5"));
    assertEquals("illegal", reject(m, 0, "e4e6"));
    assertEquals("malformed", reject(m, 0, "z9z9"));
    assertEquals("malformed", reject(m, 0, "e4e4"));
    assertEquals("malformed", reject(m, 0, null));
    assertEquals("malformed", reject(m, 0, "h2e2".repeat(50)));
  }

  @Test
  void undoReplaysTheShortenedGame() {
    XiangqiMatch m = start();
    accept(m, 0, "h2e2");
    accept(m, 1, "h9g7");
    accept(m, 0, "h0g2");
    Map<String, Object> afterTwo = m.publicView();
    accept(m, 1, "i9h9");
    // Red asks while black's reply stands: both plies go.
    Event undo = m.undo(0).orElseThrow().get(0);
    assertEquals("undo", undo.kind());
    assertEquals(List.of("h0g2", "i9h9"), undo.data().get("removed"));
    assertEquals(0, m.toAct());
    accept(m, 0, "h0g2");
    assertEquals(afterTwo, m.publicView());
    assertTrue(m.resign(1).winners().contains(0));
    assertTrue(m.undo(0).isEmpty(), "no undo after the end");
  }

  @Test
  void agreedDrawAndAbandonment() {
    XiangqiMatch m = start();
    assertEquals(Result.EndReason.AGREED_DRAW, m.agreeDraw().orElseThrow().reason());
    assertEquals(-1, m.toAct());
    assertEquals("game_over", reject(m, 0, "h2e2"));
    Match a = start();
    Result r = a.abandon(0);
    assertEquals(List.of(1), r.winners());
    assertEquals(Map.of(0, -1, 1, 1), r.points());
  }

  @Test
  void randomGamesThroughTheSpiReachAResult() throws Exception {
    Random random = new Random(7);
    List<String> details =
        List.of("checkmate", "stalemate", "perpetual_check", "repetition", "no_capture");
    for (int game = 0; game < 4; game++) {
      XiangqiMatch m = start();
      List<String> played = new ArrayList<>();
      int ends = 0;
      while (m.toAct() >= 0) {
        int seat = m.toAct();
        Map<String, Object> view = m.view(seat);
        String action;
        int pick = random.nextInt(10);
        if (pick == 0) {
          action = m.bot(seat, Duration.ofMillis(20), () -> false).call();
        } else if (pick < 3) {
          action = m.defaultAction(seat);
        } else {
          List<String> legal = legal(view);
          action = legal.get(random.nextInt(legal.size()));
        }
        assertTrue(legal(view).contains(action), action + " is not among the legal moves");
        for (Event e : accept(m, seat, action)) {
          if (e.kind().equals("move")) {
            played.add((String) e.data().get("move"));
            assertEquals(m.publicView().get("inCheck"), e.data().get("check"));
          } else {
            assertEquals("end", e.kind());
            ends++;
          }
        }
        assertEquals(played, m.publicView().get("moves"));
      }
      assertEquals(1, ends);
      assertTrue(details.contains(m.result().orElseThrow().detail()));
    }
  }

  @Test
  void fuzzedInputNeverThrows() {
    Random random = new Random(3);
    XiangqiMatch m = start();
    String alphabet = "abcdefghijAZ0123456789- \u0663\u00df";
    for (int i = 0; i < 5000 && m.toAct() >= 0; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(7); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Map<String, Object> before = m.publicView();
      Step step = m.apply(random.nextInt(3), sb.toString());
      if (step instanceof Step.Rejected) {
        assertEquals(before, m.publicView());
      }
    }
  }

  @Test
  void botUsesASnapshotAndAnswersInBudget() throws Exception {
    XiangqiMatch m = start();
    accept(m, 0, "h2e2");
    Callable<String> bot = m.bot(1, Duration.ofMillis(150), () -> false);
    Map<String, Object> before = m.view(1);
    long t0 = System.nanoTime();
    String move = bot.call();
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 400);
    assertEquals(before, m.view(1), "the bot must not touch the live match");
    assertTrue(legal(before).contains(move));
    Callable<String> cancelled = m.bot(1, Duration.ofSeconds(30), () -> true);
    t0 = System.nanoTime();
    assertTrue(legal(before).contains(cancelled.call()));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "cancellation stops the search");
    assertThrows(IllegalStateException.class, () -> m.defaultAction(0));
  }
}
