package io.gamehall.game.xiangqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Step;
import io.gamehall.games.Games;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The move list the match keeps rendered for its snapshot is exactly what rendering every move
 * again gives, after every move, every undo and every restore, through random matches.
 */
class XiangqiSnapshotTextTest {

  @Test
  void keptTextEqualsFullRenderingThroughPlayUndoAndRestore() {
    GameRules rules = Games.catalog().find("xiangqi").orElseThrow();
    int undos = 0;
    int restores = 0;
    for (int game = 0; game < 6; game++) {
      Random random = new Random(4200L + game);
      XiangqiMatch match = (XiangqiMatch) rules.start(2, Map.of(), new byte[32]);
      String where = "game " + game;
      assertEquals(match.snapshotRenderedInFull(), match.snapshot().orElseThrow(), where);
      for (int step = 0; step < 120 && match.toAct() >= 0; step++) {
        int roll = random.nextInt(10);
        if (roll == 0 && match.undo(random.nextInt(2)).isPresent()) {
          undos++;
        } else if (roll == 1) {
          match = (XiangqiMatch) rules.restore(2, Map.of(), match.snapshot().orElseThrow());
          restores++;
        } else {
          int seat = match.toAct();
          List<?> legal = (List<?>) match.turnHints(seat).get("legal");
          String move = String.valueOf(legal.get(random.nextInt(legal.size())));
          assertTrue(match.apply(seat, move) instanceof Step.Accepted, where + ": " + move);
        }
        assertEquals(
            match.snapshotRenderedInFull(),
            match.snapshot().orElseThrow(),
            where + " step " + step);
      }
    }
    assertTrue(undos > 5 && restores > 5, "undos " + undos + ", restores " + restores);
  }
}
