package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.games.Games;
import io.gamehall.store.snapshot.TableStateCodec;
import io.gamehall.table.TableOutput.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table saves its state after every event of a running match, and a table rebuilt from that state
 * (through the byte codec, as after a restart) carries on: same sequence, same position, same
 * answers to resent command ids, a paused turn for the player the server kept waiting, abandonment
 * for a player who never comes back.
 */
class TableSnapshotTest {
  private static final GameRules GOMOKU = Games.catalog().find("gomoku").orElseThrow();

  /**
   * Saves after every event, so the content tests see each state; the interval has its own tests
   * below.
   */
  private final TableSettings settings =
      TableSettings.defaults().withCheckpointInterval(Duration.ZERO);

  /** Keeps what the table asks to save, as the snapshot writer would. */
  static final class Saving implements TableListener {
    final List<TableState> saved = new ArrayList<>();
    final List<String> forgotten = new ArrayList<>();
    final List<MatchRecord> ended = new ArrayList<>();

    @Override
    public synchronized void matchEnded(MatchRecord record) {
      ended.add(record);
    }

    @Override
    public boolean keepsCheckpoints() {
      return true;
    }

    @Override
    public synchronized void checkpoint(TableState state) {
      saved.add(state);
    }

    @Override
    public synchronized void forget(String tableId) {
      forgotten.add(tableId);
    }

    synchronized TableState latest() {
      return saved.get(saved.size() - 1);
    }
  }

  private final ManualClock clock = new ManualClock(5_000_000L);
  private final Saving saving = new Saving();
  private int cids;

  private Table newTable() {
    return newTable(settings);
  }

  private Table newTable(TableSettings with) {
    TableSpec spec = new TableSpec("t1", GOMOKU, Map.of("variant", "freestyle"), 2, false, true);
    return new Table(spec, with, new TableRuntime(Runnable::run, clock, Runnable::run), saving);
  }

  private Table restored(TableState state, ManualClock at) {
    return restored(state, at, GOMOKU);
  }

  private Table restored(TableState state, ManualClock at, GameRules rules) {
    TableState decoded = TableStateCodec.decode(TableStateCodec.encode(state));
    assertEquals(state, decoded, "the codec round-trips every field");
    TableSpec spec =
        new TableSpec(
            state.tableId(),
            rules,
            state.options(),
            state.seats().size(),
            state.practice(),
            state.spectatable());
    return Table.restore(
        decoded, spec, settings, new TableRuntime(Runnable::run, at, Runnable::run), saving);
  }

  private String act(Table table, RecordingMember m, String move) {
    String cid = "m" + (++cids);
    table.submit(m, new Command.Act(m.playerId, cid, move, m.lastSeq()));
    m.appliedSeq(cid);
    return cid;
  }

  private RecordingMember[] play(Table table) {
    RecordingMember alice = new RecordingMember("alice");
    RecordingMember bob = new RecordingMember("bob");
    table.submit(alice, new Command.Sit("alice", "s1", "Alice", 0));
    table.submit(bob, new Command.Sit("bob", "s2", "Bob", 1));
    table.submit(alice, new Command.Ready("alice", "r1", true));
    table.submit(bob, new Command.Ready("bob", "r2", true));
    return new RecordingMember[] {alice, bob};
  }

  @Test
  void aRunningMatchIsSavedAfterEveryEventAndAFinishedOneForgotten() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    assertFalse(saving.saved.isEmpty(), "saved once the match started");
    act(table, m[0], "H8");
    act(table, m[1], "A1");
    assertEquals(m[0].lastSeq(), saving.latest().seq(), "the newest state is as of the last event");
    assertTrue(saving.latest().match().endsWith("|H8 A1"), saving.latest().match());
    table.submit(m[1], new Command.Resign("bob", "give-up"));
    assertEquals(List.of("t1"), saving.forgotten, "a finished match deletes its snapshot");
  }

  @Test
  void fastEventsAreGatheredAndTheNewestIsSavedWhenTheIntervalIsUp() {
    Table table = newTable(TableSettings.defaults().withCheckpointInterval(Duration.ofSeconds(1)));
    RecordingMember[] m = play(table);
    assertEquals(1, saving.saved.size(), "the first state of a match is saved at once");
    act(table, m[0], "H8");
    act(table, m[1], "A1");
    act(table, m[0], "H9");
    assertEquals(1, saving.saved.size(), "changes within the interval wait");
    clock.advance(999);
    assertEquals(1, saving.saved.size(), "nothing before the interval is up");
    clock.advance(1);
    assertEquals(2, saving.saved.size(), "one save for the three moves");
    assertEquals(m[0].lastSeq(), saving.latest().seq(), "the saved state is the newest");
    assertTrue(saving.latest().match().endsWith("|H8 A1 H9"), saving.latest().match());
    clock.advance(5_000);
    assertEquals(2, saving.saved.size(), "no change, no save");
    act(table, m[1], "A2");
    assertEquals(3, saving.saved.size(), "a change after a quiet spell is saved at once");
    assertTrue(saving.latest().match().endsWith("|H8 A1 H9 A2"), saving.latest().match());
  }

  @Test
  void aMatchThatEndsWhileASaveWaitsIsForgottenAndNotSavedAgain() {
    Table table = newTable(TableSettings.defaults().withCheckpointInterval(Duration.ofSeconds(1)));
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    int saves = saving.saved.size();
    table.submit(m[1], new Command.Resign("bob", "give-up"));
    assertEquals(List.of("t1"), saving.forgotten, "the finished match deletes its snapshot");
    clock.advance(10_000);
    assertEquals(saves, saving.saved.size(), "the waiting save was called off with the match");
  }

  @Test
  void aStoppingServerSavesTheNewestStateEvenWhileASaveWaits() throws Exception {
    Table table = newTable(TableSettings.defaults().withCheckpointInterval(Duration.ofSeconds(1)));
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    act(table, m[1], "A1");
    table.suspend().get();
    assertEquals(
        m[1].lastSeq(), saving.latest().seq(), "suspend saves the state as of the last event");
    assertTrue(saving.latest().match().endsWith("|H8 A1"), saving.latest().match());
    int saves = saving.saved.size();
    clock.advance(10_000);
    assertEquals(saves, saving.saved.size(), "and the waiting save does not run after the freeze");
  }

  @Test
  void aMoveAfterTheCheckpointIsLostAndNothingBasedOnItIsTakenForTheNewGame() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    act(table, m[1], "A1");
    TableState checkpoint = saving.latest();
    // Played after the checkpoint; then the node dies and another restores the checkpoint.
    act(table, m[0], "H9");
    long beyond = m[0].lastSeq();
    assertTrue(beyond > checkpoint.seq(), "the lost move has a number past the checkpoint");

    Table again = restored(checkpoint, new ManualClock(checkpoint.savedAtMillis() + 1_000));
    // Bob comes back first: his return is news, numbered before Alice asks for what she missed.
    again.resume("bob", new RecordingMember("bob"), m[1].lastSeq());
    RecordingMember alice = new RecordingMember("alice");
    again.resume("alice", alice, beyond);
    Snapshot snapshot = alice.lastSnapshot();
    assertNotNull(snapshot, "a number from the lost moves gets a snapshot, never later events");
    assertEquals(List.of("H8", "A1"), snapshot.state().match().get("moves"));
    assertTrue(snapshot.seq() > beyond, "the restored numbers are past every lost one");

    // Black's move decided on the lost position is refused; decided on the snapshot, it applies.
    again.submit(alice, new Command.Act("alice", "late", "H10", beyond));
    assertEquals("stale", alice.lastRefused().code());
    act(again, alice, "H10");
    assertTrue(
        saving.latest().match().endsWith("|H8 A1 H10"),
        "the game goes on from the checkpoint: " + saving.latest().match());
  }

  @Test
  void aRestoredTableContinuesWithTheSameSequencePositionAndAnswers() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    String firstMove = act(table, m[0], "H8");
    act(table, m[1], "A1");
    act(table, m[0], "H9");
    TableState state = saving.latest();
    long seq = m[0].lastSeq();

    ManualClock later = new ManualClock(state.savedAtMillis() + 30_000);
    Table again = restored(state, later);
    RecordingMember alice = new RecordingMember("alice");
    again.resume("alice", alice, seq);
    // Even a client that saw exactly the checkpoint gets a snapshot: the restored table numbers on
    // from the checkpoint plus the jump, so no number it sends names an event lost in the crash.
    Snapshot fresh = alice.lastSnapshot();
    assertNotNull(fresh, "a resume of a restored table gets a snapshot");
    assertEquals(seq + EventLog.RESTORE_JUMP, fresh.seq(), "the checkpoint's number plus the jump");
    assertEquals("online", alice.updates().get(0).kind(), "then the news");
    assertEquals(fresh.seq() + 1, alice.updates().get(0).seq(), "on from the snapshot, no gap");

    RecordingMember bob = new RecordingMember("bob");
    again.resume("bob", bob, 0);
    Snapshot snapshot = bob.lastSnapshot();
    assertNotNull(snapshot, "an old resume gets a snapshot");
    assertEquals(List.of("H8", "A1", "H9"), snapshot.state().match().get("moves"));
    assertEquals(1, snapshot.state().yourSeat());

    // A command id answered before the restart is answered the same and not applied again.
    again.submit(alice, new Command.Act("alice", firstMove, "H8", 0));
    TableOutput.Ack repeat = alice.ackTo(firstMove);
    assertTrue(repeat.seq() < seq, "the old answer: " + repeat);

    act(again, bob, "A2");
    act(again, alice, "H10");
    assertEquals(
        List.of("H8", "A1", "H9", "A2", "H10"),
        saving
            .latest()
            .match()
            .split("\\|")[3]
            .lines()
            .flatMap(l -> List.of(l.split(" ")).stream())
            .toList());
  }

  @Test
  void aMatchFinishedAfterARestoreIsRecordedWithItsWholeMoveLogAndSeed() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    act(table, m[1], "A1");
    TableState state = saving.latest();
    assertEquals(2, state.moveLog().size(), "the move log travels in the snapshot");

    Table again = restored(state, new ManualClock(state.savedAtMillis() + 5_000));
    RecordingMember alice = new RecordingMember("alice");
    RecordingMember bob = new RecordingMember("bob");
    again.resume("alice", alice, 0);
    again.resume("bob", bob, 0);
    act(again, alice, "H9");
    again.submit(bob, new Command.Resign("bob", "give-up"));

    assertEquals(1, saving.ended.size(), "the match ended once, after the restore");
    MatchRecord record = saving.ended.get(0);
    assertEquals(
        List.of("H8", "A1", "H9"), record.moves().stream().map(MatchRecord.Move::action).toList());
    assertEquals(List.of(0, 1, 0), record.moves().stream().map(MatchRecord.Move::seat).toList());
    assertEquals(
        state.matchSeedHex(), record.seedHex(), "the seed the match started from survives");
    assertEquals(64, record.seedHex().length());
  }

  @Test
  void theTurnOfAPlayerWhoIsNotBackWaitsAndTheGraceWindowStillApplies() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    TableState state = saving.latest();
    assertEquals(1, state.turnSeat());

    ManualClock later = new ManualClock(state.savedAtMillis() + 60_000);
    Table again = restored(state, later);
    RecordingMember alice = new RecordingMember("alice");
    again.resume("alice", alice, state.seq());
    // Longer than the turn time plus the trustee delay: nobody plays for bob while he cannot be
    // back yet.
    later.advance(settings.turnTime().toMillis() + 5_000);
    assertTrue(alice.updates("move").isEmpty(), "no 托管 move for a seat the server kept waiting");

    RecordingMember bob = new RecordingMember("bob");
    again.resume("bob", bob, state.seq());
    TableOutput.Update clock = alice.lastClock(1);
    long left = ((Number) clock.data().get("deadline")).longValue() - later.nowMillis();
    assertTrue(
        left > settings.turnTime().toMillis() - 1_000,
        "bob's turn runs from his return: " + left + " ms left");

    // Alice leaves for good now: her seat is abandoned when her grace runs out, and the match ends.
    again.disconnected("alice", alice);
    act(again, bob, "A1");
    later.advance(settings.reconnectGrace().toMillis() + 1_000);
    TableOutput.Update result = bob.last("result");
    assertEquals("abandonment", result.data().get("reason"));
  }

  @Test
  void aPlayerWhoNeverReturnsAfterARestoreAbandons() {
    Table table = newTable();
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    ManualClock later = new ManualClock(saving.latest().savedAtMillis() + 1_000);
    Table again = restored(saving.latest(), later);
    RecordingMember alice = new RecordingMember("alice");
    again.resume("alice", alice, 0);
    later.advance(settings.reconnectGrace().toMillis() + 1);
    assertEquals("abandonment", alice.last("result").data().get("reason"));
    assertEquals(List.of(0), alice.last("result").data().get("winners"));
  }

  @Test
  void aDouDizhuHandComesBackWithEveryHiddenHandAndTheCommitment() {
    GameRules doudizhu = Games.catalog().find("doudizhu").orElseThrow();
    TableSpec spec = new TableSpec("t3", doudizhu, Map.of(), 3, false, true);
    Table table =
        new Table(spec, settings, new TableRuntime(Runnable::run, clock, Runnable::run), saving);
    List<String> players = List.of("ann", "bob", "cy");
    List<RecordingMember> members = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      RecordingMember m = new RecordingMember(players.get(s));
      members.add(m);
      table.submit(m, new Command.Sit(players.get(s), "s", players.get(s), s));
    }
    members.forEach(m -> table.submit(m, new Command.Ready(m.playerId, "r", true)));
    // Two bids, so the restored hand is in the middle of its bidding.
    for (int i = 0; i < 2; i++) {
      RecordingMember toAct =
          members.get(((Number) view(table, members.get(0)).get("toAct")).intValue());
      table.submit(
          toAct,
          new Command.Act(toAct.playerId, "b" + i, i == 0 ? "bid 1" : "pass", Long.MAX_VALUE));
      toAct.appliedSeq("b" + i);
    }
    Table again = restored(saving.latest(), new ManualClock(clock.nowMillis()), doudizhu);
    for (RecordingMember m : members) {
      Map<String, Object> before = view(table, m);
      RecordingMember back = new RecordingMember(m.playerId);
      again.resume(m.playerId, back, 0);
      Map<String, Object> after = back.lastSnapshot().state().match();
      assertEquals(before, after, "the seat's own view, hand included, for " + m.playerId);
      assertNotNull(after.get("commitment"), "the published commitment is the same one");
    }
  }

  /**
   * The match as {@code m}'s player sees it now, through a resume that asks for a fresh snapshot.
   */
  private static Map<String, Object> view(Table table, RecordingMember m) {
    table.resume(m.playerId, m, Long.MAX_VALUE);
    return m.lastSnapshot().state().match();
  }

  @Test
  void aSuspendedTableTakesALastSnapshotAndAnswersBusyWithoutRememberingIt() throws Exception {
    Table table = newTable();
    RecordingMember[] m = play(table);
    act(table, m[0], "H8");
    clock.advance(4_000);
    table.suspend().get();
    assertEquals(4_000, saving.latest().turnElapsedMillis(), "the clock as of the suspension");
    long seq = saving.latest().seq();
    table.submit(m[1], new Command.Act("bob", "late", "A1", m[1].lastSeq()));
    assertEquals(TableError.BUSY.code(), m[1].lastRefused().code());
    table.disconnected("alice", m[0]);
    clock.advance(120_000);
    assertEquals(seq, saving.latest().seq(), "nothing changes after the suspension");

    Table again = restored(saving.latest(), new ManualClock(clock.nowMillis()));
    RecordingMember bob = new RecordingMember("bob");
    again.resume("bob", bob, seq);
    again.submit(bob, new Command.Act("bob", "late", "A1", seq));
    bob.appliedSeq("late");
  }
}
