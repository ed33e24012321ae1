package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro 6 nodes in cluster mode on one throwaway PostgreSQL (the default datasource
 * re-pointed by pre-boot commands, the driver added with --addlibs), each also in a Hazelcast data
 * grid of Micro's own. The steps run in order on one cluster, each a test so a report names the
 * step that broke: the WAR's JGroups view holds both nodes; a player who signs in on the second
 * node closes the first node's socket with 4001; and WildFlyClusterIT's failover scenario (a Gomoku
 * game with a player on each node, SIGKILL of the table's owner, the survivor owning the table
 * within 15 s at epoch 2, both players resuming with their tokens and finishing, one match record
 * and one rating change each).
 *
 * <p>Cluster settings as WildFlyClusterIT's ({@code quorum=1} so the survivor of two may claim, 3 s
 * failure timeout, long clocks), through {@code GAMEHALL_*} environment variables. There is no
 * nginx here: after the kill the players resume on the survivor's own wss listener, which is where
 * WildFlyClusterIT's nginx sends them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraClusterIT {
  private static final Logger LOG = Logger.getLogger(PayaraClusterIT.class.getName());
  private static final Duration BOOT = Duration.ofMinutes(8);
  private static final Duration VIEW = Duration.ofMinutes(3);
  private static final Duration OWNED_AFTER_KILL = Duration.ofSeconds(15);
  private static final Duration WAIT = TestClient.WAIT;

  private final long started = System.nanoTime();
  private final List<ChildProcess> nodes = new ArrayList<>();
  private final List<URI> sockets = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final List<TestClient> clients = new ArrayList<>();
  private PostgresCluster postgres;
  private CrossNodeGame game;
  private ClientManager client;

  @BeforeAll
  void startCluster() throws Exception {
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
    postgres = PostgresCluster.start();
    postgres.createDatabase("cluster");
    game = new CrossNodeGame(postgres, "cluster");
    Path preboot = preboot(work, postgres);
    for (int i = 0; i < 2; i++) {
      String name = nodeName(i);
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
              // Hazelcast on (Micro's default), in a group of its own; the second node takes the
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
      Map<String, String> env = new LinkedHashMap<>();
      env.put("GAMEHALL_CLUSTER_ENABLED", "true");
      env.put("GAMEHALL_CLUSTER_NODE_NAME", name);
      env.put("GAMEHALL_CLUSTER_SECRET", secret);
      env.put("GAMEHALL_CLUSTER_BIND_ADDRESS", "127.0.0.1");
      env.put("GAMEHALL_CLUSTER_BIND_PORT", String.valueOf(ports[6 + i]));
      env.put("GAMEHALL_CLUSTER_INITIAL_HOSTS", jgroupsHosts);
      env.put("GAMEHALL_CLUSTER_SIZE", "2");
      env.put("GAMEHALL_CLUSTER_QUORUM", "1");
      env.put("GAMEHALL_CLUSTER_FAILURE_TIMEOUT_MILLIS", "3000");
      env.put("GAMEHALL_TOKEN_KEYS", tokenKeys);
      // Long clocks and grace: a boot or a failover must never time a seat out or abandon the
      // match; quick match never fills with bots.
      env.put("GAMEHALL_TABLE_TURN_SECONDS", "600");
      env.put("GAMEHALL_TABLE_BANK_SECONDS", "600");
      env.put("GAMEHALL_TABLE_GRACE_SECONDS", "600");
      env.put("GAMEHALL_MATCH_BOT_FILL_SECONDS", "600");
      env.put("GAMEHALL_HEARTBEAT_SECONDS", "5");
      env.put("GAMEHALL_DEAD_PEER_SECONDS", "30");
      env.put("GAMEHALL_MAX_CONNECTIONS_PER_ADDRESS", "64");
      env.put("GAMEHALL_RATE_MESSAGES_PER_SECOND", "1000");
      env.put("GAMEHALL_RATE_BURST", "1000");
      // One after the other: two nodes migrating a fresh database at the same moment collide
      // (node b's deployment failed with 'column "token_generation" of relation "player" already
      // exists'), the known gap docs/clustering.md names (no advisory lock around migrations).
      Path log = work.resolve(name + ".log");
      ChildProcess node = ChildProcess.start(name, command, env, log);
      nodes.add(node);
      logs.add(log);
      URI socket = URI.create("wss://localhost:" + ports[2 * i + 1] + "/gamehall/ws");
      Duration boot =
          node.awaitReady(BOOT, () -> node.logContains(") ready in ") && upgrades(socket));
      LOG.info(name + " ready in " + boot.toMillis() + " ms");
      sockets.add(socket);
    }
    client = ClientManager.createClient();
    LOG.info("cluster up in " + secondsSinceStart() + " s");
  }

  @AfterAll
  void stopCluster() throws Exception {
    LOG.info("cluster test ran " + secondsSinceStart() + " s");
    for (TestClient c : clients) {
      try {
        c.close();
      } catch (Exception e) {
        // Already closed by its server.
      }
    }
    if (client != null) {
      client.shutdown();
    }
    try {
      for (ChildProcess node : nodes) {
        node.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  private static String nodeName(int i) {
    return "payara-" + (char) ('a' + i);
  }

  @Test
  @Order(1)
  void bothNodesFormOneViewBesideHazelcast() throws Exception {
    for (int i = 0; i < 2; i++) {
      Path log = logs.get(i);
      // Infinispan's own line for a JGroups view of both nodes: a plain one (ISPN000094), or a
      // merged one (ISPN000093) when both nodes started alone at the same moment and MERGE3
      // joined them, as happened on a loaded machine.
      nodes
          .get(i)
          .awaitReady(
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
      ChildProcess node = nodes.get(i);
      node.awaitReady(VIEW, () -> node.logContains("DG Size: 2"));
    }
  }

  /** Ann signs in on node a, then again with her token on node b: node a closes with 4001. */
  @Test
  @Order(2)
  void aSecondHelloOnTheOtherNodeClosesTheFirstConnectionWith4001() throws Exception {
    try (TestClient first = TestClient.welcomed(WssTier.of(client, sockets.get(0)), "Ann")) {
      String token = first.welcome().token();
      try (TestClient second = TestClient.resumed(WssTier.of(client, sockets.get(1)), token)) {
        assertEquals(first.welcome().playerId(), second.welcome().playerId(), "the same player");
        CloseReason reason = first.awaitClose(Duration.ofSeconds(60));
        assertEquals(4001, reason.getCloseCode().getCode(), "node a closes: " + reason);
        second.send(new ClientMessage.Ping("alive", null));
        assertEquals(
            "alive",
            second.await(ServerMessage.Pong.class, p -> "alive".equals(p.re()), "pong").re());
      }
    }
  }

  /** WildFlyClusterIT's step 3 on Payara Micro, with the same assertions. */
  @Test
  @Order(3)
  void aGameAcrossNodesSurvivesASigkillOfItsOwner() throws Exception {
    CrossNodeGame.Node nodeB = node(1);
    TestClient lobbyA = watchLobby(0, "lobby-a");
    TestClient lobbyB = watchLobby(1, "lobby-b");
    TestClient alice = welcomed(0, "Alice");
    TestClient bob = welcomed(1, "Bob");
    boolean[] aliceBlack = new boolean[1];
    String table = CrossNodeGame.createAndJoin(alice, bob, "g1", aliceBlack);
    game.assertOwner(table, nodeName(0), 1);
    // The lobby of both nodes: checked here, failed at the end, so the failover is still tried.
    String lobbyProblem = CrossNodeGame.lobbyShows(table, lobbyA, lobbyB);

    CrossNodeGame.playPlies(table, "a", 0, 3, aliceBlack[0], alice, bob);
    // Alice's second hello, on node b: her socket on node a (the table's owner) closes with 4001.
    TestClient aliceOnB = resumed(1, alice.welcome().token());
    List<String> problems = new ArrayList<>();
    int aliceClosed = alice.awaitClose(WAIT).getCloseCode().getCode();
    // Tyrus's client reports 1006 for this cross-node close in most runs on WildFly
    // (docs/clustering.md, known limits); any other code is wrong.
    if (aliceClosed != 4001 && aliceClosed != 1006) {
      problems.add("Alice's socket on a closed with " + aliceClosed + ", expected 4001");
    }
    LOG.info("Alice's socket on payara-a closed with " + aliceClosed);
    CrossNodeGame.resume(aliceOnB, table, alice.lastSeq(table));
    // Both players on node b, the table on node a: every move now crosses the relay.
    CrossNodeGame.playPlies(table, "b", 3, 5, aliceBlack[0], aliceOnB, bob);

    // SIGKILL of the owner right after a move both players saw.
    long signalled = System.nanoTime();
    nodes.get(0).kill();
    long killed = System.nanoTime();
    LOG.info("payara-a killed after ply 5 of " + table);
    game.awaitOwnerWithin(
        table,
        nodeB,
        2,
        killed,
        OWNED_AFTER_KILL,
        () -> grep(1, "claim", "adopt", "running table", "sees", "ISPN00009", "hand", table));
    long owned = System.nanoTime();
    LOG.info(
        "payara-b owns and runs "
            + table
            + " "
            + Duration.ofNanos(owned - killed).toMillis()
            + " ms after the kill returned, "
            + Duration.ofNanos(owned - signalled).toMillis()
            + " ms after SIGKILL was sent");

    // Both resume on the survivor with their tokens.
    TestClient aliceAgain = resumed(1, alice.welcome().token());
    TestClient bobAgain = resumed(1, bob.welcome().token());
    assertTrue(
        aliceAgain.welcome().tables().contains(table),
        "welcome.tables after failover: " + aliceAgain.welcome());
    int plies =
        CrossNodeGame.resumeAfterFailover(
            aliceAgain, List.of(alice, aliceOnB), table, 5, nodeB, problems);
    int bobsPlies =
        CrossNodeGame.resumeAfterFailover(bobAgain, List.of(bob), table, 5, nodeB, problems);
    assertEquals(plies, bobsPlies, "both players see the same position");
    CrossNodeGame.playPlies(
        table, "c", plies, CrossNodeGame.PLIES.size(), aliceBlack[0], aliceAgain, bobAgain);
    ServerMessage.Event result = aliceAgain.awaitEvent(table, "result", e -> true);
    bobAgain.awaitEvent(table, "result", e -> true);
    assertEquals("[0]", String.valueOf(result.data().get("winners")), "black wins: " + result);
    assertEquals(List.of(), aliceAgain.seqViolations(), "Alice's events after the resume");
    assertEquals(List.of(), bobAgain.seqViolations(), "Bob's events after the resume");

    game.assertOneMatchAndOneRatingChangeEach(
        table, alice.welcome().playerId(), bob.welcome().playerId(), 1, WAIT);
    if (lobbyProblem != null) {
      problems.add(lobbyProblem);
    }
    assertEquals(List.of(), problems, "checks that did not stop the scenario");
  }

  private CrossNodeGame.Node node(int i) {
    Path log = logs.get(i);
    return new CrossNodeGame.Node(
        nodeName(i),
        () -> {
          try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The lines of node {@code i}'s log holding any of {@code words}, for failure messages. */
  private String grep(int i, String... words) {
    try {
      return logLines(logs.get(i)).stream()
          .filter(l -> Stream.of(words).anyMatch(l::contains))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private TestClient welcomed(int node, String nickname) throws Exception {
    TestClient c = TestClient.welcomed(WssTier.of(client, sockets.get(node)), nickname);
    clients.add(c);
    return c;
  }

  private TestClient resumed(int node, String token) throws Exception {
    TestClient c = TestClient.resumed(WssTier.of(client, sockets.get(node)), token);
    clients.add(c);
    return c;
  }

  private TestClient watchLobby(int node, String nickname) throws Exception {
    TestClient watcher = welcomed(node, nickname);
    watcher.send(new ClientMessage.SubscribeLobby("lobby", "gomoku", true));
    watcher.await(
        ServerMessage.Lobby.class, l -> "lobby".equals(l.re()), "lobby of " + nodeName(node));
    return watcher;
  }

  private long secondsSinceStart() {
    return Duration.ofNanos(System.nanoTime() - started).toSeconds();
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
