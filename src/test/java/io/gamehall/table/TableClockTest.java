package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The turn clock and time bank, 托管, disconnection grace and abandonment. */
class TableClockTest {

  @Test
  void aTimedOutSeatGoesUnderTrusteeshipAndIsAutoPlayedUntilItActs() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");

    f.clock.advance(20_000 + 60_000 - 1);
    assertTrue(m[1].updates("trustee").isEmpty(), "turn time and bank not yet used up");
    f.clock.advance(1);
    assertEquals(Map.of("seat", 0, "on", true), m[1].last("trustee").data());
    assertTrue(m[1].updates("added").isEmpty(), "the default move waits for the 托管 delay");
    f.clock.advance(1_000);
    assertEquals(Map.of("seat", 0, "n", 1, "total", 1), m[1].game("added"));

    f.act(m[1], "add 1");
    // Alice is under 托管: her next turn is played after the short delay, not after a full turn.
    f.clock.advance(1_000);
    assertEquals(Map.of("seat", 0, "n", 1, "total", 3), m[1].game("added"));
    assertEquals(0L, m[0].lastClock(0).data().get("bank"), "alice's bank is spent");

    f.act(m[1], "add 1");
    f.act(m[0], "add 3");
    assertEquals(
        Map.of("seat", 0, "on", false), m[1].last("trustee").data(), "acting takes control back");
    assertEquals(Map.of("seat", 0, "n", 3, "total", 7), m[1].game("added"));
    List<String> kinds = m[1].kinds();
    assertTrue(
        kinds.lastIndexOf("trustee") < kinds.lastIndexOf("added"),
        "trustee off comes before the move");
  }

  @Test
  void takeControlEndsTrusteeshipWithoutActing() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.TakeControl("alice", f.cid()));
    assertEquals("not_trustee", m[0].lastRefused().code());

    f.clock.advance(80_000);
    assertEquals(true, m[0].last("trustee").data().get("on"));
    f.send(m[0], new Command.TakeControl("alice", f.cid()));
    m[0].lastAck();
    assertEquals(false, m[0].last("trustee").data().get("on"));
    f.clock.advance(19_999);
    assertTrue(m[0].updates("added").isEmpty(), "a fresh turn time after taking control");
    f.clock.advance(1);
    assertEquals(
        true, m[0].last("trustee").data().get("on"), "no bank left: 托管 again after the turn time");
  }

  @Test
  void timeBeyondTheTurnTimeComesOutOfTheBank() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.clock.advance(25_000);
    f.act(m[0], "add 1");
    f.act(m[1], "add 1");
    assertEquals(55_000L, m[0].latestClock().data().get("bank"));
    assertEquals(f.clock.nowMillis() + 20_000, m[0].latestClock().data().get("deadline"));
  }

  /** The {@code drop} policy: what every table did before issue 15. */
  private static final TableSettings DROP =
      TableSettings.defaults().withTrusteePolicy(TrusteePolicy.DROP);

  @Test
  void anOfflineSeatIsAutoPlayedAndAbandonsWhenGraceRunsOut() {
    TableFixture f = TableFixture.counting(DROP);
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 1");
    long now = f.clock.nowMillis();
    f.table.disconnected("bob", m[1]);
    assertEquals(
        Map.of(
            "seat",
            1,
            "player",
            "bob",
            "reason",
            "closed",
            "graceSeconds",
            60L,
            "deadline",
            now + 60_000),
        m[0].last("offline").data());
    assertEquals(true, m[0].last("trustee").data().get("on"), "bob's turn is not frozen");
    f.clock.advance(1_000);
    assertEquals(Map.of("seat", 1, "n", 1, "total", 2), m[0].game("added"));

    f.act(m[0], "add 1");
    f.clock.advance(1_000);
    assertEquals(4, m[0].game("added").get("total"), "bob's turns keep being played");

    f.clock.advance(58_000);
    Map<String, Object> result = m[0].last("result").data();
    assertEquals("abandonment", result.get("reason"));
    assertEquals(List.of(0), result.get("winners"));
    assertEquals(Map.of("seat", 1, "player", "bob"), m[0].last("left").data());
    assertEquals(Phase.FILLING, f.table.summary().phase());
    assertEquals(Result.EndReason.ABANDONMENT, f.listener.matches.get(0).result().reason());
  }

  @Test
  void comingBackWithinGraceKeepsTheSeat() {
    TableFixture f = TableFixture.counting(DROP.withReconnectGrace(Duration.ofSeconds(30)));
    RecordingMember[] m = f.started("alice", "bob");
    f.table.disconnected("alice", m[0]);
    f.clock.advance(1_000);
    assertEquals(1, m[1].game("added").get("total"), "alice's move was played for her");
    f.clock.advance(20_000);
    RecordingMember alice = new RecordingMember("alice");
    f.table.resume("alice", alice, m[0].lastSeq());
    assertEquals(Map.of("seat", 0, "player", "alice"), m[1].last("online").data());
    f.clock.advance(50_000);
    assertTrue(m[1].updates("result").isEmpty(), "no abandonment after a timely return");
    assertEquals(
        true, alice.last("trustee").data().get("on"), "still under 托管 until she takes control");
    assertEquals(2, f.table.summary().seatsTaken());
  }

  @Test
  void aPlayerWhoNeverComesBackFreesTheSeatBetweenMatches() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    RecordingMember bob = f.sit("bob", 1);
    f.table.disconnected("bob", bob);
    f.clock.advance(60_000);
    assertEquals(Map.of("seat", 1, "player", "bob"), alice.last("left").data());
    assertTrue(alice.updates("result").isEmpty());
  }
}
