package io.gamehall.session;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code capacity / refillNanos}
 * per nanosecond. Each allowed event takes one token. Synchronised because containers may deliver
 * one connection's messages on different threads (one at a time, but without a happens-before
 * guarantee we would rely on).
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  /** {@code rate} tokens per {@code periodNanos}, at most {@code burst} saved up. */
  TokenBucket(int rate, long periodNanos, int burst, long now) {
    this.capacity = burst;
    this.perNano = (double) rate / periodNanos;
    this.tokens = burst;
    this.last = now;
  }

  synchronized boolean tryTake(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
