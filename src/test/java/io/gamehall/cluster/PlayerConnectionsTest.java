package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One live connection per player across the cluster: three nodes in this JVM, each with its own
 * registry stand-in that records which of its connections it was told to close with 4001.
 */
class PlayerConnectionsTest {
  private static final Duration FORMS = Duration.ofSeconds(90);
  private static final Duration CLOSES = Duration.ofSeconds(60);
  private static final int PLAYERS = 20;

  /** What each node was asked to close, as "node/connection". */
  private final Set<String> closed = new HashSet<>();

  private PlayerConnections connections(ClusterNode node) {
    return PlayerConnections.start(
        node,
        id -> {
          synchronized (closed) {
            closed.add(node.name() + "/" + id);
            closed.notifyAll();
          }
        });
  }

  private void awaitClosed(Set<String> expected) throws InterruptedException {
    long end = System.nanoTime() + CLOSES.toNanos();
    synchronized (closed) {
      while (!closed.containsAll(expected)) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "within " + CLOSES + " expected closes " + expected + " but saw " + closed);
        }
        TimeUnit.NANOSECONDS.timedWait(closed, left);
      }
      assertEquals(expected, closed, "exactly the replaced connections were closed");
    }
  }

  @Test
  void helloOnTwoNodesAtOnceClosesExactlyOneConnection() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(3)) {
      List<ClusterNode> nodes = List.of(cluster.start(0), cluster.start(1), cluster.start(2));
      for (ClusterNode n : nodes) {
        ClusterNodes.awaitView(n, v -> v.members().size() == 3, FORMS, "all three nodes");
      }
      PlayerConnections a = connections(nodes.get(0));
      PlayerConnections b = connections(nodes.get(1));
      PlayerConnections c = connections(nodes.get(2));

      // Sequential: a hello on B replaces the socket on A, and A is told to close it.
      assertNull(a.bind("alice", "a1"));
      assertEquals("node0", b.nodeOf("alice"));
      assertEquals("node0", b.bind("alice", "b1"));
      awaitClosed(Set.of("node0/a1"));
      assertEquals("node1", c.nodeOf("alice"));
      // The closed socket's own clean-up must not erase the newer entry.
      a.unbind("alice", "a1");
      assertEquals("node1", c.nodeOf("alice"));

      // Concurrent: for each player, hello on B and on C released together.
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Set<String> expected = new HashSet<>(Set.of("node0/a1"));
        for (int p = 0; p < PLAYERS; p++) {
          String player = "p" + p;
          CountDownLatch go = new CountDownLatch(1);
          CompletableFuture<String> onB =
              CompletableFuture.supplyAsync(
                  () -> await(go, () -> b.bind(player, "b-" + player)), pool);
          CompletableFuture<String> onC =
              CompletableFuture.supplyAsync(
                  () -> await(go, () -> c.bind(player, "c-" + player)), pool);
          go.countDown();
          String replacedByB = onB.get(60, TimeUnit.SECONDS);
          String replacedByC = onC.get(60, TimeUnit.SECONDS);
          List<String> replaced = new ArrayList<>();
          if (replacedByB != null) {
            replaced.add(replacedByB);
          }
          if (replacedByC != null) {
            replaced.add(replacedByC);
          }
          assertEquals(1, replaced.size(), player + ": exactly one hello replaced the other");
          String winner = a.nodeOf(player);
          String loser = winner.equals("node1") ? "node2" : "node1";
          assertEquals(loser, replaced.get(0), player + ": the loser is the one not recorded");
          expected.add(loser + "/" + (loser.equals("node1") ? "b-" : "c-") + player);
        }
        awaitClosed(expected);
      } finally {
        pool.shutdownNow();
      }
      a.close();
      b.close();
      c.close();
    }
  }

  private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> action) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return action.get();
  }
}
