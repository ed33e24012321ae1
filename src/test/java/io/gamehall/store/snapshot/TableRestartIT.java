package io.gamehall.store.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.Commands;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.WssTier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tables survive their server: a real WildFly (the provisioned one, on a base directory of its own
 * and a port offset 500 above the build's) is stopped cleanly, restarted, has the WAR redeployed,
 * and is killed with SIGKILL, each in the middle of a Gomoku game between two wss clients. After
 * each, both clients come back with their session tokens through the normal hello + resume, see the
 * position they had (and the sequence going on from the number they saw), and the game goes on to
 * its end: no move lost or repeated. After SIGKILL only what the writer had flushed survives; the
 * test reports how much that was.
 */
class TableRestartIT {
  private static final Logger LOG = Logger.getLogger(TableRestartIT.class.getName());
  private static final Path HOME =
      Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"))
          .toAbsolutePath();
  private static final Path BASE = Path.of("target", "restart-server").toAbsolutePath();
  private static final Duration BOOT = Duration.ofSeconds(180);
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** What a client sends to ask for a fresh snapshot whatever it saw (the SDK's 2^53-1). */
  private static final long FRESH = (1L << 53) - 1;

  private static final List<String> BLACK = List.of("H8", "H9", "H10", "H11", "H12");
  private static final List<String> WHITE = List.of("A1", "A2", "A3", "A4", "A5");

  private final int offset = Integer.getInteger("gamehall.port.offset", 10000) + 500;
  private final ClientManager container = ClientManager.createClient();
  private final List<TestClient> clients = new ArrayList<>();
  private ChildProcess server;
  private int starts;

  @AfterEach
  void stop() throws Exception {
    for (TestClient c : clients) {
      c.close();
    }
    container.shutdown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void gomokuGamesSurviveACleanRestartARedeployAndAKill() throws Exception {
    prepareBase();
    start();
    Tier tier =
        WssTier.of(container, URI.create("wss://localhost:" + (8443 + offset) + "/gamehall/ws"));

    TestClient ann = client(TestClient.welcomed(tier, "Ann"));
    TestClient bob = client(TestClient.welcomed(tier, "Bob"));
    String table = quickMatch(ann, bob);
    Seats seats = seats(ann, bob, table);
    play(seats, table, 0, 4);

    // 1. A clean stop: the players are told the server goes away (1001), and the table is saved as
    // it stands.
    long seen = seats.black.lastSeq(table);
    stopCleanly();
    awaitDropped(seats.black, "SIGTERM");
    awaitDropped(seats.white, "SIGTERM");
    start();
    seats = resumeBoth(tier, seats, table, seen, 4);
    play(seats, table, 4, 6);

    // 2. A second game starts; the SIGKILL will hit it later, after the redeploy saved it.
    String second = quickMatch(seats.black, seats.white);
    Seats next = seats(seats.black, seats.white, second);
    play(next, second, 0, 2);

    // 3. A redeploy of the WAR in the running server, both games mid-way.
    seen = seats.black.lastSeq(table);
    Commands.run(
        List.of(
            HOME.resolve("bin/jboss-cli.sh").toString(),
            "--connect",
            "--controller=remote+http://localhost:" + (9990 + offset),
            "--command=/deployment=gamehall.war:redeploy"),
        Map.of(),
        0,
        Duration.ofSeconds(120));
    awaitDropped(seats.black, "redeploy");
    awaitDropped(seats.white, "redeploy");
    seats = resumeBoth(tier, seats, table, seen, 6);
    next = sameClients(seats, next);
    for (TestClient c : List.of(next.black, next.white)) {
      c.send(new ClientMessage.TableRequest("r2", second, new TableAction.Resume(FRESH)));
      ServerMessage.Snapshot snapshot =
          c.await(
              ServerMessage.Snapshot.class,
              m -> m.table().equals(second),
              "snapshot of " + second,
              WAIT);
      assertEquals(
          List.of("H8", "A1"), moves(snapshot), "the second game came through the redeploy too");
    }
    play(seats, table, 6, 9);
    ServerMessage.Event result =
        seats.black.await(
            ServerMessage.Event.class,
            e -> e.table().equals(table) && e.kind().equals("result"),
            "result",
            WAIT);
    assertEquals(
        "[0]",
        String.valueOf(result.data().get("winners")),
        "black wins with five in column H: " + result);
    assertEquals(List.of(), seats.black.seqViolations(), "gapless, nothing twice");
    assertEquals(List.of(), seats.white.seqViolations(), "gapless, nothing twice");

    // 4. SIGKILL right after a move was acknowledged: only what had reached the database file
    // survives.
    play(next, second, 2, 3);
    long lastSeen = next.black.lastSeq(second);
    long killedAt = System.nanoTime();
    kill();
    start();
    Back black = resumeFresh(tier, next.black, second);
    Back white = resumeFresh(tier, next.white, second);
    ServerMessage.Snapshot restored = black.snapshot();
    List<?> moves = moves(restored);
    assertEquals(moves, moves(white.snapshot()), "both see the same position");
    List<String> played = List.of("H8", "A1", "H9");
    assertTrue(
        moves.size() >= 2 && moves.size() <= 3 && played.subList(0, moves.size()).equals(moves),
        "at least what was saved well before the kill, and a prefix of what was played: " + moves);
    LOG.info(
        String.format(
            "after SIGKILL: restored seq %d of %d seen (%d of 3 moves kept, the last one %s);"
                + " restart took %d ms",
            restored.seq(),
            lastSeen,
            moves.size(),
            moves.size() == 3 ? "acknowledged just before the kill" : "lost",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)));
    play(new Seats(black.client(), white.client()), second, moves.size(), 9);
    black
        .client()
        .await(
            ServerMessage.Event.class,
            e -> e.table().equals(second) && e.kind().equals("result"),
            "result",
            WAIT);
    stopCleanly();
    assertTrue(
        server.logContains("table snapshots: "), "the writer reports its figures at shutdown");
  }

  private record Seats(TestClient black, TestClient white) {}

  /**
   * The socket ends in a way the SDK reconnects after: 1001 (going away) when the application
   * closes it, 1006 when WildFly's own suspension at SIGTERM drops the connection before the
   * application hears of the stop.
   */
  private static void awaitDropped(TestClient client, String why) throws Exception {
    int code = client.awaitClose(WAIT).getCloseCode().getCode();
    LOG.info(why + ": the client saw close code " + code);
    assertTrue(code == 1001 || code == 1006, why + " closed with " + code);
  }

  private record Back(TestClient client, ServerMessage.Snapshot snapshot) {}

  /**
   * The second game's seats on the clients the players use now (colours may differ from the first
   * game).
   */
  private static Seats sameClients(Seats now, Seats before) {
    boolean same = now.black.welcome().playerId().equals(before.black.welcome().playerId());
    return same ? now : new Seats(now.white, now.black);
  }

  private TestClient client(TestClient c) {
    clients.add(c);
    return c;
  }

  private static String token(TestClient c) {
    return c.welcome().token();
  }

  private static String quickMatch(TestClient a, TestClient b) throws Exception {
    a.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
    b.send(new ClientMessage.QuickMatch("q", "gomoku", Map.of()));
    String table =
        a.await(
                ServerMessage.Matching.class,
                m -> !m.queued() && m.table() != null,
                "matched",
                WAIT)
            .table();
    assertEquals(
        table,
        b.await(
                ServerMessage.Matching.class,
                m -> !m.queued() && m.table() != null,
                "matched",
                WAIT)
            .table());
    return table;
  }

  private static Seats seats(TestClient a, TestClient b, String table) throws Exception {
    ServerMessage.Event started =
        a.await(
            ServerMessage.Event.class,
            e -> e.table().equals(table) && e.kind().equals("started"),
            "started",
            WAIT);
    b.await(
        ServerMessage.Event.class,
        e -> e.table().equals(table) && e.kind().equals("started"),
        "started",
        WAIT);
    List<?> players = (List<?>) started.data().get("players");
    boolean aIsBlack = a.welcome().playerId().equals(players.get(0));
    return aIsBlack ? new Seats(a, b) : new Seats(b, a);
  }

  /**
   * Plays plies {@code from} (inclusive) to {@code to} (exclusive) of the fixed game, each
   * acknowledged.
   */
  private static void play(Seats seats, String table, int from, int to) throws Exception {
    for (int ply = from; ply < to; ply++) {
      TestClient player = ply % 2 == 0 ? seats.black : seats.white;
      String move = (ply % 2 == 0 ? BLACK : WHITE).get(ply / 2);
      String id = "m-" + table + "-" + move;
      player.send(new ClientMessage.TableRequest(id, table, new TableAction.Act(move, null)));
      ServerMessage reply = player.awaitAnswer(id, "answer to " + move, WAIT);
      assertTrue(TestClient.applied(reply), move + " was not accepted: " + reply);
    }
  }

  /**
   * Both players come back on new connections with their tokens and find the table exactly as they
   * left it.
   */
  private Seats resumeBoth(Tier tier, Seats before, String table, long seen, int plies)
      throws Exception {
    List<TestClient> back = new ArrayList<>();
    for (TestClient old : List.of(before.black, before.white)) {
      Back again = resumeFresh(tier, old, table);
      // Equal, or a little higher: a socket the container dropped before the application heard of
      // the stop is
      // recorded as that seat going offline (and 托管 if it was to move), never as a move; the second
      // player to come
      // back also sees the first one's online and clock events. At most 2 seats x 2 + 2 + 1 + 1.
      // A restored table numbers on from its checkpoint plus 2^20 (docs/protocol.md, resume).
      long restored = again.snapshot().seq() - (1L << 20);
      LOG.info("resumed at seq " + restored + " (+2^20) after seeing " + seen);
      assertTrue(
          restored >= seen && restored <= seen + 8,
          "the sequence goes on from " + seen + " + 2^20: " + again.snapshot().seq());
      assertEquals(
          interleave(plies),
          moves(again.snapshot()),
          "the same position as before, nothing lost or repeated");
      back.add(again.client());
    }
    return new Seats(back.get(0), back.get(1));
  }

  /**
   * A new connection for {@code old}'s player: hello with the token, then resume; returns the
   * snapshot.
   */
  private Back resumeFresh(Tier tier, TestClient old, String table) throws Exception {
    TestClient c = client(TestClient.resumed(tier, token(old)));
    assertEquals(old.welcome().playerId(), c.welcome().playerId(), "the same player");
    assertTrue(
        c.welcome().tables().contains(table), "welcome lists the restored table: " + c.welcome());
    c.send(new ClientMessage.TableRequest("r", table, new TableAction.Resume(FRESH)));
    return new Back(
        c,
        c.await(
            ServerMessage.Snapshot.class,
            s -> s.table().equals(table),
            "snapshot of " + table,
            WAIT));
  }

  private static List<?> moves(ServerMessage.Snapshot snapshot) {
    Map<?, ?> match = (Map<?, ?>) snapshot.state().get("match");
    return (List<?>) match.get("moves");
  }

  private static List<String> interleave(int plies) {
    List<String> out = new ArrayList<>();
    for (int ply = 0; ply < plies; ply++) {
      out.add((ply % 2 == 0 ? BLACK : WHITE).get(ply / 2));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The server: the provisioned WildFly with a base directory of its own, so it shares nothing with
  // Arquillian's.

  private static void prepareBase() throws Exception {
    if (Files.exists(BASE)) {
      try (Stream<Path> walk = Files.walk(BASE)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path from = HOME.resolve("standalone");
    try (Stream<Path> walk = Files.walk(from.resolve("configuration"))) {
      for (Path p : walk.toList()) {
        Path to = BASE.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.toString().contains("standalone_xml_history")) {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.createDirectories(BASE.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("gamehall.war", "target/gamehall.war")),
        BASE.resolve("deployments/gamehall.war"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private void start() throws Exception {
    starts++;
    server =
        ChildProcess.start(
            "wildfly (restart test)",
            List.of(
                HOME.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + BASE,
                "-Djboss.socket.binding.port-offset=" + offset,
                // Generous player timings: the test, not a clock, decides when anyone moves.
                "-Dgamehall.table.turn.seconds=120",
                "-Dgamehall.table.grace.seconds=120",
                "-Dgamehall.match.bot.fill.seconds=120"),
            Map.of(
                "JBOSS_PIDFILE",
                BASE.resolve("server.pid").toString(),
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "1"),
            BASE.resolveSibling("restart-server-" + starts + ".log"));
    Duration took =
        server.awaitReady(BOOT, () -> server.logContains("WFLYSRV0010: Deployed \"gamehall.war\""));
    LOG.info("restart-test WildFly start " + starts + " ready in " + took.toMillis() + " ms");
  }

  private ProcessHandle java() throws Exception {
    long pid = Long.parseLong(Files.readString(BASE.resolve("server.pid")).strip());
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no WildFly process " + pid));
  }

  /** SIGTERM to the server's JVM: WildFly undeploys (our shutdown hooks run) and exits. */
  private void stopCleanly() throws Exception {
    ProcessHandle jvm = java();
    jvm.destroy();
    jvm.onExit().get(90, TimeUnit.SECONDS);
    server.close();
  }

  /** SIGKILL: nothing of the application runs. */
  private void kill() throws Exception {
    ProcessHandle jvm = java();
    jvm.destroyForcibly();
    jvm.onExit().get(30, TimeUnit.SECONDS);
    server.close();
  }
}
