package io.gamehall.table;

/**
 * A token bucket on the table clock: {@code burst} messages at once, refilled completely over
 * {@code windowMillis}.
 */
final class ChatBucket {
  private final int burst;
  private final long windowMillis;
  private double tokens;
  private long lastMillis;

  ChatBucket(int burst, long windowMillis, long nowMillis) {
    this.burst = burst;
    this.windowMillis = windowMillis;
    this.tokens = burst;
    this.lastMillis = nowMillis;
  }

  /** Takes a token if one is left; a refused message costs nothing. */
  boolean tryTake(long nowMillis) {
    if (windowMillis <= 0) {
      return true;
    }
    long elapsed = Math.max(0, nowMillis - lastMillis);
    tokens = Math.min(burst, tokens + (double) elapsed * burst / windowMillis);
    lastMillis = nowMillis;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
