package io.gamehall.store;

import io.gamehall.concurrent.Scheduling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs database work off the table queues and the socket threads: a table never waits on the database, it hands
 * its finished match here and moves on. Bounded, so a stalled database costs a failed write (logged by the caller),
 * never unbounded memory. Tasks run on the container's managed executor, so transactional beans work inside them.
 */
@ApplicationScoped
public class StoreExecutor {
  /** Writes and reads in flight at once; beyond this, new work fails fast with a RejectedExecutionException. */
  static final int MAX_IN_FLIGHT = 512;

  @Inject Scheduling scheduling;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  /** Runs {@code work} asynchronously; the future fails if the work throws or the executor is saturated. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    if (!inFlight.tryAcquire()) {
      return CompletableFuture.failedFuture(new RejectedExecutionException("store queue full"));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      scheduling
          .executor()
          .execute(
              () -> {
                try {
                  result.complete(work.get());
                } catch (RuntimeException | Error e) {
                  result.completeExceptionally(e);
                } finally {
                  inFlight.release();
                }
              });
    } catch (RejectedExecutionException e) {
      inFlight.release();
      result.completeExceptionally(e);
    }
    return result;
  }
}
