package io.gamehall.endpoint;

import io.gamehall.session.ConnectionRegistry;
import io.gamehall.support.EmbeddedHall;
import io.gamehall.support.Tier;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The hall contract against the real endpoint classes on an embedded Tyrus server, with plain CDI
 * (Weld SE).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedHallTest extends HallContract {
  private static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("gamehall.trust.forwarded.for", "true"),
          Map.entry("gamehall.max.connections.per.address", String.valueOf(MAX_PER_ADDRESS)),
          Map.entry("gamehall.hello.timeout.seconds", String.valueOf(HELLO_TIMEOUT_SECONDS)),
          Map.entry("gamehall.rate.messages.per.second", String.valueOf(RATE)),
          Map.entry("gamehall.rate.burst", String.valueOf(RATE)),
          Map.entry("gamehall.heartbeat.seconds", String.valueOf(HEARTBEAT_SECONDS)),
          Map.entry("gamehall.dead.peer.seconds", String.valueOf(DEAD_PEER_SECONDS)),
          Map.entry("gamehall.max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
          Map.entry("gamehall.table.grace.seconds", String.valueOf(GRACE_SECONDS)),
          Map.entry("gamehall.match.bot.fill.seconds", String.valueOf(BOT_FILL_SECONDS)));

  private EmbeddedHall hall;

  @BeforeAll
  void start() throws Exception {
    hall = EmbeddedHall.start(SETTINGS);
  }

  @AfterAll
  void stop() {
    hall.close();
  }

  @Override
  int openConnections() {
    return hall.bean(ConnectionRegistry.class).size();
  }

  @Override
  java.util.function.Supplier<java.util.List<String>> watchLogs() {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger hall = java.util.logging.Logger.getLogger("io.gamehall");
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              seen.add(
                  r.getLevel()
                      + " "
                      + r.getLoggerName()
                      + ": "
                      + r.getMessage()
                      + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    hall.addHandler(handler);
    return () -> {
      hall.removeHandler(handler);
      return java.util.List.copyOf(seen);
    };
  }

  @Override
  java.time.Duration fuzzTime() {
    return java.time.Duration.ofSeconds(Long.getLong("gamehall.fuzz.seconds", 10));
  }

  /**
   * Tyrus does not check the mask bit of client frames (RFC 6455 5.1 says the server must fail the
   * connection): the unmasked frame is not answered and the connection ends only when the silent
   * peer hits the heartbeat (4003).
   */
  @Override
  java.util.List<String> knownDeviations(WireAbuse.Case violation) {
    return violation.name().startsWith("unmasked")
        ? java.util.List.of("close 4003")
        : java.util.List.of();
  }

  @Override
  boolean refusesOriginBeforeUpgrade() {
    // No servlet container here, so no HandshakeFilter: the Host-based check runs in
    // modifyHandshake (1008).
    return false;
  }

  @Override
  Tier tier() {
    return new Tier(
        URI.create("ws://localhost:" + hall.port() + "/gamehall/ws"), hall.client(), null);
  }
}
