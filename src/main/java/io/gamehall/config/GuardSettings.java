package io.gamehall.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hall's protective limits and policies, read through {@link Settings} ({@code gamehall.<name>}
 * system property or {@code GAMEHALL_<NAME>} environment variable); docs/security.md lists each
 * with its default and close or error code.
 *
 * @param allowedOrigins exact browser origins allowed to open the socket; empty means same-origin
 *     only
 * @param trustForwardedFor take the client address from the first X-Forwarded-For hop (only behind
 *     our own proxy)
 * @param maxConnectionsPerAddress open sockets per client address; one more is closed with 1008
 * @param helloTimeoutSeconds a connection that has not completed {@code hello} by then is closed
 *     with 1008
 * @param messagesPerSecond sustained text messages per connection (token bucket refill rate)
 * @param messageBurst messages a connection may send at once (token bucket size); beyond it: 1008
 * @param createTablesPerMinute {@code create_table} requests per player connection and minute; more
 *     get RATE_LIMITED
 * @param maxTablesPerPlayer tables a player may sit at at once; one more gets TOO_MANY_TABLES
 * @param drainSeconds how long a drain waits for running games before it closes every socket with
 *     1001
 */
public record GuardSettings(
    Set<String> allowedOrigins,
    boolean trustForwardedFor,
    int maxConnectionsPerAddress,
    int helloTimeoutSeconds,
    int messagesPerSecond,
    int messageBurst,
    int createTablesPerMinute,
    int maxTablesPerPlayer,
    int drainSeconds) {

  public GuardSettings {
    allowedOrigins = Set.copyOf(allowedOrigins);
    positive("max.connections.per.address", maxConnectionsPerAddress);
    positive("hello.timeout.seconds", helloTimeoutSeconds);
    positive("rate.messages.per.second", messagesPerSecond);
    positive("rate.burst", messageBurst);
    positive("rate.create.table.per.minute", createTablesPerMinute);
    positive("max.tables.per.player", maxTablesPerPlayer);
    positive("drain.seconds", drainSeconds);
  }

  public static GuardSettings defaults() {
    return new GuardSettings(Set.of(), false, 20, 10, 20, 40, 10, 4, 300);
  }

  public static GuardSettings from(Settings settings) {
    GuardSettings d = defaults();
    return new GuardSettings(
        origins(settings.text("gamehall.allowed.origins").orElse(null)),
        settings.flag("gamehall.trust.forwarded.for", false),
        settings.integer("gamehall.max.connections.per.address", d.maxConnectionsPerAddress()),
        settings.integer("gamehall.hello.timeout.seconds", d.helloTimeoutSeconds()),
        settings.integer("gamehall.rate.messages.per.second", d.messagesPerSecond()),
        settings.integer("gamehall.rate.burst", d.messageBurst()),
        settings.integer("gamehall.rate.create.table.per.minute", d.createTablesPerMinute()),
        settings.integer("gamehall.max.tables.per.player", d.maxTablesPerPlayer()),
        settings.integer("gamehall.drain.seconds", d.drainSeconds()));
  }

  /**
   * Origins compare in lower case (browsers serialise scheme and host so); a trailing slash is not
   * part of one.
   */
  static Set<String> origins(String raw) {
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(raw.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .peek(GuardSettings::checkOrigin)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static void checkOrigin(String origin) {
    if (!origin.matches("https?://[^/\\s]+")) {
      throw new IllegalArgumentException(
          "gamehall.allowed.origins takes exact origins like https://game.example.com, got '"
              + origin
              + "'");
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("gamehall." + name + " must be positive, got " + value);
    }
  }
}
