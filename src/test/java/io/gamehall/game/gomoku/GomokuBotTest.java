package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bot behaviour: tactics, legality, budget, cancellation and determinism. */
class GomokuBotTest {

  private static final Duration BUDGET = Duration.ofMillis(500);

  /**
   * Builds a game by alternating the given black and white moves (the longer list must be black's).
   */
  private static GomokuGame game(Variant variant, List<String> black, List<String> white) {
    GomokuGame g = new GomokuGame(variant);
    for (int i = 0; i < Math.max(black.size(), white.size()); i++) {
      if (i < black.size()) {
        assertTrue(g.play(black.get(i)).accepted(), "black " + black.get(i));
      }
      if (i < white.size()) {
        assertTrue(g.play(white.get(i)).accepted(), "white " + white.get(i));
      }
    }
    return g;
  }

  private static Point move(GomokuGame g) {
    Optional<Point> m = new GomokuBot(42).chooseMove(g, BUDGET);
    assertTrue(m.isPresent(), "bot found no move");
    return m.get();
  }

  private static Point p(String s) {
    return Point.parse(s).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void takesAnImmediateWin(Variant v) {
    // Black has an open four on row 8 and white threatens five on row 3: winning beats blocking.
    GomokuGame g =
        game(v, List.of("D8", "E8", "F8", "G8", "A15"), List.of("C3", "D3", "E3", "F3", "O1"));
    Point m = move(g);
    assertTrue(m.equals(p("C8")) || m.equals(p("H8")), "expected a five, got " + m);
    g.play(m);
    assertEquals(GameStatus.BLACK_WINS, g.result().status());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void whiteTakesAnImmediateWinToo(Variant v) {
    GomokuGame g =
        game(v, List.of("A15", "C15", "E15", "G15", "J1"), List.of("H8", "H9", "H10", "H11"));
    Point m = move(g);
    g.play(m);
    assertEquals(GameStatus.WHITE_WINS, g.result().status(), "played " + m);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void blocksAnImmediateLoss(Variant v) {
    // White to move; black's D8-G8 is capped by C8, so H8 is the only point that stops five.
    GomokuGame g = game(v, List.of("D8", "E8", "F8", "G8"), List.of("C8", "A1", "O15"));
    assertEquals(p("H8"), move(g));
  }

  @Test
  void playsAnOpenFourFromAnOpenThree() {
    GomokuGame g =
        game(Variant.FREESTYLE, List.of("E8", "F8", "G8", "O1"), List.of("A1", "A3", "A5", "A7"));
    Point m = move(g);
    assertTrue(List.of(p("D8"), p("H8")).contains(m), "expected an open four, got " + m);
  }

  @Test
  void blocksAnOpenThree() {
    // Black to move, white has an open three on column H; black must stop it from becoming an open
    // four.
    GomokuGame g = game(Variant.FREESTYLE, List.of("A1", "A3", "O15"), List.of("H7", "H8", "H9"));
    Point m = move(g);
    assertTrue(List.of(p("H6"), p("H10"), p("H5"), p("H11")).contains(m), "did not block: " + m);
  }

  /**
   * C4 is a four on column C (forced reply C3) that also prepares D4, an open four C4-F4 on row 4.
   */
  private static final List<String> VCF_BLACK = List.of("C5", "C6", "C7", "E4", "F4");

  private static final List<String> VCF_WHITE = List.of("C8", "O15", "O13", "M15", "O11");

  @ParameterizedTest
  @EnumSource(Variant.class)
  void vcfSearchFindsTheTwoStepWin(Variant v) {
    GomokuGame g = game(v, VCF_BLACK, VCF_WHITE);
    assertEquals(Optional.of(p("C4")), new GomokuBot(1).findVcf(g, BUDGET));
  }

  @Test
  void noVcfWhenTheRowStoneIsMissing() {
    GomokuGame g = game(Variant.FREESTYLE, List.of("C5", "C6", "C7", "A15", "F4"), VCF_WHITE);
    assertEquals(Optional.empty(), new GomokuBot(1).findVcf(g, BUDGET));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void playsTheContinuousFoursWinAgainstItself(Variant v) {
    GomokuGame g = game(v, VCF_BLACK, VCF_WHITE);
    for (String q : List.of("C4", "D4", "C3")) {
      GomokuGame probe = g.copy();
      probe.play(q);
      assertEquals(GameStatus.ONGOING, probe.result().status(), "no one-move win at " + q);
    }
    GomokuBot bot = new GomokuBot(7);
    assertEquals(p("C4"), bot.chooseMove(g, BUDGET).orElseThrow());
    for (int ply = 0; ply < 6 && !g.result().status().isOver(); ply++) {
      assertTrue(g.play(bot.chooseMove(g, BUDGET).orElseThrow()).accepted());
    }
    assertEquals(GameStatus.BLACK_WINS, g.result().status(), "moves " + g.moves());
    assertTrue(
        g.moves().size() <= VCF_BLACK.size() + VCF_WHITE.size() + 5, "won by force: " + g.moves());
  }

  @Test
  void whiteVcfUsesABlockingPointThatIsForbiddenForBlack() {
    // White E10 makes a four whose only completion F11 is a double-three point for black.
    List<String> black = List.of("F13", "F12", "D11", "E11", "A6");
    List<String> white = List.of("B7", "C8", "D9", "O1");
    GomokuGame renju = game(Variant.RENJU, black, white);
    assertEquals(Optional.of(p("E10")), new GomokuBot(1).findVcf(renju, BUDGET));
    GomokuGame freestyle = game(Variant.FREESTYLE, black, white);
    assertEquals(Optional.empty(), new GomokuBot(1).findVcf(freestyle, BUDGET));
  }

  @Test
  void neverPlaysAForbiddenPointAsBlack() {
    // White threatens five at F11, which is a double-three point for black: black cannot block, but
    // must not foul.
    GomokuGame g =
        game(
            Variant.RENJU,
            List.of("F13", "F12", "D11", "E11", "N1"),
            List.of("B7", "C8", "D9", "E10", "N3"));
    assertEquals(Optional.of(Foul.DOUBLE_THREE), g.foulAt(p("F11")));
    Point m = move(g);
    assertNotEquals(p("F11"), m);
    assertTrue(g.isLegal(m), "illegal " + m);
  }

  @Test
  void renjuBlackSkipsForbiddenWinningLookingPoints() {
    // E8 would join B8-D8 and F8-G8 into six, an overline for black, so the bot must pick something
    // else.
    GomokuGame g =
        game(
            Variant.RENJU,
            List.of("B8", "C8", "D8", "F8", "G8", "A1"),
            List.of("B10", "C10", "D10", "O1", "O3", "O5"));
    assertEquals(Optional.of(Foul.OVERLINE), g.foulAt(p("E8")));
    Point m = move(g);
    assertNotEquals(p("E8"), m);
    assertTrue(g.isLegal(m));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void returnsLegalMovesInRandomPositions(Variant v) {
    Random random = new Random(1234 + v.ordinal());
    GomokuBot bot = new GomokuBot(99);
    for (int round = 0; round < 25; round++) {
      GomokuGame g = randomGame(v, random, 4 + random.nextInt(60));
      if (g.result().status().isOver()) {
        continue;
      }
      Point m = bot.chooseMove(g, Duration.ofMillis(100)).orElseThrow();
      assertTrue(g.isLegal(m), () -> "illegal " + m + " after " + g.moves());
      assertTrue(g.foulAt(m).isEmpty(), () -> "foul " + m);
    }
  }

  @Test
  void botAgainstItselfPlaysOnlyLegalMovesUntilTheEnd() {
    for (long seed = 1; seed <= 2; seed++) {
      GomokuGame g = new GomokuGame(Variant.RENJU);
      GomokuBot black = new GomokuBot(seed);
      GomokuBot white = new GomokuBot(seed + 100);
      while (!g.result().status().isOver() && g.moves().size() < 225) {
        GomokuBot bot = g.sideToMove() == Stone.BLACK ? black : white;
        Point m = bot.chooseMove(g, Duration.ofMillis(60)).orElseThrow();
        MoveOutcome o = g.play(m);
        assertTrue(o.accepted(), () -> m + " refused: " + o + " after " + g.moves());
      }
      assertTrue(g.result().status().isOver());
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void beatsARandomPlayerWithEitherColour(Variant v) {
    for (Stone botColour : Stone.values()) {
      Random random = new Random(31 + botColour.ordinal());
      GomokuBot bot = new GomokuBot(8);
      GomokuGame g = new GomokuGame(v);
      while (!g.result().status().isOver()) {
        if (g.sideToMove() == botColour) {
          assertTrue(g.play(bot.chooseMove(g, Duration.ofMillis(100)).orElseThrow()).accepted());
        } else {
          List<Point> legal = g.legalMoves();
          g.play(legal.get(random.nextInt(legal.size())));
        }
      }
      GameStatus expected =
          botColour == Stone.BLACK ? GameStatus.BLACK_WINS : GameStatus.WHITE_WINS;
      assertEquals(expected, g.result().status(), v + " bot as " + botColour + ": " + g.moves());
    }
  }

  @Test
  void stopsAtOnceWhenToldAndStillAnswers() {
    // The time budget and the cancel flag share one stop check, so counting polls proves the search
    // gives up at
    // once without timing anything (a wall-clock bound would only measure this machine's load).
    Random random = new Random(5);
    GomokuBot bot = new GomokuBot(3);
    for (int round = 0; round < 10; round++) {
      GomokuGame g = randomGame(Variant.RENJU, random, 30 + random.nextInt(40));
      if (g.result().status().isOver()) {
        continue;
      }
      for (int raiseAt : new int[] {1, 5, 40}) {
        AtomicInteger polls = new AtomicInteger();
        Optional<Point> m =
            bot.chooseMove(g, Duration.ofHours(1), () -> polls.incrementAndGet() >= raiseAt);
        assertTrue(m.isPresent() && g.isLegal(m.get()));
        assertTrue(
            polls.get() <= raiseAt,
            "the search polled " + polls.get() + " times after a stop at " + raiseAt);
      }
    }
  }

  @Test
  void zeroBudgetStillYieldsALegalMove() {
    GomokuGame g = randomGame(Variant.RENJU, new Random(21), 50);
    Optional<Point> m = new GomokuBot(2).chooseMove(g, Duration.ZERO);
    assertTrue(m.isPresent() && g.isLegal(m.get()));
  }

  @Test
  void extremeBudgetsAreHandled() {
    GomokuGame g = randomGame(Variant.FREESTYLE, new Random(22), 30);
    GomokuBot bot = new GomokuBot(2);
    assertTrue(g.isLegal(bot.chooseMove(g, Duration.ofMillis(-5)).orElseThrow()));
    assertTrue(g.isLegal(bot.chooseMove(g, Duration.ofSeconds(Long.MAX_VALUE)).orElseThrow()));
  }

  @Test
  void cancellationStillYieldsALegalMove() {
    GomokuGame g = randomGame(Variant.RENJU, new Random(11), 40);
    long start = System.nanoTime();
    Optional<Point> m = new GomokuBot(1).chooseMove(g, Duration.ofSeconds(30), () -> true);
    assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "cancellation ignored");
    assertTrue(m.isPresent() && g.isLegal(m.get()));
  }

  @Test
  void interruptedThreadStillYieldsALegalMove() {
    GomokuGame g = randomGame(Variant.FREESTYLE, new Random(12), 40);
    Thread.currentThread().interrupt();
    try {
      long start = System.nanoTime();
      Optional<Point> m = new GomokuBot(1).chooseMove(g, Duration.ofSeconds(30));
      assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "interrupt ignored");
      assertTrue(m.isPresent() && g.isLegal(m.get()));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void sameSeedSamePositionSameMove() {
    GomokuGame g = randomGame(Variant.STANDARD, new Random(77), 20);
    Point first = new GomokuBot(5).chooseMove(g, Duration.ofSeconds(2)).orElseThrow();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          first, new GomokuBot(5).chooseMove(g.copy(), Duration.ofSeconds(2)).orElseThrow());
    }
  }

  @Test
  void opensInTheCentreAndStopsWhenTheGameIsOver() {
    assertEquals(
        Optional.of(Point.CENTER),
        new GomokuBot(0).chooseMove(new GomokuGame(Variant.RENJU), BUDGET));
    GomokuGame over =
        game(
            Variant.FREESTYLE,
            List.of("A1", "A2", "A3", "A4", "A5"),
            List.of("O1", "O2", "O3", "O4"));
    assertTrue(over.result().status().isOver());
    assertEquals(Optional.empty(), new GomokuBot(0).chooseMove(over, BUDGET));
  }

  /** Random legal play near existing stones, stopping early if the game ends. */
  private static GomokuGame randomGame(Variant v, Random random, int plies) {
    GomokuGame g = new GomokuGame(v);
    g.play(Point.CENTER);
    while (g.moves().size() < plies && !g.result().status().isOver()) {
      Point last = g.moves().get(g.moves().size() - 1);
      Point q = Point.of(last.column() + random.nextInt(7) - 3, last.row() + random.nextInt(7) - 3);
      g.play(q); // refusals (occupied, off board, fouls) are simply retried with another point
    }
    return g;
  }
}
