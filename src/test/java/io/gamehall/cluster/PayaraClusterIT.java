package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.PostgresCluster;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro 6 nodes in cluster mode on one throwaway PostgreSQL (the default datasource
 * re-pointed by pre-boot commands, the driver added with --addlibs), each also in a Hazelcast data
 * grid of Micro's own: the WAR's JGroups view holds both nodes, and a player who signs in on the
 * second node closes the first node's socket with 4001. Table failover is not tested here.
 */
class PayaraClusterIT {
  private static final Logger LOG = Logger.getLogger(PayaraClusterIT.class.getName());
  private static final Duration BOOT = Duration.ofMinutes(8);
  private static final Duration VIEW = Duration.ofMinutes(3);

  @Test
  void twoMicroNodesFormOneViewBesideHazelcastAndKeepOneConnectionPerPlayer() throws Exception {
    Path jar =
        Path.of(System.getProperty("gamehall.payara.dir", "target/payara"))
            .resolve("payara-micro-6.jar");
    // A fresh directory: a Micro root directory from an earlier run keeps that run's pool (and
    // its database port), and the pre-boot create-jdbc-connection-pool would not replace it.
    Path work = Path.of("target", "payara-cluster-it").toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work);
    int[] ports = freePorts(10);
    String secret = random(24);
    String tokenKeys =
        "k1:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(random(32)));
    String hazelcast = "127.0.0.1:" + ports[8];
    String jgroupsHosts = "127.0.0.1[" + ports[6] + "],127.0.0.1[" + ports[7] + "]";
    try (PostgresCluster postgres = PostgresCluster.start()) {
      postgres.createDatabase("cluster");
      Path preboot = preboot(work, postgres);
      List<ChildProcess> nodes = new ArrayList<>();
      List<URI> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          String name = "payara-" + (char) ('a' + i);
          List<String> command =
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-Djavax.net.ssl.keyStore="
                      + Tls.truststore().resolveSibling("gamehall-keystore.p12"),
                  "-Djavax.net.ssl.keyStorePassword=changeit",
                  "-Djavax.net.ssl.keyStoreType=PKCS12",
                  "-jar",
                  jar.toString(),
                  "--name",
                  name,
                  "--port",
                  String.valueOf(ports[2 * i]),
                  "--sslport",
                  String.valueOf(ports[2 * i + 1]),
                  "--sslcert",
                  "gamehall",
                  // Hazelcast on (Micro's default), in a group of its own; the second node takes
                  // the
                  // port after the first's.
                  "--clustername",
                  "gamehall-it-" + secret.substring(0, 8),
                  "--clustermode",
                  "tcpip:" + hazelcast,
                  "--startport",
                  String.valueOf(ports[8]),
                  "--prebootcommandfile",
                  preboot.toString(),
                  "--addlibs",
                  driverJar().toString(),
                  "--rootdir",
                  work.resolve(name + "-root").toString(),
                  "--contextroot",
                  "gamehall",
                  "--deploy",
                  System.getProperty("gamehall.war", "target/gamehall.war"));
          Map<String, String> env =
              Map.of(
                  "GAMEHALL_CLUSTER_ENABLED",
                  "true",
                  "GAMEHALL_CLUSTER_NODE_NAME",
                  name,
                  "GAMEHALL_CLUSTER_SECRET",
                  secret,
                  "GAMEHALL_CLUSTER_BIND_ADDRESS",
                  "127.0.0.1",
                  "GAMEHALL_CLUSTER_BIND_PORT",
                  String.valueOf(ports[6 + i]),
                  "GAMEHALL_CLUSTER_INITIAL_HOSTS",
                  jgroupsHosts,
                  "GAMEHALL_CLUSTER_SIZE",
                  "2",
                  "GAMEHALL_TOKEN_KEYS",
                  tokenKeys);
          // One after the other: two nodes migrating a fresh database at the same moment collide
          // (node b's deployment failed with 'column "token_generation" of relation "player"
          // already
          // exists'), the known gap docs/clustering.md names (no advisory lock around migrations).
          ChildProcess node = ChildProcess.start(name, command, env, work.resolve(name + ".log"));
          nodes.add(node);
          URI socket = URI.create("wss://localhost:" + ports[2 * i + 1] + "/gamehall/ws");
          Duration boot =
              node.awaitReady(BOOT, () -> node.logContains(") ready in ") && upgrades(socket));
          LOG.info(name + " ready in " + boot.toMillis() + " ms");
          sockets.add(socket);
        }
        for (int i = 0; i < 2; i++) {
          ChildProcess node = nodes.get(i);
          Path log = work.resolve("payara-" + (char) ('a' + i) + ".log");
          // Infinispan's own line for a JGroups view of both nodes: a plain one (ISPN000094), or a
          // merged one (ISPN000093) when both nodes started alone at the same moment and MERGE3
          // joined them, as happened on a loaded machine.
          node.awaitReady(
              VIEW,
              () ->
                  logLines(log).stream()
                      .anyMatch(
                          l ->
                              (l.contains("ISPN000094") || l.contains("ISPN000093"))
                                  && l.contains("(2)")
                                  && l.contains("payara-a")
                                  && l.contains("payara-b")));
          // Micro's own Hazelcast data grid, running beside the WAR's JGroups, holds both too.
          node.awaitReady(VIEW, () -> node.logContains("DG Size: 2"));
        }
        assertOneConnectionPerPlayerAcrossNodes(sockets.get(0), sockets.get(1));
      } finally {
        for (ChildProcess node : nodes) {
          node.close();
        }
      }
    }
  }

  /** Ann signs in on node a, then again with her token on node b: node a closes with 4001. */
  private static void assertOneConnectionPerPlayerAcrossNodes(URI a, URI b) throws Exception {
    ClientManager client = ClientManager.createClient();
    try (TestClient first = TestClient.welcomed(WssTier.of(client, a), "Ann")) {
      String token = first.welcome().token();
      try (TestClient second = TestClient.resumed(WssTier.of(client, b), token)) {
        assertEquals(first.welcome().playerId(), second.welcome().playerId(), "the same player");
        CloseReason reason = first.awaitClose(Duration.ofSeconds(60));
        assertEquals(4001, reason.getCloseCode().getCode(), "node a closes: " + reason);
        second.send(new ClientMessage.Ping("alive", null));
        assertEquals(
            "alive",
            second.await(ServerMessage.Pong.class, p -> "alive".equals(p.re()), "pong").re());
      }
    } finally {
      client.shutdown();
    }
  }

  /** micro-tls.asadmin plus the default datasource on the test's PostgreSQL. */
  private static Path preboot(Path work, PostgresCluster postgres) throws IOException {
    String pool =
        "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
            + " --restype javax.sql.DataSource --property serverName=127.0.0.1:portNumber="
            + postgres.port()
            + ":databaseName=cluster:user="
            + PostgresCluster.USER
            + ":password="
            + postgres.password()
            + " gamehall-pg\n"
            + "set resources.jdbc-resource.jdbc/__default.pool-name=gamehall-pg\n";
    Path tls =
        Path.of(System.getProperty("gamehall.basedir", "."))
            .resolve("server-config/payara/micro-tls.asadmin");
    Path file = work.resolve("preboot.asadmin");
    Files.writeString(file, pool + Files.readString(tls));
    return file;
  }

  private static Path driverJar() throws Exception {
    return Path.of(
        org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static boolean upgrades(URI socket) throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(socket, Tls.trustingOurCa())) {
      return raw.status() == 101;
    }
  }

  private static List<String> logLines(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
  }

  /** {@code count} consecutive free ports below 32768 (the ephemeral range starts there). */
  private static int[] freePorts(int count) {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + 10 * random.nextInt(1_200);
      int[] ports = new int[count];
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        ports[i] = base + i;
        try (ServerSocket socket = new ServerSocket(ports[i])) {
          socket.setReuseAddress(true);
        } catch (IOException busy) {
          free = false;
        }
      }
      if (free) {
        return ports;
      }
    }
    return fail("no " + count + " free ports between 20000 and 32000");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
