package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DouDizhuCliTest {

  private record Result(int code, String out) {}

  private static Result run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code = DouDizhuCli.run(List.of(args), ps);
    return new Result(code, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void playsListsEveryDistinctPlayOncePerLine() {
    Result r = run("ddz-plays");
    assertEquals(0, r.code());
    List<String> lines = r.out().lines().toList();
    assertEquals(27_471, lines.size());
    assertEquals(27_471, new HashSet<>(lines).size());
    assertTrue(lines.contains("3\tsolo"));
    assertTrue(lines.contains("BR\trocket"));
    assertTrue(lines.contains("333444555777\tairplane_solo"));
    for (String line : lines) {
      String[] parts = line.split("\t");
      assertEquals(2, parts.length, line);
      int[] idx = parts[0].chars().map(Rank.ALPHABET::indexOf).toArray();
      int[] ascending = idx.clone();
      Arrays.sort(ascending);
      assertTrue(Arrays.equals(idx, ascending) && idx.length > 0, "ranks ascending: " + line);
      assertEquals(parts[1], run("ddz-classify", parts[0]).out().strip(), "round trip " + line);
    }
  }

  @Test
  void classifyPrintsTypeNamesInAnyInputOrder() {
    assertEquals("trio_pair", run("ddz-classify", "53353").out().strip());
    assertEquals("solo_chain", run("ddz-classify", "7T98J").out().strip());
    assertEquals("four_two_solo", run("ddz-classify", "2222BA").out().strip());
    assertEquals("four_two_pair", run("ddz-classify", "99KK99AA").out().strip());
    assertEquals("airplane_pair", run("ddz-classify", "QQQKKKAA22").out().strip());
    assertEquals("bomb", run("ddz-classify", "tttt").out().strip());
    assertEquals("airplane", run("ddz-classify", "666333555444").out().strip());
    assertEquals("airplane_solo", run("ddz-classify", "333444555222").out().strip());
    assertEquals("rocket", run("ddz-classify", "RB").out().strip());
  }

  @Test
  void classifyPrintsInvalidForNonPlays() {
    for (String s :
        new String[] {
          "34",
          "BR3",
          "JQKA2",
          "33334444",
          "3334446666",
          "3334445555",
          "333444555666777888999TTTJJJ",
          "2222BR"
        }) {
      Result r = run("ddz-classify", s);
      assertEquals(0, r.code(), s);
      assertEquals("invalid", r.out().strip(), s);
    }
  }

  @Test
  void badInputGivesExitCodeTwoAndAMessage() {
    Result unknownRank = run("ddz-classify", "33X");
    assertEquals(2, unknownRank.code());
    assertTrue(unknownRank.out().contains("'X'"));
    Result tooMany = run("ddz-classify", "33333");
    assertEquals(2, tooMany.code());
    assertTrue(tooMany.out().contains("usage"));
    assertEquals(2, run("ddz-classify", "BB").code());
    assertEquals(2, run("ddz-classify").code());
    assertEquals(2, run("ddz-plays", "extra").code());
    assertEquals(2, run("ddz-frobnicate").code());
    assertEquals(2, run().code());
  }
}
