package io.gamehall.store.snapshot;

import io.gamehall.cluster.ClusterDirectory;
import io.gamehall.cluster.ClusterNode;
import io.gamehall.cluster.ClusterService;
import io.gamehall.cluster.OwnedTables;
import io.gamehall.cluster.TableAdopter;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.store.HallStore;
import io.gamehall.store.OwnerFence;
import io.gamehall.table.Phase;
import io.gamehall.table.Table;
import io.gamehall.table.TableState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The table layer on cluster ownership (cluster mode only; a single node never calls it): fences
 * snapshot writes and match records, freezes and drops the tables whose fenced write was refused,
 * restores the tables this node claims ({@link TableAdopter}), restores only this node's own tables
 * at start, and hands every live table to another node on a drain.
 */
@ApplicationScoped
public class ClusterTables implements TableAdopter {
  private static final Logger LOG = Logger.getLogger(ClusterTables.class.getName());

  /** How long a drain waits for one table to freeze and hand in its last state. */
  private static final long SUSPEND_SECONDS = 5;

  @Inject TableRegistry registry;
  @Inject ClusterService cluster;
  @Inject HallStore store;

  /** Match records in flight per table: a closing table releases its row only after them. */
  private final Map<String, CompletableFuture<?>> recording = new ConcurrentHashMap<>();

  private volatile SnapshotWriter writer;

  /** Drain result: tables handed to another node, and tables closed because none was running. */
  public record Drained(int moved, int closed, int failed) {}

  /** Wires fenced writes and records; called by {@link TableSnapshots} at start in cluster mode. */
  void start(SnapshotWriter snapshotWriter) {
    OwnedTables owned = cluster.owned().orElseThrow();
    this.writer = snapshotWriter;
    owned.onLost(id -> registry.detach(id, true));
    snapshotWriter.fenceWith(fencing(owned));
    store.fenceMatches(
        new HallStore.MatchFencing() {
          @Override
          public Optional<OwnerFence> fence(String tableId) {
            return owned.fence(tableId);
          }

          @Override
          public void recording(String tableId, CompletableFuture<?> done) {
            recording.put(tableId, done);
            done.whenComplete((r, e) -> recording.remove(tableId, done));
          }

          @Override
          public void lost(String tableId) {
            owned.lost(List.of(tableId));
          }
        });
    if (cluster.directory() instanceof ClusterDirectory directory) {
      directory.afterMerge(this::republish);
    }
  }

  /** Snapshot writes fenced by {@code owned}: refused tables are lost, released ones forgotten. */
  public static SnapshotWriter.Fencing fencing(OwnedTables owned) {
    return new SnapshotWriter.Fencing() {
      @Override
      public Map<String, OwnerFence> fences(Collection<String> tableIds) {
        return owned.fences(tableIds);
      }

      @Override
      public void refused(Set<String> tableIds) {
        owned.lost(tableIds);
      }

      @Override
      public void released(Set<String> tableIds) {
        tableIds.forEach(owned::forget);
      }
    };
  }

  /** After a partition healed: this node's tables and their join codes back into the directory. */
  private void republish() {
    OwnedTables owned = cluster.owned().orElseThrow();
    if (cluster.directory() instanceof ClusterDirectory directory) {
      republish(registry.all(), id -> owned.fence(id).isPresent(), directory);
    }
  }

  /**
   * Puts the tables of {@code entries} this node {@code owns} back into {@code directory}, with the
   * join codes of the private ones: the other side of a partition dropped them when this node left
   * its view (the coordinator's purge), and Infinispan's merge keeps the larger side's entries.
   * Returns how many tables were republished.
   */
  public static int republish(
      Collection<TableRegistry.Entry> entries, Predicate<String> owns, ClusterDirectory directory) {
    Map<String, String> tables = new HashMap<>();
    Map<String, String> codes = new HashMap<>();
    for (TableRegistry.Entry e : entries) {
      String id = e.table().id();
      if (owns.test(id)) {
        tables.put(id, TableRegistry.directorySummary(e));
        if (e.code() != null) {
          codes.put(e.code(), id);
        }
      }
    }
    Set<String> taken = directory.republish(tables, codes);
    LOG.info(
        () ->
            "merged back into the cluster: republished "
                + tables.size()
                + " tables and "
                + (codes.size() - taken.size())
                + " join codes");
    if (!taken.isEmpty()) {
      // Drawn for another table on the other side during the partition: that table keeps it.
      LOG.warning(() -> "join codes taken by other tables while partitioned: " + taken);
    }
    return tables.size();
  }

  /** A closed table: its snapshot delete and row release, after any match record in flight. */
  void release(String tableId) {
    CompletableFuture<?> pending = recording.get(tableId);
    SnapshotWriter w = writer;
    if (pending == null) {
      w.release(tableId);
    } else {
      pending.whenComplete((r, e) -> w.release(tableId));
    }
  }

  /**
   * Of the stored snapshots, restores those whose {@code table_owner} row names this node; rows of
   * this node without a snapshot (tables that never saved a state) are released. Other nodes'
   * snapshots are left alone.
   */
  int restoreOwn(List<SnapshotStore.Saved> saved) {
    OwnedTables owned = cluster.owned().orElseThrow();
    Map<String, SnapshotStore.Saved> byId = new HashMap<>();
    saved.forEach(s -> byId.put(s.tableId(), s));
    Map<String, OwnerFence> mine;
    try {
      mine = owned.ownSnapshots(byId.keySet());
    } catch (SQLException e) {
      LOG.log(Level.SEVERE, "this node's tables could not be listed; none restored", e);
      return 0;
    }
    int restored = 0;
    for (Map.Entry<String, OwnerFence> own : mine.entrySet()) {
      if (restore(own.getKey(), own.getValue(), byId.get(own.getKey()))) {
        restored++;
      }
    }
    return restored;
  }

  @Override
  public void adopt(String tableId, OwnerFence fence, Optional<SnapshotStore.Saved> snapshot) {
    if (snapshot.isEmpty()) {
      // Never saved (no running match): nothing to run; the row would only be claimed again.
      LOG.info(() -> "claimed table " + tableId + " has no snapshot: released");
      releaseRow(cluster.owned().orElseThrow(), tableId, fence);
      return;
    }
    restore(tableId, fence, snapshot.get());
  }

  private boolean restore(String tableId, OwnerFence fence, SnapshotStore.Saved row) {
    try {
      TableState state = TableStateCodec.decode(row.data());
      registry.adopt(state, row.code(), fence);
      LOG.info(() -> "running table " + tableId + " at seq " + row.seq() + " under " + fence);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + tableId + " could not be restored; left to its row", e);
      return false;
    }
  }

  private static void releaseRow(OwnedTables owned, String tableId, OwnerFence fence) {
    try {
      owned.ownership().release(tableId, fence);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "owner row of table " + tableId + " not released", e);
    } finally {
      owned.forget(tableId);
    }
  }

  /**
   * Drain: each table this node runs is frozen (commands are answered {@code busy}, retryable),
   * hands in its last state, which is written under its fence; then its row moves to the heir
   * (epoch + 1), the heir is told and adopts it, and the local actor is dropped. A table without a
   * running match has no state to move: it is closed and its row released. Runs on the caller's
   * thread, one table at a time.
   */
  public Drained handOffAll() {
    return handOffAll(
        cluster.owned().orElseThrow(),
        cluster.node().orElseThrow(),
        writer,
        registry::find,
        id -> registry.detach(id, false),
        this::release);
  }

  /**
   * {@link #handOffAll()} on plain parts (the fast tier runs it without a container): {@code find}
   * gives a running table, {@code detach} drops its actor, {@code release} deletes the snapshot and
   * row of a table without a running match.
   */
  public static Drained handOffAll(
      OwnedTables owned,
      ClusterNode node,
      SnapshotWriter writer,
      Function<String, Optional<Table>> find,
      Consumer<String> detach,
      Consumer<String> release) {
    int moved = 0;
    int closed = 0;
    int failed = 0;
    for (String tableId : owned.tables()) {
      Optional<Table> found = find.apply(tableId);
      if (found.isEmpty()) {
        continue;
      }
      Table table = found.get();
      try {
        table.suspend().get(SUSPEND_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Drained(moved, closed, failed + 1);
      } catch (ExecutionException | TimeoutException e) {
        LOG.log(Level.WARNING, "table " + tableId + " did not freeze for the drain", e);
        failed++;
        continue;
      }
      if (table.summary().phase() != Phase.PLAYING) {
        detach.accept(tableId);
        release.accept(tableId);
        closed++;
        continue;
      }
      Optional<OwnerFence> fence = owned.fence(tableId);
      if (!writer.flush(tableId) || fence.isEmpty() || owned.fence(tableId).isEmpty()) {
        LOG.warning(
            () -> "table " + tableId + ": last state not written under its fence; not handed off");
        failed++;
        continue;
      }
      try {
        Optional<OwnerFence> heir = node.handOff(tableId, fence.get());
        if (heir.isEmpty()) {
          LOG.warning(() -> "table " + tableId + ": no other node took it (view " + node.view());
          failed++;
          continue;
        }
        detach.accept(tableId);
        moved++;
        LOG.info(() -> "drain: table " + tableId + " handed to " + heir.get());
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "drain: hand-off of table " + tableId + " failed", e);
        failed++;
      }
    }
    return new Drained(moved, closed, failed);
  }
}
