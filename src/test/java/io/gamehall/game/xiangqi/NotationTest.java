package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FEN and ICCS parsing/printing, including hostile input. */
class NotationTest {

  @Test
  void startFenRoundTrips() {
    Position p = Position.fromFen(Position.START_FEN);
    assertEquals(Position.START_FEN, p.toFen());
    assertEquals(Side.RED, p.sideToMove());
    assertEquals(Optional.of(new Piece(Side.RED, PieceType.CHARIOT)), p.pieceAt(0, 0));
    assertEquals(Optional.of(new Piece(Side.BLACK, PieceType.GENERAL)), p.pieceAt(4, 9));
    assertEquals(Optional.of(new Piece(Side.RED, PieceType.CANNON)), p.pieceAt(7, 2));
    assertEquals(Optional.empty(), p.pieceAt(4, 4));
  }

  @Test
  void elephantAndHorseAliasesAreAcceptedAndNormalised() {
    Position p =
        Position.fromFen("rheakaehr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RHEAKAEHR w - - 0 1");
    assertEquals(Position.START_FEN, p.toFen());
  }

  @Test
  void shortFenDefaultsClocks() {
    Position p = Position.fromFen("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR b");
    assertEquals(Side.BLACK, p.sideToMove());
    assertEquals(0, p.halfmoveClock());
    assertEquals(1, p.fullmoveNumber());
    assertEquals(
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR b - - 0 1", p.toFen());
  }

  @Test
  void clocksAreReadAndAdvanced() {
    Position p =
        Position.fromFen("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR b - - 7 12");
    p.play(Move.parse("b9c7"));
    assertEquals(
        "r1bakabnr/9/1cn4c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 8 13", p.toFen());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "''; empty",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR; side to move",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/RNBAKABNR w; 10 ranks",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/9/RNBAKABNR w; 10 ranks",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABN w; 8 files",
        "rnbakabnrr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w; more than 9 files",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/99/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w; more than 9 files",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/0/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w; unknown piece letter",
        "rnbqkbnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w; unknown piece letter 'q'",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR x; side to move",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w KQ - 0 1; must be '-'",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - x 1; halfmove clock",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 0; fullmove number",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 99999999999 1; halfmove clock",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1 extra; field",
        "rnba1abnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w; exactly one general",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/4K4/RNBAKABNR w; exactly one general",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/RC5C1/9/RNBAKABNR w; at most 2",
        "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/PPP1P1P1P/1C5C1/9/RNBAKABNR w; at most 5",
        "rnba1abnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABkR w; black general cannot stand on h0",
        "5k3/9/9/9/9/9/9/9/9/3KA4 w; red advisor cannot stand on e0",
        "4k4/9/9/9/4B4/9/9/9/9/3K5 w; red elephant cannot stand on e5",
        "4k4/9/9/9/9/9/9/P8/9/3K5 w; red soldier cannot stand on a2",
        "4k4/9/9/9/9/9/1P7/9/9/3K5 w; red soldier cannot stand on b3",
        "4k4/9/9/9/9/9/9/9/9/4K4 w; face each other",
        "4k4/9/9/9/9/9/9/9/9/R2K5 b - - -1 1; halfmove clock",
        "R3k4/9/9/9/9/9/9/9/9/3K5 w; just moved is in check",
      })
  void badFenIsRejectedWithClearMessage(String fen, String messagePart) {
    FenException e = assertThrows(FenException.class, () -> Position.fromFen(fen));
    assertTrue(
        e.getMessage().contains(messagePart),
        () -> "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
  }

  @Test
  void nullAndOversizedFenAreRejected() {
    assertThrows(FenException.class, () -> Position.fromFen(null));
    assertThrows(FenException.class, () -> Position.fromFen(Position.START_FEN + " ".repeat(300)));
    assertThrows(FenException.class, () -> XiangqiGame.fromFen("garbage"));
  }

  /**
   * Network input: whatever bytes arrive, parsing either succeeds or throws FenException, nothing
   * else.
   */
  @Test
  void mutatedFenNeverThrowsAnythingButFenException() {
    Random random = new Random(42);
    String alphabet = "rnbakcpheRNBAKCPHE0123456789/ -wbx\u0000\u00e9\u0663";
    int accepted = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder(Position.START_FEN);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int pos = random.nextInt(sb.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> sb.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (pos < sb.length()) {
              sb.deleteCharAt(pos);
            }
          }
          default -> {
            if (pos < sb.length()) {
              sb.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
        }
      }
      try {
        Position p = Position.fromFen(sb.toString());
        accepted++;
        assertEquals(p.toFen(), Position.fromFen(p.toFen()).toFen());
        Perft.perft(p, 1);
      } catch (FenException expected) {
        assertFalse(expected.getMessage().isBlank());
      } catch (RuntimeException other) {
        fail("'" + sb + "' threw " + other);
      }
    }
    assertTrue(accepted > 0, "some mutations (e.g. swapped clocks) stay valid");
  }

  @ParameterizedTest
  @CsvSource({"h2e2, 7, 2, 4, 2", "H2-E2, 7, 2, 4, 2", "a0a9, 0, 0, 0, 9", " i9i0 , 8, 9, 8, 0"})
  void iccsParses(String text, int ff, int fr, int tf, int tr) {
    Move m = Move.parse(text);
    assertEquals(Move.of(ff, fr, tf, tr), m);
    assertEquals(ff, m.fromFile());
    assertEquals(tr, m.toRank());
  }

  @Test
  void iccsPrintsLowercaseWithoutDash() {
    assertEquals("h2e2", Move.of(7, 2, 4, 2).iccs());
    assertEquals("h2e2", Move.parse("H2-E2").toString());
    assertEquals(new Move(7 + 2 * 9, 4 + 2 * 9), Move.parse("h2e2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "h2e",
        "h2e2e",
        "j2e2",
        "h2e10",
        "h2h2",
        "h-2e2",
        "h2_e2",
        "12e2",
        "h\u0662e2",
        "hhee",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void badIccsIsRejected(String text) {
    MoveFormatException e = assertThrows(MoveFormatException.class, () -> Move.parse(text));
    assertTrue(e.getMessage().length() < 200, "message stays short even for long input");
  }

  @Test
  void nullIccsIsRejected() {
    assertThrows(MoveFormatException.class, () -> Move.parse(null));
  }

  @Test
  void moveConstructorChecksRange() {
    assertThrows(IllegalArgumentException.class, () -> new Move(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> new Move(0, 90));
    assertThrows(IllegalArgumentException.class, () -> new Move(5, 5));
    assertThrows(IllegalArgumentException.class, () -> Move.of(9, 0, 0, 0));
  }
}
