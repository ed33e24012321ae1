package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Gomoku adapter driven only through the game SPI. */
class GomokuMatchTest {

  private final GomokuRules rules = new GomokuRules();

  private GomokuMatch start(String variant) {
    return (GomokuMatch) rules.start(2, Map.of("variant", variant), new byte[32]);
  }

  private static List<Event> accept(Match m, int seat, String action) {
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Accepted.class, step, () -> action + " was refused: " + step);
    return ((Step.Accepted) step).events();
  }

  private static String reject(Match m, int seat, String action) {
    Map<String, Object> before = m.view(seat);
    Map<String, Object> publicBefore = m.publicView();
    int toAct = m.toAct();
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Rejected.class, step, () -> action + " was accepted");
    assertEquals(before, m.view(seat), "a refused action changed the view");
    assertEquals(publicBefore, m.publicView());
    assertEquals(toAct, m.toAct());
    return ((Step.Rejected) step).code();
  }

  @Test
  void optionsDefaultAndRefuseUnknownKeysAndValues() {
    assertEquals(Map.of("variant", "freestyle"), rules.options(Map.of()));
    assertEquals(Map.of("variant", "renju"), rules.options(Map.of("variant", "renju")));
    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("size", "19")));
    assertTrue(key.getMessage().contains("size"));
    assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("variant", "RENJU")));
    assertThrows(IllegalArgumentException.class, () -> rules.start(3, Map.of(), new byte[32]));
    assertEquals("gomoku", rules.id());
  }

  @Test
  void movesProduceEventsAndViews() {
    GomokuMatch m = start("freestyle");
    assertEquals(0, m.toAct());
    List<Event> events = accept(m, 0, "h8");
    assertEquals(1, events.size());
    assertEquals("move", events.get(0).kind());
    assertEquals(Map.of("seat", 0, "move", "H8", "stone", "black"), events.get(0).data());
    Map<String, Object> v = m.view(1);
    assertEquals("H8", v.get("lastMove"));
    assertEquals("white", v.get("toMove"));
    assertEquals(1, v.get("toAct"));
    @SuppressWarnings("unchecked")
    List<String> board = (List<String>) v.get("board");
    assertEquals(15, board.size());
    // Row 15 is printed first, so H8 sits in the eighth string at the eighth column.
    assertEquals(".......X.......", board.get(7));
  }

  @Test
  void fiveInARowEndsTheMatchWithOneEndEvent() {
    GomokuMatch m = start("standard");
    String[] black = {"A1", "B1", "C1", "D1"};
    String[] white = {"A5", "B5", "C5", "D5"};
    for (int i = 0; i < 4; i++) {
      accept(m, 0, black[i]);
      accept(m, 1, white[i]);
    }
    List<Event> last = accept(m, 0, "E1");
    assertEquals(List.of("move", "end"), last.stream().map(Event::kind).toList());
    Result r = m.result().orElseThrow();
    assertEquals(List.of(0), r.winners());
    assertEquals(Map.of(0, 1, 1, -1), r.points());
    assertEquals("five", r.detail());
    assertEquals(-1, m.toAct());
    assertEquals(List.of("A1", "B1", "C1", "D1", "E1"), m.publicView().get("winningLine"));
    assertEquals("game_over", reject(m, 1, "O15"));
    assertTrue(m.undo(0).isEmpty(), "undo is refused once the match is over");
  }

  @Test
  void refusedActionsCarryStableCodesAndChangeNothing() {
    GomokuMatch m = start("freestyle");
    accept(m, 0, "H8");
    assertEquals("not_your_turn", reject(m, 0, "A1"));
    assertEquals("occupied", reject(m, 1, "H8"));
    assertEquals("off_board", reject(m, 1, "P3"));
    assertEquals("off_board", reject(m, 1, "A16"));
    assertEquals("malformed", reject(m, 1, "hello"));
    assertEquals("malformed", reject(m, 1, null));
    assertEquals("malformed", reject(m, 1, "H8".repeat(100)));
    assertEquals("not_your_turn", reject(m, 7, "A1"));
  }

  @Test
  void renjuFoulIsRefusedAndNamed() {
    GomokuMatch m = start("renju");
    String[] moves = {"F13", "A1", "F12", "A3", "D11", "A5", "E11", "A7"};
    for (int i = 0; i < moves.length; i++) {
      accept(m, i % 2, moves[i]);
    }
    @SuppressWarnings("unchecked")
    List<String> forbidden = (List<String>) m.view(0).get("forbidden");
    assertTrue(forbidden.contains("F11"), forbidden::toString);
    assertFalse(m.view(1).containsKey("forbidden"), "only the seat to act gets the foul map");
    Step step = m.apply(0, "F11");
    assertEquals("forbidden", ((Step.Rejected) step).code());
    assertTrue(((Step.Rejected) step).message().contains("double-three"));
    assertFalse(forbidden.contains(m.defaultAction(0)));
    assertEquals("forbidden", reject(m, 0, "F11"));
  }

  @Test
  void turnHintsAreTheViewsForbiddenListForTheSeatToActOnly() {
    GomokuMatch renju = start("renju");
    String[] moves = {"F13", "A1", "F12", "A3", "D11", "A5", "E11", "A7"};
    for (int i = 0; i < moves.length; i++) {
      assertEquals(hintsFromView(renju, i % 2), renju.turnHints(i % 2), "before move " + i);
      assertEquals(Map.of(), renju.turnHints(1 - i % 2), "the other seat, before move " + i);
      accept(renju, i % 2, moves[i]);
    }
    assertEquals(Map.of("forbidden", renju.view(0).get("forbidden")), renju.turnHints(0));
    assertEquals(Map.of(), renju.turnHints(1), "white has no fouls");
    assertEquals(Map.of(), renju.turnHints(2), "a spectator's seat number gets nothing");
    GomokuMatch free = start("freestyle");
    accept(free, 0, "H8");
    assertEquals(Map.of(), free.turnHints(1), "freestyle has no fouls to list");
    assertEquals(hintsFromView(free, 1), free.turnHints(1));
  }

  /** What Match's default turnHints picks out of the whole view. */
  private static Map<String, Object> hintsFromView(GomokuMatch m, int seat) {
    if (seat != m.toAct()) {
      return Map.of();
    }
    Map<String, Object> view = m.view(seat);
    Map<String, Object> hints = new java.util.LinkedHashMap<>();
    for (String key : List.of("legal", "forbidden")) {
      if (view.get(key) != null) {
        hints.put(key, view.get(key));
      }
    }
    return hints;
  }

  @Test
  void undoGivesTheRequesterTheMoveBack() {
    GomokuMatch m = start("freestyle");
    assertTrue(m.undo(0).isEmpty(), "nothing to undo yet");
    accept(m, 0, "H8");
    accept(m, 1, "H9");
    accept(m, 0, "J8");
    // Seat 0 just moved: only its own stone goes.
    List<Event> undo = m.undo(0).orElseThrow();
    assertEquals("undo", undo.get(0).kind());
    assertEquals(1, undo.get(0).data().get("plies"));
    assertEquals(List.of("J8"), undo.get(0).data().get("removed"));
    assertEquals(0, m.toAct());
    assertEquals(List.of("H8", "H9"), m.publicView().get("moves"));
    // Seat 1's H9 has no reply yet, so only H9 goes and seat 1 is to move again.
    List<Event> undo1 = m.undo(1).orElseThrow();
    assertEquals(1, undo1.get(0).data().get("plies"));
    assertEquals(1, m.toAct());
    accept(m, 1, "G7");
    accept(m, 0, "J9");
    List<Event> undo2 = m.undo(1).orElseThrow();
    assertEquals(2, undo2.get(0).data().get("plies"));
    assertEquals(List.of("G7", "J9"), undo2.get(0).data().get("removed"));
    assertEquals(1, m.toAct());
    assertEquals(List.of("H8"), m.publicView().get("moves"));
  }

  @Test
  void resignAbandonAndDraw() {
    GomokuMatch m = start("freestyle");
    accept(m, 0, "H8");
    Result r = m.resign(0);
    assertEquals(List.of(1), r.winners());
    assertEquals(Result.EndReason.RESIGN, r.reason());
    assertEquals(-1, m.toAct());
    assertEquals("game_over", reject(m, 1, "A1"));
    assertTrue(m.agreeDraw().isEmpty());

    Match a = start("freestyle");
    assertEquals(Result.EndReason.ABANDONMENT, a.abandon(1).reason());
    assertEquals(List.of(0), a.result().orElseThrow().winners());

    GomokuMatch d = start("freestyle");
    Result draw = d.agreeDraw().orElseThrow();
    assertEquals(List.of(), draw.winners());
    assertEquals(Result.EndReason.AGREED_DRAW, draw.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"freestyle", "standard", "renju"})
  void randomGamesThroughTheSpiAlwaysFinish(String variant) throws Exception {
    Random random = new Random(variant.hashCode());
    for (int game = 0; game < 6; game++) {
      GomokuMatch m = start(variant);
      List<String> played = new ArrayList<>();
      int ends = 0;
      while (m.toAct() >= 0) {
        int seat = m.toAct();
        String action;
        if (random.nextInt(8) == 0) {
          action = m.bot(seat, Duration.ofMillis(30), () -> false).call();
        } else if (random.nextBoolean()) {
          action = m.defaultAction(seat);
        } else {
          action = randomPoint(random);
        }
        Step step = m.apply(seat, action);
        if (step instanceof Step.Rejected) {
          assertTrue(List.of("occupied", "forbidden").contains(((Step.Rejected) step).code()));
          continue;
        }
        for (Event e : ((Step.Accepted) step).events()) {
          if (e.kind().equals("move")) {
            assertEquals(seat, e.data().get("seat"));
            played.add((String) e.data().get("move"));
          } else {
            assertEquals("end", e.kind());
            ends++;
          }
        }
        assertEquals(played, m.publicView().get("moves"));
      }
      assertEquals(1, ends);
      Result r = m.result().orElseThrow();
      assertTrue(List.of("five", "full_board").contains(r.detail()));
      if (r.detail().equals("five")) {
        assertEquals(List.of((played.size() - 1) % 2), r.winners(), "the last mover made the five");
      }
    }
  }

  @Test
  void fuzzedInputNeverThrowsAndRefusalsChangeNothing() {
    Random random = new Random(42);
    GomokuMatch m = start("renju");
    String alphabet = "ABCDEFGHIJKLMNOPabcdefhijklmnop0123456789 -+\u00e9\u0661\t";
    for (int i = 0; i < 3000 && m.toAct() >= 0; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(6);
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      int seat = random.nextInt(4) - 1;
      Map<String, Object> before = m.publicView();
      Step step = m.apply(seat, sb.toString());
      if (step instanceof Step.Rejected) {
        assertEquals(before, m.publicView());
        assertNotNull(((Step.Rejected) step).message());
      }
    }
  }

  @Test
  void botWorksOnACopyAndReturnsALegalMoveInBudget() throws Exception {
    GomokuMatch m = start("renju");
    String[] moves = {"H8", "H9", "J8", "G8", "J9"};
    for (int i = 0; i < moves.length; i++) {
      accept(m, i % 2, moves[i]);
    }
    Callable<String> bot = m.bot(1, Duration.ofMillis(200), () -> false);
    Map<String, Object> before = m.publicView();
    long start = System.nanoTime();
    String choice = bot.call();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 400, "bot took " + millis + " ms");
    assertEquals(before, m.publicView(), "the bot must not touch the live match");
    // The table moves on before the callable runs: the snapshot is unaffected.
    Callable<String> late = m.bot(1, Duration.ofMillis(50), () -> false);
    accept(m, 1, choice);
    String stale = late.call();
    assertTrue(Point.parse(stale).isPresent());
    assertThrows(IllegalStateException.class, () -> m.bot(1, Duration.ofMillis(10), () -> false));
  }

  private static String randomPoint(Random random) {
    return new Point(random.nextInt(15), random.nextInt(15)).toString();
  }
}
