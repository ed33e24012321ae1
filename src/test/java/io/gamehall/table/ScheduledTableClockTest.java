package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production clock on a real scheduler: order, cancellation, a bounded scheduler queue, failure
 * isolation.
 */
class ScheduledTableClockTest {
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
  private final ScheduledTableClock clock = new ScheduledTableClock(scheduler);

  @AfterEach
  void stop() {
    clock.close();
    scheduler.shutdownNow();
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out waiting for " + what);
  }

  @Test
  void timersRunInDueOrderNotSchedulingOrder() throws Exception {
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(4);
    for (int delay : new int[] {400, 100, 300, 200}) {
      clock.schedule(
          delay,
          () -> {
            ran.add(delay);
            all.countDown();
          });
    }
    await(all, "four timers");
    assertEquals(List.of(100, 200, 300, 400), ran);
    assertEquals(0, clock.pending());
  }

  @Test
  void aTimerDoesNotRunBeforeItIsDue() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    long start = System.nanoTime();
    long[] ranAfter = new long[1];
    clock.schedule(
        200,
        () -> {
          ranAfter[0] = System.nanoTime() - start;
          ran.countDown();
        });
    await(ran, "the timer");
    assertTrue(
        ranAfter[0] >= TimeUnit.MILLISECONDS.toNanos(200), "ran early: " + ranAfter[0] + " ns");
  }

  @Test
  void aCancelledTimerNeverRunsAndIsForgottenAtOnce() throws Exception {
    AtomicBoolean cancelledRan = new AtomicBoolean();
    Cancellable cancelled = clock.schedule(100, () -> cancelledRan.set(true));
    CountDownLatch later = new CountDownLatch(1);
    clock.schedule(300, later::countDown);
    assertEquals(2, clock.pending());
    cancelled.cancel();
    assertEquals(1, clock.pending(), "cancel removes the entry at once");
    cancelled.cancel(); // twice is harmless
    await(later, "the timer due after the cancelled one");
    assertFalse(cancelledRan.get(), "the cancelled timer ran");
  }

  @Test
  void manyTimersScheduledAndCancelledFromManyThreadsLeaveNothingBehind() throws Exception {
    int threads = 4;
    int perThread = 25_000;
    CountDownLatch done = new CountDownLatch(threads);
    AtomicInteger ran = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  // Like a turn timer: armed for a long delay and called off by the next move.
                  clock.schedule(20_000 + i % 60_000, ran::incrementAndGet).cancel();
                }
                done.countDown();
              });
      workers.add(worker);
      worker.start();
    }
    await(done, "the scheduling threads");
    assertEquals(0, clock.pending(), "pending timers after cancelling all");
    assertTrue(scheduler.getQueue().size() <= 1, "scheduler queue: " + scheduler.getQueue().size());
    assertEquals(0, ran.get());
  }

  @Test
  void aThrowingTimerDoesNotStopLaterOnes() throws Exception {
    CountDownLatch threw = new CountDownLatch(1);
    clock.schedule(
        50,
        () -> {
          threw.countDown();
          throw new IllegalStateException("deliberate, from the test");
        });
    CountDownLatch sameTick = new CountDownLatch(1);
    clock.schedule(51, sameTick::countDown);
    CountDownLatch later = new CountDownLatch(1);
    clock.schedule(300, later::countDown);
    await(threw, "the throwing timer");
    await(sameTick, "a timer due right after the throwing one");
    await(later, "a timer on a later tick");
  }

  @Test
  void aTimerWithoutDelayRunsAtOnce() throws Exception {
    CountDownLatch zero = new CountDownLatch(1);
    CountDownLatch negative = new CountDownLatch(1);
    long start = System.nanoTime();
    clock.schedule(0, zero::countDown);
    clock.schedule(-5, negative::countDown);
    await(zero, "the zero-delay timer");
    await(negative, "the negative-delay timer");
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(took < ScheduledTableClock.TICK_MILLIS * 20, "took " + took + " ms");
  }

  @Test
  void closingForgetsPendingTimersAndStopsTheTick() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    clock.schedule(100, () -> ran.set(true));
    assertEquals(1, scheduler.getQueue().size(), "the tick");
    clock.close();
    assertEquals(0, clock.pending());
    scheduler.purge();
    assertEquals(0, scheduler.getQueue().size(), "the tick is cancelled");
    clock.schedule(10, () -> ran.set(true));
    assertEquals(0, clock.pending(), "a closed clock keeps nothing");
    // The scheduler still runs: a task after the old due time proves the closed clock's timer did
    // not.
    CountDownLatch after = new CountDownLatch(1);
    scheduler.schedule(after::countDown, 200, TimeUnit.MILLISECONDS);
    await(after, "a plain task after the old due time");
    assertFalse(ran.get(), "a timer ran after close");
  }
}
