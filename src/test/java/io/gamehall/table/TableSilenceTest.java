package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A seat whose socket is still open but silent (the session layer's call) is shown offline, and
 * online again when heard; the clock and the grace window do not change for it.
 */
class TableSilenceTest {

  @Test
  void aSilentSeatIsShownOfflineAndOnlineAgainWhenHeard() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.silent("bob", m[1]);
    assertEquals(
        Map.of("seat", 1, "player", "bob", "reason", "silent"), m[0].last("offline").data());
    RecordingMember watcher = f.spectator("watcher");
    Snapshot seen = watcher.lastSnapshot();
    assertEquals(false, seen.state().seats().get(1).online(), "a snapshot agrees");

    f.table.silent("bob", m[1]);
    assertEquals(1, m[0].updates("offline").size(), "said once");
    f.table.heard("bob", m[1]);
    assertEquals(Map.of("seat", 1, "player", "bob"), m[0].last("online").data());
    f.table.heard("bob", m[1]);
    assertEquals(1, m[0].updates("online").size(), "said once");
  }

  @Test
  void silenceChangesNeitherTheClockNorTheGrace() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.silent("alice", m[0]);
    f.clock.advance(79_999);
    assertTrue(m[1].updates("trustee").isEmpty(), "her own clock still runs");
    f.clock.advance(1);
    assertEquals(true, m[1].last("trustee").data().get("on"), "托管 when it runs out, as online");
    f.clock.advance(120_000);
    assertTrue(m[1].updates("left").isEmpty(), "no grace runs while the socket is open");
    assertTrue(
        m[1].updates("result").stream()
            .noneMatch(r -> "abandonment".equals(r.data().get("reason"))),
        "no abandonment");
  }

  @Test
  void theCloseAfterSilenceStartsTheGraceAndAResumeEndsIt() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.silent("bob", m[1]);
    f.clock.advance(3_000);
    long now = f.clock.nowMillis();
    f.table.disconnected("bob", m[1]);
    Map<String, Object> closed = m[0].last("offline").data();
    assertEquals("closed", closed.get("reason"));
    assertEquals(now + 60_000, closed.get("deadline"), "grace counts from the close");

    RecordingMember bob = new RecordingMember("bob");
    f.table.resume("bob", bob, m[1].lastSeq());
    assertEquals(1, m[0].updates("online").size());
    f.table.heard("bob", m[1]);
    assertEquals(1, m[0].updates("online").size(), "the old socket's news is ignored");
  }

  @Test
  void aResumeOnANewSocketWhileTheOldOneIsSilentComesBackOnline() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.table.silent("bob", m[1]);
    RecordingMember bob = new RecordingMember("bob");
    f.table.resume("bob", bob, m[1].lastSeq());
    assertEquals(Map.of("seat", 1, "player", "bob"), m[0].last("online").data());
    f.table.disconnected("bob", m[1]);
    assertEquals(1, m[0].updates("offline").size(), "the replaced socket's close is ignored");
    f.table.silent("bob", m[1]);
    assertEquals(1, m[0].updates("offline").size(), "so is its silence");
  }
}
