package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code xiangqi-perft} command, driven directly. */
class XiangqiCliTest {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  private List<String> lines() {
    return Arrays.asList(buffer.toString(StandardCharsets.UTF_8).split("\\R"));
  }

  @Test
  void perftOfStartPositionPrintsDivideThenTotal() {
    int code = XiangqiCli.run(List.of("xiangqi-perft", Position.START_FEN, "3"), out);
    assertEquals(0, code);
    List<String> lines = lines();
    assertEquals("79666", lines.get(lines.size() - 1));
    assertEquals(45, lines.size(), "44 divide lines plus the total");
    assertTrue(lines.contains("h2e2: " + Perft.divide(Position.start(), 3).get("h2e2")));
  }

  @Test
  void perftOfPublishedPosition() {
    int code =
        XiangqiCli.run(
            List.of(
                "xiangqi-perft",
                "r1ba1a3/4kn3/2n1b4/pNp1p1p1p/4c4/6P2/P1P2R2P/1CcC5/9/2BAKAB2 w",
                "2"),
            out);
    assertEquals(0, code);
    List<String> lines = lines();
    assertEquals("1128", lines.get(lines.size() - 1));
  }

  @Test
  void positionWithoutMovesPrintsZero() {
    assertEquals(
        0,
        XiangqiCli.run(List.of("xiangqi-perft", "R3k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1", "1"), out));
    assertEquals(List.of("0"), lines());
  }

  @Test
  void badFenExitsWithTwoAndExplains() {
    assertEquals(2, XiangqiCli.run(List.of("xiangqi-perft", "rnbakabnr/9 w", "2"), out));
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains("bad FEN") && text.contains("10 ranks") && text.contains("usage"), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "", "0", "-1", "99", "2.5", "99999999999"})
  void badDepthExitsWithTwo(String depth) {
    assertEquals(2, XiangqiCli.run(List.of("xiangqi-perft", Position.START_FEN, depth), out));
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("usage"));
  }

  @Test
  void wrongShapeOfArgumentsExitsWithTwo() {
    assertEquals(2, XiangqiCli.run(List.of(), out));
    assertEquals(2, XiangqiCli.run(List.of("xiangqi-perft"), out));
    assertEquals(2, XiangqiCli.run(List.of("xiangqi-perft", Position.START_FEN), out));
    assertEquals(
        2, XiangqiCli.run(List.of("xiangqi-perft", Position.START_FEN, "1", "extra"), out));
    assertEquals(2, XiangqiCli.run(List.of("chess-perft", Position.START_FEN, "1"), out));
    assertEquals(2, XiangqiCli.run(null, out));
    assertEquals(2, XiangqiCli.run(Arrays.asList("xiangqi-perft", null, null), out));
    assertTrue(lines().stream().allMatch(l -> l.startsWith("usage") || l.startsWith("error")));
  }
}
