package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Gapless resume: replay from the log while it reaches back far enough, a snapshot otherwise. */
class TableResumeTest {

  @Test
  void resumeReplaysExactlyWhatWasMissed() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    long bobSaw = m[1].lastSeq();
    f.table.disconnected("bob", m[1]);
    f.act(m[0], "add 1");
    List<Long> missed =
        m[0].updates().stream()
            .map(Update::seq)
            .filter(s -> s > bobSaw)
            .collect(Collectors.toList());

    RecordingMember bob = new RecordingMember("bob");
    f.table.resume("bob", bob, bobSaw);
    List<Long> replayed = bob.updates().stream().map(Update::seq).collect(Collectors.toList());
    long online = replayed.get(replayed.size() - 1);
    assertEquals(
        missed, replayed.subList(0, replayed.size() - 1), "replayed in order, nothing skipped");
    assertEquals("online", bob.updates().get(bob.updates().size() - 1).kind());
    assertEquals(m[0].lastSeq(), online, "alice sees bob come back at the same seq");
    assertTrue(bob.all().stream().noneMatch(o -> o instanceof Snapshot));
  }

  @Test
  void aResumeOlderThanTheLogGetsASnapshot() {
    TableFixture f = TableFixture.counting(TableSettings.defaults().withLogCapacity(3));
    RecordingMember[] m = f.started("alice", "bob");
    long bobSaw = m[1].lastSeq();
    f.table.disconnected("bob", m[1]);
    f.act(m[0], "add 1");
    f.send(m[0], new Command.Chat("alice", f.cid(), "one"));
    f.send(m[0], new Command.Chat("alice", f.cid(), "two"));
    f.send(m[0], new Command.Chat("alice", f.cid(), "three"));

    RecordingMember bob = new RecordingMember("bob");
    f.table.resume("bob", bob, bobSaw);
    Snapshot snapshot = (Snapshot) bob.all().get(0);
    assertEquals(
        m[0].lastSeq() - 1, snapshot.seq(), "state as of the last event before bob came back");
    assertEquals(1, snapshot.state().yourSeat());
    assertEquals(1, ((Number) snapshot.state().match().get("total")).intValue());
    assertEquals(
        false, snapshot.state().seats().get(1).online(), "taken before bob's online update");
    assertEquals("online", bob.updates().get(0).kind());
    assertEquals(snapshot.seq() + 1, bob.updates().get(0).seq());
  }

  @Test
  void aResumeThatIsUpToDateOnANewConnectionGetsOnlyItsOnline() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    RecordingMember alice = new RecordingMember("alice");
    // The old connection is not closed yet (in a cluster it may be on another node): the resume
    // still ends with online, the client's end of the replay.
    f.table.resume("alice", alice, m[0].lastSeq());
    assertEquals(
        List.of("online"),
        alice.updates().stream().map(Update::kind).collect(Collectors.toList()),
        "nothing missed, then the end of the replay: " + alice.all());
    assertEquals(m[0].lastSeq() + 1, alice.lastSeq());
    assertEquals("online", m[1].updates().get(m[1].updates().size() - 1).kind());
    assertTrue(m[0].updates("online").isEmpty(), "the replaced connection gets nothing more");
    String cid = f.cid();
    f.send(alice, new Command.Act("alice", cid, "add 1", m[0].lastSeq()));
    alice.appliedSeq(cid);
    assertTrue(m[0].updates("added").isEmpty(), "the old connection was replaced");
    assertEquals(1, alice.updates("added").size());
  }

  @Test
  void aStrangerCannotResume() {
    TableFixture f = TableFixture.counting();
    f.started("alice", "bob");
    RecordingMember eve = new RecordingMember("eve");
    f.table.resume("eve", eve, 0);
    assertEquals("not_member", eve.lastRefused().code());
  }

  @Test
  void aLateDisconnectOfAReplacedConnectionIsIgnored() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    RecordingMember bob = new RecordingMember("bob");
    f.table.resume("bob", bob, m[1].lastSeq());
    f.table.disconnected("bob", m[1]);
    assertTrue(m[0].updates("offline").isEmpty(), "bob is still here on his new connection");
  }
}
