package io.gamehall.session;

import jakarta.websocket.SendResult;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A bounded queue of encoded messages drained by one asynchronous send at a time.
 *
 * <p>Concurrent sends on one WebSocket session are illegal, and a blocking send would let one slow
 * phone stall whoever is sending to it. So callers only enqueue; the container's completion
 * callback starts the next send. A client that lets more than {@code capacity} messages pile up is
 * reported through {@code onOverflow} and gets nothing more.
 */
final class Outbox {
  /** Starts one asynchronous send of {@code text} and calls the handler when it completes. */
  interface Transport {
    void sendAsync(String text, Consumer<SendResult> done);
  }

  private final Transport transport;
  private final int capacity;
  private final Runnable onOverflow;
  private final Consumer<Throwable> onFailure;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean sending;
  private boolean stopped;

  /** Set by {@link #finish}: run once the last queued message is sent. */
  private Runnable whenDrained;

  Outbox(Transport transport, int capacity, Runnable onOverflow, Consumer<Throwable> onFailure) {
    this.transport = transport;
    this.capacity = capacity;
    this.onOverflow = onOverflow;
    this.onFailure = onFailure;
  }

  /** Queues {@code text}; returns false if the outbox is stopped or just overflowed. */
  boolean offer(String text) {
    synchronized (queue) {
      if (stopped || whenDrained != null) {
        return false;
      }
      if (sending) {
        if (queue.size() >= capacity) {
          stopped = true;
          queue.clear();
        } else {
          queue.add(text);
          return true;
        }
      } else {
        sending = true;
      }
    }
    if (stopped) {
      onOverflow.run();
      return false;
    }
    transport.sendAsync(text, this::sent);
    return true;
  }

  /** Messages waiting behind the one in flight. */
  int depth() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /**
   * Refuses later offers and runs {@code then} once everything queued so far has been written (at
   * once if nothing is in flight): a last answer goes out before the close that follows it. Not run
   * if a send fails or the outbox is stopped meanwhile (the connection is closing anyway).
   */
  void finish(Runnable then) {
    synchronized (queue) {
      if (stopped || whenDrained != null) {
        return;
      }
      whenDrained = then;
      if (sending) {
        return;
      }
    }
    then.run();
  }

  /** Drops everything queued; later offers are refused. */
  void stop() {
    synchronized (queue) {
      stopped = true;
      queue.clear();
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      stop();
      onFailure.accept(result.getException());
      return;
    }
    String next;
    synchronized (queue) {
      next = stopped ? null : queue.poll();
      if (next == null) {
        sending = false;
        if (stopped || whenDrained == null) {
          return;
        }
      }
    }
    if (next == null) {
      whenDrained.run();
      return;
    }
    transport.sendAsync(next, this::sent);
  }
}
