package io.gamehall.endpoint;

import io.gamehall.support.EmbeddedHall;
import io.gamehall.support.Tier;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The protocol doc's statements against the embedded Tyrus server (HallContract's settings). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedProtocolDocTest extends ProtocolDocContract {
  private EmbeddedHall hall;

  @BeforeAll
  void start() throws Exception {
    hall =
        EmbeddedHall.start(
            Map.of(
                "gamehall.heartbeat.seconds", String.valueOf(HallContract.HEARTBEAT_SECONDS),
                "gamehall.dead.peer.seconds", String.valueOf(HallContract.DEAD_PEER_SECONDS),
                "gamehall.hello.timeout.seconds",
                    String.valueOf(HallContract.HELLO_TIMEOUT_SECONDS),
                "gamehall.table.grace.seconds", String.valueOf(HallContract.GRACE_SECONDS)));
  }

  @AfterAll
  void stop() {
    hall.close();
  }

  @Override
  Tier tier() {
    return new Tier(
        URI.create("ws://localhost:" + hall.port() + "/gamehall/ws"), hall.client(), null);
  }
}
