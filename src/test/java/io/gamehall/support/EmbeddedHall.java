package io.gamehall.support;

import io.gamehall.account.AccountService;
import io.gamehall.account.PlayerRecords;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.SettingsProducer;
import io.gamehall.endpoint.HallEndpoint;
import io.gamehall.games.GameCatalogProducer;
import io.gamehall.identity.Identities;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.session.ConnectionStats;
import io.gamehall.store.HallStore;
import io.gamehall.store.StoreExecutor;
import java.util.Map;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.server.Server;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The hall's real endpoint and beans on an embedded Tyrus server with plain CDI (Weld SE), plus a
 * client container. The settings are the hall's MicroProfile Config (only those: no system
 * properties, no environment).
 */
public final class EmbeddedHall implements AutoCloseable {
  private final WeldContainer cdi;
  private final Server server;
  private final ClientManager client;

  private EmbeddedHall(Map<String, String> settings) throws Exception {
    this.cdi =
        new Weld()
            .disableDiscovery()
            // The settings reach the hall as a MicroProfile config source, as a container's would.
            .addExtension(TestConfig.asBean(TestConfig.of(settings)))
            .addBeanClasses(
                SettingsProducer.class,
                GameCatalogProducer.class,
                ConnectionRegistry.class,
                ConnectionStats.class,
                Scheduling.class,
                Identities.class,
                Lobby.class,
                TableRegistry.class,
                // No JPA here: HallStore finds no repositories and reports the store unavailable.
                HallStore.class,
                AccountService.class,
                PlayerRecords.class,
                StoreExecutor.class)
            .initialize();
    // Port -1: Tyrus picks a free port (0 would mean its default, 8025).
    this.server = new Server("localhost", -1, "/gamehall", Map.of(), HallEndpoint.class);
    server.start();
    this.client = ClientManager.createClient();
  }

  public static EmbeddedHall start(Map<String, String> settings) throws Exception {
    return new EmbeddedHall(settings);
  }

  public int port() {
    return server.getPort();
  }

  public ClientManager client() {
    return client;
  }

  /** A bean of the running hall, for tests that look inside (connection counts, drains). */
  public <T> T bean(Class<T> type) {
    return cdi.select(type).get();
  }

  @Override
  public void close() {
    client.shutdown();
    server.stop();
    cdi.shutdown();
  }
}
