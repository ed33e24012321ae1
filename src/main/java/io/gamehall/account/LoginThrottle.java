package io.gamehall.account;

import io.gamehall.config.Settings;
import java.time.Duration;
import java.util.function.Function;

/**
 * The login throttling rule, pure: failed logins counted per account name and per client address,
 * each failure from the {@code failuresBeforeDelay}-th on blocking the next attempt for a delay
 * that doubles with every further failure, up to {@code maxDelay}. A counter is forgotten after
 * {@code window} without failures, and a right password clears the name's. Never a permanent
 * lockout: after the delay the right password works, so an attacker can slow a victim down but not
 * lock them out for longer than {@code maxDelay}.
 *
 * @param failuresBeforeDelay failures per name within the window before delays start (the 5th
 *     failure waits {@code baseDelay} with the default of 5)
 * @param addressFailuresBeforeDelay the same for one client address, across all names
 * @param window quiet time after which a counter starts over
 * @param baseDelay the first delay; each further failure doubles it
 * @param maxDelay the longest delay
 */
public record LoginThrottle(
    int failuresBeforeDelay,
    int addressFailuresBeforeDelay,
    Duration window,
    Duration baseDelay,
    Duration maxDelay) {

  public LoginThrottle {
    if (failuresBeforeDelay <= 0 || addressFailuresBeforeDelay <= 0) {
      throw new IllegalArgumentException("gamehall.login failure thresholds must be positive");
    }
    if (window.isNegative()
        || window.isZero()
        || baseDelay.isNegative()
        || baseDelay.isZero()
        || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "gamehall.login: window and base delay must be positive, max delay at least the base");
    }
  }

  public static LoginThrottle defaults() {
    return new LoginThrottle(
        5, 50, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** Reads the {@code gamehall.login.*} settings (docs/deployment.md) through {@code lookup}. */
  public static LoginThrottle from(Function<String, String> lookup) {
    LoginThrottle d = defaults();
    return new LoginThrottle(
        number(lookup, "gamehall.login.failures.before.delay", d.failuresBeforeDelay()),
        number(
            lookup, "gamehall.login.address.failures.before.delay", d.addressFailuresBeforeDelay()),
        Duration.ofSeconds(number(lookup, "gamehall.login.window.seconds", d.window().toSeconds())),
        Duration.ofSeconds(
            number(lookup, "gamehall.login.delay.base.seconds", d.baseDelay().toSeconds())),
        Duration.ofSeconds(
            number(lookup, "gamehall.login.delay.max.seconds", d.maxDelay().toSeconds())));
  }

  /** The same, through the hall's settings reader. */
  public static LoginThrottle from(Settings config) {
    return from(name -> config.text(name).orElse(null));
  }

  /** Which counter: an account name or a client address. */
  public enum Kind {
    NAME,
    ADDRESS
  }

  /** One counter's state; times are epoch milliseconds. */
  public record Counter(int failures, long firstFailureAt, long lastFailureAt, long blockedUntil) {}

  /** Whole seconds until the next attempt is allowed (rounded up); 0 if allowed now. */
  public long retryAfterSeconds(Counter counter, long now) {
    if (counter == null || counter.blockedUntil() <= now) {
      return 0;
    }
    return (counter.blockedUntil() - now + 999) / 1000;
  }

  /** The counter after one more failure at {@code now}; {@code counter} null if there was none. */
  public Counter failed(Kind kind, Counter counter, long now) {
    Counter current =
        counter == null || now - counter.lastFailureAt() > window.toMillis()
            ? new Counter(0, now, now, 0)
            : counter;
    int failures = current.failures() + 1;
    long delay = delayMillis(kind, failures);
    return new Counter(failures, current.firstFailureAt(), now, delay == 0 ? 0 : now + delay);
  }

  /** The block after the {@code failures}-th failure: none before the threshold, then doubling. */
  long delayMillis(Kind kind, int failures) {
    int threshold = kind == Kind.NAME ? failuresBeforeDelay : addressFailuresBeforeDelay;
    if (failures < threshold) {
      return 0;
    }
    int doublings = Math.min(failures - threshold, 40);
    long delay = baseDelay.toMillis();
    for (int i = 0; i < doublings && delay < maxDelay.toMillis(); i++) {
      delay *= 2;
    }
    return Math.min(delay, maxDelay.toMillis());
  }

  /**
   * Whether the counter is at or over its threshold, so the failure is audited; delays bound how
   * often that can happen.
   */
  public boolean overThreshold(Kind kind, Counter after) {
    int threshold = kind == Kind.NAME ? failuresBeforeDelay : addressFailuresBeforeDelay;
    return after.failures() >= threshold;
  }

  private static long number(Function<String, String> lookup, String name, long fallback) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
  }

  private static int number(Function<String, String> lookup, String name, int fallback) {
    return (int) number(lookup, name, (long) fallback);
  }
}
