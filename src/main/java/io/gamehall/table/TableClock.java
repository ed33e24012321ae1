package io.gamehall.table;

/**
 * Time as the table sees it: the current time and one-shot timers. Production uses {@link
 * ScheduledTableClock}; tests use a manual clock they advance explicitly. The table posts every
 * timer's work into its own serial queue, so {@code task} here only has to be quick and
 * thread-safe.
 */
public interface TableClock {
  /** Milliseconds since the epoch; deadlines sent to clients are on this scale. */
  long nowMillis();

  /** Runs {@code task} once, {@code delayMillis} from now (at once if not positive). */
  Cancellable schedule(long delayMillis, Runnable task);
}
