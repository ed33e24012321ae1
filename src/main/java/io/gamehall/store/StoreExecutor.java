package io.gamehall.store;

import io.gamehall.concurrent.Scheduling;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs database work off the table queues and the socket threads: a table never waits on the
 * database, it hands its finished match here and moves on. A pool of its own (not the executor the
 * tables run on), so a slow database or a burst of password hashes never delays a move. Bounded:
 * beyond {@link #QUEUE} waiting tasks new work fails fast with a RejectedExecutionException, which
 * callers turn into a logged failure or a typed error. The threads come from the container's
 * managed thread factory, so transactional beans work on them.
 */
@ApplicationScoped
public class StoreExecutor {
  static final int THREADS = 4;
  static final int QUEUE = 512;

  @Inject Scheduling scheduling;
  private ThreadPoolExecutor pool;

  @PostConstruct
  void start() {
    pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            scheduling.threads("gamehall-store"));
    pool.allowCoreThreadTimeOut(true);
  }

  @PreDestroy
  void stop() {
    pool.shutdown();
  }

  /** Runs {@code work} asynchronously; the future fails if the work throws or the queue is full. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      pool.execute(
          () -> {
            try {
              result.complete(work.get());
            } catch (RuntimeException | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }
}
