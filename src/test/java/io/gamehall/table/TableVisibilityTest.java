package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hidden information: a seat sees its own secrets only, spectators none, live, in snapshots and on
 * replay.
 */
class TableVisibilityTest {

  @Test
  void eachSeatSeesOnlyItsOwnSecretsAndSpectatorsNone() {
    TableFixture f = TableFixture.secrets();
    RecordingMember watcher = f.spectator("watcher");
    RecordingMember[] m = f.started("p0", "p1", "p2");
    f.act(m[0], "pass");
    f.act(m[1], "pass");
    f.act(m[2], "pass");

    for (int s = 0; s < 3; s++) {
      Update passed = m[s].updates("passed").get(0);
      assertEquals(
          "SECRET-" + s + "-1", passed.data().get("card"), "seat " + s + " gets its own card");
      assertEquals(
          Map.of("passes", 0, "hand", "HAND-" + s), m[s].last("started").data().get("view"));
      assertNoForeignSecrets(m[s].all().toString(), s);
    }
    Update seen = watcher.updates("passed").get(0);
    assertFalse(seen.data().containsKey("card"));
    assertEquals(Map.of("passes", 0), watcher.last("started").data().get("view"));
    assertNoForeignSecrets(watcher.all().toString(), -1);
  }

  @Test
  void snapshotsShowTheSeatsOwnViewOrThePublicOne() {
    TableFixture f = TableFixture.secrets();
    RecordingMember[] m = f.started("p0", "p1", "p2");
    f.act(m[0], "pass");
    RecordingMember again = new RecordingMember("p1");
    f.table.resume("p1", again, -1);
    Snapshot snapshot = again.lastSnapshot();
    assertEquals(1, snapshot.state().yourSeat());
    assertEquals(Map.of("passes", 1, "hand", "HAND-1"), snapshot.state().match());
    assertEquals(f.table.summary().seats(), snapshot.state().seats().size());
    assertEquals(1, snapshot.state().clock().seat());

    RecordingMember watcher = f.spectator("watcher");
    Snapshot publicSnapshot = watcher.lastSnapshot();
    assertEquals(-1, publicSnapshot.state().yourSeat());
    assertEquals(Map.of("passes", 1), publicSnapshot.state().match());
    assertNull(publicSnapshot.state().lastResult());
  }

  @Test
  void replayedEventsAreRenderedForWhoeverAsks() {
    TableFixture f = TableFixture.secrets();
    RecordingMember[] m = f.started("p0", "p1", "p2");
    long p2Saw = m[2].lastSeq();
    f.act(m[0], "pass");
    f.act(m[1], "pass");

    RecordingMember p2Again = new RecordingMember("p2");
    f.table.resume("p2", p2Again, p2Saw);
    assertEquals("SECRET-2-1", p2Again.updates("passed").get(0).data().get("card"));
    assertEquals("SECRET-2-2", p2Again.updates("passed").get(1).data().get("card"));
    assertNoForeignSecrets(p2Again.all().toString(), 2);

    RecordingMember watcher = f.spectator("watcher");
    watcher.clear();
    f.act(m[2], "pass");
    f.table.resume("watcher", watcher, p2Saw);
    assertTrue(watcher.updates("passed").size() >= 3);
    assertNoForeignSecrets(watcher.all().toString(), -1);
  }

  private static void assertNoForeignSecrets(String everything, int ownSeat) {
    for (int s = 0; s < 3; s++) {
      if (s != ownSeat) {
        assertFalse(
            everything.contains("SECRET-" + s), "leaked a secret of seat " + s + ": " + everything);
        assertFalse(
            everything.contains("HAND-" + s), "leaked the hand of seat " + s + ": " + everything);
      }
    }
  }
}
