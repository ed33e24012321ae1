package io.gamehall.config;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The one reader of the hall's settings, over MicroProfile Config. Its default sources are what
 * docs/deployment.md promises: a system property {@code gamehall.x.y} (ordinal 400) before an
 * environment variable {@code GAMEHALL_X_Y} (300; MicroProfile maps every non-alphanumeric
 * character to {@code _} and tries the upper-case form, which for our dotted names is exactly the
 * old rule). An empty value counts as unset, as before.
 *
 * <p>Values are parsed here rather than by the platform's converters so that a bad value fails with
 * the same message on WildFly, Payara and the embedded tier.
 */
public final class Settings {
  private final Config config;

  public Settings(Config config) {
    this.config = config;
  }

  /** The value with surrounding blanks removed; empty when unset or blank. */
  public Optional<String> text(String name) {
    return config
        .getOptionalValue(name, String.class)
        .map(String::strip)
        .filter(value -> !value.isEmpty());
  }

  /** A whole number, or {@code fallback} when unset. */
  public long number(String name, long fallback) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, got '" + raw.get() + "'", e);
    }
  }

  /** A whole number that fits an int, or {@code fallback} when unset. */
  public int integer(String name, int fallback) {
    long value = number(name, fallback);
    if (value != (int) value) {
      throw new IllegalArgumentException(name + " is out of range: " + value);
    }
    return (int) value;
  }

  /** {@code true} or {@code false} in any case, or {@code fallback} when unset. */
  public boolean flag(String name, boolean fallback) {
    Optional<String> raw = text(name).map(v -> v.toLowerCase(Locale.ROOT));
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              name + " must be true or false, got '" + raw.get() + "'");
    };
  }
}
