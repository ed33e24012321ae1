package io.gamehall.table;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared {@link Executor} without owning a
 * thread: an actor's mailbox. At most one drain is in flight, so tasks never overlap, and the
 * executor hands each drain's memory effects to the next through the {@code draining} flag.
 *
 * <p>{@link #offer} is bounded and never blocks: a full queue says no and the caller answers {@code
 * busy}. {@link #post} always accepts; it is for the table's own events (timers, bot answers,
 * disconnects), which are few per table and must not be lost.
 */
public final class SerialQueue {
  private static final Logger LOG = Logger.getLogger(SerialQueue.class.getName());

  /** Tasks run per drain before the drain yields its executor thread to other tables. */
  private static final int BATCH = 64;

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  /**
   * When a rejection was last logged, JVM-wide: at shutdown every table's queue meets the stopping
   * executor at once (5,491 stack traces in one bench run), and one line a minute says the same.
   * Static on purpose: it throttles a log, it holds no table state.
   */
  private static final AtomicLong LAST_REJECTION_LOG = new AtomicLong(System.nanoTime() - MINUTE);

  private static final AtomicLong REJECTIONS_SINCE_LOG = new AtomicLong();

  private final Executor executor;
  private final int capacity;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger bounded = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();

  public SerialQueue(Executor executor, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.executor = executor;
    this.capacity = capacity;
  }

  /**
   * Queues {@code task} unless {@code capacity} offered tasks are already waiting; never blocks.
   */
  public boolean offer(Runnable task) {
    if (bounded.incrementAndGet() > capacity) {
      bounded.decrementAndGet();
      return false;
    }
    tasks.add(new Counted(task));
    schedule();
    return true;
  }

  /** Queues {@code task} regardless of the bound. */
  public void post(Runnable task) {
    tasks.add(task);
    schedule();
  }

  /** Tasks offered through {@link #offer} that have not started yet. */
  public int pending() {
    return bounded.get();
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The executor is shutting down with the application; nothing more will run here.
        draining.set(false);
        logRejection(e);
      }
    }
  }

  private static void logRejection(RejectedExecutionException e) {
    long suppressed = REJECTIONS_SINCE_LOG.incrementAndGet();
    long last = LAST_REJECTION_LOG.get();
    long now = System.nanoTime();
    if (now - last >= MINUTE && LAST_REJECTION_LOG.compareAndSet(last, now)) {
      REJECTIONS_SINCE_LOG.addAndGet(-suppressed);
      LOG.log(
          Level.WARNING,
          "table executor rejected "
              + suppressed
              + " drain(s) since the last such line; their tasks stay queued (expected while the"
              + " application stops)",
          e);
    }
  }

  /**
   * Runs every queued task on the calling thread, unless a drain is in flight elsewhere (which runs
   * them). For an application that stops while its executor already refuses work (WildFly suspends
   * its managed executors first): the last tasks still run, one at a time as always.
   */
  public void drainHere() {
    if (draining.compareAndSet(false, true)) {
      try {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "table task failed", e);
          }
        }
      } finally {
        draining.set(false);
      }
    }
  }

  private void drain() {
    for (int n = 0; n < BATCH; n++) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, "table task failed", e);
      }
    }
    draining.set(false);
    if (!tasks.isEmpty()) {
      schedule();
    }
  }

  /** Releases its place in the bound as it starts, so a running task may offer again. */
  private final class Counted implements Runnable {
    private final Runnable task;

    Counted(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      bounded.decrementAndGet();
      task.run();
    }
  }
}
