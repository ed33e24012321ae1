package io.gamehall.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the hall runs on. In a Jakarta EE container: the container's default managed
 * scheduler and executor, and a bounded bot pool made from its managed thread factory. Where there
 * is none (the embedded test tier runs plain CDI) it owns daemon threads and shuts them down with
 * the application.
 */
@ApplicationScoped
public class Scheduling {
  /**
   * Bots think at most this many at once; more waiting bot turns than the queue holds fall back to
   * default moves.
   */
  private static final int BOT_THREADS = 2;

  private static final int BOT_QUEUE = 256;

  @Resource private ManagedScheduledExecutorService managedScheduler;
  @Resource private ManagedExecutorService managedExecutor;
  @Resource private ManagedThreadFactory managedThreads;
  private ScheduledExecutorService ownScheduler;
  private ExecutorService ownExecutor;
  private ThreadPoolExecutor bots;

  @PostConstruct
  void init() {
    if (managedScheduler == null) {
      ownScheduler = Executors.newSingleThreadScheduledExecutor(daemon("gamehall-scheduler"));
    }
    if (managedExecutor == null) {
      ownExecutor =
          Executors.newFixedThreadPool(
              Runtime.getRuntime().availableProcessors(), daemon("gamehall-table"));
    }
    ThreadFactory botThreads = managedThreads != null ? managedThreads : daemon("gamehall-bot");
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
    return managedScheduler != null ? managedScheduler : ownScheduler;
  }

  /** Where table queues run their tasks, one task of a table at a time. */
  public ExecutorService executor() {
    return managedExecutor != null ? managedExecutor : ownExecutor;
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
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
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
