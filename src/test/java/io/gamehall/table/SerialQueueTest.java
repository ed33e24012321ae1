package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The actor mailbox: order, no overlap on a real pool, the bound, and posting past it. */
class SerialQueueTest {

  @Test
  void runsTasksInSubmissionOrder() {
    ManualExecutor executor = new ManualExecutor();
    SerialQueue queue = new SerialQueue(executor, 16);
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      assertTrue(queue.offer(() -> seen.add(n)));
    }
    assertEquals(
        1, executor.pending(), "one drain for the whole batch, not one task per executor slot");
    executor.runAll();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
  }

  @Test
  void tasksQueuedFromATaskRunAfterIt() {
    SerialQueue queue = new SerialQueue(Runnable::run, 16);
    List<String> seen = new ArrayList<>();
    queue.offer(
        () -> {
          seen.add("outer start");
          queue.post(() -> seen.add("inner"));
          seen.add("outer end");
        });
    assertEquals(List.of("outer start", "outer end", "inner"), seen);
  }

  @Test
  void neverRunsTwoTasksAtOnceOnAPool() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialQueue queue = new SerialQueue(pool, 10_000);
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      int[] plainCounter = {0};
      int tasks = 2_000;
      CountDownLatch done = new CountDownLatch(tasks);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService submitters = Executors.newFixedThreadPool(4);
      try {
        for (int t = 0; t < 4; t++) {
          submitters.execute(
              () -> {
                awaitQuietly(go);
                for (int i = 0; i < tasks / 4; i++) {
                  assertTrue(
                      queue.offer(
                          () -> {
                            if (inside.incrementAndGet() != 1) {
                              overlaps.incrementAndGet();
                            }
                            plainCounter[0]++;
                            inside.decrementAndGet();
                            done.countDown();
                          }));
                }
              });
        }
        go.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS), "all tasks should run within 10 s");
      } finally {
        submitters.shutdownNow();
      }
      assertEquals(0, overlaps.get(), "tasks overlapped");
      assertEquals(tasks, plainCounter[0], "an unsynchronised counter lost updates");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void offerIsBoundedAndPostIsNot() {
    ManualExecutor executor = new ManualExecutor();
    SerialQueue queue = new SerialQueue(executor, 2);
    List<String> seen = new ArrayList<>();
    assertTrue(queue.offer(() -> seen.add("a")));
    assertTrue(queue.offer(() -> seen.add("b")));
    assertFalse(queue.offer(() -> seen.add("c")), "a third command must be refused, not block");
    queue.post(() -> seen.add("timer"));
    assertEquals(2, queue.pending());
    executor.runAll();
    assertEquals(List.of("a", "b", "timer"), seen);
    assertTrue(queue.offer(() -> seen.add("d")), "room again once the queue drained");
    executor.runAll();
    assertEquals("d", seen.get(3));
  }

  @Test
  void aFailingTaskDoesNotStopTheQueue() {
    SerialQueue queue = new SerialQueue(Runnable::run, 4);
    List<String> seen = new ArrayList<>();
    queue.offer(
        () -> {
          throw new IllegalStateException("boom");
        });
    queue.offer(() -> seen.add("after"));
    assertEquals(List.of("after"), seen);
  }

  @Test
  void manualClockRunsDueTimersInOrderAndSkipsCancelledOnes() {
    ManualClock clock = new ManualClock(0);
    List<String> seen = new ArrayList<>();
    clock.schedule(300, () -> seen.add("300"));
    clock.schedule(100, () -> seen.add("100"));
    Cancellable cancelled = clock.schedule(200, () -> seen.add("200"));
    cancelled.cancel();
    clock.advance(150);
    assertEquals(List.of("100"), seen);
    assertEquals(150, clock.nowMillis());
    clock.advance(1_000);
    assertEquals(List.of("100", "300"), seen);
    assertEquals(0, clock.pendingTimers());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("start signal never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
