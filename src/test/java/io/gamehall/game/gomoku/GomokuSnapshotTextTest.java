package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Step;
import io.gamehall.games.Games;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The move list the match keeps rendered for its snapshot is exactly what rendering every move
 * again gives, after every move, every undo and every restore, to the end of random matches.
 */
class GomokuSnapshotTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"freestyle", "renju"})
  void keptTextEqualsFullRenderingThroughPlayUndoAndRestore(String variant) {
    GameRules rules = Games.catalog().find("gomoku").orElseThrow();
    Map<String, String> options = Map.of("variant", variant);
    int undos = 0;
    int restores = 0;
    for (int game = 0; game < 12; game++) {
      Random random = new Random(variant.hashCode() * 100L + game);
      GomokuMatch match = (GomokuMatch) rules.start(2, options, new byte[32]);
      String where = variant + " game " + game;
      assertEquals(match.snapshotRenderedInFull(), match.snapshot().orElseThrow(), where);
      for (int step = 0; step < 400 && match.toAct() >= 0; step++) {
        int roll = random.nextInt(10);
        if (roll == 0 && match.undo(random.nextInt(2)).isPresent()) {
          undos++;
        } else if (roll == 1) {
          match = (GomokuMatch) rules.restore(2, options, match.snapshot().orElseThrow());
          restores++;
        } else {
          play(match, random);
        }
        assertEquals(
            match.snapshotRenderedInFull(),
            match.snapshot().orElseThrow(),
            where + " step " + step);
      }
    }
    assertTrue(undos > 10 && restores > 10, "undos " + undos + ", restores " + restores);
  }

  private static void play(Match match, Random random) {
    int seat = match.toAct();
    for (int attempt = 0; attempt < 20; attempt++) {
      String point = (char) ('A' + random.nextInt(15)) + Integer.toString(1 + random.nextInt(15));
      if (match.apply(seat, point) instanceof Step.Accepted) {
        return;
      }
    }
    assertTrue(match.apply(seat, match.defaultAction(seat)) instanceof Step.Accepted);
  }
}
