package io.gamehall.cluster;

import static io.gamehall.cluster.CrossNodeGame.PLIES;
import static io.gamehall.cluster.CrossNodeGame.createAndJoin;
import static io.gamehall.cluster.CrossNodeGame.lobbyShows;
import static io.gamehall.cluster.CrossNodeGame.playPlies;
import static io.gamehall.cluster.CrossNodeGame.resume;
import static io.gamehall.cluster.CrossNodeGame.resumeAfterFailover;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.Browser;
import io.gamehall.support.ClusterNginx;
import io.gamehall.support.ClusterOfWildFlys;
import io.gamehall.support.PostgresCluster;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GameHall as a cluster, end to end: a throwaway PostgreSQL, two WildFly nodes started from the
 * build's provisioned server (configure-postgresql.cli, cluster mode from system properties,
 * TCPPING on 127.0.0.1) and nginx in front with a {@code least_conn} upstream over both. The steps
 * run in order on one cluster, each a test so a report names the step that broke: one view; one
 * live connection per player across nodes (4001, read by a raw socket, a Tyrus client and the H5
 * client in Chromium, which must not reconnect); a Gomoku game between a player on each node (moves
 * cross the relay, the lobby of both nodes lists the table); SIGKILL of the table's owner right
 * after a move, the survivor owning the table within 15 s, both players resuming through nginx and
 * finishing, one match record and one rating change each; the killed node rejoining; a drained node
 * handing its table over while a second game goes on; and discovery through JDBC_PING on the same
 * database.
 *
 * <p>{@code gamehall.cluster.quorum=1}: with the default majority of a two-node cluster (2), the
 * survivor of a SIGKILL would see 1 of 2 and, correctly for a possible partition, stop accepting
 * moves and claiming tables, so no failover could be shown with two nodes. Production runs three or
 * more nodes with the majority; one is the quorum only a two-node test can use.
 *
 * <p>Ports all derive from {@code gamehall.port.offset} (O) and stay below 32768: node A on O, node
 * B on O+500 (HTTP +80, HTTPS +443), JGroups O+800.., nginx O+100/O+101. Boots are waited on
 * generously (WildFly with the 14 MB WAR took up to 220 s on the loaded build machine); only the
 * promise of issue 14, a table owned again within 15 s of the kill, has a tight deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyClusterIT {
  private static final Logger LOG = Logger.getLogger(WildFlyClusterIT.class.getName());
  private static final Duration BOOT = Duration.ofSeconds(420);
  private static final Duration VIEW = Duration.ofSeconds(120);
  private static final Duration OWNED_AFTER_KILL = Duration.ofSeconds(15);
  private static final Duration WAIT = TestClient.WAIT;

  private final int offset = Integer.getInteger("gamehall.port.offset", 24000);
  private final long started = System.nanoTime();
  private PostgresCluster postgres;
  private CrossNodeGame game;
  private ClusterOfWildFlys cluster;
  private ClusterOfWildFlys.Node nodeA;
  private ClusterOfWildFlys.Node nodeB;
  private ClusterNginx nginx;
  private ClientManager client;

  /**
   * Tyrus on the JDK's NIO and SSLEngine, for the sockets whose close code a step reads. Tyrus's
   * Grizzly transport ({@link #client}) drops what it decrypted together with a TLS close_notify
   * (tyrus#599); WildFly sends its close_notify right behind every close frame, so that client
   * reports most server closes over wss as 1006 (docs/clustering.md).
   */
  private ClientManager jdkClient;

  private final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    postgres = PostgresCluster.start();
    postgres.createDatabase("gamehall");
    game = new CrossNodeGame(postgres, "gamehall");
    cluster = ClusterOfWildFlys.prepare(postgres, "gamehall");
    int jgroupsA = offset + 800;
    int jgroupsB = offset + 801;
    String hosts = "127.0.0.1[" + jgroupsA + "],127.0.0.1[" + jgroupsB + "]";
    nodeA = cluster.node("nodeA", offset, settings(jgroupsA, hosts));
    nodeB = cluster.node("nodeB", offset + 500, settings(jgroupsB, hosts));
    // Both boot at once: the slowest part of the test, and two nodes meeting while both deploy is
    // what a cluster's first start looks like.
    nodeA.start();
    nodeB.start();
    nodeA.awaitReady(BOOT);
    nodeB.awaitReady(BOOT);
    nginx =
        ClusterNginx.start(
            Path.of("target", "cluster", "nginx").toAbsolutePath(),
            offset + 100,
            offset + 101,
            List.of(nodeA.httpPort(), nodeB.httpPort()));
    client = ClientManager.createClient();
    WssTier.of(client, nginx.socket());
    jdkClient = ClientManager.createClient(JdkClientContainer.class.getName());
    WssTier.of(jdkClient, nginx.socket());
    LOG.info("cluster up in " + secondsSinceStart() + " s");
  }

  /** The cluster settings of one node; the secret and token keys come through the environment. */
  private static Map<String, String> settings(int jgroupsPort, String hosts) {
    Map<String, String> s = ClusterOfWildFlys.testSettings("gamehall-it", 2, jgroupsPort, hosts);
    s.put("gamehall.cluster.quorum", "1");
    return s;
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
    for (ClientManager c : new ClientManager[] {client, jdkClient}) {
      if (c != null) {
        c.shutdown();
      }
    }
    try {
      for (AutoCloseable c : new AutoCloseable[] {nginx, nodeA, nodeB}) {
        if (c != null) {
          c.close();
        }
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  @Order(1)
  void bothNodesFormOneView() throws Exception {
    awaitView(List.of("nodeA", "nodeB"), nodeA, nodeB);
  }

  /**
   * Carol's first socket is a raw one, so the report says exactly what reached her: a close frame
   * and its code, or a connection cut without one (which a WebSocket client reports as 1006).
   */
  @Test
  @Order(2)
  void aSecondHelloOnTheOtherNodeClosesTheFirstConnectionWith4001() throws Exception {
    String token;
    try (RawWebSocket carolOnA = RawWebSocket.connect(nodeA.socket(), Tls.trustingOurCa())) {
      assertEquals(101, carolOnA.status(), carolOnA.handshakeResponse());
      carolOnA.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"nickname\":\"Carol\"}");
      Matcher welcome = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(nextText(carolOnA));
      assertTrue(welcome.find(), "Carol's welcome carries a token");
      token = welcome.group(1);
      TestClient carolOnB = resumed(closeTier(nodeB.socket()), token);
      RawWebSocket.Frame close = nextClose(carolOnA);
      assertEquals(
          4001,
          close.closeCode(),
          "Carol's socket on nodeA: close frame " + close.closeCode() + " " + close.closeReason());
      // How the connection ends after the close frame: answered with ours, a clean end of stream
      // is expected; a reset would lose the close frame for a client slower to read it.
      carolOnA.send(true, RawWebSocket.CLOSE, close.payload());
      String end;
      try {
        RawWebSocket.Frame after = carolOnA.read(WAIT);
        end = after == null ? "still open after " + WAIT : "another frame " + after.opcode();
      } catch (java.io.IOException e) {
        end = e.toString();
      }
      LOG.info("Carol's replaced socket on nodeA after the 4001 close frame: " + end);
      assertTrue(carolOnB.isOpen(), "the newer connection on nodeB stays open");
      // The same player through nginx replaces the connection on B too, wherever nginx sends it.
      TestClient carolViaNginx = resumed(tier(nginx.socket()), token);
      // Closed with 4001, whichever node nginx chose.
      CloseReason carolOnBClosed = carolOnB.awaitClose(WAIT);
      LOG.info("Carol's socket on nodeB closed with " + carolOnBClosed);
      assertEquals(4001, carolOnBClosed.getCloseCode().getCode(), "Carol's socket on nodeB");
      carolViaNginx.close();
    }
  }

  /**
   * The H5 client in Chromium, signed in on nodeA; the same player's token says hello on nodeB. The
   * browser must report the close frame's 4001 (the SDK then shows "replaced" and stops): a 1006
   * would make the SDK reconnect, and two devices would take the connection from each other for
   * ever.
   */
  @Test
  @Order(3)
  void aBrowserReplacedFromTheOtherNodeShowsReplacedAndDoesNotReconnect() throws Exception {
    try (Browser page = Browser.open("tab on nodeA", 1280, 860)) {
      page.get(nodeA.https("/").toString());
      page.waitFor(
          "the lobby on nodeA, connected",
          60,
          d -> page.visible("lobby") && !page.visible("conn-banner") && token(page) != null);
      // What the browser itself reports for the socket, and every state the SDK goes through.
      page.js(
          "const hall = window.gamehall.hall; window.itStates = [];"
              + " hall.on('state', s => window.itStates.push(s.state + ' ' + (s.code || '')));"
              + " hall.ws.addEventListener('close', e =>"
              + " window.itClose = e.code + ' ' + e.wasClean + ' ' + e.reason);");
      TestClient onB = resumed(tier(nodeB.socket()), token(page));
      String close =
          page.waitFor("the browser's close event", d -> (String) page.js("return window.itClose"));
      LOG.info("the browser's socket on nodeA closed: " + close);
      assertTrue(close.startsWith("4001 "), "the browser's close event: " + close);
      page.waitFor(
          "the replaced banner", d -> "closed".equals(page.attr("conn-banner", "data-state")));
      String banner = page.text("conn-banner");
      assertTrue(
          banner.startsWith("This account is now playing in another window."),
          "the banner: " + banner);
      // A reconnect would show at once as a state change; the SDK's first retry comes within 0.5
      // s, so ten times that without one means it stopped.
      try {
        Object states =
            page.waitFor(
                "a reconnect",
                5,
                d -> {
                  Object s = page.js("return window.itStates.join(', ')");
                  return String.valueOf(s).contains("connecting") ? s : null;
                });
        fail("the replaced page reconnected: " + states);
      } catch (org.openqa.selenium.TimeoutException expected) {
        // No reconnect within the window.
      }
      assertEquals("closed 4001", page.js("return window.itStates.join(', ')"), "SDK states");
      onB.send(new ClientMessage.Ping("still-live", null));
      onB.await(ServerMessage.Pong.class, p -> "still-live".equals(p.re()), "pong on nodeB");
      assertTrue(onB.isOpen(), "the newer connection on nodeB stays open");
      onB.close();
    }
  }

  private static String token(Browser page) {
    return (String) page.js("return sessionStorage.getItem('gamehall.token')");
  }

  /** The next text frame, answering pings on the way. */
  private static String nextText(RawWebSocket socket) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      RawWebSocket.Frame frame = socket.read(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame != null && frame.opcode() == RawWebSocket.TEXT) {
        return frame.text();
      }
      if (frame != null && frame.opcode() == RawWebSocket.PING) {
        socket.send(true, RawWebSocket.PONG, frame.payload());
      }
    }
    return fail("no text frame within " + WAIT);
  }

  /** The close frame that must come next (text and pings are skipped). */
  private static RawWebSocket.Frame nextClose(RawWebSocket socket) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      RawWebSocket.Frame frame;
      try {
        frame = socket.read(Duration.ofNanos(deadline - System.nanoTime()));
      } catch (java.io.IOException e) {
        return fail("the connection ended without a close frame (" + e + "); frames: " + seen);
      }
      if (frame == null) {
        continue;
      }
      if (frame.opcode() == RawWebSocket.CLOSE) {
        return frame;
      }
      seen.add(frame.opcode() == RawWebSocket.TEXT ? frame.text() : "opcode " + frame.opcode());
      if (frame.opcode() == RawWebSocket.PING) {
        socket.send(true, RawWebSocket.PONG, frame.payload());
      }
    }
    return fail("no close frame within " + WAIT + "; frames: " + seen);
  }

  @Test
  @Order(4)
  void aGameAcrossNodesSurvivesASigkillOfItsOwner() throws Exception {
    TestClient lobbyA = watchLobby(nodeA, "lobby-a");
    TestClient lobbyB = watchLobby(nodeB, "lobby-b");
    TestClient alice = TestClient.welcomed(closeTier(nodeA.socket()), "Alice");
    TestClient bob = TestClient.welcomed(tier(nodeB.socket()), "Bob");
    clients.addAll(List.of(alice, bob));
    boolean[] aliceBlack = new boolean[1];
    String table = createAndJoin(alice, bob, "g1", aliceBlack);
    game.assertOwner(table, "nodeA", 1);
    // The lobby of both nodes: checked here, failed at the end, so the failover is still tried.
    String lobbyProblem = lobbyShows(table, lobbyA, lobbyB);

    playPlies(table, "a", 0, 3, aliceBlack[0], alice, bob);
    // Alice's second hello, on nodeB: her socket on nodeA (the table's owner) is closed with 4001.
    TestClient aliceOnB = resumed(tier(nodeB.socket()), alice.welcome().token());
    clients.add(aliceOnB);
    List<String> problems = new ArrayList<>();
    int aliceClosed = alice.awaitClose(WAIT).getCloseCode().getCode();
    if (aliceClosed != 4001) {
      // Failed at the end, so the failover is still tried.
      problems.add("Alice's socket on A closed with " + aliceClosed + ", expected 4001");
    }
    LOG.info("Alice's socket on A closed with " + aliceClosed);
    resume(aliceOnB, table, alice.lastSeq(table));
    // Both players on nodeB, the table on nodeA: every move now crosses the relay.
    playPlies(table, "b", 3, 5, aliceBlack[0], aliceOnB, bob);

    // SIGKILL of the owner right after a move both players saw.
    long signalled = System.nanoTime();
    nodeA.kill();
    long killed = System.nanoTime();
    LOG.info("nodeA killed after ply 5 of " + table);
    awaitOwnerWithin(table, nodeB, 2, killed, OWNED_AFTER_KILL);
    long owned = System.nanoTime();
    LOG.info(
        "nodeB owns and runs "
            + table
            + " "
            + Duration.ofNanos(owned - killed).toMillis()
            + " ms after the kill returned, "
            + Duration.ofNanos(owned - signalled).toMillis()
            + " ms after SIGKILL was sent");

    // Both resume through nginx (which now only reaches nodeB) with their tokens.
    TestClient aliceAgain = resumed(tier(nginx.socket()), alice.welcome().token());
    TestClient bobAgain = resumed(tier(nginx.socket()), bob.welcome().token());
    clients.addAll(List.of(aliceAgain, bobAgain));
    assertTrue(
        aliceAgain.welcome().tables().contains(table),
        "welcome.tables after failover: " + aliceAgain.welcome());
    int plies =
        resumeAfterFailover(aliceAgain, List.of(alice, aliceOnB), table, 5, heir(nodeB), problems);
    int bobsPlies = resumeAfterFailover(bobAgain, List.of(bob), table, 5, heir(nodeB), problems);
    assertEquals(plies, bobsPlies, "both players see the same position");
    playPlies(table, "c", plies, PLIES.size(), aliceBlack[0], aliceAgain, bobAgain);
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

  @Test
  @Order(5)
  void theKilledNodeRestartsAndRejoinsTheView() throws Exception {
    assumeTrue(!nodeA.isAlive(), "nodeA was not killed by the step before");
    nodeA.start();
    nodeA.awaitReady(BOOT);
    awaitView(List.of("nodeA", "nodeB"), nodeA, nodeB);
  }

  @Test
  @Order(6)
  void aDrainedNodeHandsItsTableOverWhileTheGameGoesOn() throws Exception {
    // Dora's close code is read below: the JDK transport (see jdkClient).
    TestClient dora = TestClient.welcomed(closeTier(nodeA.socket()), "Dora");
    TestClient eve = TestClient.welcomed(tier(nodeB.socket()), "Eve");
    clients.addAll(List.of(dora, eve));
    boolean[] doraBlack = new boolean[1];
    String table = createAndJoin(dora, eve, "g2", doraBlack);
    game.assertOwner(table, "nodeA", 1);
    playPlies(table, "a", 0, 3, doraBlack[0], dora, eve);

    // The drain answers once every table has been handed over (docs/clustering.md).
    HttpResponse<String> drain = post(nodeA, "/admin/drain?message=Rolling%20restart");
    assertEquals(202, drain.statusCode(), drain.body());
    // At least this game's table (others are left if an earlier step stopped before the kill).
    assertTrue(
        drain.body().matches(".*\"moved\":[1-9].*\"failed\":0.*"),
        "tables moved, none failed: " + drain.body());
    dora.await(ServerMessage.Notice.class, n -> "drain".equals(n.kind()), "drain notice");
    awaitOwnerWithin(table, nodeB, 2, System.nanoTime(), Duration.ofSeconds(60));
    CloseReason closed = dora.awaitClose(Duration.ofSeconds(60));
    assertEquals(1001, closed.getCloseCode().getCode(), "Dora's socket on the drained node");

    // Both come back on nodeB (a load balancer sends them there: A's readiness says 503), as the
    // SDK does after 1001 or a 'moved' refusal: hello with the token, resume with the last seq.
    TestClient doraAgain = resumed(tier(nodeB.socket()), dora.welcome().token());
    TestClient eveAgain = resumed(tier(nodeB.socket()), eve.welcome().token());
    List<String> problems = new ArrayList<>();
    int plies = resumeAfterFailover(doraAgain, List.of(dora), table, 3, heir(nodeB), problems);
    assertEquals(
        plies,
        resumeAfterFailover(eveAgain, List.of(eve), table, 3, heir(nodeB), problems),
        "both see one position");
    assertEquals(3, plies, "a drain loses no move");
    playPlies(table, "b", plies, PLIES.size(), doraBlack[0], doraAgain, eveAgain);
    doraAgain.awaitEvent(table, "result", e -> true);
    eveAgain.awaitEvent(table, "result", e -> true);
    assertEquals(List.of(), eveAgain.seqViolations(), "Eve's events after the resume");
    game.assertOneMatchAndOneRatingChangeEach(
        table, dora.welcome().playerId(), eve.welcome().playerId(), 1, WAIT);
    assertEquals(List.of(), problems, "resumes after the hand-off");
  }

  /**
   * JDBC_PING2 on the shared database: both nodes restarted with {@code discovery=jdbc_ping} and no
   * host list find each other through the table {@code jgroupsping}.
   */
  @Test
  @Order(7)
  void jdbcPingDiscoveryFormsTheViewThroughPostgresql() throws Exception {
    nodeA.close();
    nodeB.close();
    for (ClusterOfWildFlys.Node node : List.of(nodeA, nodeB)) {
      node.set("gamehall.cluster.discovery", "jdbc_ping");
      node.set("gamehall.cluster.initial.hosts", null);
    }
    nodeA.set("gamehall.cluster.bind.port", String.valueOf(offset + 802));
    nodeB.set("gamehall.cluster.bind.port", String.valueOf(offset + 803));
    nodeA.start();
    nodeB.start();
    nodeA.awaitReady(BOOT);
    nodeB.awaitReady(BOOT);
    awaitView(List.of("nodeA", "nodeB"), nodeA, nodeB);
    try (Connection c = postgres.connect("gamehall");
        ResultSet rows =
            c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM jgroups WHERE cluster = 'gamehall-it'")) {
      rows.next();
      // JDBC_PING2's own table is "jgroups" (docs/clustering.md and jdbc-ping.env say jgroupsping).
      assertTrue(rows.getInt(1) >= 2, "both nodes in the table jgroups: " + rows.getInt(1));
    }
  }

  // ---- steps ----

  private Tier tier(URI socket) throws Exception {
    return new Tier(socket, client, Tls.trustingOurCa());
  }

  /** A tier whose clients report the close code the server sent (see {@link #jdkClient}). */
  private Tier closeTier(URI socket) throws Exception {
    return new Tier(socket, jdkClient, Tls.trustingOurCa());
  }

  private TestClient resumed(Tier tier, String token) throws Exception {
    TestClient c = TestClient.resumed(tier, token);
    clients.add(c);
    return c;
  }

  private TestClient watchLobby(ClusterOfWildFlys.Node node, String nickname) throws Exception {
    TestClient watcher = TestClient.welcomed(tier(node.socket()), nickname);
    clients.add(watcher);
    watcher.send(new ClientMessage.SubscribeLobby("lobby", "gomoku", true));
    watcher.await(
        ServerMessage.Lobby.class, l -> "lobby".equals(l.re()), "lobby of " + node.name());
    return watcher;
  }

  /**
   * {@code node} as {@link CrossNodeGame}'s scenario helpers see it: its name and its server log
   * since its last start.
   */
  private static CrossNodeGame.Node heir(ClusterOfWildFlys.Node node) {
    return new CrossNodeGame.Node(
        node.name(),
        () -> {
          try {
            return node.newLog();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private void awaitView(List<String> members, ClusterOfWildFlys.Node... nodes) throws Exception {
    for (ClusterOfWildFlys.Node node : nodes) {
      node.await(
          VIEW,
          () -> node.view().map(v -> v.equals(members)).orElse(false),
          () ->
              node.name()
                  + " never logged the view "
                  + members
                  + "; its view lines:\n"
                  + node.grep("ISPN00009", "; view [", "sees", "refused", "JOIN", "JoinRsp"));
    }
  }

  /** Waits until {@code node} owns and runs {@code table} at {@code epoch} (see CrossNodeGame). */
  private void awaitOwnerWithin(
      String table, ClusterOfWildFlys.Node node, long epoch, long since, Duration within)
      throws Exception {
    game.awaitOwnerWithin(
        table,
        heir(node),
        epoch,
        since,
        within,
        () -> {
          try {
            return node.grep("claim", "adopt", "running table", "sees", "ISPN00009", "hand", table);
          } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
          }
        });
  }

  private HttpResponse<String> post(ClusterOfWildFlys.Node node, String path) throws Exception {
    String credentials =
        Files.readString(Path.of(System.getProperty("gamehall.admin.credentials"))).strip();
    HttpClient http = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    return http.send(
        HttpRequest.newBuilder(node.https(path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            // A cluster drain answers after handing off every table: slow on a loaded machine.
            .timeout(Duration.ofSeconds(180))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long secondsSinceStart() {
    return Duration.ofNanos(System.nanoTime() - started).toSeconds();
  }
}
