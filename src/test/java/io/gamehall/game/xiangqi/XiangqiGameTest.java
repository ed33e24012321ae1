package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Game adjudication: mate, stalemate, repetition, perpetual check and the no-capture rule. */
class XiangqiGameTest {

  private static final String MATE_IN_ONE = "4k4/R8/9/9/9/9/9/9/9/1R1K5 w - - 0 1";
  private static final String STALEMATE_IN_ONE = "2P1k1P2/9/9/4P4/9/9/9/9/9/4K4 w - - 0 1";

  /**
   * Black to move, in check from the a9 chariot; black can only shuttle e9-e8 while red checks from
   * a9/a8.
   */
  private static final String PERPETUAL = "R3k4/9/9/9/9/9/9/9/9/3K5 b - - 0 1";

  private static void playAll(XiangqiGame game, String... moves) {
    for (String m : moves) {
      game.play(m);
    }
  }

  @Test
  void newGameStartsOngoingWithRedToMove() {
    XiangqiGame game = XiangqiGame.newGame();
    assertEquals(Position.START_FEN, game.fen());
    assertEquals(Position.START_FEN, game.initialFen());
    assertEquals(Side.RED, game.sideToMove());
    assertEquals(GameResult.ONGOING, game.result());
    assertEquals(44, game.legalMoves().size());
    assertTrue(game.isLegal(Move.parse("h2e2")));
    assertFalse(game.isLegal(Move.parse("h2h8")));
  }

  @Test
  void playReportsCaptureCheckAndRecordsIccs() {
    XiangqiGame game = XiangqiGame.newGame();
    MoveOutcome first = game.play("h2e2");
    assertEquals(Optional.empty(), first.captured());
    assertFalse(first.check());
    assertEquals(GameResult.ONGOING, first.result());
    game.play("h9g7");
    MoveOutcome capture = game.play("e2e6"); // cannon takes the central soldier over the e3 screen
    assertEquals(Optional.of(new Piece(Side.BLACK, PieceType.SOLDIER)), capture.captured());
    assertFalse(capture.check(), "nothing screens the e6 cannon from the black general");
    assertEquals(List.of("h2e2", "h9g7", "e2e6"), game.moveListIccs());
    assertEquals(List.of(Move.parse("h2e2"), Move.parse("h9g7"), Move.parse("e2e6")), game.moves());
  }

  @Test
  void checkmateWinsForTheMover() {
    XiangqiGame game = XiangqiGame.fromFen(MATE_IN_ONE);
    MoveOutcome outcome = game.play("b0b9");
    assertTrue(outcome.check());
    assertEquals(new GameResult(Outcome.RED_WINS, EndReason.CHECKMATE), outcome.result());
    assertEquals(outcome.result(), game.result());
    assertTrue(game.legalMoves().isEmpty());
    assertFalse(game.isLegal(Move.parse("e9e8")));
    IllegalMoveException e = assertThrows(IllegalMoveException.class, () -> game.play("e9e8"));
    assertTrue(e.getMessage().contains("game is over"));
  }

  @Test
  void stalemateLosesForTheSideToMove() {
    XiangqiGame game = XiangqiGame.fromFen(STALEMATE_IN_ONE);
    MoveOutcome outcome = game.play("e6e7");
    assertFalse(outcome.check());
    assertEquals(new GameResult(Outcome.RED_WINS, EndReason.STALEMATE), outcome.result());
  }

  @Test
  void gameLoadedInAFinishedPositionIsAlreadyOver() {
    assertEquals(
        new GameResult(Outcome.RED_WINS, EndReason.CHECKMATE),
        XiangqiGame.fromFen("R3k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1").result());
    assertEquals(
        new GameResult(Outcome.RED_WINS, EndReason.STALEMATE),
        XiangqiGame.fromFen("2P1k1P2/9/4P4/9/9/9/9/9/9/4K4 b - - 0 1").result());
    assertEquals(
        new GameResult(Outcome.DRAW, EndReason.NO_CAPTURE_DRAW),
        XiangqiGame.fromFen(
                "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 120 61")
            .result());
  }

  @Test
  void threefoldRepetitionWithoutChecksIsADraw() {
    XiangqiGame game = XiangqiGame.newGame();
    playAll(game, "b0c2", "b9c7", "c2b0", "c7b9"); // start position, second time
    assertEquals(GameResult.ONGOING, game.result());
    playAll(game, "b0c2", "b9c7", "c2b0");
    assertEquals(GameResult.ONGOING, game.result());
    MoveOutcome third = game.play("c7b9");
    assertEquals(new GameResult(Outcome.DRAW, EndReason.REPETITION_DRAW), third.result());
  }

  @Test
  void perpetualCheckLosesForTheChecker() {
    XiangqiGame game = XiangqiGame.fromFen(PERPETUAL);
    playAll(game, "e9e8", "a9a8", "e8e9", "a8a9"); // second occurrence of the start
    assertEquals(GameResult.ONGOING, game.result());
    playAll(game, "e9e8", "a9a8", "e8e9");
    MoveOutcome last = game.play("a8a9");
    assertTrue(last.check());
    assertEquals(new GameResult(Outcome.BLACK_WINS, EndReason.PERPETUAL_CHECK), last.result());
  }

  @Test
  void perpetualCheckIsJudgedOnTheCycleEvenWhenItCompletesOnTheEvadersMove() {
    // Black's irreversible soldier push enters the cycle, so the first repeated position follows a
    // black move
    // and the third occurrence is reached by black, not by the checker.
    XiangqiGame game = XiangqiGame.fromFen("R8/4k4/9/8p/9/9/9/9/9/3K5 b - - 0 1");
    playAll(game, "i6i5", "a9a8", "e8e9", "a8a9", "e9e8", "a9a8", "e8e9", "a8a9");
    assertEquals(GameResult.ONGOING, game.result());
    MoveOutcome last = game.play("e9e8");
    assertFalse(last.check());
    assertEquals(new GameResult(Outcome.BLACK_WINS, EndReason.PERPETUAL_CHECK), last.result());
  }

  @Test
  void checksOnOnlySomeMovesOfTheCycleAreNotPerpetual() {
    // Red checks on a9 but retreats to a1 (no check) in between; black shuttles its general.
    String fen = "4k4/9/1n7/9/9/9/9/9/R8/3K5 w - - 0 1";
    XiangqiGame game = XiangqiGame.fromFen(fen);
    playAll(game, "a1a9", "e9e8", "a9a1", "e8e9", "a1a9", "e9e8", "a9a1", "e8e9");
    assertEquals(new GameResult(Outcome.DRAW, EndReason.REPETITION_DRAW), game.result());
  }

  @Test
  void noCaptureForSixtyMovesEachIsADraw() {
    XiangqiGame game =
        XiangqiGame.fromFen(
            "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 118 60");
    assertEquals(GameResult.ONGOING, game.play("b0c2").result());
    assertEquals(
        new GameResult(Outcome.DRAW, EndReason.NO_CAPTURE_DRAW), game.play("b9c7").result());
  }

  @Test
  void captureResetsTheNoCaptureCount() {
    XiangqiGame game =
        XiangqiGame.fromFen(
            "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 119 60");
    MoveOutcome capture = game.play("b2b9");
    assertTrue(capture.captured().isPresent());
    assertEquals(GameResult.ONGOING, capture.result());
    assertTrue(game.fen().contains(" - - 0 "));
  }

  @Test
  void mateOnTheLastAllowedPlyStillWins() {
    XiangqiGame game = XiangqiGame.fromFen("4k4/R8/9/9/9/9/9/9/9/1R1K5 w - - 119 80");
    assertEquals(new GameResult(Outcome.RED_WINS, EndReason.CHECKMATE), game.play("b0b9").result());
  }

  @Test
  void badInputIsRejectedWithTypedExceptionsAndNoStateChange() {
    XiangqiGame game = XiangqiGame.newGame();
    assertThrows(MoveFormatException.class, () -> game.play("zz"));
    assertThrows(MoveFormatException.class, () -> game.play((String) null));
    assertThrows(IllegalMoveException.class, () -> game.play((Move) null));
    assertThrows(IllegalMoveException.class, () -> game.play("a0a5"));
    assertThrows(FenException.class, () -> XiangqiGame.fromFen("9/9 w"));
    assertEquals(Position.START_FEN, game.fen());
    assertTrue(game.moves().isEmpty());
  }

  @Test
  void positionAccessorReturnsACopy() {
    XiangqiGame game = XiangqiGame.newGame();
    game.position().play(Move.parse("h2e2"));
    assertEquals(Position.START_FEN, game.fen());
  }

  @Test
  void gameResultRejectsInconsistentPairs() {
    assertThrows(
        IllegalArgumentException.class, () -> new GameResult(Outcome.DRAW, EndReason.NONE));
    assertThrows(
        IllegalArgumentException.class, () -> new GameResult(Outcome.ONGOING, EndReason.CHECKMATE));
  }
}
