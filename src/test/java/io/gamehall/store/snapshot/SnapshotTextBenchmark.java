package io.gamehall.store.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Step;
import io.gamehall.game.gomoku.GomokuSnapshots;
import io.gamehall.game.xiangqi.XiangqiSnapshots;
import io.gamehall.games.Games;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a table-state capture's match text costs per move, the move list kept rendered against
 * rendering it in full as before, in one JVM on the same positions (a benchmark, off by default):
 *
 * <pre>
 * mvn -o -q -Dgamehall.port.offset=N test -Dtest=SnapshotTextBenchmark -Dgamehall.bench.snapshots=true
 * </pre>
 *
 * Random matches are played to their end; after every move both forms are taken {@link #CALLS}
 * times each, alternating in blocks, so JIT and cache state are shared. Prints the mean per capture
 * over all positions, and per ply bucket.
 */
@EnabledIfSystemProperty(named = "gamehall.bench.snapshots", matches = "true")
class SnapshotTextBenchmark {
  private static final int CALLS = 40;
  private static final int MATCHES = 40;

  @Test
  void measure() {
    StringBuilder report = new StringBuilder("\n== match snapshot text per capture ==\n");
    report.append(
        String.format(
            "%-8s %6s %9s %12s %12s %7s%n",
            "game", "plies", "captures", "full us", "kept us", "ratio"));
    measure(report, "gomoku", GomokuSnapshots::renderedInFull);
    measure(report, "xiangqi", XiangqiSnapshots::renderedInFull);
    System.out.println(report);
  }

  private static void measure(StringBuilder report, String id, Function<Match, String> full) {
    GameRules rules = Games.catalog().find(id).orElseThrow();
    // Pass 0 warms up; pass 1 is measured.
    for (int pass = 0; pass < 2; pass++) {
      long fullNanos = 0;
      long keptNanos = 0;
      long captures = 0;
      long plies = 0;
      long sink = 0;
      for (int m = 0; m < MATCHES; m++) {
        Random random = new Random(31L * m + id.hashCode());
        Match match = rules.start(2, Map.of(), new byte[32]);
        while (match.toAct() >= 0 && plies < 1_000_000) {
          step(match, random);
          plies++;
          if (match.toAct() < 0) {
            break;
          }
          assertEquals(full.apply(match), match.snapshot().orElseThrow());
          long t0 = System.nanoTime();
          for (int i = 0; i < CALLS; i++) {
            sink += full.apply(match).length();
          }
          long t1 = System.nanoTime();
          for (int i = 0; i < CALLS; i++) {
            sink += match.snapshot().orElseThrow().length();
          }
          long t2 = System.nanoTime();
          fullNanos += t1 - t0;
          keptNanos += t2 - t1;
          captures++;
        }
      }
      assertTrue(sink > 0);
      if (pass == 1) {
        report.append(
            String.format(
                "%-8s %6.1f %9d %12.3f %12.3f %7.1f%n",
                id,
                (double) plies / MATCHES,
                captures,
                fullNanos / 1e3 / (captures * CALLS),
                keptNanos / 1e3 / (captures * CALLS),
                (double) fullNanos / keptNanos));
      }
    }
  }

  private static void step(Match match, Random random) {
    int seat = match.toAct();
    Object legal = match.turnHints(seat).get("legal");
    for (int attempt = 0; attempt < 20; attempt++) {
      String action =
          legal instanceof List<?> list && !list.isEmpty()
              ? String.valueOf(list.get(random.nextInt(list.size())))
              : (char) ('A' + random.nextInt(15)) + Integer.toString(1 + random.nextInt(15));
      if (match.apply(seat, action) instanceof Step.Accepted) {
        return;
      }
    }
    match.apply(seat, match.defaultAction(seat));
  }
}
