package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Individual movement rules, each shown with a legal and an illegal move. */
class RulesTest {

  private static final String START = Position.START_FEN;

  @ParameterizedTest(name = "{2}: {1} legal={3}")
  @CsvSource(
      delimiter = ';',
      value = {
        START + "; b0c2; horse jumps when its leg is free; true",
        START + "; b0d1; horse leg b0-c0 blocked by the elephant; false",
        START + "; h0g2; horse jumps when its leg is free; true",
        START + "; c0e2; elephant moves two diagonally; true",
        START + "; c0b1; elephant never moves one step; false",
        START + "; d0e1; advisor steps diagonally inside the palace; true",
        START + "; e0e1; general steps orthogonally in the palace; true",
        START + "; e0d1; general never steps diagonally; false",
        START + "; a3a4; soldier advances; true",
        START + "; a3b3; soldier may not move sideways before the river; false",
        START + "; b2b9; cannon captures over exactly one screen; true",
        START + "; b2b7; cannon may not capture without a screen; false",
        START + "; b2b8; cannon may not jump to an empty square; false",
        START + "; b2e2; cannon slides like a chariot when not capturing; true",
        START + "; a0a2; chariot slides; true",
        START + "; a0a3; chariot may not capture its own soldier; false",
        START + "; a0a4; chariot may not jump; false",
        // Elephant on c4 with d3 (eye towards e2) occupied; e6 is across the river.
        "4k4/9/9/9/9/2B6/3p5/9/9/3K5 w - - 0 1; c4e6; elephant may not cross the river; false",
        "4k4/9/9/9/9/2B6/3p5/9/9/3K5 w - - 0 1; c4e2; elephant blocked at the eye; false",
        "4k4/9/9/9/9/2B6/3p5/9/9/3K5 w - - 0 1; c4a2; elephant with a free eye; true",
        "3k5/9/9/9/9/9/9/3A5/9/4K4 w - - 0 1; d2c3; advisor may not leave the palace; false",
        "3k5/9/9/9/9/9/9/3A5/9/4K4 w - - 0 1; d2e1; advisor inside the palace; true",
        "3k5/9/9/9/9/9/9/9/9/5K3 w - - 0 1; f0g0; general may not leave the palace; false",
        "3k5/9/9/9/9/9/9/9/9/4K4 w - - 0 1; e0d0; generals may not face each other; false",
        "4k4/9/9/9/4C4/9/9/9/9/4K4 w - - 0 1; e5d5; piece between generals is pinned; false",
        "4k4/9/9/9/4C4/9/9/9/9/4K4 w - - 0 1; e5e8; pinned piece may slide along the file; true",
        "3k5/9/9/2P6/9/9/9/9/9/4K4 w - - 0 1; c6b6; crossed soldier may move sideways; true",
        "3k5/9/9/2P6/9/9/9/9/9/4K4 w - - 0 1; c6c5; soldier never retreats; false",
        "3k5/9/9/9/9/9/9/3n5/4A4/4K4 w - - 0 1; e1f2; move that leaves the general in check; false",
        "3k5/9/9/9/9/9/9/3n5/4A4/4K4 w - - 0 1; e1d2; capturing the checking horse; true",
        "3k5/9/9/9/9/9/9/3n5/4A4/4K4 w - - 0 1; e0f0; stepping out of the horse's reach; true",
      })
  void moveLegality(String fen, String move, String why, boolean legal) {
    Position p = Position.fromFen(fen);
    assertEquals(legal, p.isLegal(Move.parse(move)), why);
    assertEquals(legal, p.legalMoves().contains(Move.parse(move)), why);
  }

  @Test
  void horseWithBlockedLegCannotGiveCheck() {
    // Black horse d2 would check e0 via d1; the red chariot on d1 blocks the leg.
    Position blocked = Position.fromFen("3k5/9/9/9/9/9/9/3n5/3R5/4K4 w - - 0 1");
    assertFalse(blocked.inCheck());
    Position open = Position.fromFen("3k5/9/9/9/9/9/9/3n5/4A4/4K4 w - - 0 1");
    assertTrue(open.inCheck());
  }

  @Test
  void cannonChecksOnlyThroughOneScreen() {
    assertTrue(Position.fromFen("4k4/4a4/9/9/9/9/9/4C4/9/3K5 b - - 0 1").inCheck());
    assertFalse(Position.fromFen("4k4/9/9/9/9/9/9/4C4/9/3K5 b - - 0 1").inCheck());
    assertFalse(Position.fromFen("4k4/4a4/4n4/9/9/9/9/4C4/9/3K5 b - - 0 1").inCheck());
  }

  @Test
  void soldierChecksForwardAndSidewaysButNotBackwards() {
    assertTrue(Position.fromFen("4k4/4P4/9/9/9/9/9/9/9/3K5 b - - 0 1").inCheck());
    assertTrue(Position.fromFen("3Pk4/9/9/9/9/9/9/9/9/3K5 b - - 0 1").inCheck());
    assertFalse(Position.fromFen("4P4/4k4/9/9/9/9/9/9/9/3K5 b - - 0 1").inCheck());
  }

  @Test
  void playReturnsCaptureAndUndoRestores() {
    Position p = Position.start();
    assertEquals(Optional.empty(), p.play(Move.parse("h2e2")));
    assertEquals(Optional.of(new Piece(Side.RED, PieceType.CANNON)), p.pieceAt(4, 2));
    p.play(Move.parse("h9g7"));
    assertEquals(Optional.of(new Piece(Side.BLACK, PieceType.SOLDIER)), p.play(Move.parse("e2e6")));
    p.undo();
    p.undo();
    p.undo();
    assertEquals(Position.START_FEN, p.toFen());
    assertThrows(IllegalStateException.class, p::undo);
  }

  @Test
  void illegalPlayIsRefusedWithoutChangingThePosition() {
    Position p = Position.start();
    assertThrows(IllegalMoveException.class, () -> p.play(Move.parse("a0a4")));
    assertThrows(
        IllegalMoveException.class, () -> p.play(Move.parse("a9a8"))); // black piece, red to move
    assertThrows(IllegalMoveException.class, () -> p.play(null));
    assertEquals(Position.START_FEN, p.toFen());
  }

  @Test
  void startPositionMovesAreTheExpected44() {
    List<Move> moves = Position.start().legalMoves();
    assertEquals(44, moves.size());
    assertEquals(44, moves.stream().distinct().count());
  }

  @Test
  void copyIsIndependent() {
    Position p = Position.start();
    Position copy = p.copy();
    copy.play(Move.parse("h2e2"));
    assertEquals(Position.START_FEN, p.toFen());
    assertEquals(Side.BLACK, copy.sideToMove());
  }
}
