package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bot always answers legally, on time, and finds forced mates. */
class XiangqiBotTest {

  private final XiangqiBot bot = new XiangqiBot();

  @Test
  void findsMateInOneInsteadOfGrabbingMaterial() {
    // b0b9 mates; a8xh8 wins a cannon but lets the game go on.
    XiangqiGame game = XiangqiGame.fromFen("4k4/R6c1/9/9/9/9/9/9/9/1R1K5 w - - 0 1");
    Move move = bot.chooseMove(game, Duration.ofSeconds(2), () -> false).orElseThrow();
    assertEquals(new GameResult(Outcome.RED_WINS, EndReason.CHECKMATE), game.play(move).result());
  }

  @Test
  void findsImmediateWinForBlackToo() {
    // b9b0 mates, and a1 moves that stalemate the general also win: Xiangqi scores both as a loss
    // for red.
    XiangqiGame game = XiangqiGame.fromFen("1r1k5/9/9/9/9/9/9/9/r8/4K4 b - - 0 1");
    Move move = bot.chooseMove(game, Duration.ofSeconds(2), () -> false).orElseThrow();
    GameResult result = game.play(move).result();
    assertEquals(Outcome.BLACK_WINS, result.outcome());
    assertTrue(
        result.reason() == EndReason.CHECKMATE || result.reason() == EndReason.STALEMATE,
        result::toString);
  }

  @Test
  void capturesAHangingChariot() {
    // The black chariot on e5 is attacked by the red chariot on a5 and defended by nothing.
    XiangqiGame game = XiangqiGame.fromFen("3k5/9/9/9/R3r4/9/9/9/9/5K3 w - - 0 1");
    Move move = bot.chooseMove(game, Duration.ofMillis(500), () -> false).orElseThrow();
    assertEquals(Move.parse("a5e5"), move);
  }

  @Test
  void neverReturnsAnIllegalMoveInRandomPositions() {
    Random random = new Random(7);
    XiangqiBot shallow = new XiangqiBot(3);
    int checked = 0;
    for (int game = 0; game < 25; game++) {
      Position p = Position.start();
      int plies = 10 + random.nextInt(80);
      for (int i = 0; i < plies; i++) {
        List<Move> moves = p.legalMoves();
        if (moves.isEmpty()) {
          break;
        }
        p.play(moves.get(random.nextInt(moves.size())));
      }
      String fen = p.toFen();
      Optional<Move> move = shallow.chooseMove(p, Duration.ofMillis(60), () -> false);
      assertEquals(fen, p.toFen());
      if (p.legalMoves().isEmpty()) {
        assertFalse(move.isPresent(), fen);
      } else {
        assertTrue(move.isPresent() && p.isLegal(move.get()), () -> fen + " -> " + move);
        checked++;
      }
    }
    assertTrue(checked > 0);
  }

  @Test
  void stopsPromptlyWhenCancelledAndStillAnswers() {
    AtomicInteger polls = new AtomicInteger();
    // The time budget and the cancel flag share one stop check, so counting polls proves the search
    // gives up at
    // once without timing anything: with ten minutes to spend it must not poll again after the flag
    // rose.
    Optional<Move> move =
        bot.chooseMove(Position.start(), Duration.ofMinutes(10), () -> polls.incrementAndGet() > 3);
    assertTrue(move.isPresent() && Position.start().isLegal(move.get()));
    assertEquals(4, polls.get(), "polls of the cancel flag: the search went on after it rose");
  }

  @Test
  void honoursThreadInterruption() {
    Thread.currentThread().interrupt();
    try {
      AtomicInteger polls = new AtomicInteger();
      Optional<Move> move =
          bot.chooseMove(
              Position.start(), Duration.ofMinutes(10), () -> polls.incrementAndGet() > 1_000);
      assertTrue(
          polls.get() <= 1, "the search kept going after the interrupt: " + polls.get() + " polls");
      assertTrue(move.isPresent() && Position.start().isLegal(move.get()));
      assertTrue(
          Thread.currentThread().isInterrupted(), "the interrupt flag is left for the caller");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void zeroOrNegativeBudgetStillYieldsALegalMove() {
    for (Duration d : List.of(Duration.ZERO, Duration.ofMillis(-5))) {
      Optional<Move> move = bot.chooseMove(Position.start(), d, () -> false);
      assertTrue(move.isPresent() && Position.start().isLegal(move.get()));
    }
  }

  @Test
  void noMoveWhenTheGameIsOver() {
    assertEquals(
        Optional.empty(),
        bot.chooseMove(
            Position.fromFen("R3k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1"),
            Duration.ofMillis(50),
            () -> false));
    XiangqiGame drawn =
        XiangqiGame.fromFen(
            "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 120 61");
    assertEquals(Optional.empty(), bot.chooseMove(drawn, Duration.ofMillis(50), () -> false));
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> new XiangqiBot(0));
    assertThrows(
        NullPointerException.class,
        () -> bot.chooseMove((Position) null, Duration.ZERO, () -> false));
  }

  @Test
  void botVersusBotGameEndsOrStaysLegal() {
    XiangqiGame game = XiangqiGame.newGame();
    XiangqiBot quick = new XiangqiBot(2);
    for (int i = 0; i < 60 && !game.result().isOver(); i++) {
      Move move = quick.chooseMove(game, Duration.ofMillis(30), () -> false).orElseThrow();
      assertTrue(game.isLegal(move));
      game.play(move);
    }
    assertTrue(game.moves().size() > 0);
  }
}
