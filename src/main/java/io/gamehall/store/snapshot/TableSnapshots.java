package io.gamehall.store.snapshot;

import io.gamehall.cluster.ClusterService;
import io.gamehall.config.Settings;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.table.TableState;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tables that survive a restart, wired into the application's life: at start (after the schema
 * migrations) the saved tables are put back into the registry and every table from then on saves
 * its newest state through the {@link SnapshotWriter}; before the application's beans are
 * destroyed, every table is frozen, hands in its last state, and the writer flushes. Connections
 * are closed (1001) only after that, by the connection registry, so a player's going away at
 * shutdown is never recorded as a disconnect.
 */
@ApplicationScoped
public class TableSnapshots {
  private static final Logger LOG = Logger.getLogger(TableSnapshots.class.getName());

  /**
   * After SchemaStartup's observer (default priority APPLICATION + 500): the table must exist
   * before it is read; and after ClusterService's (+600): in cluster mode only this node's own
   * tables are restored, and writes are fenced.
   */
  private static final int AFTER_MIGRATIONS = Interceptor.Priority.APPLICATION + 700;

  private static final int MAX_BATCH = 64;
  private static final int MAX_PENDING = 10_000;
  private static final long RETRY_MILLIS = 2_000;

  @Inject TableRegistry registry;
  @Inject Settings settings;
  @Inject DatabaseSnapshotStore store;
  @Inject ClusterService cluster;
  @Inject ClusterTables clusterTables;
  @Resource private ManagedThreadFactory managedThreads;
  private ScheduledExecutorService executor;
  private SnapshotWriter writer;

  void start(
      @Observes @Priority(AFTER_MIGRATIONS) @Initialized(ApplicationScoped.class) Object context) {
    if (!settings.flag("gamehall.snapshot.enabled", true)) {
      if (cluster.enabled()) {
        // Failover and drain move a table through its snapshot, and its writes carry the fence.
        throw new IllegalStateException(
            "cluster mode cannot start: gamehall.snapshot.enabled=false, but a cluster moves"
                + " tables between nodes through their snapshots; remove the setting");
      }
      LOG.info("table snapshots are off (gamehall.snapshot.enabled=false)");
      return;
    }
    ThreadFactory threads =
        managedThreads != null ? managedThreads : Executors.defaultThreadFactory();
    // One thread: batches are written one after another, never two transactions racing on the same
    // rows.
    executor = Executors.newSingleThreadScheduledExecutor(threads);
    long linger = settings.number("gamehall.snapshot.linger.millis", 10);
    double busyShare = settings.integer("gamehall.snapshot.busy.percent", 20) / 100.0;
    writer =
        new SnapshotWriter(
            store,
            (task, delay) -> executor.schedule(task, delay, TimeUnit.MILLISECONDS),
            MAX_BATCH,
            MAX_PENDING,
            linger,
            RETRY_MILLIS,
            busyShare,
            System::nanoTime);
    boolean clustered = cluster.enabled();
    if (clustered) {
      clusterTables.start(writer);
    }
    restoreAll(clustered);
    registry.keepCheckpoints(
        new TableRegistry.Checkpoints() {
          @Override
          public void save(TableState state, String code) {
            writer.save(state, code);
          }

          @Override
          public void delete(String tableId) {
            writer.delete(tableId);
          }

          @Override
          public void release(String tableId) {
            if (clustered) {
              clusterTables.release(tableId);
            } else {
              writer.delete(tableId);
            }
          }
        });
  }

  private void restoreAll(boolean clustered) {
    long start = System.nanoTime();
    List<SnapshotStore.Saved> saved;
    try {
      saved = store.loadAll();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "saved tables could not be read; none restored", e);
      return;
    }
    if (clustered) {
      // Never another node's table: only rows of table_owner that name this node.
      int own = clusterTables.restoreOwn(saved);
      LOG.info(
          "restored "
              + own
              + " of this node's tables ("
              + saved.size()
              + " saved in the cluster) in "
              + Duration.ofNanos(System.nanoTime() - start).toMillis()
              + " ms");
      return;
    }
    int restored = 0;
    for (SnapshotStore.Saved row : saved) {
      try {
        TableState state = TableStateCodec.decode(row.data());
        registry.restore(state, row.code());
        restored++;
      } catch (RuntimeException e) {
        // A snapshot this version cannot read: say so once and drop it rather than fail on it at
        // every start.
        LOG.log(
            Level.WARNING,
            "table " + row.tableId() + " (" + row.game() + ") could not be restored; dropped",
            e);
        writer.delete(row.tableId());
      }
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    LOG.info("restored " + restored + " of " + saved.size() + " saved tables in " + millis + " ms");
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object context) {
    if (writer == null) {
      return;
    }
    int late = registry.suspendAll(Duration.ofSeconds(5));
    if (late > 0) {
      LOG.warning(late + " tables did not stop in time; they keep the state they saved last");
    }
    writer.close();
    // Only after the close: interrupting a batch in flight would fail it (JCA gives up the
    // connection lock).
    executor.shutdownNow();
    SnapshotWriter.Stats s = writer.stats();
    LOG.info(
        String.format(
            "table snapshots: %d saved, %d deleted in %d batches (%d bytes; encode %.3f ms, write %.3f ms in all,"
                + " longest batch %.3f ms), %d failed attempts, %d dropped",
            s.saved(),
            s.deleted(),
            s.batches(),
            s.bytes(),
            s.encodeNanos() / 1e6,
            s.writeNanos() / 1e6,
            s.maxWriteNanos() / 1e6,
            s.failures(),
            s.dropped()));
  }

  /** The writer, for operations and tests; null while snapshots are off. */
  public SnapshotWriter writer() {
    return writer;
  }
}
