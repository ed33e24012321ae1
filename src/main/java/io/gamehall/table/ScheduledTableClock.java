package io.gamehall.table;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The production clock: wall time, and timers on the one scheduler the caller owns (the container's, in a server). */
public final class ScheduledTableClock implements TableClock {
  private final ScheduledExecutorService scheduler;

  public ScheduledTableClock(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }
}
