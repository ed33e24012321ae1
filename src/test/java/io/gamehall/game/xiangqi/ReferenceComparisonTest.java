package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-checks the engine's perft against the naive {@link ReferenceMoveGenerator} on hand-made
 * tricky positions.
 */
class ReferenceComparisonTest {

  /** Counts were produced by the reference generator and spot-checked by hand at depth 1. */
  @ParameterizedTest(name = "{0}: {1} at depth {2} = {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        // Red cannon shields the generals from each other: it may only slide along the e-file.
        "cannon pinned by flying general; 4k4/9/9/9/4C4/9/9/9/9/4K4 w - - 0 1; 3; 420",
        "black cannon pinned by flying general; 4k4/9/9/9/4c4/9/9/9/9/4K4 b - - 0 1; 3; 420",
        "bare generals, d0 would face; 3k5/9/9/9/9/9/9/9/9/4K4 w - - 0 1; 4; 14",
        "horse check, leg and capture evasions; 3k5/9/9/9/9/9/9/3n5/4A4/4K4 w - - 0 1; 3; 58",
        "blocked horse legs and elephant eyes; 4k4/9/9/9/9/2B3n2/3p2N2/4B4/9/3K5 w - - 0 1; 3; 1490",
        "cannon check through a screen; 2c1k4/4a4/9/2R6/9/2P6/9/2C1C4/9/3K5 b - - 0 1; 3; 1435",
        "cannon check with interposition; 4k4/4a4/9/9/2n6/9/9/4C4/9/3K5 b - - 0 1; 3; 1147",
        "soldiers before and after the river; 3k5/9/9/2P1p4/4P4/p8/9/9/9/4K4 w - - 0 1; 3; 315",
        "stalemated black; 2P1k1P2/9/4P4/9/9/9/9/9/9/4K4 b - - 0 1; 1; 0",
        "red to stalemate in one; 2P1k1P2/9/9/4P4/9/9/9/9/9/4K4 w - - 0 1; 3; 91",
        "checkmated black; R3k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1; 1; 0",
        "chariots stacked on the a-file; 4k4/R8/9/9/9/9/9/9/9/R2K5 w - - 0 1; 3; 860",
        "red to mate in one; 4k4/R8/9/9/9/9/9/9/9/1R1K5 w - - 0 1; 3; 1074",
        "start position; rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1; 2; 1920",
      })
  void engineMatchesReference(String name, String fen, int depth, long count) {
    Map<String, Long> expected = ReferenceMoveGenerator.fromFen(fen).divide(depth);
    Map<String, Long> actual =
        new TreeMap<>(Perft.divide(Position.fromFen(fen), Math.max(depth, 1)));
    assertEquals(expected, actual, name);
    // Pinned so a change that breaks engine and reference alike is still caught.
    assertEquals(count, Perft.perft(Position.fromFen(fen), depth), name);
  }

  @Test
  void engineMatchesReferenceAlongRandomGames() {
    Random random = new Random(20261125L);
    for (int game = 0; game < 6; game++) {
      Position p = Position.start();
      for (int ply = 0; ply < 150; ply++) {
        List<Move> moves = p.legalMoves();
        ReferenceMoveGenerator ref = ReferenceMoveGenerator.fromFen(p.toFen());
        assertEquals(
            new TreeSet<>(ref.legalMoves()),
            new TreeSet<>(moves.stream().map(Move::iccs).toList()),
            p.toFen());
        if (ply % 70 == 10) { // the reference perft is slow; sample a couple of points per game
          assertEquals(ref.perft(2), Perft.perft(p, 2), p.toFen());
        }
        if (moves.isEmpty()) {
          break;
        }
        p.play(moves.get(random.nextInt(moves.size())));
      }
    }
  }
}
