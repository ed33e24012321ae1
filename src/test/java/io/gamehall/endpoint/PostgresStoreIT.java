package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.store.SchemaMigrations;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.Commands;
import io.gamehall.support.PostgresCluster;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.WssTier;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract against PostgreSQL, switched the way an admin would: a throwaway cluster
 * (Debian's binaries, initdb on a free port), the driver module from add-postgresql-driver.sh,
 * configure-postgresql.cli applied offline to a copy of the provisioned server's configuration, and
 * the unchanged WAR. The schema comes from the application's own migrations at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreIT extends StoreContract {
  private static final Path HOME =
      Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"));

  /** The same test timings the Arquillian server runs with (arquillian.xml). */
  private static final List<String> TEST_SETTINGS =
      List.of(
          "-Dgamehall.heartbeat.seconds=1",
          "-Dgamehall.dead.peer.seconds=3",
          "-Dgamehall.table.grace.seconds=5",
          "-Dgamehall.match.bot.fill.seconds=8",
          "-Dgamehall.max.connections.per.address=32",
          "-Dgamehall.rate.messages.per.second=100000",
          "-Dgamehall.rate.burst=100000");

  private PostgresCluster postgres;
  private ChildProcess wildfly;
  private ClientManager client;
  private Tier tier;

  @BeforeAll
  void start() throws Exception {
    postgres = PostgresCluster.start();
    postgres.createDatabase("gamehall");
    Path base = Path.of("target", "wildfly-postgresql").toAbsolutePath();
    copyConfiguration(base);
    String driver =
        Path.of(
                org.postgresql.Driver.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    Commands.run(
        Commands.script("server-config/wildfly/add-postgresql-driver.sh", HOME.toString(), driver));
    Commands.run(
        Commands.script(
            "server-config/wildfly/apply-offline.sh",
            HOME.toString(),
            Commands.basedir()
                .resolve("server-config/wildfly/configure-postgresql.cli")
                .toString()),
        Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + base),
        0,
        Duration.ofSeconds(180));
    Files.copy(
        Path.of(System.getProperty("gamehall.war")),
        base.resolve("deployments/gamehall.war"),
        StandardCopyOption.REPLACE_EXISTING);
    int offset = freeOffset();
    List<String> command =
        new ArrayList<>(
            List.of(
                HOME.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset));
    command.addAll(TEST_SETTINGS);
    wildfly =
        ChildProcess.start(
            "wildfly-postgresql",
            command,
            Map.of(
                "GAMEHALL_DB_URL",
                postgres.jdbcUrl("gamehall"),
                "GAMEHALL_DB_USER",
                PostgresCluster.USER,
                "GAMEHALL_DB_PASSWORD",
                postgres.password(),
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "1",
                "JAVA_OPTS",
                "-Xms64m -Xmx512m"),
            base.resolve("log/console.log"));
    wildfly.awaitReady(
        Duration.ofSeconds(240),
        () -> {
          if (wildfly.logContains("Failed to start") || wildfly.logContains("WFLYCTL0186")) {
            throw new AssertionError("the deployment failed:\n" + wildfly.tail());
          }
          return wildfly.logContains("Deployed \"gamehall.war\"");
        });
    client = ClientManager.createClient();
    tier = WssTier.of(client, URI.create("wss://localhost:" + (8443 + offset) + "/gamehall/ws"));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (client != null) {
        client.shutdown();
      }
      if (wildfly != null) {
        wildfly.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Override
  Tier tier() {
    return tier;
  }

  @Test
  void theServerMigratedPostgresqlAtStartAndStoresPlayersThere() throws Exception {
    int shipped =
        SchemaMigrations.load(getClass().getClassLoader()).stream()
            .mapToInt(SchemaMigrations.Script::version)
            .max()
            .orElseThrow();
    try (Connection c = postgres.connect("gamehall")) {
      assertEquals(
          shipped, SchemaMigrations.currentVersion(c), "the deployment migrated PostgreSQL");
    }
    try (TestClient kim = TestClient.welcomed(tier(), "Kim")) {
      String id = kim.welcome().playerId();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // Each query is a round trip to the database: this polls at its speed until the asynchronous
      // write lands.
      while (!playerRowExists(id)) {
        assertTrue(System.nanoTime() < deadline, "player " + id + " never reached PostgreSQL");
      }
    }
  }

  @Test
  void theMigrationsApplyOnceOnAFreshPostgresqlDatabase() throws Exception {
    postgres.createDatabase("migrations");
    List<SchemaMigrations.Script> scripts = SchemaMigrations.load(getClass().getClassLoader());
    try (Connection c = postgres.connect("migrations")) {
      assertEquals(scripts.size(), SchemaMigrations.migrate(c, scripts).size());
      assertEquals(List.of(), SchemaMigrations.migrate(c, scripts), "a second run applies nothing");
    }
  }

  private boolean playerRowExists(String id) throws Exception {
    try (Connection c = postgres.connect("gamehall");
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT COUNT(*) FROM player WHERE id = '" + id.replace("'", "") + "'")) {
      rows.next();
      return rows.getInt(1) == 1;
    }
  }

  /**
   * The provisioned server's configuration (TLS, hardening, keystore) in a base directory of its
   * own.
   */
  private static void copyConfiguration(Path base) throws IOException {
    if (Files.exists(base)) {
      try (Stream<Path> old = Files.walk(base)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path configuration = Files.createDirectories(base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    try (Stream<Path> files = Files.list(HOME.resolve("standalone/configuration"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * A port offset under which every port WildFly binds (HTTP, HTTPS, management, transactions) is
   * free now.
   */
  private static int freeOffset() {
    int[] ports = {8080, 8443, 9990, 9993, 8009, 4712, 4713};
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = ThreadLocalRandom.current().nextInt(20000, 50000);
      boolean free = true;
      for (int port : ports) {
        try (ServerSocket probe = new ServerSocket(port + offset)) {
          probe.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
          break;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new AssertionError("no free port offset found");
  }
}
