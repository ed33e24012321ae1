package io.gamehall.endpoint;

import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.SettingsProducer;
import io.gamehall.identity.Identities;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.support.Tier;
import java.net.URI;
import java.util.Map;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.server.Server;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The hall contract against the real endpoint classes on an embedded Tyrus server, with plain CDI (Weld SE). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedHallTest extends HallContract {
  private static final Map<String, String> SETTINGS =
      Map.of(
          "gamehall.heartbeat.seconds", String.valueOf(HEARTBEAT_SECONDS),
          "gamehall.dead.peer.seconds", String.valueOf(DEAD_PEER_SECONDS),
          "gamehall.max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES),
          "gamehall.table.grace.seconds", String.valueOf(GRACE_SECONDS),
          "gamehall.match.bot.fill.seconds", String.valueOf(BOT_FILL_SECONDS));

  private WeldContainer cdi;
  private Server server;
  private ClientManager client;

  @BeforeAll
  void start() throws Exception {
    SETTINGS.forEach(System::setProperty);
    cdi =
        new Weld()
            .disableDiscovery()
            .addBeanClasses(
                SettingsProducer.class,
                ConnectionRegistry.class,
                Scheduling.class,
                Identities.class,
                Lobby.class,
                TableRegistry.class)
            .initialize();
    server = new Server("localhost", -1, "/gamehall", Map.of(), HallEndpoint.class);
    server.start();
    client = ClientManager.createClient();
  }

  @AfterAll
  void stop() {
    client.shutdown();
    server.stop();
    cdi.shutdown();
    SETTINGS.keySet().forEach(System::clearProperty);
  }

  @Override
  Tier tier() {
    return new Tier(URI.create("ws://localhost:" + server.getPort() + "/gamehall/ws"), client, null);
  }
}
