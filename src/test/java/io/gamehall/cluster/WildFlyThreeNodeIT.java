package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.ClusterNginx;
import io.gamehall.support.ClusterOfWildFlys;
import io.gamehall.support.PostgresCluster;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Three WildFly nodes (the same WAR, one PostgreSQL, nginx {@code least_conn} over the three) used
 * as players use one node: quick match, a private code, a spectator, chat, the lobby, ratings and
 * history, with the players' sockets deliberately on other nodes than their tables; then a rolling
 * restart of all three nodes (drain, stop, start, one at a time) while three games go on, losing no
 * move and recording each game once.
 *
 * <p>The default quorum (2 of {@code gamehall.cluster.size=3}) is kept: a rolling restart never
 * takes more than one node away, so the other two keep accepting moves. Ports derive from {@code
 * gamehall.port.offset} O and stay below 32768: nodes on O, O+500, O+1000 (HTTP +80, HTTPS +443,
 * management +990), JGroups O+800.. (FD_SOCK2 +100), nginx O+100/O+101.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyThreeNodeIT {
  private static final Logger LOG = Logger.getLogger(WildFlyThreeNodeIT.class.getName());
  private static final Duration BOOT = Duration.ofSeconds(420);
  private static final Duration VIEW = Duration.ofSeconds(120);
  private static final Duration WAIT = TestClient.WAIT;
  private static final List<String> NAMES = List.of("nodeA", "nodeB", "nodeC");

  /** Black (seat 0) wins with five in column H while white plays down column A. */
  private static final List<String> PLIES =
      List.of("H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12");

  /** A restored table numbers its events from its checkpoint plus this (EventLog.RESTORE_JUMP). */
  private static final long RESTORE_JUMP = 1L << 20;

  private final int offset = Integer.getInteger("gamehall.port.offset", 24000);
  private final long started = System.nanoTime();
  private PostgresCluster postgres;
  private CrossNodeGame game;
  private final List<ClusterOfWildFlys.Node> nodes = new ArrayList<>();
  private ClusterNginx nginx;
  private ClientManager client;
  private final List<TestClient> clients = new ArrayList<>();
  private final List<Game> games = new ArrayList<>();
  private final List<String> timings = new ArrayList<>();

  /** A player as the SDK keeps one: its token, and the connection it currently uses. */
  private static final class Player {
    final String nickname;
    final String id;
    final String token;
    TestClient socket;

    Player(TestClient welcomed) {
      this.nickname = welcomed.welcome().nickname();
      this.id = welcomed.welcome().playerId();
      this.token = welcomed.welcome().token();
      this.socket = welcomed;
    }
  }

  /** One Gomoku game of the rolling restart, its players by colour and the plies applied. */
  private static final class Game {
    final String name;
    final String table;
    final Player black;
    final Player white;
    int plies;

    Game(String name, String table, Player black, Player white) {
      this.name = name;
      this.table = table;
      this.black = black;
      this.white = white;
    }

    @Override
    public String toString() {
      return name + " " + table;
    }
  }

  @BeforeAll
  void startCluster() throws Exception {
    postgres = PostgresCluster.start();
    postgres.createDatabase("gamehall");
    game = new CrossNodeGame(postgres, "gamehall");
    ClusterOfWildFlys cluster = ClusterOfWildFlys.prepare(postgres, "gamehall");
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < NAMES.size(); i++) {
      hosts.append(i == 0 ? "" : ",").append("127.0.0.1[").append(offset + 800 + i).append(']');
    }
    for (int i = 0; i < NAMES.size(); i++) {
      nodes.add(
          cluster.node(NAMES.get(i), offset + 500 * i, settings(offset + 800 + i, "" + hosts)));
    }
    // All three boot at once: the migrations take PostgreSQL's advisory lock, so the nodes migrate
    // the fresh database one after another, and the boot, the slowest part, is paid once.
    long boot = System.nanoTime();
    for (ClusterOfWildFlys.Node node : nodes) {
      node.start();
    }
    for (ClusterOfWildFlys.Node node : nodes) {
      node.awaitReady(BOOT);
    }
    timings.add("three nodes ready " + since(boot) + " s after launch");
    nginx =
        ClusterNginx.start(
            Path.of("target", "cluster", "nginx").toAbsolutePath(),
            offset + 100,
            offset + 101,
            nodes.stream().map(ClusterOfWildFlys.Node::httpPort).toList());
    // The JDK transport: Tyrus's Grizzly one drops a close frame that arrives with WildFly's
    // close_notify (tyrus#599) and reports 1006 (docs/clustering.md).
    client = ClientManager.createClient(JdkClientContainer.class.getName());
    WssTier.of(client, nginx.socket());
    LOG.info("cluster of three up in " + since(started) + " s");
  }

  private static Map<String, String> settings(int jgroupsPort, String hosts) {
    return ClusterOfWildFlys.testSettings("gamehall-it3", 3, jgroupsPort, hosts);
  }

  @AfterAll
  void stopCluster() throws Exception {
    LOG.info("three-node test ran " + since(started) + " s; " + timings);
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
      if (nginx != null) {
        nginx.close();
      }
      for (ClusterOfWildFlys.Node node : nodes) {
        node.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  @Order(1)
  void everyNodeSeesAViewOfThree() throws Exception {
    awaitViewOfThree();
  }

  /**
   * Alice on A and Bob on B quick-match into one table and play it through; Carol on C watches and
   * chats; every node's lobby lists the table; one record and one rating change each; the history,
   * the match and a replay are read on a node that did not own the table.
   */
  @Test
  @Order(2)
  void playersOnThreeNodesQuickMatchWatchChatAndReadTheReplayElsewhere() throws Exception {
    TestClient alice = welcomed(node(0).socket(), "Alice");
    TestClient bob = welcomed(node(1).socket(), "Bob");
    TestClient carol = welcomed(node(2).socket(), "Carol");

    alice.send(new ClientMessage.QuickMatch("qa", "gomoku", Map.of()));
    alice.await(ServerMessage.Matching.class, m -> m.queued(), "Alice queued");
    bob.send(new ClientMessage.QuickMatch("qb", "gomoku", Map.of()));
    String table = matched(alice);
    assertEquals(table, matched(bob), "quick match seats both players at one table");
    String owner = ownerOf(table).orElseThrow(() -> new AssertionError("no row for " + table));
    boolean aliceBlack = seatAtStart(alice, table) == 0;
    assertEquals(aliceBlack ? 1 : 0, seatAtStart(bob, table), "two players in seats 0 and 1");
    TestClient black = aliceBlack ? alice : bob;
    TestClient white = aliceBlack ? bob : alice;

    assertEquals(List.of(), lobbyMissing(table, true), "every node's lobby lists " + table);

    carol.send(new ClientMessage.TableRequest("watch", table, new TableAction.Spectate()));
    ServerMessage.Snapshot seen =
        carol.await(ServerMessage.Snapshot.class, s -> table.equals(s.table()), "spectate");
    assertEquals(-1L, ((Number) seen.state().get("yourSeat")).longValue(), "a spectator's seat");

    carol.send(
        new ClientMessage.TableRequest("chat-c", table, new TableAction.Chat("good luck", null)));
    alice.send(
        new ClientMessage.TableRequest("chat-a", table, new TableAction.Chat(null, "hello")));
    for (TestClient c : List.of(alice, bob, carol)) {
      c.awaitEvent(
          table,
          "chat",
          e ->
              carol.welcome().playerId().equals(e.data().get("from"))
                  && "good luck".equals(e.data().get("text")));
      c.awaitEvent(
          table,
          "chat",
          e ->
              alice.welcome().playerId().equals(e.data().get("from"))
                  && "hello".equals(e.data().get("phrase")));
    }

    for (int i = 0; i < PLIES.size(); i++) {
      TestClient mover = i % 2 == 0 ? black : white;
      TestClient other = mover == black ? white : black;
      String move = PLIES.get(i);
      mover.send(new ClientMessage.TableRequest("m" + i, table, new TableAction.Act(move, null)));
      ServerMessage answer = mover.awaitAnswer("m" + i, "answer to " + move);
      assertTrue(TestClient.applied(answer), move + " not applied: " + answer);
      for (TestClient watcher : List.of(other, carol)) {
        watcher.awaitEvent(table, "move", e -> move.equals(e.data().get("move")));
      }
    }
    ServerMessage.Event result = alice.awaitEvent(table, "result", e -> true);
    for (TestClient c : List.of(bob, carol)) {
      assertEquals(result.data(), c.awaitEvent(table, "result", e -> true).data(), "one result");
    }
    assertEquals("[0]", String.valueOf(result.data().get("winners")), "black wins: " + result);
    for (TestClient c : List.of(alice, bob, carol)) {
      assertEquals(List.of(), c.seqViolations(), c.welcome().nickname() + "'s events");
    }
    String match = oneMatchAndOneRatingChangeEach(table, List.of(alice, bob), 1);

    // Alice's history, match and replay, asked on a node that never owned the table.
    ClusterOfWildFlys.Node elsewhere =
        nodes.stream().filter(n -> !n.name().equals(owner)).findFirst().orElseThrow();
    TestClient reader = resumed(elsewhere.socket(), alice.welcome().token());
    reader.send(new ClientMessage.History("hist", 0, 20));
    Map<String, Object> page =
        reader.await(ServerMessage.History.class, h -> "hist".equals(h.re()), "history").page();
    assertTrue(String.valueOf(page.get("matches")).contains(match), "history: " + page);
    reader.send(new ClientMessage.GetMatch("get", match));
    Map<String, Object> record =
        reader.await(ServerMessage.MatchRecord.class, m -> "get".equals(m.re()), "match").match();
    assertEquals(PLIES, actions(record), "the recorded moves of " + match);
    reader.send(new ClientMessage.Replay("replay", match, PLIES.size()));
    Map<String, Object> frame =
        reader
            .await(ServerMessage.ReplayFrame.class, r -> "replay".equals(r.re()), "replay")
            .frame();
    assertEquals(PLIES.size(), ((Number) frame.get("plies")).intValue(), "replay: " + frame);
    assertEquals(
        PLIES.size(),
        CrossNodeGame.stones(frame.get("view")),
        "the replayed final board: " + frame);
    LOG.info("table " + table + " owned by " + owner + ", history read on " + elsewhere.name());
    for (TestClient c : List.of(reader, bob, carol)) {
      c.close();
    }
  }

  /**
   * The three games of the rolling restart: a private table made on C and joined by its code from A
   * (listed nowhere), a quick match of two players through nginx, and a public table made on A and
   * joined by id from B (listed on every node); each gets its first ply.
   */
  @Test
  @Order(3)
  void aPrivateCodeFromOneNodeSeatsAPlayerOnAnotherAndThreeGamesStart() throws Exception {
    TestClient dan = welcomed(node(2).socket(), "Dan");
    TestClient erin = welcomed(node(0).socket(), "Erin");
    dan.send(new ClientMessage.CreateTable("private", "gomoku", Map.of(), true, false));
    ServerMessage.TableCreated created =
        dan.await(ServerMessage.TableCreated.class, c -> "private".equals(c.re()), "private");
    assertTrue(
        created.code() != null && created.code().matches("[0-9]{6}"), "code: " + created.code());
    erin.send(new ClientMessage.JoinTable("join", null, created.code()));
    ServerMessage joined = erin.awaitAnswer("join", "join by code from nodeA");
    assertTrue(joined instanceof ServerMessage.Ack, "join by code from another node: " + joined);
    games.add(readyAndStart("private", created.table(), dan, erin));

    TestClient fay = welcomed(nginx.socket(), "Fay");
    TestClient gus = welcomed(nginx.socket(), "Gus");
    fay.send(new ClientMessage.QuickMatch("qf", "gomoku", Map.of()));
    fay.await(ServerMessage.Matching.class, m -> m.queued(), "Fay queued");
    gus.send(new ClientMessage.QuickMatch("qg", "gomoku", Map.of()));
    String quick = matched(fay);
    assertEquals(quick, matched(gus), "one table for Fay and Gus");
    boolean fayBlack = seatAtStart(fay, quick) == 0;
    games.add(
        new Game(
            "quick", quick, new Player(fayBlack ? fay : gus), new Player(fayBlack ? gus : fay)));

    TestClient hana = welcomed(node(0).socket(), "Hana");
    TestClient ivan = welcomed(node(1).socket(), "Ivan");
    hana.send(new ClientMessage.CreateTable("public", "gomoku", Map.of(), false, false));
    String open =
        hana.await(ServerMessage.TableCreated.class, c -> "public".equals(c.re()), "public")
            .table();
    ivan.send(new ClientMessage.JoinTable("join", open, null));
    ServerMessage ivanJoined = ivan.awaitAnswer("join", "join by id from nodeB");
    assertTrue(ivanJoined instanceof ServerMessage.Ack, "join by id: " + ivanJoined);
    games.add(readyAndStart("public", open, hana, ivan));

    assertEquals(List.of(), lobbyMissing(quick, true), "every lobby lists the quick match");
    assertEquals(List.of(), lobbyMissing(open, true), "every lobby lists the public table");
    assertEquals(
        List.of(), lobbyMissing(created.table(), false), "no lobby lists the private table");
    for (Game g : games) {
      play(g);
      LOG.info(g.name + " is " + g.table + ", owned by " + ownerOf(g.table).orElse("?"));
    }
  }

  /**
   * For each node in turn: a ply in every game, {@code POST /admin/drain} (its running tables move,
   * none fails), its sockets close with 1001, it stops; the players it held reconnect (through
   * nginx or to a live node) and resume with their last seq; a ply in every game while it is down;
   * it starts again and the view is three before the next node.
   */
  @Test
  @Order(4)
  void aRollingRestartOfAllThreeNodesLosesNoMove() throws Exception {
    assertEquals(3, games.size(), "the games of the step before");
    int moved = 0;
    for (int i = 0; i < nodes.size(); i++) {
      ClusterOfWildFlys.Node node = node(i);
      ClusterOfWildFlys.Node next = node((i + 1) % nodes.size());
      long round = System.nanoTime();
      for (Game g : games) {
        play(g);
      }
      moved += drainAndStop(node, next);
      for (Game g : games) {
        play(g);
      }
      long restart = System.nanoTime();
      node.start();
      node.awaitReady(BOOT);
      awaitViewOfThree();
      timings.add(
          node.name()
              + ": back in the view "
              + since(restart)
              + " s after its start, round "
              + since(round)
              + " s");
    }
    assertTrue(moved >= games.size(), "every game's table moved at least once: " + moved);
    for (Game g : games) {
      long epoch = epochOf(g.table);
      assertTrue(epoch >= 2, g.table + " moved at least once, epoch " + epoch);
    }
  }

  /** Every game ends with all its plies, one match record and one rating change per player. */
  @Test
  @Order(5)
  void everyGameFinishesWithEveryMoveRecordedOnce() throws Exception {
    assertEquals(3, games.size(), "the games of the steps before");
    for (Game g : games) {
      while (g.plies < PLIES.size()) {
        play(g);
      }
      ServerMessage.Event result = g.black.socket.awaitEvent(g.table, "result", e -> true);
      assertEquals(
          result.data(),
          g.white.socket.awaitEvent(g.table, "result", e -> true).data(),
          "one result of " + g.name);
      assertEquals("[0]", String.valueOf(result.data().get("winners")), "black wins: " + result);
      String match =
          oneMatchAndOneRatingChangeEach(g.table, List.of(g.black.socket, g.white.socket), 1);
      g.black.socket.send(new ClientMessage.GetMatch("get-" + g.name, match));
      Map<String, Object> record =
          g.black
              .socket
              .await(
                  ServerMessage.MatchRecord.class, m -> ("get-" + g.name).equals(m.re()), "match")
              .match();
      assertEquals(PLIES, actions(record), "every ply of " + g.name + ", in order, once");
      for (Player p : List.of(g.black, g.white)) {
        assertEquals(List.of(), p.socket.seqViolations(), p.nickname + "'s events on " + g.name);
      }
    }
  }

  // ---- the rolling restart ----

  /**
   * Drains {@code node}, checks its answer against the tables it owned, waits until each moved
   * table runs at its heir and the node's sockets are closed, stops it, and reconnects the players
   * it held: black through nginx, white to {@code live}. Returns the tables moved.
   */
  private int drainAndStop(ClusterOfWildFlys.Node node, ClusterOfWildFlys.Node live)
      throws Exception {
    Map<Game, Long> owned = new LinkedHashMap<>();
    for (Game g : games) {
      if (node.name().equals(ownerOf(g.table).orElse(null))) {
        owned.put(g, epochOf(g.table));
      }
    }
    // A raw socket on the node reads exactly what the drain sends it, frame by frame.
    RawWebSocket watcher = RawWebSocket.connect(node.socket(), Tls.trustingOurCa());
    assertEquals(101, watcher.status(), watcher.handshakeResponse());
    watcher.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"nickname\":\"Raw\"}");
    assertTrue(nextText(watcher).contains("\"welcome\""), "the raw socket's welcome");
    long drainStart = System.nanoTime();
    HttpResponse<String> drain = http(node, "/admin/drain?message=Rolling%20restart", true);
    assertEquals(202, drain.statusCode(), drain.body());
    Matcher counts =
        Pattern.compile("\"moved\":(\\d+),\"closed\":(\\d+),\"failed\":(\\d+)")
            .matcher(drain.body());
    assertTrue(counts.find(), "drain answer: " + drain.body());
    assertEquals(owned.size(), Integer.parseInt(counts.group(1)), "moved: " + drain.body());
    assertEquals(0, Integer.parseInt(counts.group(3)), "failed: " + drain.body());
    LOG.info(node.name() + " drained: " + drain.body() + " (owned " + owned.keySet() + ")");

    // Each moved table runs at an heir, one epoch on; its players will be numbered from there.
    Map<Game, Long> newNumbers = new LinkedHashMap<>();
    for (Map.Entry<Game, Long> e : owned.entrySet()) {
      newNumbers.put(e.getKey(), awaitMoved(e.getKey().table, node, e.getValue() + 1));
    }
    RawWebSocket.Frame close = nextClose(watcher);
    assertEquals(1001, close.closeCode(), "the drained node's close frame: " + close.closeReason());
    watcher.send(true, RawWebSocket.CLOSE, close.payload());
    watcher.close();
    awaitConnections(node, 0);
    timings.add(node.name() + ": drained and its sockets closed in " + since(drainStart) + " s");
    // The node has closed its sockets. Its players got its drain notice before the close frame,
    // on the same stream; the others answer a ping. Nothing is sent to a socket the node closed,
    // and the node stops only now, so neither can be what ended a player's connection.
    List<Player> closed = new ArrayList<>();
    for (Game g : games) {
      for (Player p : List.of(g.black, g.white)) {
        boolean told =
            p.socket.received().stream()
                .anyMatch(m -> m instanceof ServerMessage.Notice n && "drain".equals(n.kind()));
        if (told || !answersPing(p.socket, "alive-" + node.name())) {
          int code = p.socket.awaitClose(WAIT).getCloseCode().getCode();
          assertEquals(
              1001,
              code,
              p.nickname + "'s socket on the drained " + node.name() + " closed with " + code);
          LOG.info(p.nickname + "'s socket on the drained " + node.name() + " closed with " + code);
          closed.add(p);
        }
      }
    }
    node.close();

    for (Game g : games) {
      for (Player p : List.of(g.black, g.white)) {
        if (!closed.contains(p)) {
          continue;
        }
        TestClient before = p.socket;
        URI where = p == g.black ? nginx.socket() : live.socket();
        p.socket = resumed(where, p.token);
        assertTrue(p.socket.welcome().tables().contains(g.table), "welcome: " + p.socket.welcome());
        resume(p, before, g);
      }
    }
    // Every player of a moved table, reconnected or kept connected (its node re-attaches it to the
    // heir by itself), hears the heir: a snapshot or an event numbered from the heir's restore.
    for (Map.Entry<Game, Long> e : newNumbers.entrySet()) {
      Game g = e.getKey();
      for (Player p : List.of(g.black, g.white)) {
        p.socket.await(
            ServerMessage.class,
            m ->
                m instanceof ServerMessage.Snapshot s
                        && g.table.equals(s.table())
                        && s.seq() >= e.getValue()
                    || m instanceof ServerMessage.Event ev
                        && g.table.equals(ev.table())
                        && ev.seq() >= e.getValue(),
            p.nickname + " hearing " + g.table + " from its heir (seq >= " + e.getValue() + ")");
      }
    }
    return owned.size();
  }

  /**
   * Resumes {@code g} on {@code p}'s new socket from the last seq {@code before} saw, as the SDK
   * does. A snapshot must show every ply applied so far: a drain loses no move.
   */
  private void resume(Player p, TestClient before, Game g) throws Exception {
    long lastSeq = before.lastSeq(g.table);
    p.socket.expectSeqAfter(g.table, lastSeq);
    p.socket.send(
        new ClientMessage.TableRequest("resume", g.table, new TableAction.Resume(lastSeq)));
    ServerMessage answer =
        p.socket.await(
            ServerMessage.class,
            m ->
                m instanceof ServerMessage.Snapshot s && g.table.equals(s.table())
                    || m instanceof ServerMessage.Event e
                        && g.table.equals(e.table())
                        && "online".equals(e.kind())
                        && p.id.equals(e.data().get("player")),
            p.nickname + "'s resume of " + g.table + " from seq " + lastSeq);
    if (answer instanceof ServerMessage.Snapshot s) {
      assertEquals(
          g.plies, CrossNodeGame.stones(s.state()), p.nickname + "'s snapshot of " + g.table);
    }
    LOG.info(
        p.nickname
            + " resumed "
            + g.table
            + " from seq "
            + lastSeq
            + ": "
            + (answer instanceof ServerMessage.Snapshot s ? "snapshot at " + s.seq() : "replay"));
  }

  /** The next ply of {@code g}: applied for its mover, seen by the other player. */
  private static void play(Game g) throws Exception {
    int i = g.plies;
    String move = PLIES.get(i);
    Player mover = i % 2 == 0 ? g.black : g.white;
    Player other = mover == g.black ? g.white : g.black;
    String id = g.name + "-" + i;
    mover.socket.send(new ClientMessage.TableRequest(id, g.table, new TableAction.Act(move, null)));
    ServerMessage answer =
        mover.socket.awaitAnswer(id, mover.nickname + "'s " + move + " on " + g.name);
    assertTrue(TestClient.applied(answer), move + " (ply " + i + ") not applied: " + answer);
    other.socket.awaitEvent(g.table, "move", e -> move.equals(e.data().get("move")));
    g.plies++;
  }

  /**
   * Whether {@code c} is still connected: a {@code ping} answered with its {@code pong}, or the
   * connection closed (a socket on a stopped node).
   */
  private static boolean answersPing(TestClient c, String id) throws Exception {
    if (!c.isOpen()) {
      return false;
    }
    try {
      c.send(new ClientMessage.Ping(id, null));
    } catch (IllegalStateException | java.io.IOException e) {
      return false;
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!c.isOpen()) {
        return false;
      }
      try {
        c.await(ServerMessage.Pong.class, p -> id.equals(p.re()), "pong", Duration.ofMillis(250));
        return true;
      } catch (AssertionError notYet) {
        // Neither the pong nor the close yet: look again.
      }
    }
    return fail(c.welcome().nickname() + ": neither pong nor close within " + WAIT);
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

  /** The close frame that must come next (text frames, the drain notice, are skipped). */
  private static RawWebSocket.Frame nextClose(RawWebSocket socket) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
    return fail("no close frame within 60 s; frames: " + seen);
  }

  /**
   * Waits until {@code table} is owned by another node than {@code from} at {@code epoch} and that
   * node runs it; returns the first seq its players hear from there.
   */
  private long awaitMoved(String table, ClusterOfWildFlys.Node from, long epoch) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "none";
    while (System.nanoTime() < deadline) {
      Optional<Object[]> row = game.owner(table);
      last = row.map(r -> r[0] + " epoch " + r[1]).orElse("none");
      if (row.isPresent() && !from.name().equals(row.get()[0])) {
        assertEquals(epoch, row.get()[1], "one hand-off of " + table + " from " + from.name());
        ClusterOfWildFlys.Node heir = node(NAMES.indexOf((String) row.get()[0]));
        Matcher running =
            Pattern.compile("running table " + table + " at seq (\\d+)").matcher(heir.newLog());
        long saved = -1;
        while (running.find()) {
          saved = Long.parseLong(running.group(1));
        }
        if (saved >= 0) {
          LOG.info(table + " moved from " + from.name() + " to " + heir.name() + " at " + saved);
          return saved + RESTORE_JUMP;
        }
      }
    }
    return fail(table + " not run by an heir of " + from.name() + " within 60 s; row: " + last);
  }

  /** Waits until {@code node}'s /metrics says {@code gamehall_connections} is {@code count}. */
  private void awaitConnections(ClusterOfWildFlys.Node node, int count) throws Exception {
    Pattern gauge = Pattern.compile("(?m)^gamehall_connections (\\d+)");
    String last = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> metrics = http(node, "/metrics", false);
      Matcher m = gauge.matcher(metrics.body());
      if (!m.find()) {
        last = metrics.statusCode() + " " + metrics.body();
      } else if (Integer.parseInt(m.group(1)) == count) {
        return;
      } else {
        last = m.group();
      }
    }
    fail(node.name() + " still has connections after its drain: " + last);
  }

  // ---- helpers ----

  private ClusterOfWildFlys.Node node(int i) {
    return nodes.get(i);
  }

  private void awaitViewOfThree() throws Exception {
    for (ClusterOfWildFlys.Node node : nodes) {
      node.await(
          VIEW,
          () -> node.view().map(v -> v.equals(NAMES)).orElse(false),
          () ->
              node.name()
                  + " never logged the view "
                  + NAMES
                  + "; its view lines:\n"
                  + node.grep("ISPN00009", "; view [", "sees", "refused", "JOIN"));
    }
  }

  private Tier tier(URI socket) throws Exception {
    return new Tier(socket, client, Tls.trustingOurCa());
  }

  private TestClient welcomed(URI socket, String nickname) throws Exception {
    TestClient c = TestClient.welcomed(tier(socket), nickname);
    clients.add(c);
    return c;
  }

  private TestClient resumed(URI socket, String token) throws Exception {
    TestClient c = TestClient.resumed(tier(socket), token);
    clients.add(c);
    return c;
  }

  private static String matched(TestClient c) throws Exception {
    return c.await(ServerMessage.Matching.class, m -> !m.queued() && m.table() != null, "matched")
        .table();
  }

  private static int seatAtStart(TestClient c, String table) throws Exception {
    List<?> players = (List<?>) c.awaitEvent(table, "started", e -> true).data().get("players");
    int seat = players.indexOf(c.welcome().playerId());
    assertTrue(seat >= 0, "not among the players: " + players);
    return seat;
  }

  /** Both seated players say ready; returns the game once both saw it start. */
  private static Game readyAndStart(String name, String table, TestClient a, TestClient b)
      throws Exception {
    for (TestClient p : List.of(a, b)) {
      p.send(new ClientMessage.TableRequest(name + "-ready", table, new TableAction.Ready()));
    }
    boolean aBlack = seatAtStart(a, table) == 0;
    assertEquals(aBlack ? 1 : 0, seatAtStart(b, table), "two players in seats 0 and 1");
    return new Game(name, table, new Player(aBlack ? a : b), new Player(aBlack ? b : a));
  }

  /**
   * The nodes whose fresh lobby listing does not match: {@code listed} true, those not listing
   * {@code table}; false, those listing it.
   */
  private List<String> lobbyMissing(String table, boolean listed) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (ClusterOfWildFlys.Node node : nodes) {
      try (TestClient watcher = TestClient.welcomed(tier(node.socket()), "lobby")) {
        watcher.send(new ClientMessage.SubscribeLobby("lobby", "gomoku", true));
        ServerMessage.Lobby lobby =
            watcher.await(ServerMessage.Lobby.class, l -> "lobby".equals(l.re()), "lobby");
        String tables = String.valueOf(lobby.state().get("tables"));
        if (tables.contains(table) != listed) {
          wrong.add(node.name() + ": " + tables);
        }
      }
    }
    return wrong;
  }

  /** The actions of a match record's moves, in order. */
  private static List<String> actions(Map<String, Object> record) {
    List<?> moves = (List<?>) record.get("moves");
    assertNotNull(moves, "moves of " + record);
    return moves.stream().map(m -> String.valueOf(((Map<?, ?>) m).get("action"))).toList();
  }

  private Optional<String> ownerOf(String table) throws Exception {
    return game.owner(table).map(r -> (String) r[0]);
  }

  private long epochOf(String table) throws Exception {
    return game.owner(table)
        .map(r -> (Long) r[1])
        .orElseThrow(() -> new AssertionError("no table_owner row for " + table));
  }

  /** Exactly one match record of {@code table} (see CrossNodeGame); returns the match id. */
  private String oneMatchAndOneRatingChangeEach(
      String table, List<TestClient> players, int gamesEach) throws Exception {
    assertEquals(2, players.size(), "a Gomoku table's players");
    return game.assertOneMatchAndOneRatingChangeEach(
        table,
        players.get(0).welcome().playerId(),
        players.get(1).welcome().playerId(),
        gamesEach,
        WAIT);
  }

  /** GET or POST (empty body) as the test's admin user. */
  private HttpResponse<String> http(ClusterOfWildFlys.Node node, String path, boolean post)
      throws Exception {
    String credentials =
        Files.readString(Path.of(System.getProperty("gamehall.admin.credentials"))).strip();
    HttpClient http = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.https(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            // A cluster drain answers after handing off every table: slow on a loaded machine.
            .timeout(Duration.ofSeconds(180));
    return http.send(
        post ? request.POST(HttpRequest.BodyPublishers.noBody()).build() : request.GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
  }
}
