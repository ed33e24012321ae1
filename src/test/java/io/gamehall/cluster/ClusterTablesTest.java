package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.ClusterTables;
import io.gamehall.table.Command;
import io.gamehall.table.MatchRecord;
import io.gamehall.table.Table;
import io.gamehall.table.TableMember;
import io.gamehall.table.TableOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The table layer on cluster ownership, three nodes in this JVM: real tables playing Gomoku, fenced
 * snapshot writes and match records, failover adoption, the quorum gate, drain and the restart's
 * choice of tables.
 */
class ClusterTablesTest {
  private static final Duration FORMS = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MATCHES = "SELECT recorded_by FROM test_match WHERE table_id = ?";
  private static final String RATINGS =
      "SELECT r.player_id FROM test_rating_change r JOIN test_match m ON m.match_id = r.match_id"
          + " WHERE m.table_id = ? ORDER BY r.player_id";

  @Test
  void aCrashedOwnersTableGoesOnAtOneSurvivorAndItsMatchIsRecordedOnce() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      ClusterTableHost.createRecordTables(cluster.db);
      ClusterTableHost h0 = ClusterTableHost.start(cluster, 0);
      ClusterTableHost h1 = ClusterTableHost.start(cluster, 1);
      ClusterTableHost h2 = ClusterTableHost.start(cluster, 2);
      for (ClusterTableHost h : List.of(h0, h1, h2)) {
        ClusterNodes.awaitView(h.node, v -> v.members().size() == 3, FORMS, "all three nodes");
      }
      Table table = h0.create("g1");
      assertEquals(
          new OwnerFence("node0", 1), h0.node.ownership().owner("g1").orElseThrow(), "registered");
      Player alice = new Player("alice", "first");
      Player bob = new Player("bob", "first");
      alice.sitAndReady(table, 0);
      bob.sitAndReady(table, 1);
      for (int i = 1; i <= 3; i++) {
        alice.move(table, "H" + i);
        bob.move(table, "A" + i);
      }
      assertTrue(h0.writer.flush("g1"), "the owner's checkpoint is written under its fence");
      long savedSeq = cluster.storedSnapshot("g1").orElseThrow().seq();

      ClusterNodes.isolate(h0.node);
      ClusterNodes.awaitView(h0.node, v -> !v.quorate(), WAIT, "itself alone");
      // The quorum gate: the cut-off owner applies no move, with a typed, retryable refusal.
      TableOutput refused = alice.send(table, new Command.Act("alice", "gate", "H4", 1L << 40));
      assertEquals("no_quorum", assertInstanceOf(TableOutput.Refused.class, refused).code());

      String adoption = awaitAdoption(List.of(h1, h2));
      ClusterTableHost heir = h1.tables.containsKey("g1") ? h1 : h2;
      assertEquals("g1@2", adoption, "claimed once, epoch 1 + 1");
      OwnerFence row = h1.node.ownership().owner("g1").orElseThrow();
      assertEquals(new OwnerFence(heir.node.name(), 2), row);
      ClusterTableHost other = heir == h1 ? h2 : h1;
      assertFalse(other.tables.containsKey("g1"), "the other survivor did not adopt it");
      assertTrue(other.adopted.isEmpty(), "nor restore it: " + other.adopted);

      // Both players resume at the new owner, at the last checkpoint, and the game goes on.
      Table moved = heir.tables.get("g1");
      Player alice2 = new Player("alice", "again");
      Player bob2 = new Player("bob", "again");
      TableOutput.Snapshot restored = alice2.resume(moved);
      assertTrue(restored.seq() >= savedSeq, "restored at the last checkpoint written");
      bob2.resume(moved);
      alice2.move(moved, "H4");
      bob2.move(moved, "A4");
      alice2.move(moved, "H5");
      MatchRecord record = heir.ended.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(record != null, "the match ended at the new owner");
      assertEquals(List.of(0), record.result().winners(), "alice's five in a row won");
      assertEquals(
          List.of("H1", "A1", "H2", "A2", "H3", "A3", "H4", "A4", "H5"),
          record.moves().stream().map(MatchRecord.Move::action).toList(),
          "the restored state held every move played before the crash");
      assertEquals("g1", heir.recorded.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "recorded");

      // node0's late writes: its snapshot, then its record of the match, refused by the fence.
      table.suspend().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      h0.writer.flush("g1");
      assertEquals(List.of(), List.copyOf(h0.owned.tables()), "node0 lost the table");
      assertFalse(h0.tables.containsKey("g1"), "and dropped its actor");
      TableOutput told =
          alice.await(o -> o instanceof TableOutput.Refused r && r.cid() == null, "moved");
      assertEquals("moved", ((TableOutput.Refused) told).code(), "its member is told to go");
      assertFalse(h0.record(record, new OwnerFence("node0", 1)), "node0's record is refused");
      assertEquals(
          List.of(new OwnerFence(heir.node.name(), 2).toString()),
          ClusterTableHost.rows(cluster.db, MATCHES, "g1"),
          "recorded exactly once, by the new owner");
      assertEquals(
          List.of("alice", "bob"),
          ClusterTableHost.rows(cluster.db, RATINGS, "g1"),
          "one rating change per player");
      assertTrue(cluster.storedSnapshot("g1").isEmpty(), "the finished match's snapshot is gone");
      h0.close();
      h1.close();
      h2.close();
    }
  }

  @Test
  void aDrainMovesLiveTablesAndARestartRunsOnlyItsOwn() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      ClusterTableHost.createRecordTables(cluster.db);
      ClusterTableHost h0 = ClusterTableHost.start(cluster, 0);
      ClusterTableHost h1 = ClusterTableHost.start(cluster, 1);
      ClusterTableHost h2 = ClusterTableHost.start(cluster, 2);
      for (ClusterTableHost h : List.of(h0, h1, h2)) {
        ClusterNodes.awaitView(h.node, v -> v.members().size() == 3, FORMS, "all three nodes");
      }

      // A restarting node1 picks, of the stored snapshots, only the tables whose row names it.
      h1.owned.register("r1");
      h2.owned.register("r2");
      OwnerFence r3 = h1.owned.register("r3");
      assertTrue(h2.node.ownership().claim("r3", r3, "node2").isPresent(), "node2 claimed r3");
      h1.owned.register("r4");
      for (String id : List.of("r1", "r2", "r3")) {
        cluster.storeSnapshot(id, 3);
      }
      assertEquals(
          Map.of("r1", new OwnerFence("node1", 1)),
          h1.owned.ownSnapshots(List.of("r1", "r2", "r3")),
          "only its own table with a snapshot; r3 was claimed meanwhile");
      assertTrue(h1.node.ownership().owner("r4").isEmpty(), "its row without a snapshot released");
      assertEquals(new OwnerFence("node2", 2), h1.node.ownership().owner("r3").orElseThrow());

      Table table = h0.create("d1");
      Player alice = new Player("alice", "first");
      Player bob = new Player("bob", "first");
      alice.sitAndReady(table, 0);
      bob.sitAndReady(table, 1);
      alice.move(table, "H1");
      bob.move(table, "A1");
      alice.move(table, "H2");
      bob.move(table, "A2");

      ClusterTables.Drained drained =
          ClusterTables.handOffAll(
              h0.owned, h0.node, h0.writer, h0::find, h0.tables::remove, h0.writer::release);
      assertEquals(new ClusterTables.Drained(1, 0, 0), drained);
      assertFalse(h0.tables.containsKey("d1"), "the drained node dropped its actor");
      // A move that arrives during the hand-off is refused busy (retryable) and not remembered.
      TableOutput busy = alice.send(table, new Command.Act("alice", "late", "H3", 1L << 40));
      assertEquals("busy", assertInstanceOf(TableOutput.Refused.class, busy).code());

      String adoption = awaitAdoption(List.of(h1, h2));
      assertEquals("d1@2", adoption, "the row moved with epoch + 1");
      ClusterTableHost heir = h1.tables.containsKey("d1") ? h1 : h2;
      assertEquals(
          new OwnerFence(heir.node.name(), 2), h0.node.ownership().owner("d1").orElseThrow());

      Table moved = heir.tables.get("d1");
      Player alice2 = new Player("alice", "again");
      Player bob2 = new Player("bob", "again");
      alice2.resume(moved);
      bob2.resume(moved);
      // The refused move resent with its id is applied: nothing was lost.
      TableOutput resent = alice2.send(moved, new Command.Act("alice", "late", "H3", 1L << 40));
      assertInstanceOf(TableOutput.Update.class, resent, "the resent move is applied: " + resent);
      bob2.move(moved, "A3");
      alice2.move(moved, "H4");
      bob2.move(moved, "A4");
      alice2.move(moved, "H5");
      MatchRecord record = heir.ended.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(record != null, "the match ended at the new owner");
      assertEquals(
          List.of("H1", "A1", "H2", "A2", "H3", "A3", "H4", "A4", "H5"),
          record.moves().stream().map(MatchRecord.Move::action).toList(),
          "every move, from both nodes, in order");
      assertEquals("d1", heir.recorded.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "recorded");
      assertEquals(1, ClusterTableHost.rows(cluster.db, MATCHES, "d1").size(), "once");
      h0.close();
      h1.close();
      h2.close();
    }
  }

  private static String awaitAdoption(List<ClusterTableHost> hosts) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      for (ClusterTableHost h : hosts) {
        String a = h.adopted.poll(50, TimeUnit.MILLISECONDS);
        if (a != null) {
          return a;
        }
      }
    }
    throw new AssertionError("no node adopted the table within " + WAIT);
  }

  /** A client of one table: what it receives, in order. */
  private static final class Player implements TableMember {
    final String id;
    final BlockingQueue<TableOutput> received = new LinkedBlockingQueue<>();
    private final String connection;
    private int cids;

    /** {@code connection} names this connection: a new one must not reuse the old one's ids. */
    Player(String id, String connection) {
      this.id = id;
      this.connection = connection;
    }

    @Override
    public void deliver(TableOutput out) {
      received.add(out);
    }

    void sitAndReady(Table table, int seat) throws InterruptedException {
      assertInstanceOf(
          TableOutput.Ack.class, send(table, new Command.Sit(id, cid(), id.toUpperCase(), seat)));
      assertInstanceOf(TableOutput.Ack.class, send(table, new Command.Ready(id, cid(), true)));
    }

    void move(Table table, String action) throws InterruptedException {
      TableOutput answer = send(table, new Command.Act(id, cid(), action, 1L << 40));
      assertInstanceOf(TableOutput.Update.class, answer, id + " " + action + ": " + answer);
    }

    TableOutput.Snapshot resume(Table table) throws InterruptedException {
      table.resume(id, this, 0);
      return (TableOutput.Snapshot) await(o -> o instanceof TableOutput.Snapshot, "a snapshot");
    }

    TableOutput send(Table table, Command command) throws InterruptedException {
      String cid = command.cid();
      table.submit(this, command);
      return await(
          o ->
              (o instanceof TableOutput.Ack a && cid.equals(a.cid()))
                  || (o instanceof TableOutput.Refused r && cid.equals(r.cid()))
                  || (o instanceof TableOutput.Update u && cid.equals(u.re())),
          "the answer to " + cid);
    }

    TableOutput await(Predicate<TableOutput> wanted, String what) throws InterruptedException {
      long end = System.nanoTime() + WAIT.toNanos();
      while (true) {
        TableOutput next = received.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new AssertionError(id + " did not get " + what + " within " + WAIT);
        }
        if (wanted.test(next)) {
          return next;
        }
      }
    }

    private String cid() {
      return id + "-" + connection + "-" + (++cids);
    }
  }
}
