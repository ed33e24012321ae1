package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared lobby state on three nodes in this JVM; and the single-node directory. */
class ClusterDirectoryTest {
  private static final Duration FORMS = Duration.ofSeconds(90);
  private static final Duration PURGES = Duration.ofSeconds(60);

  @Test
  void aTableAndItsCodeCreatedOnOneNodeAreSeenOnTheOthers() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      List<ClusterNode> nodes = List.of(cluster.start(0), cluster.start(1), cluster.start(2));
      for (ClusterNode n : nodes) {
        ClusterNodes.awaitView(n, v -> v.members().size() == 3, FORMS, "all three nodes");
      }
      ClusterDirectory a = ClusterDirectory.start(nodes.get(0));
      ClusterDirectory b = ClusterDirectory.start(nodes.get(1));
      ClusterDirectory c = ClusterDirectory.start(nodes.get(2));

      a.publish("t1", "{\"game\":\"gomoku\"}");
      c.publish("t3", "{\"game\":\"xiangqi\"}");
      assertEquals(
          Map.of(
              "t1", new HallDirectory.Listing("node0", "{\"game\":\"gomoku\"}"),
              "t3", new HallDirectory.Listing("node2", "{\"game\":\"xiangqi\"}")),
          b.tables(),
          "the lobby on node1 lists the tables of node0 and node2");

      assertTrue(a.reserveCode("123456", "t1"));
      assertFalse(c.reserveCode("123456", "t3"), "a code is unique across the cluster");
      assertEquals(
          Optional.of(new HallDirectory.Location("t1", "node0")),
          b.resolveCode("123456"),
          "a private code made on node0 resolves on node1 to node0's table");

      a.online("alice");
      assertEquals(Optional.of("node0"), c.presence("alice"));
      b.online("alice");
      a.offline("alice");
      assertEquals(
          Optional.of("node1"), c.presence("alice"), "a stale offline keeps newer presence");

      // node0 crashes: the new coordinator (node1) drops node0's soft state; node2's stays.
      BlockingQueue<ClusterView> purges = new LinkedBlockingQueue<>();
      b.afterPurge(purges::add);
      ClusterNodes.isolate(nodes.get(0));
      long end = System.nanoTime() + PURGES.toNanos();
      ClusterView purgedView;
      do {
        purgedView = purges.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (purgedView == null) {
          throw new AssertionError("node1 ran no purge without node0 within " + PURGES);
        }
      } while (purgedView.members().contains("node0"));
      assertFalse(c.tables().containsKey("t1"), "the lost node's table is no longer listed");
      assertEquals(Optional.empty(), c.resolveCode("123456"), "nor its code");
      assertTrue(c.tables().containsKey("t3"), "the survivors' tables stay listed");
      assertEquals(Optional.of("node1"), c.presence("alice"));

      // The new owner of t1 publishes it again.
      b.publish("t1", "{\"game\":\"gomoku\"}");
      assertEquals("node1", c.tables().get("t1").node());
      b.unpublish("t1");
      assertFalse(c.tables().containsKey("t1"));
    }
  }

  @Test
  void theLocalDirectoryServesASingleNode() {
    LocalDirectory local = new LocalDirectory("solo");
    local.publish("t1", "s");
    assertEquals(Map.of("t1", new HallDirectory.Listing("solo", "s")), local.tables());
    assertTrue(local.reserveCode("000001", "t1"));
    assertFalse(local.reserveCode("000001", "t2"));
    assertEquals(
        Optional.of(new HallDirectory.Location("t1", "solo")), local.resolveCode("000001"));
    local.releaseCode("000001");
    assertEquals(Optional.empty(), local.resolveCode("000001"));
    local.online("bob");
    assertEquals(Optional.of("solo"), local.presence("bob"));
    local.offline("bob");
    assertEquals(Optional.empty(), local.presence("bob"));
  }
}
