package io.gamehall.cluster;

import io.gamehall.game.gomoku.GomokuRules;
import io.gamehall.store.HallStore;
import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.ClusterTables;
import io.gamehall.store.snapshot.DatabaseSnapshotStore;
import io.gamehall.store.snapshot.SnapshotStore;
import io.gamehall.store.snapshot.SnapshotWriter;
import io.gamehall.store.snapshot.TableStateCodec;
import io.gamehall.table.MatchRecord;
import io.gamehall.table.ScheduledTableClock;
import io.gamehall.table.Table;
import io.gamehall.table.TableListener;
import io.gamehall.table.TableRuntime;
import io.gamehall.table.TableSettings;
import io.gamehall.table.TableSpec;
import io.gamehall.table.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One cluster node's table layer without a container, as ClusterTables wires it in one: real {@link
 * Table}s with the Gomoku rules, the real {@link SnapshotWriter} fenced by the node's {@link
 * OwnedTables} (the production {@link ClusterTables#fencing}), adoption by restoring the claimed
 * snapshot, and a match recorder that runs the fence check and the cluster match id in one
 * transaction against test tables (the JPA repository needs a container).
 */
final class ClusterTableHost implements AutoCloseable {
  static final TableSettings SETTINGS =
      TableSettings.defaults().withCheckpointInterval(Duration.ofMillis(1));

  final ClusterNode node;
  final OwnedTables owned;
  final SnapshotWriter writer;
  final Map<String, Table> tables = new ConcurrentHashMap<>();

  /** Adoptions of this node, as "table@epoch", in order. */
  final BlockingQueue<String> adopted = new LinkedBlockingQueue<>();

  /** Tables whose match this node recorded, in order. */
  final BlockingQueue<String> recorded = new LinkedBlockingQueue<>();

  /** Match records this node ended, in order. */
  final BlockingQueue<MatchRecord> ended = new LinkedBlockingQueue<>();

  private final DataSource db;
  private final ScheduledExecutorService scheduler;
  private final TableRuntime runtime;
  private final ScheduledTableClock clock;

  private ClusterTableHost(ClusterNodes cluster, int i, AdopterRef ref) throws Exception {
    this.db = cluster.db;
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "tables-node" + i);
              t.setDaemon(true);
              return t;
            });
    this.clock = new ScheduledTableClock(scheduler);
    this.node = cluster.start(cluster.settings(i, ClusterNodes.SECRET), ref);
    this.owned = node.owned();
    this.runtime = new TableRuntime(scheduler, clock, scheduler, node::canAcceptMoves);
    this.writer =
        new SnapshotWriter(
            new Store(db),
            (task, delay) -> scheduler.schedule(task, delay, TimeUnit.MILLISECONDS),
            64,
            10_000,
            0,
            200);
    writer.fenceWith(ClusterTables.fencing(owned));
    owned.onLost(
        id -> {
          Table lost = tables.remove(id);
          if (lost != null) {
            lost.freeze();
          }
        });
  }

  /** The adopter exists before the node (claims may come with its first view). */
  static final class AdopterRef implements TableAdopter {
    volatile ClusterTableHost host;

    @Override
    public void adopt(String tableId, OwnerFence fence, Optional<SnapshotStore.Saved> snapshot) {
      host.adopt(tableId, fence, snapshot);
    }
  }

  static ClusterTableHost start(ClusterNodes cluster, int i) throws Exception {
    AdopterRef ref = new AdopterRef();
    ClusterTableHost host = new ClusterTableHost(cluster, i, ref);
    ref.host = host;
    return host;
  }

  /** A Gomoku table created on this node: its owner row names this node at epoch 1. */
  Table create(String tableId) throws SQLException {
    owned.register(tableId);
    Table table =
        new Table(
            new TableSpec(tableId, new GomokuRules(), Map.of(), 2, false, true),
            SETTINGS,
            runtime,
            new Listener(tableId));
    tables.put(tableId, table);
    return table;
  }

  private void adopt(String tableId, OwnerFence fence, Optional<SnapshotStore.Saved> snapshot) {
    // Like ClusterTables.adopt: decode the claimed snapshot and run the table under its fence.
    TableState state = TableStateCodec.decode(snapshot.orElseThrow().data());
    owned.adopted(tableId, fence);
    TableSpec spec =
        new TableSpec(
            tableId,
            new GomokuRules(),
            state.options(),
            state.seats().size(),
            state.practice(),
            state.spectatable());
    tables.put(tableId, Table.restore(state, spec, SETTINGS, runtime, new Listener(tableId)));
    adopted.add(tableId + "@" + fence.epoch());
  }

  Optional<Table> find(String tableId) {
    return Optional.ofNullable(tables.get(tableId));
  }

  /**
   * Records a finished match as MatchRepository.recordFenced does: the owner row is locked and
   * checked in the same transaction as the insert, under the cluster match id; a refused fence
   * loses the table. Returns whether this call stored it.
   */
  boolean record(MatchRecord record) {
    Optional<OwnerFence> fence = owned.fence(record.tableId());
    if (fence.isEmpty()) {
      return false;
    }
    return record(record, fence.get());
  }

  boolean record(MatchRecord record, OwnerFence fence) {
    String matchId = HallStore.matchIdOf(record);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (OwnerFence.holding(c, Map.of(record.tableId(), fence)).isEmpty()) {
          c.rollback();
          owned.lost(List.of(record.tableId()));
          return false;
        }
        try (PreparedStatement find =
            c.prepareStatement("SELECT 1 FROM test_match WHERE match_id = ?")) {
          find.setString(1, matchId);
          try (ResultSet row = find.executeQuery()) {
            if (row.next()) {
              c.rollback();
              return false;
            }
          }
        }
        try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO test_match (match_id, table_id, recorded_by) VALUES (?, ?, ?)");
            PreparedStatement rating =
                c.prepareStatement(
                    "INSERT INTO test_rating_change (match_id, player_id) VALUES (?, ?)")) {
          insert.setString(1, matchId);
          insert.setString(2, record.tableId());
          insert.setString(3, fence.toString());
          insert.executeUpdate();
          for (String player : record.players()) {
            rating.setString(1, matchId);
            rating.setString(2, player);
            rating.executeUpdate();
          }
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void createRecordTables(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS test_match (match_id VARCHAR(64) PRIMARY KEY,"
              + " table_id VARCHAR(64), recorded_by VARCHAR(128))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS test_rating_change (match_id VARCHAR(64),"
              + " player_id VARCHAR(64))");
    }
  }

  static List<String> rows(DataSource db, String sql, String param) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, param);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    clock.close();
    scheduler.shutdownNow();
  }

  private final class Listener implements TableListener {
    private final String tableId;

    Listener(String tableId) {
      this.tableId = tableId;
    }

    @Override
    public boolean keepsCheckpoints() {
      return true;
    }

    @Override
    public void checkpoint(TableState state) {
      writer.save(state, null);
    }

    @Override
    public void forget(String id) {
      writer.delete(id);
    }

    @Override
    public void matchEnded(MatchRecord record) {
      ended.add(record);
      // Off the table's queue, as HallStore does.
      scheduler.execute(
          () -> {
            if (record(record)) {
              recorded.add(record.tableId());
            }
          });
    }
  }

  /** The snapshot table on the test database, written as DatabaseSnapshotStore writes it. */
  private static final class Store implements SnapshotStore {
    private final DataSource db;

    Store(DataSource db) {
      this.db = db;
    }

    @Override
    public void write(List<Saved> saves, List<String> deletes) {
      throw new UnsupportedOperationException("cluster mode writes fenced");
    }

    @Override
    public Set<String> writeFenced(
        List<Saved> saves,
        List<String> deletes,
        Set<String> releases,
        Map<String, OwnerFence> fences) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try {
          Set<String> refused =
              DatabaseSnapshotStore.writeFenced(c, saves, deletes, releases, fences);
          c.commit();
          return refused;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public List<Saved> loadAll() {
      List<Saved> all = new ArrayList<>();
      try (Connection c = db.getConnection();
          PreparedStatement select =
              c.prepareStatement(
                  "SELECT table_id, game, seq, join_code, saved_at, state FROM table_snapshot");
          ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          all.add(
              new Saved(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getBytes(6)));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return all;
    }
  }
}
