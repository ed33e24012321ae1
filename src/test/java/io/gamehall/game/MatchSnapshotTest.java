package io.gamehall.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.games.Games;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every game's match snapshot round-trips on random positions: the restored match shows every seat
 * the same view (hidden hands included), snapshots again to the same text, and from then on answers
 * the same actions with the same events as the original.
 */
class MatchSnapshotTest {
  private static final int POSITIONS = 16;

  /**
   * Steps compared after the restore: enough to reach the end of most random Gomoku and Dou Dizhu
   * games.
   */
  private static final int CONTINUATION = 80;

  static Stream<Arguments> games() {
    return Stream.of(
        Arguments.of("gomoku", Map.of("variant", "freestyle")),
        Arguments.of("gomoku", Map.of("variant", "renju")),
        Arguments.of("xiangqi", Map.of()),
        Arguments.of("doudizhu", Map.of("bidding", "points")),
        Arguments.of("doudizhu", Map.of("bidding", "call_rob", "base", "3")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("games")
  void randomPositionsRoundTrip(String id, Map<String, String> options) {
    GameRules rules = Games.catalog().find(id).orElseThrow();
    int seats = rules.maxSeats();
    for (int position = 0; position < POSITIONS; position++) {
      long seed = 1000L * id.hashCode() + position;
      Random random = new Random(seed);
      byte[] matchSeed = new byte[32];
      random.nextBytes(matchSeed);
      Match original = rules.start(seats, options, matchSeed);
      int plies = random.nextInt(60);
      for (int i = 0; i < plies && original.toAct() >= 0; i++) {
        step(original, random);
      }
      if (original.toAct() < 0) {
        continue;
      }
      String snapshot = original.snapshot().orElseThrow();
      Match restored = rules.restore(seats, options, snapshot);
      String where = id + " seed " + seed + " after " + plies + " plies: " + snapshot;
      assertSame(original, restored, seats, where);
      assertEquals(snapshot, restored.snapshot().orElseThrow(), where);
      Random a = new Random(seed * 31);
      Random b = new Random(seed * 31);
      // The same seeded choices give the same events, to the end or for a good while.
      for (int i = 0; i < CONTINUATION && original.toAct() >= 0; i++) {
        assertEquals(step(original, a), step(restored, b), where);
        if (i % 10 == 9) {
          // Views are the expensive part (legal move lists); the events above already compare every
          // step.
          assertSame(original, restored, seats, where);
        }
      }
      assertSame(original, restored, seats, where);
      assertEquals(original.result(), restored.result(), where);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("games")
  void foreignOrCorruptSnapshotsAreRefused(String id, Map<String, String> options) {
    GameRules rules = Games.catalog().find(id).orElseThrow();
    int seats = rules.maxSeats();
    String good = rules.start(seats, options, new byte[32]).snapshot().orElseThrow();
    for (String bad :
        List.of(
            "",
            "nonsense",
            good.replace("/1|", "/99|"),
            good + "|extra",
            "other" + good,
            good.substring(0, good.indexOf('|')) + "|zz|zz|zz")) {
      assertThrows(IllegalArgumentException.class, () -> rules.restore(seats, options, bad), bad);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("games")
  void aMatchEndedByResignationIsNotSnapshotted(String id, Map<String, String> options) {
    GameRules rules = Games.catalog().find(id).orElseThrow();
    Match match = rules.start(rules.maxSeats(), options, new byte[32]);
    match.resign(0);
    assertTrue(match.snapshot().isEmpty(), "only running matches are saved");
  }

  private static void assertSame(Match original, Match restored, int seats, String where) {
    assertEquals(original.toAct(), restored.toAct(), where);
    assertEquals(original.publicView(), restored.publicView(), where);
    for (int s = 0; s < seats; s++) {
      assertEquals(original.view(s), restored.view(s), "seat " + s + " of " + where);
    }
  }

  /**
   * One random step: now and then an undo request, otherwise a random legal action (from the seat's
   * legal list where the view has one, random points for Gomoku), falling back to the default
   * action. Returns what happened.
   */
  private static Object step(Match match, Random random) {
    int seat = match.toAct();
    if (random.nextInt(12) == 0) {
      // The requester is drawn for every game, so the random sequence is the same for all of them.
      int requester = random.nextInt(2);
      Optional<List<Event>> undone =
          match instanceof UndoableMatch undoable ? undoable.undo(requester) : Optional.empty();
      if (undone.isPresent()) {
        return undone.get();
      }
    }
    Object legal = match.view(seat).get("legal");
    for (int attempt = 0; attempt < 20; attempt++) {
      String action;
      if (legal instanceof List<?> list && !list.isEmpty()) {
        action = String.valueOf(list.get(random.nextInt(list.size())));
      } else {
        action = (char) ('A' + random.nextInt(15)) + Integer.toString(1 + random.nextInt(15));
      }
      Step step = match.apply(seat, action);
      if (step instanceof Step.Accepted) {
        return step;
      }
    }
    return match.apply(seat, match.defaultAction(seat));
  }
}
