package io.gamehall.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kept text always equals joining the actions still in play. */
class RenderedActionsTest {

  @Test
  void followsAppendsAndTakeBacksLikeAJoinedList() {
    RenderedActions kept = new RenderedActions(',');
    List<String> actions = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 5_000; i++) {
      if (random.nextInt(4) == 0 && !actions.isEmpty()) {
        int n = 1 + random.nextInt(Math.min(3, actions.size()));
        kept.removeLast(n);
        actions.subList(actions.size() - n, actions.size()).clear();
      } else {
        String action = i % 7 + ":play " + "3".repeat(1 + random.nextInt(4));
        kept.add(action);
        actions.add(action);
      }
      assertEquals(String.join(",", actions), kept.toString());
      assertEquals(actions.size(), kept.size());
    }
  }

  @Test
  void refusesWhatWouldCorruptTheSnapshot() {
    RenderedActions kept = new RenderedActions(' ');
    kept.add("H8");
    assertThrows(IllegalArgumentException.class, () -> kept.add("H8 H9"));
    assertThrows(IllegalArgumentException.class, () -> kept.add("H8|x"));
    assertThrows(IllegalArgumentException.class, () -> kept.add(""));
    assertThrows(IllegalArgumentException.class, () -> kept.removeLast(2));
    assertEquals("H8", kept.toString());
  }
}
