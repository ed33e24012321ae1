package io.gamehall.cluster;

import io.gamehall.store.SchemaMigrations;
import io.gamehall.store.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.h2.jdbcx.JdbcDataSource;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

/**
 * Several cluster nodes in this JVM on loopback, over one in-memory H2 database with the shipped
 * schema (the claim and the fence are single conditional statements, the same on PostgreSQL). Ports
 * come from below 32768, from 7800 + gamehall.port.offset up, skipping taken ones.
 */
public final class ClusterNodes implements AutoCloseable {
  static final String SECRET = "test-secret-0123456789abcdef";

  final JdbcDataSource db = new JdbcDataSource();
  final Map<String, List<String>> adoptions = new ConcurrentHashMap<>();
  final List<String> adoptionsWithoutSnapshot = new CopyOnWriteArrayList<>();
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  public ClusterNodes(int count) throws SQLException, IOException {
    db.setURL("jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    db.setUser("sa");
    try (Connection c = db.getConnection()) {
      SchemaMigrations.migrate(c, SchemaMigrations.load(getClass().getClassLoader()));
    }
    // A base of its own lets parallel builds keep their JGroups ports apart from their web ports.
    int next =
        Integer.getInteger(
            "gamehall.cluster.test.port", 7800 + Integer.getInteger("gamehall.port.offset", 18000));
    while (ports.size() < count) {
      if (next >= 32768) {
        throw new IllegalStateException("no free ports below 32768 for the cluster test");
      }
      if (free(next)) {
        ports.add(next);
      }
      next++;
    }
  }

  int port(int i) {
    return ports.get(i);
  }

  String initialHosts() {
    List<String> hosts = new ArrayList<>();
    for (int p : ports) {
      hosts.add("127.0.0.1[" + p + "]");
    }
    return String.join(",", hosts);
  }

  /** Settings for node {@code i}: quorum 2 of 3, failure detected within about 2 s. */
  Map<String, String> settings(int i, String secret) {
    Map<String, String> s = new HashMap<>();
    s.put("gamehall.cluster.enabled", "true");
    s.put("gamehall.cluster.name", "gamehall-test");
    s.put("gamehall.cluster.node.name", "node" + i);
    s.put("gamehall.cluster.secret", secret);
    s.put("gamehall.cluster.bind.address", "127.0.0.1");
    s.put("gamehall.cluster.bind.port", String.valueOf(port(i)));
    s.put("gamehall.cluster.initial.hosts", initialHosts());
    s.put("gamehall.cluster.size", "3");
    s.put("gamehall.cluster.failure.timeout.millis", "2000");
    return s;
  }

  ClusterNode start(Map<String, String> settings) throws Exception {
    ClusterSettings parsed = ClusterSettings.from(settings::get);
    ClusterNode node =
        ClusterNode.start(
            parsed,
            db,
            this::snapshot,
            (tableId, fence, snapshot) -> {
              if (snapshot.isEmpty()) {
                adoptionsWithoutSnapshot.add(tableId);
              }
              synchronized (adoptions) {
                adoptions
                    .computeIfAbsent(tableId, k -> new CopyOnWriteArrayList<>())
                    .add(fence.node() + "@" + fence.epoch());
                adoptions.notifyAll();
              }
            },
            r -> {
              Thread t = new Thread(r, "claims-" + parsed.nodeName());
              t.setDaemon(true);
              return t;
            });
    nodes.add(node);
    return node;
  }

  /** A node whose claims go to {@code adopter}, each with its full stored snapshot. */
  ClusterNode start(Map<String, String> settings, TableAdopter adopter) throws Exception {
    ClusterSettings parsed = ClusterSettings.from(settings::get);
    ClusterNode node =
        ClusterNode.start(
            parsed,
            db,
            this::storedSnapshot,
            adopter,
            r -> {
              Thread t = new Thread(r, "claims-" + parsed.nodeName());
              t.setDaemon(true);
              return t;
            });
    nodes.add(node);
    return node;
  }

  /** The stored snapshot row of {@code tableId}, as the database store loads it. */
  Optional<SnapshotStore.Saved> storedSnapshot(String tableId) {
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT game, seq, join_code, saved_at, state FROM table_snapshot"
                    + " WHERE table_id = ?")) {
      select.setString(1, tableId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(
                new SnapshotStore.Saved(
                    tableId,
                    row.getString(1),
                    row.getLong(2),
                    row.getString(3),
                    row.getLong(4),
                    row.getBytes(5)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public ClusterNode start(int i) throws Exception {
    return start(settings(i, SECRET));
  }

  /** Waits until {@code tables} tables have been adopted at least once each. */
  void awaitAdoptions(int tables, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (adoptions) {
      while (adoptions.size() < tables) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "only "
                  + adoptions.size()
                  + " of "
                  + tables
                  + " tables were claimed within "
                  + deadline
                  + ": "
                  + adoptions);
        }
        TimeUnit.NANOSECONDS.timedWait(adoptions, left);
      }
    }
  }

  /** Waits until {@code node} installs a view that satisfies {@code wanted}; returns it. */
  public static ClusterView awaitView(
      ClusterNode node, Predicate<ClusterView> wanted, Duration deadline, String what)
      throws InterruptedException {
    BlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();
    node.onView(views::add);
    ClusterView current = node.view();
    long end = System.nanoTime() + deadline.toNanos();
    while (!wanted.test(current)) {
      long left = end - System.nanoTime();
      ClusterView next = left > 0 ? views.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        throw new AssertionError(
            node.name()
                + " did not see "
                + what
                + " within "
                + deadline
                + "; its view: "
                + node.view());
      }
      current = next;
    }
    return current;
  }

  /** Cuts {@code node} off: it neither sends nor receives, as after a crash or a partition. */
  public static void isolate(ClusterNode node) throws Exception {
    ProtocolStack stack = node.channel().getProtocolStack();
    DISCARD discard = new DISCARD().discardAll(true).setAddress(node.channel().getAddress());
    stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
    discard.init();
    discard.start();
  }

  /** Ends {@link #isolate}: {@code node} hears and reaches the others again, and MERGE3 merges. */
  public static void heal(ClusterNode node) {
    ProtocolStack stack = node.channel().getProtocolStack();
    DISCARD discard = stack.findProtocol(DISCARD.class);
    if (discard == null) {
      throw new IllegalStateException(node.name() + " is not isolated");
    }
    stack.removeProtocol(discard);
    discard.stop();
    discard.destroy();
  }

  /** A snapshot row for {@code tableId} at {@code seq}, as the single-node writer stores it. */
  void storeSnapshot(String tableId, long seq) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO table_snapshot (table_id, game, seq, join_code, saved_at, state)"
                    + " VALUES (?, 'gomoku', ?, NULL, 0, ?)")) {
      insert.setString(1, tableId);
      insert.setLong(2, seq);
      insert.setBytes(3, new byte[] {1, 2, 3});
      insert.executeUpdate();
    }
  }

  long snapshotSeq(String tableId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT seq FROM table_snapshot WHERE table_id = ?")) {
      select.setString(1, tableId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getLong(1) : -1;
      }
    }
  }

  private Optional<SnapshotStore.Saved> snapshot(String tableId) {
    try {
      long seq = snapshotSeq(tableId);
      return seq < 0
          ? Optional.empty()
          : Optional.of(new SnapshotStore.Saved(tableId, "gomoku", seq, null, 0, new byte[0]));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (RuntimeException e) {
        // One node failing to stop must not leave the others running.
      }
    }
  }
}
