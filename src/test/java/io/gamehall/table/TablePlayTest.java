package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Ack;
import io.gamehall.table.TableOutput.Refused;
import io.gamehall.table.TableOutput.Update;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Acting: sequence numbers, refusals, repeated command ids, stale actions and the busy bound. */
class TablePlayTest {

  @Test
  void actionsProduceGaplessSequencedUpdatesForEveryone() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 3");
    f.act(m[1], "add 2");
    for (RecordingMember member : m) {
      List<Long> seqs = member.updates().stream().map(Update::seq).collect(Collectors.toList());
      long first = seqs.get(0);
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(first + i, seqs.get(i), member.playerId + " saw a gap: " + seqs);
      }
    }
    assertEquals(Map.of("seat", 1, "n", 2, "total", 5), m[0].game("added"));
    Update answer = (Update) m[1].last();
    assertEquals("added", answer.kind(), "the move's own event answers the mover");
    assertEquals(m[1].lastSeq(), answer.seq(), "the answer is the last update the command caused");
    assertEquals(m[0].lastSeq(), m[1].lastSeq());
  }

  @Test
  void theGamesOwnRejectionIsPassedOnAndChangesNothing() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    long before = m[0].lastSeq();
    f.send(m[0], new Command.Act("alice", "bad", "add 7", before));
    Refused refused = m[0].lastRefused();
    assertEquals("out_of_range", refused.code());
    assertEquals("bad", refused.cid());
    assertEquals(before, m[1].lastSeq(), "bob saw nothing");
    f.act(m[0], "add 1");
  }

  @Test
  void onlyTheSeatToActMayAct() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[1], new Command.Act("bob", "b1", "add 1", m[1].lastSeq()));
    assertEquals("not_your_turn", m[1].lastRefused().code());
    RecordingMember stranger = new RecordingMember("eve");
    f.send(stranger, new Command.Act("eve", "e1", "add 1", 99));
    assertEquals("not_seated", stranger.lastRefused().code());
  }

  @Test
  void anActBasedOnAnOldStateIsStale() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    long aliceSaw = m[0].lastSeq();
    f.act(m[0], "add 1");
    long bobSaw = m[1].lastSeq();
    f.act(m[1], "add 1");
    f.send(m[0], new Command.Act("alice", "old", "add 1", aliceSaw));
    assertEquals("stale", m[0].lastRefused().code());
    assertTrue(bobSaw > aliceSaw);
    // Chat is not a change of the game: acting on a sequence number from before a chat line is
    // fine.
    long current = m[0].lastSeq();
    f.send(m[1], new Command.Chat("bob", "hi", "hello"));
    f.send(m[0], new Command.Act("alice", "fresh", "add 1", current));
    assertEquals("fresh", ((Update) m[0].last()).re());
  }

  @Test
  void aRepeatedCommandIdIsAnsweredTheSameAndAppliedOnce() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    Command.Act act = new Command.Act("alice", "dup", "add 2", m[0].lastSeq());
    f.send(m[0], act);
    Update first = (Update) m[0].last();
    assertEquals("dup", first.re(), "the move's event answers it");
    int updatesBefore = m[1].updates().size();
    int aliceUpdatesBefore = m[0].updates().size();
    f.send(m[0], act);
    // The event has passed: a resend is answered with an ack naming the seq it was applied at.
    assertEquals(new Ack("t1", "dup", first.seq()), m[0].lastAck(), "answered again");
    f.send(m[0], act);
    assertEquals(new Ack("t1", "dup", first.seq()), m[0].lastAck(), "the very same ack again");
    assertEquals(updatesBefore, m[1].updates().size(), "applied once");
    assertEquals(aliceUpdatesBefore, m[0].updates().size(), "no event repeated for the mover");
    assertEquals(Map.of("seat", 0, "n", 2, "total", 2), m[1].game("added"));

    f.send(m[1], new Command.Act("bob", "r", "add 9", m[1].lastSeq()));
    Refused refused = m[1].lastRefused();
    f.send(m[1], new Command.Act("bob", "r", "add 1", m[1].lastSeq()));
    assertEquals(
        refused, m[1].lastRefused(), "a repeated refused cid is refused the same way, not retried");
  }

  @Test
  void aFullQueueRefusesBusyWithoutBlocking() {
    ManualExecutor executor = new ManualExecutor();
    TableFixture f =
        new TableFixture(
            new CountingGame(),
            2,
            false,
            TableSettings.defaults().withQueueCapacity(2),
            executor,
            Runnable::run,
            Map.of());
    RecordingMember alice = new RecordingMember("alice");
    assertTrue(f.table.submit(alice, new Command.Sit("alice", "a1", "Alice", 0)));
    assertTrue(f.table.submit(alice, new Command.Ready("alice", "a2", true)));
    assertFalse(f.table.submit(alice, new Command.Chat("alice", "a3", "hi")));
    Refused busy = alice.lastRefused();
    assertEquals(new Refused("t1", "a3", "busy", busy.message()), busy);

    executor.runAll();
    assertEquals(new Ack("t1", "a2", 2), alice.lastAck());
    // Busy was not remembered: the same cid goes through once there is room.
    assertTrue(f.table.submit(alice, new Command.Chat("alice", "a3", "hi")));
    executor.runAll();
    assertEquals("a3", alice.lastAck().cid());
    assertEquals("hi", alice.last("chat").data().get("text"));
  }

  @Test
  void aFailingGameIsAnsweredWithAnInternalErrorAndTheTableGoesOn() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.Act("alice", "boom", "explode", m[0].lastSeq()));
    assertEquals("internal_error", m[0].lastRefused().code());
    f.act(m[0], "add 1");
  }

  @Test
  void theMatchEndsWhenTheRulesSaySo() {
    TableFixture f =
        new TableFixture(
            new CountingGame(),
            2,
            false,
            TableSettings.defaults(),
            Runnable::run,
            Runnable::run,
            Map.of("target", "3"));
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 3");
    Update result = m[1].last("result");
    assertEquals(List.of(0), result.data().get("winners"));
    assertEquals(Map.of("0", 1, "1", -1), result.data().get("points"));
    assertEquals("win", result.data().get("reason"));
    assertEquals("target", result.data().get("detail"));
    assertEquals(Phase.FINISHED, f.table.summary().phase());
    f.send(m[1], new Command.Act("bob", "late", "add 1", m[1].lastSeq()));
    assertEquals("game_over", m[1].lastRefused().code());
    assertEquals(1, f.listener.matches.size());
    MatchRecord record = f.listener.matches.get(0);
    assertEquals(List.of("alice", "bob"), record.players());
    assertEquals(List.of(0), record.result().winners());
    assertEquals(
        List.of("add 3"),
        record.moves().stream().map(MatchRecord.Move::action).toList(),
        "the move log");
    assertEquals(0, record.moves().get(0).seat());
    assertEquals(64, record.seedHex().length(), "the 32-byte seed, hex, to replay the match");
    assertEquals(-1, record.abandonedBy());
    assertEquals(0, f.clock.pendingTimers(), "no turn timer outlives the match");
  }
}
