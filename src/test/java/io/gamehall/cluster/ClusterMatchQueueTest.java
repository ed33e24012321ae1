package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamehall.matching.MatchMaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One matchmaker for the cluster, on the coordinator; its tickets survive the loss of its node. */
class ClusterMatchQueueTest {
  private static final Duration FORMS = Duration.ofSeconds(90);
  private static final Duration MATCHES = Duration.ofSeconds(60);

  /** No bot fill within the test: every group is a full one. */
  private static final MatchMaker.Policy POLICY =
      new MatchMaker.Policy(100, 25, 1000, Duration.ofDays(1));

  private final AtomicLong clock = new AtomicLong(1_000_000);

  /** Groups each node heard of, by node name. */
  private final Map<String, List<ClusterMatchQueue.Formed>> heard = new HashMap<>();

  private ClusterMatchQueue queue(ClusterNode node) {
    return ClusterMatchQueue.start(
        node,
        POLICY,
        clock::get,
        formed -> {
          synchronized (heard) {
            heard.computeIfAbsent(node.name(), k -> new ArrayList<>()).add(formed);
            heard.notifyAll();
          }
        });
  }

  /** Waits until {@code node} heard {@code count} groups; returns them. */
  private List<ClusterMatchQueue.Formed> awaitHeard(String node, int count)
      throws InterruptedException {
    long end = System.nanoTime() + MATCHES.toNanos();
    synchronized (heard) {
      while (heard.getOrDefault(node, List.of()).size() < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              node + " heard fewer than " + count + " groups within " + MATCHES + ": " + heard);
        }
        TimeUnit.NANOSECONDS.timedWait(heard, left);
      }
      return List.copyOf(heard.get(node));
    }
  }

  private static Set<String> players(ClusterMatchQueue.Formed formed) {
    Set<String> ids = new TreeSet<>();
    formed.group().players().forEach(t -> ids.add(t.playerId()));
    return ids;
  }

  @Test
  void ticketsSurviveTheMatchmakersNode() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      List<ClusterNode> nodes = List.of(cluster.start(0), cluster.start(1), cluster.start(2));
      for (ClusterNode n : nodes) {
        ClusterNodes.awaitView(n, v -> v.members().size() == 3, FORMS, "all three nodes");
      }
      ClusterMatchQueue q0 = queue(nodes.get(0));
      ClusterMatchQueue q1 = queue(nodes.get(1));
      ClusterMatchQueue q2 = queue(nodes.get(2));
      assertEquals("node0", nodes.get(0).view().members().get(0), "node0 is the matchmaker");

      // Two players on two nodes meet in one group, hosted by the longer-waiting one's node.
      q0.enqueue("quinn", "gomoku", 2, 1500);
      clock.addAndGet(1000);
      q2.enqueue("rosa", "gomoku", 2, 1520);
      for (String n : List.of("node0", "node1", "node2")) {
        List<ClusterMatchQueue.Formed> groups = awaitHeard(n, 1);
        assertEquals(Set.of("quinn", "rosa"), players(groups.get(0)), n);
        assertEquals("node0", groups.get(0).host(), "placed on the first player's node");
      }
      assertEquals(0, q1.waitingFor("gomoku"), "matched tickets left the queue");

      // Two of three Dou Dizhu players queue; then the matchmaker's node dies.
      q1.enqueue("p1", "doudizhu", 3, 1500);
      clock.addAndGet(1000);
      q2.enqueue("p2", "doudizhu", 3, 1500);
      assertEquals(2, q1.waitingFor("doudizhu"));
      ClusterNodes.isolate(nodes.get(0));
      ClusterNodes.awaitView(
          nodes.get(1), v -> !v.members().contains("node0"), FORMS, "node0 leave the view");
      ClusterNodes.awaitView(
          nodes.get(2), v -> !v.members().contains("node0"), FORMS, "node0 leave the view");
      assertEquals(2, q2.waitingFor("doudizhu"), "the tickets survived the matchmaker's node");

      // The third player: node1, the new coordinator, forms the group with the surviving tickets.
      clock.addAndGet(1000);
      q2.enqueue("p3", "doudizhu", 3, 1500);
      for (String n : List.of("node1", "node2")) {
        List<ClusterMatchQueue.Formed> groups = awaitHeard(n, 2);
        assertEquals(2, groups.size(), n + " heard each group once");
        assertEquals(Set.of("p1", "p2", "p3"), players(groups.get(1)), n);
        assertEquals("node1", groups.get(1).host(), "p1 waited longest");
        assertEquals(0, groups.get(1).group().bots());
      }
      assertEquals(0, q2.waitingFor("doudizhu"));
      q0.close();
      q1.close();
      q2.close();
    }
  }
}
