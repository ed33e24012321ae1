package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resigning, leaving, rematches and the listener's view of a table's life. */
class TableLifecycleTest {

  @Test
  void resigningEndsTheMatch() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[1], new Command.Resign("bob", f.cid()));
    m[1].lastAck();
    Map<String, Object> result = m[0].last("result").data();
    assertEquals("resign", result.get("reason"));
    assertEquals(List.of(0), result.get("winners"));
    f.send(m[1], new Command.Resign("bob", f.cid()));
    assertEquals("game_over", m[1].lastRefused().code());
  }

  @Test
  void leavingDuringPlayIsResigning() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.Leave("alice", f.cid()));
    m[0].lastAck();
    assertEquals("resign", m[1].last("result").data().get("reason"));
    assertEquals(List.of(1), m[1].last("result").data().get("winners"));
    assertEquals(Map.of("seat", 0, "player", "alice"), m[1].last("left").data());
    assertEquals(Phase.FILLING, f.table.summary().phase());
    assertEquals(Result.EndReason.RESIGN, f.listener.matches.get(0).result().reason());
    RecordingMember carol = f.sit("carol", 0);
    carol.lastSnapshot();
  }

  @Test
  void aRematchStartsWhenAllAskAndSwapsSeats() {
    TableFixture f =
        new TableFixture(
            new CountingGame(),
            2,
            false,
            TableSettings.defaults(),
            Runnable::run,
            Runnable::run,
            Map.of("target", "2"));
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.Rematch("alice", f.cid()));
    assertEquals("not_finished", m[0].lastRefused().code());
    f.act(m[0], "add 2");
    assertEquals(Phase.FINISHED, f.table.summary().phase());

    f.send(m[0], new Command.Rematch("alice", f.cid()));
    m[0].lastAck();
    assertEquals(Map.of("seat", 0), m[1].last("rematch_requested").data());
    assertEquals(Phase.FINISHED, f.table.summary().phase());
    f.send(m[1], new Command.Rematch("bob", f.cid()));
    m[1].lastAck();
    assertEquals(Phase.PLAYING, f.table.summary().phase());
    assertEquals(List.of("bob", "alice"), m[0].last("started").data().get("players"));
    assertEquals(Map.of("total", 0, "toAct", 0, "you", 1), m[0].last("started").data().get("view"));
    f.act(m[1], "add 2");
    assertEquals(
        List.of(0),
        m[0].last("result").data().get("winners"),
        "bob moved first from seat 0 and won");
    assertEquals(List.of("bob", "alice"), f.listener.matches.get(1).players());
  }

  @Test
  void leavingAfterTheMatchReopensTheTable() {
    TableFixture f =
        new TableFixture(
            new CountingGame(),
            2,
            false,
            TableSettings.defaults(),
            Runnable::run,
            Runnable::run,
            Map.of("target", "2"));
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 2");
    f.send(m[0], new Command.Rematch("alice", f.cid()));
    f.send(m[1], new Command.Leave("bob", f.cid()));
    assertEquals(Phase.FILLING, f.table.summary().phase());
    RecordingMember carol = f.sit("carol", 1);
    f.ready(carol);
    assertEquals(
        Phase.FILLING,
        f.table.summary().phase(),
        "alice's rematch request lapsed; she must be ready");
    f.ready(m[0]);
    assertEquals(Phase.PLAYING, f.table.summary().phase());
  }

  @Test
  void theListenerHearsWhenTheLastHumanLeaves() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    RecordingMember watcher = f.spectator("watcher");
    f.send(alice, new Command.Leave("alice", f.cid()));
    assertTrue(f.listener.emptied.isEmpty(), "a spectator is still there");
    f.send(watcher, new Command.Leave("watcher", f.cid()));
    assertEquals(List.of("t1"), f.listener.emptied);
    TableSummary last = f.listener.states.get(f.listener.states.size() - 1);
    assertEquals(0, last.humans());
    assertEquals(1, last.seatsTaken(), "the bot stays until the table is closed");
  }
}
