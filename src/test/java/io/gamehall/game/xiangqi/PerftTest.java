package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Perft node counts from the start position and from published positions. */
class PerftTest {

  @ParameterizedTest(name = "start position depth {0} = {1}")
  @CsvSource({"1, 44", "2, 1920", "3, 79666"})
  void startPosition(int depth, long expected) {
    assertEquals(expected, Perft.perft(Position.start(), depth));
  }

  /**
   * Depth 4 is kept in the default run because make/unmake makes it a couple of seconds at most.
   */
  @Test
  void startPositionDepth4Quick() {
    long nodes =
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Perft.perft(Position.start(), 4));
    assertEquals(3_290_240L, nodes);
  }

  /**
   * Published figures (chessprogramming.org "Chinese Chess Perft Results"), truncated to the depths
   * that run in well under a second each.
   */
  @ParameterizedTest(name = "{0} depth {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "r1ba1a3/4kn3/2n1b4/pNp1p1p1p/4c4/6P2/P1P2R2P/1CcC5/9/2BAKAB2 w; 1; 38",
        "r1ba1a3/4kn3/2n1b4/pNp1p1p1p/4c4/6P2/P1P2R2P/1CcC5/9/2BAKAB2 w; 2; 1128",
        "r1ba1a3/4kn3/2n1b4/pNp1p1p1p/4c4/6P2/P1P2R2P/1CcC5/9/2BAKAB2 w; 3; 43929",
        "1cbak4/9/n2a5/2p1p3p/5cp2/2n2N3/6PCP/3AB4/2C6/3A1K1N1 w; 3; 8620",
        "1cbak4/9/n2a5/2p1p3p/5cp2/2n2N3/6PCP/3AB4/2C6/3A1K1N1 w; 4; 326201",
        "5a3/3k5/3aR4/9/5r3/5n3/9/3A1A3/5K3/2BC2B2 w; 4; 202884",
        "CRN1k1b2/3ca4/4ba3/9/2nr5/9/9/4B4/4A4/4KA3 w; 3; 14808",
        "R1N1k1b2/9/3aba3/9/2nr5/2B6/9/4B4/4A4/4KA3 w; 4; 162837",
        "C1nNk4/9/9/9/9/9/n1pp5/B3C4/9/3A1K3 w; 4; 64971",
        "4ka3/4a4/9/9/4N4/p8/9/4C3c/7n1/2BK5 w; 4; 149272",
        "2b1ka3/9/b3N4/4n4/9/9/9/4C4/2p6/2BK5 w; 4; 48060",
        "1C2ka3/9/C1Nab1n2/p3p3p/6p2/9/P3P3P/3AB4/3p2c2/c1BAK4 w; 3; 22787",
        "CnN1k1b2/c3a4/4ba3/9/2nr5/9/9/4C4/4A4/4KA3 w; 3; 11714",
      })
  void publishedPositions(String fen, int depth, long expected) {
    assertEquals(expected, Perft.perft(Position.fromFen(fen), depth));
  }

  @Test
  void divideSumsToPerftAndLeavesPositionUnchanged() {
    Position p = Position.start();
    String before = p.toFen();
    Map<String, Long> divide = Perft.divide(p, 3);
    assertEquals(44, divide.size());
    assertEquals(79_666L, divide.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(before, p.toFen());
  }

  @Test
  void depthZeroIsOneNode() {
    assertEquals(1L, Perft.perft(Position.start(), 0));
  }
}
