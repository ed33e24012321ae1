package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renju-forbidden command: outputs, exit codes and error messages. */
class GomokuCliTest {

  private static final String EMPTY = "...............";

  private record Run(int code, String output) {}

  private static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = GomokuCli.run(List.of(args), out);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8).strip());
  }

  /** Rows 15..1; {@code rows} replace the top rows, the rest stay empty. */
  private static String board(String... rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Board.SIZE; i++) {
      sb.append(i < rows.length ? rows[i] : EMPTY);
      if (i < Board.SIZE - 1) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  @Test
  void emptyBoardCentreIsLegal() {
    assertEquals(new Run(0, "legal"), run("renju-forbidden", board(), "H8"));
  }

  @Test
  void doubleThreeIsReported() {
    // Rows 15..11: stones F13 F12 and D11 E11, move F11.
    String b = board(EMPTY, EMPTY, ".....X.........", ".....X.........", "...XX..........");
    assertEquals(new Run(0, "forbidden double-three"), run("renju-forbidden", b, "F11"));
    assertEquals(new Run(0, "legal"), run("renju-forbidden", b, "G11"));
  }

  @Test
  void doubleFourInOneLineIsReported() {
    String b = board(EMPTY, ".XXX...XXX.....");
    assertEquals(new Run(0, "forbidden double-four"), run("renju-forbidden", b, "F14"));
  }

  @Test
  void overlineIsReportedAndFiveIsLegal() {
    String b = board(EMPTY, "...XXX.XX......");
    assertEquals(new Run(0, "forbidden overline"), run("renju-forbidden", b, "G14"));
    String five = board(EMPTY, "...XXX.X.......");
    assertEquals(new Run(0, "legal"), run("renju-forbidden", five, "G14"));
  }

  @Test
  void lowerCasePointIsAccepted() {
    assertEquals(new Run(0, "legal"), run("renju-forbidden", board(), "a1"));
  }

  @Test
  void occupiedPointIsAnError() {
    Run r = run("renju-forbidden", board("O.............."), "A15");
    assertEquals(2, r.code());
    assertTrue(r.output().startsWith("error: point A15 is occupied"), r.output());
  }

  @Test
  void malformedBoardsAreErrors() {
    assertError("15 rows", "renju-forbidden", "...", "H8");
    assertError("row 14", "renju-forbidden", board(EMPTY, "...."), "H8");
    assertError("invalid cell 'Y'", "renju-forbidden", board("Y.............."), "H8");
  }

  @Test
  void malformedPointsAreErrors() {
    for (String p : List.of("P8", "H0", "H16", "8H", "", "H")) {
      assertError("invalid point", "renju-forbidden", board(), p);
    }
  }

  @Test
  void badUsageIsAnError() {
    assertError("no command", new String[0]);
    assertError("unknown command 'foo'", "foo");
    assertError("exactly 2 arguments", "renju-forbidden", board());
    assertError("exactly 2 arguments", "renju-forbidden", board(), "H8", "extra");
  }

  private static void assertError(String fragment, String... args) {
    Run r = run(args);
    assertEquals(2, r.code(), r.output());
    assertTrue(r.output().startsWith("error: ") && r.output().contains(fragment), r.output());
  }
}
