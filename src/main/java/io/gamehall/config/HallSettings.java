package io.gamehall.config;

import java.util.function.Function;

/**
 * The server's tunables. Each is read from the system property {@code gamehall.<name>} or else the
 * environment variable {@code GAMEHALL_<NAME>} (dots become underscores), else the default
 * documented in docs/deployment.md.
 *
 * @param heartbeatSeconds interval of server WebSocket pings; must stay well under any proxy read
 *     timeout (nginx: 60 s)
 * @param deadPeerSeconds a connection from which nothing, not even a pong, arrived for this long is
 *     closed
 * @param maxMessageBytes largest accepted text message; a larger one closes the connection with
 *     1009
 * @param outboxCapacity messages that may wait for a slow client before it is closed with 4002
 */
public record HallSettings(
    int heartbeatSeconds, int deadPeerSeconds, int maxMessageBytes, int outboxCapacity) {

  public HallSettings {
    positive("heartbeat.seconds", heartbeatSeconds);
    positive("max.message.bytes", maxMessageBytes);
    positive("outbox.capacity", outboxCapacity);
    if (deadPeerSeconds <= heartbeatSeconds) {
      throw new IllegalArgumentException(
          "gamehall.dead.peer.seconds ("
              + deadPeerSeconds
              + ") must exceed gamehall.heartbeat.seconds ("
              + heartbeatSeconds
              + "): a live client answers a ping only after it was sent");
    }
  }

  /**
   * The defaults: a 25 s heartbeat clears nginx's 60 s read timeout with room for one lost ping.
   */
  public static HallSettings defaults() {
    return new HallSettings(25, 75, 16 * 1024, 256);
  }

  /**
   * Reads every setting through {@code lookup} (a name like {@code gamehall.heartbeat.seconds} to a
   * value or null).
   */
  public static HallSettings from(Function<String, String> lookup) {
    HallSettings d = defaults();
    return new HallSettings(
        intValue(lookup, "gamehall.heartbeat.seconds", d.heartbeatSeconds()),
        intValue(lookup, "gamehall.dead.peer.seconds", d.deadPeerSeconds()),
        intValue(lookup, "gamehall.max.message.bytes", d.maxMessageBytes()),
        intValue(lookup, "gamehall.outbox.capacity", d.outboxCapacity()));
  }

  /** System properties first, then the environment. */
  public static HallSettings fromSystem() {
    return from(HallSettings::lookup);
  }

  /**
   * A setting by name: the system property, else the environment variable ({@code a.b} as {@code
   * A_B}), else null.
   */
  public static String lookup(String name) {
    String value = System.getProperty(name);
    return value != null
        ? value
        : System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
  }

  private static int intValue(Function<String, String> lookup, String name, int fallback) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("gamehall." + name + " must be positive, got " + value);
    }
  }
}
