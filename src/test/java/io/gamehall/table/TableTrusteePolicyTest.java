package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.games.Games;
import io.gamehall.table.TableOutput.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default 托管 policy ({@link TrusteePolicy#CLOCK}): a drop never hands a seat to 托管 by itself;
 * the seat's own clock does, or the grace window ends the match.
 */
class TableTrusteePolicyTest {
  private static final long TURN = 20_000;
  private static final long BANK = 60_000;

  @Test
  void theDefaultPolicyIsClock() {
    assertEquals(TrusteePolicy.CLOCK, TableSettings.defaults().trusteePolicy());
  }

  @Test
  void aDropOnTheSeatsOwnTurnPlaysNothingUntilItsOwnClockRunsOut() {
    TableFixture f =
        TableFixture.counting(
            TableSettings.defaults().withReconnectGrace(java.time.Duration.ofSeconds(120)));
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    assertEquals("closed", m[1].last("offline").data().get("reason"));

    f.clock.advance(TURN + BANK - 1);
    assertTrue(m[1].updates("trustee").isEmpty(), "no 托管 while alice's own clock runs");
    assertTrue(m[1].updates("added").isEmpty(), "nothing was played for alice");
    f.clock.advance(1);
    assertEquals(Map.of("seat", 0, "on", true), m[1].last("trustee").data());
    f.clock.advance(1_000);
    assertEquals(Map.of("seat", 0, "n", 1, "total", 1), m[1].game("added"));
  }

  @Test
  void comingBackGivesControlBackAtOnceWithTheTimeLeft() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    int clocks = m[1].clocks().size();
    f.clock.advance(5_000);
    f.table.disconnected("alice", m[0]);
    f.clock.advance(25_000);

    RecordingMember alice = new RecordingMember("alice");
    f.table.resume("alice", alice, m[0].lastSeq());
    assertEquals(Map.of("seat", 0, "player", "alice"), m[1].last("online").data());
    assertTrue(m[1].updates("trustee").isEmpty(), "no 托管 on the drop, none on the return");
    assertEquals(clocks, m[1].clocks().size(), "the turn goes on with its deadline, not a new one");
    f.act(alice, "add 2");
    assertEquals(Map.of("seat", 0, "n", 2, "total", 2), m[1].game("added"));
    f.act(m[1], "add 1");
    assertEquals(
        BANK - 10_000,
        ((Number) alice.lastClock(0).data().get("bank")).longValue(),
        "the 30 s turn, 10 s over the turn time, came out of the bank while she was away");
  }

  @Test
  void theClockKeepsRunningAcrossTheDropAndTimesOutAfterTheReturn() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    f.clock.advance(50_000);
    RecordingMember alice = new RecordingMember("alice");
    f.table.resume("alice", alice, m[0].lastSeq());
    f.clock.advance(TURN + BANK - 50_000 - 1);
    assertTrue(m[1].updates("trustee").isEmpty(), "her time is not up yet");
    f.clock.advance(1);
    assertEquals(true, m[1].last("trustee").data().get("on"), "no fresh time for dropping");
  }

  @Test
  void aSeatUnderTrusteeshipGetsControlBackWhenItsPlayerResumes() {
    TableFixture f =
        TableFixture.counting(
            TableSettings.defaults().withReconnectGrace(java.time.Duration.ofSeconds(300)));
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    f.clock.advance(TURN + BANK + 1_000);
    assertEquals(1, m[1].game("added").get("total"), "her clock ran out: 托管 played");
    f.act(m[1], "add 1");
    long now = f.clock.nowMillis();
    assertEquals(now + 1_000, m[1].lastClock(0).data().get("deadline"), "托管's short turn");

    RecordingMember alice = new RecordingMember("alice");
    f.table.resume("alice", alice, m[0].lastSeq());
    List<String> kinds = alice.kinds();
    assertEquals(
        List.of("online", "trustee", "clock"),
        kinds.subList(kinds.size() - 3, kinds.size()),
        "back online, 托管 off, her turn again");
    assertEquals(Map.of("seat", 0, "on", false), alice.last("trustee").data());
    assertEquals(now + TURN, alice.lastClock(0).data().get("deadline"), "a fresh turn time");
    assertEquals(0L, alice.lastClock(0).data().get("bank"), "the bank stays spent");
    f.clock.advance(TURN - 1);
    assertEquals(2, m[1].updates("added").size(), "nothing played for her after her return");
    f.act(alice, "add 3");
    assertEquals(Map.of("seat", 0, "n", 3, "total", 5), m[1].game("added"));
  }

  @Test
  void aResumeOnTheSameLiveConnectionOnlyRefreshesAndKeeps托管() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.clock.advance(TURN + BANK);
    assertEquals(true, m[1].last("trustee").data().get("on"));
    f.table.resume("alice", m[0], Long.MAX_VALUE);
    assertEquals(1, m[1].updates("trustee").size(), "a view refresh is not a return");
    f.clock.advance(1_000);
    assertEquals(1, m[1].game("added").get("total"), "托管 played as before");
  }

  @Test
  void theGraceWindowEndingFirstAbandonsTheMatch() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    f.clock.advance(60_000);
    Map<String, Object> result = m[1].last("result").data();
    assertEquals("abandonment", result.get("reason"));
    assertEquals(List.of(1), result.get("winners"));
    assertTrue(m[1].updates("trustee").isEmpty(), "grace (60 s) ended before her clock (80 s)");
    assertTrue(m[1].updates("added").isEmpty(), "nothing was played for her");
  }

  @Test
  void theDropPolicyStillHandsADroppedTurnTo托管() {
    TableFixture f =
        TableFixture.counting(TableSettings.defaults().withTrusteePolicy(TrusteePolicy.DROP));
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    assertEquals(true, m[1].last("trustee").data().get("on"));
    f.clock.advance(1_000);
    assertEquals(1, m[1].game("added").get("total"));
    RecordingMember alice = new RecordingMember("alice");
    f.table.resume("alice", alice, m[0].lastSeq());
    assertEquals(
        true,
        alice.all().stream()
            .filter(o -> o instanceof Update u && u.kind().equals("trustee"))
            .map(o -> ((Update) o).data().get("on"))
            .reduce((a, b) -> b)
            .orElseThrow(),
        "under drop, 托管 stays until she acts or takes control");
  }

  @Test
  void douDizhuKeepsADroppedSeatsTurnForItsPlayerToo() {
    GameRules doudizhu = Games.catalog().find("doudizhu").orElseThrow();
    TableFixture f =
        new TableFixture(
            doudizhu,
            3,
            false,
            TableSettings.defaults().withReconnectGrace(java.time.Duration.ofSeconds(120)),
            Runnable::run,
            Runnable::run,
            Map.of());
    RecordingMember[] m = f.started("ann", "ben", "cat");
    int toAct = ((Number) m[0].latestClock().data().get("seat")).intValue();
    int watcher = (toAct + 1) % 3;
    int seen = m[watcher].kinds().size();
    f.table.disconnected(m[toAct].playerId, m[toAct]);

    f.clock.advance(TURN + BANK - 1);
    assertEquals(
        List.of("offline"),
        m[watcher].kinds().subList(seen, m[watcher].kinds().size()),
        "only the offline notice while the dropped seat's own clock runs");
    RecordingMember back = new RecordingMember(m[toAct].playerId);
    f.table.resume(back.playerId, back, m[toAct].lastSeq());
    assertEquals("online", m[watcher].updates().get(m[watcher].updates().size() - 1).kind());
    List<?> legal = (List<?>) m[toAct].lastClock(toAct).data().get("legal");
    String bid = legal.get(legal.size() - 1).toString();
    f.act(back, bid);
    assertTrue(m[watcher].updates("trustee").isEmpty(), "the player made the bid, not 托管");
    assertEquals(toAct, ((Number) m[watcher].last("bid").data().get("seat")).intValue());
  }
}
