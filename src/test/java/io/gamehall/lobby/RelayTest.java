package io.gamehall.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.cluster.ClusterDirectory;
import io.gamehall.cluster.ClusterNode;
import io.gamehall.cluster.ClusterNodes;
import io.gamehall.cluster.ClusterView;
import io.gamehall.cluster.HallDirectory;
import io.gamehall.cluster.Relay;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.GuardSettings;
import io.gamehall.config.Settings;
import io.gamehall.games.Games;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import io.gamehall.protocol.ServerMessageEncoder;
import io.gamehall.store.HallStore;
import io.gamehall.store.snapshot.ClusterTables;
import io.gamehall.support.TestConfig;
import io.gamehall.table.Command;
import io.gamehall.table.TableMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay and the shared lobby on real in-JVM cluster nodes (Infinispan, JGroups on loopback,
 * H2): players whose connections are on different nodes play at one table, the lobby of one node
 * lists another's tables, a code made on one node joins from another, and an overflowing relay
 * queue drops only the connection it could not keep up with.
 */
class RelayTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final List<AutoCloseable> closers = new ArrayList<>();

  /** One node's hall: its cluster node, directory, relay, table registry and lobby. */
  private record Hall(
      ClusterNode node,
      ClusterDirectory directory,
      Relay relay,
      TableRegistry tables,
      Lobby lobby,
      Senders senders,
      BlockingQueue<String> published) {

    /** Waits until this node's directory has heard {@code table} published by {@code owner}. */
    void awaitPublished(String table, String owner) throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      String wanted = table + "@" + owner;
      while (true) {
        long left = end - System.nanoTime();
        String next = left > 0 ? published.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          throw new AssertionError(
              node.name() + " never saw " + wanted + " in its directory within " + DEADLINE);
        }
        if (next.equals(wanted)) {
          return;
        }
      }
    }
  }

  /** A connection that records what it is sent, decoded, and checks each table's seq is gapless. */
  private static final class Socket implements LobbyMember {
    final String playerId;
    final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    final List<ServerMessage> seen = new ArrayList<>();
    final Map<String, Long> lastSeq = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ServerMessageEncoder encoder = new ServerMessageEncoder();
    final java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
    private final TableMember member = out -> sendEncoded(TableOutputs.render(out, encoder));

    Socket(String playerId) {
      this.playerId = playerId;
    }

    @Override
    public String playerId() {
      return playerId;
    }

    @Override
    public String nickname() {
      return playerId;
    }

    @Override
    public void send(ServerMessage message) {
      sendEncoded(encoder.encode(message));
    }

    @Override
    public void sendEncoded(String text) {
      ServerMessage m;
      try {
        m = new ServerMessageDecoder().decode(text);
      } catch (jakarta.websocket.DecodeException e) {
        throw new AssertionError("undecodable: " + text, e);
      }
      if (m instanceof ServerMessage.Snapshot s) {
        lastSeq.put(s.table(), s.seq());
      } else if (m instanceof ServerMessage.Event e) {
        Long last = lastSeq.put(e.table(), e.seq());
        if (last != null && e.seq() != last + 1) {
          gaps.add(e.table() + ": " + last + " -> " + e.seq());
        }
      }
      received.add(m);
    }

    @Override
    public TableMember tableMember() {
      return member;
    }

    @Override
    public void relayDropped() {
      dropped.countDown();
    }

    /** The seat this player took at {@code table}: a sitter is answered with a snapshot. */
    int seatOf(String table) throws InterruptedException {
      ServerMessage.Snapshot snapshot =
          await(
              ServerMessage.Snapshot.class,
              x -> x.table().equals(table) && x.state().get("yourSeat") != null,
              "a snapshot of " + table + " with a seat");
      seen.add(snapshot);
      return ((Number) snapshot.state().get("yourSeat")).intValue();
    }

    <T extends ServerMessage> T await(Class<T> type, Predicate<T> wanted, String what)
        throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        for (ServerMessage m : seen) {
          if (type.isInstance(m) && wanted.test(type.cast(m))) {
            seen.remove(m);
            return type.cast(m);
          }
        }
        long left = end - System.nanoTime();
        ServerMessage next = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          throw new AssertionError(
              playerId + " did not get " + what + " within " + DEADLINE + "; it got " + seen);
        }
        seen.add(next);
      }
    }

    ServerMessage.Event event(String table, String kind) throws InterruptedException {
      return await(
          ServerMessage.Event.class,
          e -> e.table().equals(table) && e.kind().equals(kind),
          "a " + kind + " event of " + table);
    }
  }

  /**
   * The relay's senders; {@link #hold} keeps drain tasks back (a node that cannot send) until
   * {@link #release}.
   */
  private static final class Senders implements java.util.concurrent.Executor {
    final java.util.concurrent.ExecutorService pool;
    final List<Runnable> held = new ArrayList<>();
    boolean holding;

    Senders(int i) {
      pool =
          java.util.concurrent.Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "relay-node" + i);
                t.setDaemon(true);
                return t;
              });
    }

    @Override
    public void execute(Runnable task) {
      synchronized (held) {
        if (holding) {
          held.add(task);
          return;
        }
      }
      pool.execute(task);
    }

    void hold() {
      synchronized (held) {
        holding = true;
      }
    }

    void release() {
      List<Runnable> go;
      synchronized (held) {
        holding = false;
        go = new ArrayList<>(held);
        held.clear();
      }
      go.forEach(pool::execute);
    }
  }

  private Hall hall(ClusterNode node, int i, int relayQueue) throws Exception {
    ClusterDirectory directory = ClusterDirectory.start(node);
    BlockingQueue<String> published = new LinkedBlockingQueue<>();
    directory.onOwner((table, owner) -> published.add(table + "@" + owner));
    Senders senders = new Senders(i);
    closers.add(senders.pool::shutdownNow);
    Relay relay = Relay.start(node, directory, relayQueue, senders);
    closers.add(0, relay);
    Settings settings = TestConfig.settings(Map.of());
    Scheduling scheduling = new Scheduling();
    java.lang.reflect.Method init = Scheduling.class.getDeclaredMethod("init");
    init.setAccessible(true);
    init.invoke(scheduling);
    java.lang.reflect.Method shutdown = Scheduling.class.getDeclaredMethod("shutdown");
    shutdown.setAccessible(true);
    closers.add(() -> shutdown.invoke(scheduling));
    TableRegistry tables = new TableRegistry();
    tables.catalog = Games.catalog();
    tables.config = settings;
    tables.scheduling = scheduling;
    tables.init();
    closers.add(0, tables::shutdown);
    tables.joinCluster(directory, relay, node.name());
    Lobby lobby = new Lobby();
    lobby.tables = tables;
    lobby.store = new NoStore();
    lobby.scheduling = scheduling;
    lobby.guard = GuardSettings.defaults();
    lobby.settings = settings;
    lobby.start();
    lobby.followClusterTables();
    closers.add(0, lobby::stop);
    return new Hall(node, directory, relay, tables, lobby, senders, published);
  }

  /** No database: ratings are the default and matches are not stored. */
  private static final class NoStore extends HallStore {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public int cachedRating(String playerId, String game) {
      return 1500;
    }

    @Override
    public CompletableFuture<Integer> rating(String playerId, String game) {
      return CompletableFuture.completedFuture(1500);
    }
  }

  @AfterEach
  void close() {
    for (AutoCloseable c : closers) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing the rest matters more.
      }
    }
  }

  private List<Hall> cluster(int count, int relayQueue) throws Exception {
    ClusterNodes nodes = new ClusterNodes(count);
    closers.add(nodes);
    List<ClusterNode> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(nodes.start(i));
    }
    // The caches start once the view is whole: a joiner that formed a view of its own first (a
    // late join answer on a loaded machine) has merged by then.
    for (ClusterNode n : started) {
      ClusterNodes.awaitView(
          n, v -> v.members().size() == count, DEADLINE, "all " + count + " nodes");
    }
    List<Hall> halls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      halls.add(hall(started.get(i), i, relayQueue));
    }
    // On a loaded machine a joiner sometimes forms a view of its own first and merges later; the
    // replicated caches settle after the views do. Every node hears every node's entry first.
    for (Hall h : halls) {
      h.directory().publish("probe-" + h.node().name(), "");
    }
    for (Hall h : halls) {
      for (Hall other : halls) {
        h.awaitPublished("probe-" + other.node().name(), other.node().name());
      }
    }
    for (Hall h : halls) {
      h.directory().unpublish("probe-" + h.node().name());
      h.published().clear();
    }
    return halls;
  }

  private static String created(Socket s, String re) throws InterruptedException {
    return s.await(ServerMessage.TableCreated.class, c -> re.equals(c.re()), "table_created")
        .table();
  }

  /** Plays {@code moves} alternately, black first; each move must reach both players. */
  private static void play(
      TableHandle blackTable,
      Socket black,
      TableHandle whiteTable,
      Socket white,
      String table,
      List<String> moves)
      throws InterruptedException {
    for (int i = 0; i < moves.size(); i++) {
      boolean blacks = i % 2 == 0;
      Socket mover = blacks ? black : white;
      (blacks ? blackTable : whiteTable)
          .submit(mover, new Command.Act(mover.playerId, "m" + i, moves.get(i), Long.MAX_VALUE));
      String move = moves.get(i);
      Predicate<ServerMessage.Event> isMove =
          e -> e.table().equals(table) && String.valueOf(e.data()).contains(move);
      black.await(ServerMessage.Event.class, isMove, "move " + move);
      white.await(ServerMessage.Event.class, isMove, "move " + move);
    }
  }

  @Test
  void playersOnTwoNodesPlayOneGameAtATableOwnedByTheFirst() throws Exception {
    List<Hall> halls = cluster(3, 1024);
    Hall node0 = halls.get(0);
    Hall node1 = halls.get(1);
    Hall node2 = halls.get(2);
    Socket alice = new Socket("g-alice");
    Socket bob = new Socket("g-bob");
    node0.lobby().createTable(alice, "c1", "gomoku", Map.of(), false, false);
    String table = created(alice, "c1");

    // The lobby of a third node lists it.
    node2.awaitPublished(table, "node0");
    Socket carol = new Socket("g-carol");
    node2.lobby().subscribe(carol, "s", null);
    ServerMessage.Lobby lobby = carol.await(ServerMessage.Lobby.class, l -> true, "the lobby");
    assertTrue(
        String.valueOf(lobby.state().get("tables")).contains(table),
        "node2's lobby lists " + table + ": " + lobby.state());

    node1.lobby().join(bob, "j1", table, null);
    assertEquals(1, bob.seatOf(table), "bob sits through the relay");
    // node2's subscriber hears of the change at node0's table as it happens.
    ServerMessage.LobbyUpdate update =
        carol.await(
            ServerMessage.LobbyUpdate.class,
            u ->
                "table".equals(u.kind())
                    && String.valueOf(u.data()).contains(table)
                    && String.valueOf(u.data()).contains("seatsTaken=2"),
            "a lobby_update on node2 for node0's table with both seats taken");
    assertEquals(table, ((Map<?, ?>) update.data().get("table")).get("table"));
    TableHandle forAlice = node0.tables().handle(table).orElseThrow();
    TableHandle forBob = node1.tables().handle(table).orElseThrow();
    assertTrue(forBob instanceof TableHandle.Remote, "node1 reaches the table through the relay");
    forAlice.submit(alice, new Command.Ready(alice.playerId, "r1", true));
    forBob.submit(bob, new Command.Ready(bob.playerId, "r2", true));
    alice.event(table, "started");
    bob.event(table, "started");
    play(
        forAlice,
        alice,
        forBob,
        bob,
        table,
        List.of("H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12"));
    ServerMessage.Event aliceResult = alice.event(table, "result");
    ServerMessage.Event bobResult = bob.event(table, "result");
    assertEquals(aliceResult.seq(), bobResult.seq(), "the same result event reaches both");
    assertEquals(List.of(), alice.gaps, "alice's seq is gapless");
    assertEquals(List.of(), bob.gaps, "bob's seq is gapless");
    assertTrue(node1.relay().framesOut() > 0 && node1.relay().framesIn() > 0, "counted");
    assertEquals(
        java.util.Set.of(table),
        node2.tables().tablesOf(bob.playerId),
        "bob's seat is known cluster-wide");
  }

  @Test
  void aJoinCodeMadeOnOneNodeJoinsFromAnother() throws Exception {
    List<Hall> halls = cluster(2, 1024);
    Socket alice = new Socket("g-alice");
    Socket bob = new Socket("g-bob");
    halls.get(0).lobby().createTable(alice, "c1", "gomoku", Map.of(), true, false);
    ServerMessage.TableCreated made =
        alice.await(ServerMessage.TableCreated.class, c -> "c1".equals(c.re()), "table_created");
    assertNotNull(made.code(), "a private table has a code");
    halls.get(1).lobby().join(bob, "j1", null, made.code());
    assertEquals(1, bob.seatOf(made.table()), "bob sits through the relay");
    alice.event(made.table(), "seated");
  }

  @Test
  void aFullRelayQueueDropsOnlyTheConnectionItCouldNotKeepUpWith() throws Exception {
    List<Hall> halls = cluster(2, 8);
    Hall node0 = halls.get(0);
    Hall node1 = halls.get(1);
    Socket alice = new Socket("g-alice");
    Socket erin = new Socket("g-erin");
    Socket bob = new Socket("g-bob");
    Socket dave = new Socket("g-dave");
    node0.lobby().createTable(alice, "c1", "gomoku", Map.of(), false, false);
    String busy = created(alice, "c1");
    node0.lobby().createTable(erin, "c2", "gomoku", Map.of(), false, false);
    String quiet = created(erin, "c2");
    node1.lobby().join(bob, "j1", busy, null);
    node1.lobby().join(dave, "j2", quiet, null);
    bob.seatOf(busy);
    dave.seatOf(quiet);

    // node0 cannot send for a while (a slow network): its queue to node1 fills with bob's events.
    node0.senders().hold();
    TableHandle busyHere = node0.tables().handle(busy).orElseThrow();
    for (int i = 0; i < 20; i++) {
      busyHere.submit(alice, new Command.Ready(alice.playerId, "r" + i, i % 2 == 0));
    }
    // The table hears bob is gone (like a socket closed for a full outbox): alice sees it.
    alice.event(busy, "offline");
    assertEquals(1, node0.relay().overflowDrops(), "one connection dropped, and counted");
    node0.senders().release();
    assertTrue(
        bob.dropped.await(DEADLINE.toSeconds(), TimeUnit.SECONDS),
        "bob's node is told to close his socket (4002)");

    // dave, on the same node and behind the same queue, was not dropped and still plays.
    TableHandle quietThere = node1.tables().handle(quiet).orElseThrow();
    quietThere.submit(dave, new Command.Chat(dave.playerId, "hi", "still here"));
    dave.event(quiet, "chat");
    erin.event(quiet, "chat");
    assertEquals(1, dave.dropped.getCount(), "dave was not dropped");
    assertEquals(1, node0.relay().overflowDrops(), "still one drop");
    assertEquals(List.of(), dave.gaps);
  }

  @Test
  void whenTheOwnerDiesItsRemotePlayerResumesAtTheNewOwnerWithGaplessSeq() throws Exception {
    List<Hall> halls = cluster(3, 1024);
    Hall node0 = halls.get(0);
    Hall node1 = halls.get(1);
    Hall node2 = halls.get(2);
    BlockingQueue<io.gamehall.table.TableState> saved = new LinkedBlockingQueue<>();
    node0
        .tables()
        .keepCheckpoints(
            new TableRegistry.Checkpoints() {
              @Override
              public void save(io.gamehall.table.TableState state, String code) {
                saved.add(state);
              }

              @Override
              public void delete(String tableId) {}
            });
    Socket alice = new Socket("g-alice");
    Socket bob = new Socket("g-bob");
    node0.lobby().createTable(alice, "c1", "gomoku", Map.of(), false, false);
    String table = created(alice, "c1");
    node1.lobby().join(bob, "j1", table, null);
    bob.seatOf(table);
    TableHandle forAlice = node0.tables().handle(table).orElseThrow();
    TableHandle forBob = node1.tables().handle(table).orElseThrow();
    forAlice.submit(alice, new Command.Ready(alice.playerId, "r1", true));
    forBob.submit(bob, new Command.Ready(bob.playerId, "r2", true));
    alice.event(table, "started");
    bob.event(table, "started");
    int aliceSeat = alice.seatOf(table);
    List<String> moves = List.of("H8", "A1", "H9");
    if (aliceSeat == 0) {
      play(forAlice, alice, forBob, bob, table, moves);
    } else {
      play(forBob, bob, forAlice, alice, table, moves);
    }
    io.gamehall.table.TableState state = null;
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (state == null || state.moveLog().size() < 3) {
      long left = end - System.nanoTime();
      io.gamehall.table.TableState next = left > 0 ? saved.poll(left, TimeUnit.NANOSECONDS) : null;
      assertNotNull(next, "node0 saved no state with the three moves within " + DEADLINE);
      state = next;
    }

    // node0 dies; the table is adopted on node2 (as the adopter does: restore, publish).
    ClusterNodes.isolate(node0.node());
    for (Hall h : List.of(node1, node2)) {
      ClusterNodes.awaitView(h.node(), v -> !v.members().contains("node0"), DEADLINE, "node0 gone");
    }
    node2.tables().restore(state, null);
    node1.awaitPublished(table, "node2");

    // bob's connection on node1 follows the table to node2 by itself; alice reconnects on node1.
    Socket alice2 = new Socket("g-alice");
    TableHandle again = node1.tables().handle(table).orElseThrow();
    assertEquals(
        "node2", ((TableHandle.Remote) again).owner(), "node1 reaches the table at node2 now");
    again.resume(alice2, 0);
    alice2.await(ServerMessage.Snapshot.class, x -> x.table().equals(table), "a snapshot");
    String blackMove = "H10";
    String whiteMove = "A2";
    // White (seat 1) is to move after three moves.
    TableHandle white = aliceSeat == 1 ? again : forBob;
    Socket whiteSocket = aliceSeat == 1 ? alice2 : bob;
    white.submit(
        whiteSocket, new Command.Act(whiteSocket.playerId, "w2", whiteMove, Long.MAX_VALUE));
    Predicate<ServerMessage.Event> isMove =
        e -> e.table().equals(table) && String.valueOf(e.data()).contains(whiteMove);
    bob.await(ServerMessage.Event.class, isMove, "the move at the new owner");
    alice2.await(ServerMessage.Event.class, isMove, "the move at the new owner");
    TableHandle black = aliceSeat == 0 ? again : forBob;
    Socket blackSocket = aliceSeat == 0 ? alice2 : bob;
    black.submit(
        blackSocket, new Command.Act(blackSocket.playerId, "b3", blackMove, Long.MAX_VALUE));
    Predicate<ServerMessage.Event> isBlack =
        e -> e.table().equals(table) && String.valueOf(e.data()).contains(blackMove);
    bob.await(ServerMessage.Event.class, isBlack, "black's move at the new owner");
    assertEquals(List.of(), bob.gaps, "bob's seq is gapless across the owner change");
    assertEquals(List.of(), alice2.gaps);
    assertTrue(node2.relay().remoteMembers() >= 2, "both sockets are members at node2");
  }

  @Test
  void quickMatchTicketsFromTwoNodesSitAtOneTableAndPlay() throws Exception {
    List<Hall> halls = cluster(2, 1024);
    for (Hall h : halls) {
      h.lobby()
          .useClusterQueue(
              io.gamehall.cluster.ClusterMatchQueue.start(
                  h.node(),
                  io.gamehall.matching.MatchMaker.Policy.defaults(),
                  System::currentTimeMillis,
                  h.lobby()::formed));
    }
    Socket alice = new Socket("g-alice");
    Socket bob = new Socket("g-bob");
    halls.get(0).lobby().quickMatch(alice, "q1", "gomoku", Map.of());
    halls.get(1).lobby().quickMatch(bob, "q2", "gomoku", Map.of());
    String table =
        alice.await(ServerMessage.Matching.class, m -> m.table() != null, "a match").table();
    assertEquals(
        table,
        bob.await(ServerMessage.Matching.class, m -> m.table() != null, "a match").table(),
        "one table for both");
    alice.event(table, "started");
    bob.event(table, "started");
    TableHandle forAlice = halls.get(0).tables().handle(table).orElseThrow();
    TableHandle forBob = halls.get(1).tables().handle(table).orElseThrow();
    int aliceSeat = alice.seatOf(table);
    List<String> moves = List.of("H8", "A1", "H9");
    if (aliceSeat == 0) {
      play(forAlice, alice, forBob, bob, table, moves);
    } else {
      play(forBob, bob, forAlice, alice, table, moves);
    }
    assertEquals(List.of(), alice.gaps);
    assertEquals(List.of(), bob.gaps);
  }

  @Test
  void aPrivateTablesCodeJoinsFromTheOtherSideAfterAPartitionHeals() throws Exception {
    List<Hall> halls = cluster(3, 1024);
    Hall node0 = halls.get(0);
    Hall node1 = halls.get(1);
    for (Hall h : halls) {
      // As ClusterTables wires it in the container (every table here is its node's own).
      h.directory()
          .afterMerge(() -> ClusterTables.republish(h.tables().all(), id -> true, h.directory()));
    }
    Socket alice = new Socket("g-alice");
    node0.lobby().createTable(alice, "c1", "gomoku", Map.of(), true, false);
    ServerMessage.TableCreated made =
        alice.await(ServerMessage.TableCreated.class, c -> "c1".equals(c.re()), "table_created");
    String table = made.table();
    assertEquals(
        Optional.of(new HallDirectory.Location(table, "node0")),
        node1.directory().resolveCode(made.code()));

    // node0 is cut off: node1, the coordinator of the majority side, drops node0's entries.
    BlockingQueue<ClusterView> purges = new LinkedBlockingQueue<>();
    node1.directory().afterPurge(purges::add);
    ClusterNodes.isolate(node0.node());
    long end = System.nanoTime() + DEADLINE.toNanos();
    ClusterView purged;
    do {
      purged = purges.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertNotNull(purged, "node1 ran no purge without node0 within " + DEADLINE);
    } while (purged.members().contains("node0"));
    assertEquals(
        Optional.empty(),
        node1.directory().resolveCode(made.code()),
        "the majority side lost the code with its node");

    // The partition heals; Infinispan keeps the larger side's entries, node0 republishes its own.
    node1.published().clear();
    ClusterNodes.heal(node0.node());
    for (Hall h : halls) {
      ClusterNodes.awaitView(h.node(), v -> v.members().size() == 3, DEADLINE, "the merged view");
    }
    node1.awaitPublished(table, "node0");
    // The code may reach node1 a moment after the table (another cache, and under load a late
    // rebalance): a player would try again, so does this, each try one round trip, until the
    // deadline. A code that never comes back still fails.
    Socket bob = new Socket("g-bob");
    long joinEnd = System.nanoTime() + DEADLINE.toNanos();
    ServerMessage answer;
    for (int attempt = 0; ; attempt++) {
      String id = "j" + attempt;
      node1.lobby().join(bob, id, null, made.code());
      answer =
          bob.await(
              ServerMessage.class,
              m ->
                  (m instanceof ServerMessage.Snapshot s
                          && s.table().equals(table)
                          && s.state().get("yourSeat") != null)
                      || (m instanceof ServerMessage.Error e && id.equals(e.re())),
              "a seat at " + table + " or an error for the join");
      if (answer instanceof ServerMessage.Snapshot
          || !(answer instanceof ServerMessage.Error e
              && e.code() == io.gamehall.protocol.ErrorCode.UNKNOWN_TABLE)
          || System.nanoTime() > joinEnd) {
        break;
      }
    }
    assertTrue(
        answer instanceof ServerMessage.Snapshot,
        "bob joins node0's table by its code from node1, but got " + answer);
    alice.event(table, "seated");
  }
}
