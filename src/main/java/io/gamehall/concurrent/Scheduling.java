package io.gamehall.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the hall runs on: pools of the hall's own, made from the container's managed thread
 * factory (naming, class loader and transactions work on its threads) or, without a container (the
 * embedded test tier runs plain CDI), from daemon threads.
 *
 * <p>Not the container's managed executor and scheduler: those capture and restore the EE context
 * around every task they are handed, and a hall hands them one task per table turn, tick and timer.
 * On Payara that capture looks thread-context providers up with a {@code ServiceLoader} over the
 * whole class path each time: 31 % of the server's CPU in a 1,000-player game
 * (docs/performance.md). A managed thread carries its context once, from its creation.
 */
@ApplicationScoped
public class Scheduling {
  /**
   * Bots think at most this many at once; more waiting bot turns than the queue holds fall back to
   * default moves.
   */
  private static final int BOT_THREADS = 2;

  private static final int BOT_QUEUE = 256;

  /** Timers only hand work to table queues and sockets: two threads keep one late task harmless. */
  private static final int SCHEDULER_THREADS = 2;

  @Resource private ManagedThreadFactory managedThreads;
  private ScheduledThreadPoolExecutor scheduler;
  private ExecutorService executor;
  private ThreadPoolExecutor bots;

  @PostConstruct
  void init() {
    scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, threads("gamehall-scheduler"));
    // A cancelled turn clock or hello deadline leaves the queue at once instead of at its time.
    scheduler.setRemoveOnCancelPolicy(true);
    executor =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), threads("gamehall-table"));
    ThreadFactory botThreads = threads("gamehall-bot");
    bots =
        new ThreadPoolExecutor(
            BOT_THREADS,
            BOT_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BOT_QUEUE),
            botThreads);
  }

  /** Timers: heartbeats, turn clocks, matchmaking ticks. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Where table queues run their tasks, one task of a table at a time. */
  public ExecutorService executor() {
    return executor;
  }

  /**
   * A factory for a pool of the caller's own: the container's managed threads (naming, class loader
   * and transactions work on them) or, without a container, daemon threads named {@code name-N}.
   */
  public ThreadFactory threads(String name) {
    return managedThreads != null ? managedThreads : daemon(name);
  }

  /**
   * Bounded: a bot's search never delays a table's queue or another table's bot beyond this pool.
   */
  public ExecutorService botExecutor() {
    return bots;
  }

  @PreDestroy
  void shutdown() {
    bots.shutdownNow();
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
