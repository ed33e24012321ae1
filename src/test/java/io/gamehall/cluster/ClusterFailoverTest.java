package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.DatabaseSnapshotStore;
import io.gamehall.store.snapshot.SnapshotStore;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The fast tier of cluster mode: three nodes in this JVM on loopback (JGroups TCP, TCPPING,
 * authentication and encryption as in production), one shared database.
 */
class ClusterFailoverTest {
  private static final Duration FORMS = Duration.ofSeconds(60);
  private static final Duration DETECTS = Duration.ofSeconds(60);
  private static final int TABLES = 12;

  @Test
  void whenTheOwnerCrashesExactlyOneSurvivorClaimsEachTable() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      ClusterNode a = cluster.start(0);
      ClusterNode b = cluster.start(1);
      ClusterNode c = cluster.start(2);
      for (ClusterNode n : List.of(a, b, c)) {
        ClusterNodes.awaitView(n, v -> v.members().size() == 3, FORMS, "all three nodes");
        assertTrue(n.canAcceptMoves(), n.name() + " accepts moves in a full cluster");
      }
      List<String> tables = new ArrayList<>();
      for (int t = 0; t < TABLES; t++) {
        String id = "t" + t;
        assertEquals(new OwnerFence("node0", 1), a.ownership().register(id, "node0"));
        cluster.storeSnapshot(id, 10 + t);
        tables.add(id);
      }

      ClusterNodes.isolate(a);
      ClusterNodes.awaitView(
          b, v -> !v.members().contains("node0"), DETECTS, "node0 leave the view");
      ClusterNodes.awaitView(
          c, v -> !v.members().contains("node0"), DETECTS, "node0 leave the view");
      cluster.awaitAdoptions(TABLES, DETECTS);

      List<String> heirs = new ArrayList<>();
      for (String id : tables) {
        OwnerFence owner = b.ownership().owner(id).orElseThrow();
        assertEquals(2, owner.epoch(), id + " claimed once: epoch 1 + 1");
        assertTrue(Set.of("node1", "node2").contains(owner.node()), id + " owned by a survivor");
        assertEquals(
            List.of(owner.node() + "@2"),
            cluster.adoptions.get(id),
            id + " adopted (restored) exactly once, by its new owner");
        heirs.add(owner.node());
      }
      assertEquals(List.of(), cluster.adoptionsWithoutSnapshot, "every claim found its snapshot");
      assertTrue(
          heirs.contains("node1") && heirs.contains("node2"),
          "the lost node's tables spread over both survivors: " + heirs);
      assertTrue(b.canAcceptMoves() && c.canAcceptMoves(), "two of three keep the quorum");
    }
  }

  @Test
  void aPartitionedOwnerFreezesAndItsWritesAreRefused() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      ClusterNode a = cluster.start(0);
      ClusterNode b = cluster.start(1);
      ClusterNode c = cluster.start(2);
      for (ClusterNode n : List.of(a, b, c)) {
        ClusterNodes.awaitView(n, v -> v.members().size() == 3, FORMS, "all three nodes");
      }
      OwnerFence old = a.ownership().register("p1", "node0");
      cluster.storeSnapshot("p1", 5);
      try (Connection conn = cluster.db.getConnection()) {
        assertEquals(
            Set.of(),
            DatabaseSnapshotStore.writeFenced(
                conn, List.of(saved("p1", 6)), List.of(), Map.of("p1", old)),
            "the owner writes while it owns the table");
      }
      assertEquals(6, cluster.snapshotSeq("p1"));

      ClusterNodes.isolate(a);
      ClusterNodes.awaitView(a, v -> !v.quorate(), DETECTS, "itself alone, without the quorum");
      assertFalse(a.canAcceptMoves(), "the minority side stops accepting moves");
      cluster.awaitAdoptions(1, DETECTS);
      OwnerFence now = b.ownership().owner("p1").orElseThrow();
      assertEquals(2, now.epoch(), "the majority side claimed the table once");
      assertEquals(
          List.of(now.node() + "@2"), cluster.adoptions.get("p1"), "restored once, at seq 6");

      try (Connection conn = cluster.db.getConnection()) {
        assertEquals(
            Set.of("p1"),
            DatabaseSnapshotStore.writeFenced(
                conn, List.of(saved("p1", 7)), List.of("p1"), Map.of("p1", old)),
            "the old owner's write and delete are refused by the fence");
      }
      assertEquals(6, cluster.snapshotSeq("p1"), "the old owner's state did not land");
      assertTrue(a.ownership().claim("p1", old, "node0").isEmpty(), "nor can it claim back");
      try (Connection conn = cluster.db.getConnection()) {
        assertEquals(
            Set.of(),
            DatabaseSnapshotStore.writeFenced(
                conn, List.of(saved("p1", 7)), List.of(), Map.of("p1", now)),
            "the new owner writes under its epoch");
      }
      assertEquals(7, cluster.snapshotSeq("p1"));
      assertTrue(b.canAcceptMoves() && c.canAcceptMoves(), "the majority side goes on");
    }
  }

  @Test
  void aNodeWithTheWrongSecretIsRefusedAndSaysWhy() throws Exception {
    List<String> refusals = new CopyOnWriteArrayList<>();
    Logger authLog = Logger.getLogger(ClusterAuth.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            refusals.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    authLog.addHandler(capture);
    try (ClusterNodes cluster = new ClusterNodes(2)) {
      ClusterNode a = cluster.start(0);
      Map<String, String> foreign = cluster.settings(1, "another-secret-0123456789");
      ClusterRefusedException refused =
          assertThrows(ClusterRefusedException.class, () -> cluster.start(foreign));
      assertTrue(
          refused.getMessage().contains("node1")
              && refused.getMessage().contains("wrong cluster secret"),
          refused.getMessage());
      assertEquals(List.of("node0"), a.view().members(), "the foreign node never joined");
      assertTrue(
          refusals.stream()
              .anyMatch(
                  r ->
                      r.startsWith("WARNING refused node node1")
                          && r.contains("wrong cluster secret")),
          "the member that refused it logs why: " + refusals);
      assertTrue(
          refusals.stream()
              .anyMatch(
                  r ->
                      r.startsWith("SEVERE this node (node1")
                          && r.contains("wrong cluster secret")),
          "the refused node logs why: " + refusals);
    } finally {
      authLog.removeHandler(capture);
    }
  }

  private static SnapshotStore.Saved saved(String tableId, long seq) {
    return new SnapshotStore.Saved(tableId, "gomoku", seq, null, seq, new byte[] {(byte) seq});
  }
}
