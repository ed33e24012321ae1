package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gamehall.table.TableOutput.Refused;
import io.gamehall.table.TableOutput.Update;
import org.junit.jupiter.api.Test;

/** What a table does in a cluster: the quorum gate, and freezing when another node owns it. */
class TableClusterTest {
  @Test
  void withoutAQuorumNothingIsAppliedAndTheSameIdAppliesOnceItIsBack() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    long before = m[0].lastSeq();
    f.quorum.set(false);
    Command.Act act = new Command.Act("alice", "q1", "add 2", before);
    f.send(m[0], act);
    Refused refused = m[0].lastRefused();
    assertEquals("no_quorum", refused.code());
    assertEquals("q1", refused.cid());
    f.send(m[1], new Command.Chat("bob", "q2", "hello"));
    assertEquals("no_quorum", m[1].lastRefused().code(), "every command is gated, not only moves");
    assertEquals(before, m[0].lastSeq(), "nothing was applied");

    f.quorum.set(true);
    f.send(m[0], act);
    Update applied = assertInstanceOf(Update.class, m[0].last(), "the same id applies now");
    assertEquals("q1", applied.re());
  }

  @Test
  void aFrozenTableTellsEveryMemberMovedAndAppliesNothingMore() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    RecordingMember carol = f.spectator("carol");
    f.table.freeze();
    for (RecordingMember member : new RecordingMember[] {m[0], m[1], carol}) {
      Refused told = member.lastRefused();
      assertEquals("moved", told.code(), member.playerId + " is told the table moved");
      assertNull(told.cid(), "unsolicited");
    }
    long seq = m[0].lastSeq();
    f.send(m[0], new Command.Act("alice", "late", "add 1", seq));
    Refused late = m[0].lastRefused();
    assertEquals("moved", late.code());
    assertEquals("late", late.cid());
    assertEquals(seq, m[0].lastSeq(), "nothing applied");
  }
}
