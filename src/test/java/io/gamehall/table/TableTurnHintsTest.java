package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.games.Games;
import io.gamehall.table.TableOutput.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acting seat's own copy of a {@code clock} event lists its legal moves; no other copy does.
 */
class TableTurnHintsTest {

  private static TableFixture table(String game, int seats) {
    GameRules rules = Games.catalog().find(game).orElseThrow();
    return new TableFixture(
        rules, seats, false, TableSettings.defaults(), Runnable::run, Runnable::run, Map.of());
  }

  @Test
  void xiangqiLegalMovesGoOnlyToTheSeatToMove() {
    TableFixture f = table("xiangqi", 2);
    RecordingMember[] m = f.started("red", "black");
    RecordingMember watcher = f.spectator("watcher");
    Update redsClock = m[0].lastClock(0);
    List<?> legal = (List<?>) redsClock.data().get("legal");
    assertEquals(44, legal.size(), "the opening position has 44 legal moves");
    assertTrue(legal.contains("h2e2"), legal.toString());
    assertFalse(m[1].lastClock(0).data().containsKey("legal"), "black's copy has no list");

    f.act(m[0], "h2e2");
    Update blacksClock = m[1].lastClock(1);
    assertTrue(((List<?>) blacksClock.data().get("legal")).contains("h9g7"));
    assertFalse(m[0].lastClock(1).data().containsKey("legal"), "red's copy has no list");
    assertFalse(watcher.lastClock(1).data().containsKey("legal"), "nor a spectator's");
    assertEquals(blacksClock.seq(), m[0].lastClock(1).seq(), "one event, rendered per member");
  }

  @Test
  void douDizhuLegalActionsGoOnlyToTheSeatToAct() {
    TableFixture f = table("doudizhu", 3);
    RecordingMember[] m = f.started("ann", "ben", "cat");
    int toAct = ((Number) m[0].latestClock().data().get("seat")).intValue();
    List<?> legal = (List<?>) m[toAct].lastClock(toAct).data().get("legal");
    assertFalse(legal.isEmpty());
    assertTrue(legal.contains("bid 3"), "bidding: " + legal);
    for (int s = 0; s < 3; s++) {
      if (s != toAct) {
        assertFalse(m[s].lastClock(toAct).data().containsKey("legal"), "seat " + s + " sees none");
      }
    }
    f.act(m[toAct], "bid 1");
    int next = ((Number) m[0].latestClock().data().get("seat")).intValue();
    assertTrue(m[next].lastClock(next).data().containsKey("legal"), "the next seat gets its own");
    assertFalse(m[toAct].lastClock(next).data().containsKey("legal"));
  }

  @Test
  void gomokuSendsNoListEveryEmptyPointIsLegal() {
    TableFixture f = table("gomoku", 2);
    RecordingMember[] m = f.started("black", "white");
    assertFalse(m[0].lastClock(0).data().containsKey("legal"));
  }
}
