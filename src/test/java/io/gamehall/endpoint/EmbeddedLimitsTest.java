package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.lobby.TableRegistry;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.support.EmbeddedHall;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LimitsContract} on the embedded server, plus what only this tier shows: the origin
 * allow-list refusing with 403 before the upgrade (WildFly answers 404, see docs/security.md) and
 * the operator actions through the registry.
 */
class EmbeddedLimitsTest extends LimitsContract {
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
  URI uri() {
    return URI.create("ws://localhost:" + hall.port() + "/gamehall/ws");
  }

  @Override
  SSLContext tls() {
    return null;
  }

  @Override
  WebSocketContainer client() {
    return hall.client();
  }

  @Override
  void drain(String message) {
    hall.bean(ConnectionRegistry.class).drain(message);
  }

  @Override
  boolean ready() {
    return !hall.bean(ConnectionRegistry.class).draining();
  }

  @Override
  long trusteeActivations() {
    return hall.bean(TableRegistry.class).trusteeActivations();
  }

  @Test
  void onlyListedOriginsAreUpgradedAndOthersGet403BeforeTheUpgrade() throws Exception {
    try (RawWebSocket listed =
            RawWebSocket.connect(uri(), null, "Origin: " + ALLOWED, "X-Forwarded-For: 192.0.2.1");
        RawWebSocket upper =
            RawWebSocket.connect(
                uri(), null, "Origin: HTTPS://Game.Example.com", "X-Forwarded-For: 192.0.2.1");
        RawWebSocket none = RawWebSocket.connect(uri(), null, "X-Forwarded-For: 192.0.2.1");
        RawWebSocket evil = RawWebSocket.connect(uri(), null, "Origin: https://evil.example.com");
        RawWebSocket prefix =
            RawWebSocket.connect(uri(), null, "Origin: https://game.example.com.evil.example");
        RawWebSocket sameHost =
            RawWebSocket.connect(uri(), null, "Origin: http://localhost:" + hall.port())) {
      assertEquals(101, listed.status(), listed.handshakeResponse());
      assertEquals(
          101, upper.status(), "origins compare case-insensitively: " + upper.handshakeResponse());
      assertEquals(101, none.status(), "no Origin: a non-browser client");
      assertEquals(403, evil.status(), evil.handshakeResponse());
      assertEquals(403, prefix.status(), "exact match only");
      assertEquals(
          403, sameHost.status(), "with a list configured, even the same origin must be listed");
    }
  }

  @Test
  void anOperatorKicksAPlayerAndBroadcastsANotice() throws Exception {
    ConnectionRegistry registry = hall.bean(ConnectionRegistry.class);
    try (TestClient fay = TestClient.welcomed(tier(ALLOWED, "192.0.2.7"), "Fay");
        TestClient gus = TestClient.welcomed(tier(ALLOWED, "192.0.2.8"), "Gus")) {
      registry.broadcastNotice(new ServerMessage.Notice("broadcast", "hello all", null));
      assertEquals(
          "hello all", fay.await(ServerMessage.Notice.class, n -> true, "broadcast").message());
      gus.await(ServerMessage.Notice.class, n -> "broadcast".equals(n.kind()), "broadcast");
      assertTrue(registry.kick(gus.welcome().playerId(), "be nice"));
      assertEquals(
          "be nice",
          gus.await(ServerMessage.Notice.class, n -> "kicked".equals(n.kind()), "kick").message());
      assertEquals(1008, gus.awaitClose(TestClient.WAIT).getCloseCode().getCode());
      fay.send(new ClientMessage.Ping("fine", null));
      fay.await(ServerMessage.Pong.class, p -> "fine".equals(p.re()), "pong");
    }
  }

  @Test
  void aProtocolClientFromAnUnlistedOriginCannotConnect() {
    assertThrows(
        Exception.class,
        () -> TestClient.connect(tier("https://evil.example.com", "192.0.2.6")).close());
  }
}
