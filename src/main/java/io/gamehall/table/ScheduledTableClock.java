package io.gamehall.table;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The production clock: wall time, and timers kept in one hall-wide sorted map that a single
 * periodic task on the caller's scheduler (the container's, in a server) drains.
 *
 * <p>Why not one scheduler task per timer: a table arms a turn timer every turn and cancels it on
 * the next move, and a cancelled task stays in a {@code ScheduledThreadPoolExecutor}'s queue until
 * its delay (up to 80 s) runs out unless the executor removes on cancel, which the container's
 * managed scheduler does not; under load that was tens of dead futures per table, each with the
 * container's context wrappers (docs/performance.md). Here cancel removes the entry from the map at
 * once, so a called-off timer holds no reference to its task.
 *
 * <p>Why a fixed-rate tick rather than one container task re-armed for the earliest due time:
 * re-arming would put a new container task (with its wrappers) in the scheduler's queue every time
 * a move makes an earlier timer, and would need a careful race-free hand-over between the armed
 * task and concurrent schedulers; the tick is one task from the first timer until {@link #close},
 * so the scheduler's queue holds a constant one entry. Its price is that a timer fires up to {@link
 * #TICK_MILLIS} late (never early) and about 20 cheap wake-ups a second, which is nothing next to
 * 20 s turns and 1 s 托管 delays.
 */
public final class ScheduledTableClock implements TableClock, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScheduledTableClock.class.getName());

  /** How often due timers are looked for; also the most a timer can run late. */
  static final long TICK_MILLIS = 50;

  private final ScheduledExecutorService scheduler;

  /**
   * Pending timers by (due time, sequence); the sequence keeps equal due times apart and in
   * scheduling order.
   */
  private final ConcurrentSkipListMap<Due, Runnable> timers = new ConcurrentSkipListMap<>();

  private final AtomicLong sequence = new AtomicLong();
  private volatile ScheduledFuture<?> tick;
  private volatile boolean closed;

  public ScheduledTableClock(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  private record Due(long nanos, long seq) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      // nanoTime values are compared by difference, as its contract asks.
      int byTime = Long.signum(nanos - other.nanos);
      return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    if (closed) {
      // The hall is stopping: nothing would run it, so keep no reference to it.
      return Cancellable.NONE;
    }
    if (delayMillis <= 0) {
      return runSoon(task);
    }
    Due due =
        new Due(
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis),
            sequence.incrementAndGet());
    timers.put(due, task);
    if (tick == null) {
      start();
    }
    if (closed) {
      // close() may have cleared the map just before our put.
      timers.remove(due);
      return Cancellable.NONE;
    }
    // Captures only the key, so a cancelled timer's task is unreachable from here once removed.
    return () -> timers.remove(due);
  }

  /** A timer that is due now goes straight to the scheduler, not waiting for the next tick. */
  private Cancellable runSoon(Runnable task) {
    Due due = new Due(System.nanoTime(), sequence.incrementAndGet());
    timers.put(due, task);
    try {
      scheduler.execute(() -> runIfPending(due));
    } catch (RejectedExecutionException e) {
      timers.remove(due);
      return Cancellable.NONE;
    }
    return () -> timers.remove(due);
  }

  private synchronized void start() {
    if (tick != null || closed) {
      return;
    }
    try {
      tick =
          scheduler.scheduleAtFixedRate(
              this::runDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The scheduler is shutting down: drop timers rather than keep them forever.
      closed = true;
      timers.clear();
    }
  }

  /** Runs every timer whose due time has come, earliest first; also what each tick does. */
  void runDue() {
    long now = System.nanoTime();
    Map.Entry<Due, Runnable> first;
    while (!closed && (first = timers.firstEntry()) != null && first.getKey().nanos - now <= 0) {
      runIfPending(first.getKey());
    }
  }

  private void runIfPending(Due due) {
    // remove() is the claim: whoever removes the entry (this run or a cancel) decides, so a
    // cancelled timer never runs.
    Runnable task = timers.remove(due);
    if (task == null) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again, so one failing timer must not end every
      // table's clock.
      // Errors (out of memory and the like) are left to propagate: the container logs them.
      LOG.log(Level.WARNING, "table timer failed", e);
    }
  }

  /** How many timers are waiting (neither run nor cancelled). */
  int pending() {
    return timers.size();
  }

  /**
   * Stops the tick and forgets every pending timer; later schedules are ignored. Call when the hall
   * stops.
   */
  @Override
  public synchronized void close() {
    closed = true;
    timers.clear();
    ScheduledFuture<?> running = tick;
    if (running != null) {
      running.cancel(false);
    }
  }
}
