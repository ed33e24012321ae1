package io.gamehall.config;

/**
 * The server's connection tunables, read through {@link Settings} (system property {@code
 * gamehall.<name>}, else environment variable {@code GAMEHALL_<NAME>}), else the default documented
 * in docs/deployment.md.
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

  /** Reads every setting through the hall's one reader. */
  public static HallSettings from(Settings settings) {
    HallSettings d = defaults();
    return new HallSettings(
        settings.integer("gamehall.heartbeat.seconds", d.heartbeatSeconds()),
        settings.integer("gamehall.dead.peer.seconds", d.deadPeerSeconds()),
        settings.integer("gamehall.max.message.bytes", d.maxMessageBytes()),
        settings.integer("gamehall.outbox.capacity", d.outboxCapacity()));
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("gamehall." + name + " must be positive, got " + value);
    }
  }
}
