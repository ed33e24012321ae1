package io.gamehall.table;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A table clock for tests: time moves only when {@link #advance} says so, and due timers run then,
 * in order.
 */
public final class ManualClock implements TableClock {
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::order));
  private long now;
  private long order;

  public ManualClock(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public synchronized long nowMillis() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(long delayMillis, Runnable task) {
    Timer timer = new Timer(now + Math.max(0, delayMillis), order++, task);
    timers.add(timer);
    return () -> {
      synchronized (this) {
        timers.remove(timer);
      }
    };
  }

  /**
   * Moves time forward by {@code millis}, running each timer that falls due at its own time, on
   * this thread.
   */
  public void advance(long millis) {
    long target;
    synchronized (this) {
      target = now + millis;
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.at() > target) {
          now = target;
          return;
        }
        timers.poll();
        now = Math.max(now, next.at());
      }
      next.task().run();
    }
  }

  public synchronized int pendingTimers() {
    return timers.size();
  }

  private record Timer(long at, long order, Runnable task) {}
}
