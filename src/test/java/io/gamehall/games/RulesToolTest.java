package io.gamehall.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules tool's dispatch and exit codes, and the game catalog. */
class RulesToolTest {

  private static final String START =
      "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void xiangqiPerftFromTheStartAtDepthThree() {
    assertEquals(0, RulesTool.run(List.of("xiangqi-perft", START, "3"), out));
    List<String> lines = lines();
    assertEquals("79666", lines.get(lines.size() - 1));
    assertEquals(45, lines.size(), "44 first moves plus the total");
  }

  @Test
  void ddzPlaysListsTheWholeCatalogue() {
    assertEquals(0, RulesTool.run(List.of("ddz-plays"), out));
    assertEquals(27471, lines().size());
  }

  @Test
  void ddzClassify() {
    assertEquals(0, RulesTool.run(List.of("ddz-classify", "33344"), out));
    assertEquals(List.of("trio_pair"), lines());
  }

  @Test
  void renjuForbidden() {
    String empty = "...............";
    String board =
        String.join(
            "/",
            empty,
            empty,
            ".....X.........",
            ".....X.........",
            "...XX..........",
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty);
    assertEquals(0, RulesTool.run(List.of("renju-forbidden", board, "F11"), out));
    assertEquals(List.of("forbidden double-three"), lines());
  }

  @Test
  void unknownOrMissingCommandPrintsUsageAndExitsTwo() {
    assertEquals(2, RulesTool.run(List.of("chess-perft"), out));
    assertTrue(lines().get(0).contains("chess-perft"));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("usage:"));
    assertEquals(2, RulesTool.run(List.of(), out));
    assertEquals(2, RulesTool.run(List.of("xiangqi-perft", START, "0"), out));
  }

  @Test
  void catalogOffersTheThreeGamesAndIsFreshEachCall() {
    GameCatalog catalog = Games.catalog();
    assertEquals(List.of("doudizhu", "gomoku", "xiangqi"), catalog.ids());
    assertEquals(3, catalog.find("doudizhu").orElseThrow().minSeats());
    assertTrue(catalog.find("chess").isEmpty());
    assertNotSame(catalog, Games.catalog());
  }
}
