package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Taking seats, readiness, the start of a match and what the lobby hears about it. */
class TableSeatingTest {

  @Test
  void sittingAnswersWithASnapshotThenAnAck() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = new RecordingMember("alice");
    f.send(alice, new Command.Sit("alice", "s1", "Alice", Command.Sit.ANY_SEAT));

    List<TableOutput> got = alice.all();
    assertEquals(2, got.size(), "snapshot and ack: " + got);
    Snapshot snapshot = (Snapshot) got.get(0);
    assertEquals(1, snapshot.seq());
    assertEquals(0, snapshot.state().yourSeat());
    assertEquals("alice", snapshot.state().seats().get(0).playerId());
    assertEquals("Alice", snapshot.state().seats().get(0).nickname());
    assertTrue(snapshot.state().seats().get(0).online());
    assertNull(snapshot.state().seats().get(1).playerId());
    assertEquals(Phase.FILLING, snapshot.state().phase());
    assertEquals(new TableOutput.Ack("t1", "s1", 1), got.get(1));
  }

  @Test
  void othersSeeTheSeatedUpdate() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.sit("bob", Command.Sit.ANY_SEAT);
    Update seated = alice.last("seated");
    assertEquals(
        Map.of("seat", 1, "player", "bob", "nickname", "BOB", "bot", false), seated.data());
    assertEquals(2, seated.seq());
  }

  @Test
  void seatErrorsAreTypedAndChangeNothing() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    RecordingMember bob = new RecordingMember("bob");

    f.send(bob, new Command.Sit("bob", "x1", "Bob", 0));
    assertEquals("seat_taken", bob.lastRefused().code());
    f.send(bob, new Command.Sit("bob", "x2", "Bob", 7));
    assertEquals("invalid_seat", bob.lastRefused().code());
    f.send(alice, new Command.Sit("alice", "x3", "Alice", 1));
    assertEquals("already_seated", alice.lastRefused().code());
    assertEquals(1, f.table.summary().seatsTaken());

    f.sit("bob", 1);
    RecordingMember carol = new RecordingMember("carol");
    f.send(carol, new Command.Sit("carol", "x4", "Carol", Command.Sit.ANY_SEAT));
    assertEquals("table_full", carol.lastRefused().code());
    f.send(carol, new Command.Ready("carol", "x5", true));
    assertEquals("not_seated", carol.lastRefused().code());
  }

  @Test
  void theMatchStartsWhenEverySeatIsTakenAndReady() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.ready(alice);
    assertEquals(Phase.FILLING, f.table.summary().phase());
    RecordingMember bob = f.sit("bob", 1);
    assertEquals(Phase.FILLING, f.table.summary().phase(), "bob is not ready yet");
    f.send(bob, new Command.Act("bob", f.cid(), "add 1", bob.lastSeq()));
    assertEquals("not_started", bob.lastRefused().code());

    f.ready(bob);
    assertEquals(Phase.PLAYING, f.table.summary().phase());
    Update started = alice.last("started");
    assertEquals(List.of("alice", "bob"), started.data().get("players"));
    assertEquals(
        Map.of("total", 0, "toAct", 0, "you", 0),
        started.data().get("view"),
        "alice gets her own view");
    assertEquals(Map.of("total", 0, "toAct", 0, "you", 1), bob.last("started").data().get("view"));
    Update clock = alice.latestClock();
    assertEquals(0, clock.data().get("seat"));
    assertEquals(f.clock.nowMillis() + 20_000, clock.data().get("deadline"));
    assertEquals(60_000L, clock.data().get("bank"));
  }

  @Test
  void unreadyingIsAnnouncedAndReadyDuringPlayIsRefused() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.ready(alice);
    f.send(alice, new Command.Ready("alice", f.cid(), false));
    assertEquals(Map.of("seat", 0, "ready", false), alice.last("ready").data());
    f.ready(alice);
    RecordingMember bob = f.sit("bob", 1);
    f.ready(bob);
    f.send(bob, new Command.Ready("bob", f.cid(), true));
    assertEquals("already_playing", bob.lastRefused().code());
  }

  @Test
  void theListenerHearsStateChanges() {
    TableFixture f = TableFixture.counting();
    f.started("alice", "bob");
    List<TableSummary> states = f.listener.states;
    assertEquals(1, states.get(0).seatsTaken());
    assertEquals(2, states.get(1).seatsTaken());
    TableSummary last = states.get(states.size() - 1);
    assertEquals(Phase.PLAYING, last.phase());
    assertEquals("counting", last.game());
    assertEquals(2, last.humans());
    assertEquals(last, f.table.summary());
  }

  @Test
  void badOptionsFailAtConstruction() {
    TableSpec spec =
        new TableSpec("t", new CountingGame(), Map.of("colour", "red"), 2, false, true);
    TableRuntime runtime = new TableRuntime(Runnable::run, new ManualClock(0), Runnable::run);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Table(spec, TableSettings.defaults(), runtime, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TableSpec("t", new CountingGame(), Map.of(), 3, false, true));
  }

  @Test
  void aClosedTableRefusesEverything() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.table.close();
    f.send(alice, new Command.Ready("alice", f.cid(), true));
    assertEquals("closed", alice.lastRefused().code());
    assertEquals(Phase.CLOSED, f.table.summary().phase());
    assertFalse(f.listener.emptied.contains("t1"), "closing is not emptying");
  }
}
