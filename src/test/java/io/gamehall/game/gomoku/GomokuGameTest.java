package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Game flow: move validation, wins per variant, draws and undo. */
class GomokuGameTest {

  /** Plays moves given in notation, alternating colours, asserting each is accepted. */
  private static GomokuGame playAll(Variant variant, String... moves) {
    GomokuGame g = new GomokuGame(variant);
    for (String m : moves) {
      MoveOutcome o = g.play(m);
      assertTrue(o.accepted(), () -> m + " refused: " + o);
    }
    return g;
  }

  private static Rejection rejection(MoveOutcome o) {
    return assertInstanceOf(MoveOutcome.Rejected.class, o).reason();
  }

  @Test
  void blackMovesFirstAndSidesAlternate() {
    GomokuGame g = new GomokuGame(Variant.FREESTYLE);
    assertEquals(Stone.BLACK, g.sideToMove());
    MoveOutcome o = g.play(Point.CENTER);
    assertEquals(new MoveOutcome.Accepted(Point.CENTER, Stone.BLACK, GameResult.ONGOING), o);
    assertEquals(Stone.WHITE, g.sideToMove());
    assertEquals(List.of(Point.CENTER), g.moves());
    assertEquals(Optional.of(Stone.BLACK), g.stoneAt(Point.CENTER));
  }

  @Test
  void badInputIsRefusedWithTypedReasons() {
    GomokuGame g = playAll(Variant.FREESTYLE, "H8");
    assertEquals(Rejection.OCCUPIED, rejection(g.play("H8")));
    assertEquals(Rejection.OUT_OF_BOARD, rejection(g.play(Point.of(15, 0))));
    assertEquals(Rejection.OUT_OF_BOARD, rejection(g.play(Point.of(-1, 3))));
    assertEquals(
        Rejection.OUT_OF_BOARD, rejection(g.play(Point.of(Integer.MIN_VALUE, Integer.MAX_VALUE))));
    assertEquals(Rejection.OUT_OF_BOARD, rejection(g.play("P3")));
    assertEquals(Rejection.OUT_OF_BOARD, rejection(g.play("A16")));
    assertEquals(Rejection.MALFORMED, rejection(g.play("hello")));
    assertEquals(Rejection.MALFORMED, rejection(g.play("")));
    assertEquals(Rejection.MALFORMED, rejection(g.play((String) null)));
    assertEquals(Rejection.MALFORMED, rejection(g.play((Point) null)));
    assertEquals(1, g.moves().size(), "refused moves leave the game unchanged");
    assertEquals(Stone.WHITE, g.sideToMove());
  }

  @Test
  void freestyleFiveWinsWithItsLine() {
    GomokuGame g = playAll(Variant.FREESTYLE, "D8", "D9", "E8", "E9", "F8", "F9", "G8", "G9");
    MoveOutcome o = g.play("H8");
    GameResult r = assertInstanceOf(MoveOutcome.Accepted.class, o).result();
    assertEquals(GameStatus.BLACK_WINS, r.status());
    assertEquals(List.of(p("D8"), p("E8"), p("F8"), p("G8"), p("H8")), r.winningLine());
    assertEquals(r, g.result());
    assertEquals(Rejection.GAME_OVER, rejection(g.play("A1")));
  }

  @Test
  void freestyleOverlineWins() {
    GomokuGame g =
        playAll(Variant.FREESTYLE, "C3", "C10", "D3", "D10", "F3", "F10", "G3", "G10", "H3", "A1");
    assertEquals(GameStatus.ONGOING, g.result().status());
    g.play("E3");
    assertEquals(GameStatus.BLACK_WINS, g.result().status());
    assertEquals(6, g.result().winningLine().size());
  }

  @Test
  void standardOverlineDoesNotWinForEitherColour() {
    GomokuGame g =
        playAll(
            Variant.STANDARD,
            "C3",
            "C10",
            "D3",
            "D10",
            "F3",
            "F10",
            "G3",
            "G10",
            "H3",
            "H10",
            "E3");
    assertEquals(GameStatus.ONGOING, g.result().status(), "black six is no win");
    g.play("A1");
    g.play("A2");
    g.play("E10");
    assertEquals(GameStatus.ONGOING, g.result().status(), "white six is no win");
  }

  @Test
  void standardExactFiveWinsVertically() {
    GomokuGame g = playAll(Variant.STANDARD, "A1", "B1", "A2", "B2", "A3", "B3", "A4", "B4", "O15");
    g.play("B5");
    assertEquals(GameStatus.WHITE_WINS, g.result().status());
    assertEquals(List.of(p("B1"), p("B2"), p("B3"), p("B4"), p("B5")), g.result().winningLine());
  }

  @Test
  void diagonalFiveWins() {
    GomokuGame g = playAll(Variant.RENJU, "H8", "A1", "I9", "A3", "J10", "A5", "K11", "A7");
    g.play("L12");
    assertEquals(GameStatus.BLACK_WINS, g.result().status());
    assertEquals(p("H8"), g.result().winningLine().get(0));
  }

  @Test
  void renjuForbiddenMoveIsRejectedAndBlackStillToMove() {
    // Black threes on row 8 (F8 G8 + H8) and column H (H9 H10 + H8).
    GomokuGame g = playAll(Variant.RENJU, "F8", "A1", "G8", "A3", "H9", "A5", "H10", "A7");
    MoveOutcome o = g.play("H8");
    assertEquals(new MoveOutcome.Rejected(Rejection.FORBIDDEN, Optional.of(Foul.DOUBLE_THREE)), o);
    assertEquals(Optional.of(Foul.DOUBLE_THREE), g.foulAt(p("H8")));
    assertFalse(g.isLegal(p("H8")));
    assertEquals(Stone.BLACK, g.sideToMove());
    assertEquals(8, g.moves().size());
    assertTrue(g.stoneAt(p("H8")).isEmpty());
  }

  @Test
  void legalMovesExcludeOccupiedAndForbiddenPoints() {
    GomokuGame g = playAll(Variant.RENJU, "F8", "A1", "G8", "A3", "H9", "A5", "H10", "A7");
    List<Point> legal = g.legalMoves();
    assertEquals(225 - 8 - 1, legal.size());
    assertFalse(legal.contains(p("H8")));
    assertFalse(legal.contains(p("F8")));
    assertTrue(legal.contains(p("I8")));
    g.play("I8");
    assertEquals(225 - 9, g.legalMoves().size(), "white has no fouls");
  }

  @Test
  void sameShapeIsLegalInFreestyle() {
    GomokuGame g = playAll(Variant.FREESTYLE, "F8", "A1", "G8", "A3", "H9", "A5", "H10", "A7");
    assertTrue(g.play("H8").accepted());
  }

  @Test
  void whiteHasNoFoulsInRenju() {
    GomokuGame g = playAll(Variant.RENJU, "A1", "F8", "A3", "G8", "A5", "H9", "A7", "H10", "O15");
    assertEquals(Optional.empty(), g.foulAt(p("H8")));
    assertTrue(g.play("H8").accepted());
  }

  @Test
  void renjuBlackOverlineIsForbiddenButWhiteOverlineWins() {
    GomokuGame g =
        playAll(Variant.RENJU, "C3", "C10", "D3", "D10", "F3", "F10", "G3", "G10", "H3", "H10");
    assertEquals(
        new MoveOutcome.Rejected(Rejection.FORBIDDEN, Optional.of(Foul.OVERLINE)), g.play("E3"));
    g.play("A15");
    g.play("E10");
    assertEquals(GameStatus.WHITE_WINS, g.result().status());
    assertEquals(6, g.result().winningLine().size());
  }

  @Test
  void undoTwoPliesGivesTheRequesterTheMoveAgain() {
    GomokuGame g = playAll(Variant.RENJU, "H8", "H9", "I8");
    assertTrue(g.undo(2));
    assertEquals(List.of(p("H8")), g.moves());
    assertEquals(Stone.WHITE, g.sideToMove());
    assertTrue(g.stoneAt(p("I8")).isEmpty());
    assertTrue(g.play("I8").accepted(), "undone point is free again");
  }

  @Test
  void undoRejectsImpossibleCounts() {
    GomokuGame g = playAll(Variant.FREESTYLE, "H8");
    assertFalse(g.undo(2));
    assertFalse(g.undo(-1));
    assertEquals(1, g.moves().size());
    assertTrue(g.undoLast());
    assertFalse(g.undoLast());
    assertTrue(g.undo(0));
  }

  @Test
  void undoingTheWinningMoveReopensTheGame() {
    GomokuGame g = playAll(Variant.FREESTYLE, "D8", "D9", "E8", "E9", "F8", "F9", "G8", "G9", "H8");
    assertTrue(g.result().status().isOver());
    assertTrue(g.undoLast());
    assertEquals(GameResult.ONGOING, g.result());
    assertEquals(Stone.BLACK, g.sideToMove());
  }

  @Test
  void fullBoardWithoutFiveIsADraw() {
    // Colour pattern ((column / 2) + row) % 2 never has more than two in a row in any direction.
    List<Point> black = new ArrayList<>();
    List<Point> white = new ArrayList<>();
    for (int c = 0; c < Board.SIZE; c++) {
      for (int r = 0; r < Board.SIZE; r++) {
        ((c / 2 + r) % 2 == 0 ? black : white).add(Point.of(c, r));
      }
    }
    assertEquals(113, black.size());
    GomokuGame g = new GomokuGame(Variant.FREESTYLE);
    for (int i = 0; i < 225; i++) {
      Point p = (i % 2 == 0 ? black : white).get(i / 2);
      assertEquals(GameStatus.ONGOING, g.result().status());
      assertTrue(g.play(p).accepted());
    }
    assertEquals(GameResult.DRAW, g.result());
    assertEquals(Rejection.GAME_OVER, rejection(g.play("H8")));
  }

  @Test
  void copyIsIndependent() {
    GomokuGame g = playAll(Variant.STANDARD, "H8");
    GomokuGame c = g.copy();
    c.play("H9");
    assertEquals(1, g.moves().size());
    assertEquals(Variant.STANDARD, c.variant());
  }

  private static Point p(String s) {
    return Point.parse(s).orElseThrow();
  }
}
