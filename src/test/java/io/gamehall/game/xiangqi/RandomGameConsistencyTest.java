package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property test: random legal games from the start never reach an inconsistent engine state. */
class RandomGameConsistencyTest {

  private static final long SEED = 0x5EED_C0DEL;

  @Test
  void randomGamesStayConsistent() {
    Random random = new Random(SEED);
    for (int game = 0; game < 8; game++) {
      Position p = Position.start();
      List<String> fens = new ArrayList<>();
      for (int ply = 0; ply < 200; ply++) {
        String fen = p.toFen();
        fens.add(fen);
        assertEquals(fen, Position.fromFen(fen).toFen(), "FEN round-trip");

        List<Move> moves = p.legalMoves();
        assertEquals(
            p.legalMoves(),
            Position.fromFen(fen).legalMoves(),
            "reparsed position generates the same moves");
        if (ply % 40 == 5) {
          Map<String, Long> divide = Perft.divide(p, 2);
          assertEquals(
              Perft.perft(p, 2), divide.values().stream().mapToLong(Long::longValue).sum());
          assertEquals(moves.size(), divide.size());
          assertEquals(fen, p.toFen(), "perft leaves the position unchanged");
        }
        for (Move m : moves) {
          p.play(m);
          if (ply % 16 == 0) { // the independent check is slow, so sample it
            assertFalse(generalsFaceOrOwnGeneralAttacked(p), "move " + m + " from " + fen);
          }
          p.undo();
          assertEquals(fen, p.toFen(), "play/undo of " + m + " restores the position");
        }
        if (moves.isEmpty()) {
          break;
        }
        p.play(moves.get(random.nextInt(moves.size())));
      }
      if (!p.toFen().equals(fens.get(fens.size() - 1))) {
        fens.add(p.toFen()); // the loop stopped on its ply limit after playing a move
      }
      // Unwinding the whole game must walk back through exactly the recorded positions.
      for (int i = fens.size() - 1; i > 0; i--) {
        p.undo();
        assertEquals(fens.get(i - 1), p.toFen());
      }
      assertEquals(Position.START_FEN, p.toFen());
    }
  }

  @Test
  void randomGamesThroughTheGameApiAlwaysEndCleanly() {
    Random random = new Random(SEED + 1);
    int finished = 0;
    for (int game = 0; game < 15; game++) {
      XiangqiGame g = XiangqiGame.newGame();
      while (!g.result().isOver()) {
        List<Move> moves = g.legalMoves();
        assertFalse(moves.isEmpty(), "an ongoing game has a legal move: " + g.fen());
        MoveOutcome outcome = g.play(moves.get(random.nextInt(moves.size())));
        assertEquals(g.inCheck(), outcome.check());
        assertEquals(g.result(), outcome.result());
      }
      finished++;
      assertTrue(g.legalMoves().isEmpty(), "a finished game offers no moves");
      assertEquals(g.moves().size(), g.moveListIccs().size());
      // Replaying the move list from the start reaches the same position.
      XiangqiGame replay = XiangqiGame.newGame();
      g.moveListIccs().forEach(replay::play);
      assertEquals(g.fen(), replay.fen());
      assertEquals(g.result(), replay.result());
    }
    assertEquals(15, finished);
  }

  @Test
  void colourMirroredPositionsHaveEqualPerft() {
    Random random = new Random(SEED + 2);
    for (int game = 0; game < 10; game++) {
      Position p = Position.start();
      int plies = random.nextInt(60);
      for (int i = 0; i < plies && !p.legalMoves().isEmpty(); i++) {
        List<Move> moves = p.legalMoves();
        p.play(moves.get(random.nextInt(moves.size())));
      }
      Position mirrored = Position.fromFen(mirror(p.toFen()));
      assertEquals(Perft.perft(p, 3), Perft.perft(mirrored, 3), p.toFen());
    }
  }

  /** Swaps the colours: ranks reversed, case swapped, other side to move. */
  private static String mirror(String fen) {
    String[] fields = fen.split(" ");
    String[] ranks = fields[0].split("/");
    StringBuilder sb = new StringBuilder();
    for (int i = ranks.length - 1; i >= 0; i--) {
      for (char c : ranks[i].toCharArray()) {
        sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      }
      if (i > 0) {
        sb.append('/');
      }
    }
    return sb + (fields[1].equals("w") ? " b" : " w");
  }

  /**
   * Independent of the engine's check logic: asks the reference generator whether the side that
   * moved is safe.
   */
  private static boolean generalsFaceOrOwnGeneralAttacked(Position p) {
    // If the side that just moved left its general attacked, the opponent could "capture" it: the
    // reference
    // generator would then list a move landing on that general.
    String fen = p.toFen();
    ReferenceMoveGenerator ref = ReferenceMoveGenerator.fromFen(fen);
    String general = findGeneral(p, p.sideToMove().opponent());
    boolean capturable = ref.pseudoMoveTargets().contains(general);
    return capturable || generalsFace(p);
  }

  private static String findGeneral(Position p, Side side) {
    for (int sq = 0; sq < 90; sq++) {
      if (p.pieceAt(sq).equals(java.util.Optional.of(new Piece(side, PieceType.GENERAL)))) {
        return "" + (char) ('a' + sq % 9) + sq / 9;
      }
    }
    throw new AssertionError("no general for " + side);
  }

  private static boolean generalsFace(Position p) {
    String red = findGeneral(p, Side.RED);
    String black = findGeneral(p, Side.BLACK);
    if (red.charAt(0) != black.charAt(0)) {
      return false;
    }
    int file = red.charAt(0) - 'a';
    for (int r = red.charAt(1) - '0' + 1; r < black.charAt(1) - '0'; r++) {
      if (p.pieceAt(file, r).isPresent()) {
        return false;
      }
    }
    return true;
  }
}
