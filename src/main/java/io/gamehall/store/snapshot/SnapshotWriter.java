package io.gamehall.store.snapshot;

import io.gamehall.store.OwnerFence;
import io.gamehall.table.TableState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves the newest state of every table without ever holding up a table. Tables hand states in from
 * their queues ({@link #save}, {@link #delete}: a map update under a short lock, nothing more); per
 * table only the newest entry is kept, so a busy table costs one pending entry however fast it
 * moves. A task on the writer's own executor encodes up to {@code maxBatch} of them and writes them
 * in one transaction, and runs again while more are pending.
 *
 * <p>A failed write puts its entries back (unless a newer state of the same table arrived
 * meanwhile) and is retried after {@code retryMillis}; the first failure of a run is logged as a
 * warning, repeats only at FINE, and the recovery once. At most {@code maxPending} tables wait;
 * states of further tables are dropped (and counted) until the store catches up, which bounds
 * memory if the database is gone for long. {@link #close} writes whatever is pending on the
 * caller's thread, for a clean shutdown.
 *
 * <p>The writer takes at most {@code busyShare} of the time on its thread: after a batch that took
 * t, it rests t × (1 − share) / share before the next one while more is pending. Saving is a
 * background chore; under load the tables' own work comes first and each table's pending entry
 * simply gets newer meanwhile (at 2,000 busy tables an unthrottled writer took about half of the
 * server's only core, docs/performance.md). A quiet hall is written at once.
 */
public final class SnapshotWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SnapshotWriter.class.getName());
  private static final int CLOSE_ATTEMPTS = 3;

  /**
   * Runs the writer's task after a delay, on the writer's own executor (tests pass a manual one).
   */
  @FunctionalInterface
  public interface Tasks {
    void schedule(Runnable task, long delayMillis);
  }

  /** What the writer has done so far. Times in nanoseconds. */
  public record Stats(
      long batches,
      long saved,
      long deleted,
      long failures,
      long dropped,
      long bytes,
      long encodeNanos,
      long writeNanos,
      long maxWriteNanos) {}

  /**
   * Cluster mode: which fence each table's write carries, and where the outcome goes. Without one
   * (a single node) the writer calls {@link SnapshotStore#write} and never checks ownership.
   */
  public interface Fencing {
    /** The fences this node holds for those of {@code tableIds} it still owns. */
    Map<String, OwnerFence> fences(Collection<String> tableIds);

    /** These tables' writes were refused: another node owns them now. */
    void refused(Set<String> tableIds);

    /** These closed tables' owner rows are released (their snapshot went with them). */
    void released(Set<String> tableIds);
  }

  private sealed interface Op {}

  private record Save(TableState state, String code) implements Op {}

  private record Delete() implements Op {}

  /** A delete that also releases the table's owner row (cluster mode; a plain delete otherwise). */
  private record Release() implements Op {}

  private static final Delete DELETE = new Delete();
  private static final Release RELEASE = new Release();

  private final SnapshotStore store;
  private final Tasks tasks;
  private final int maxBatch;
  private final int maxPending;
  private final long lingerMillis;
  private final long retryMillis;
  private final double busyShare;
  private final LongSupplier nanoTime;

  private final Object lock = new Object();
  private final Map<String, Op> pending = new LinkedHashMap<>();
  private boolean scheduled;
  private boolean closed;

  /** Serialises writes: the executor's task and {@link #close} never write at once. */
  private final Object writing = new Object();

  private boolean failing;
  private boolean warnedFull;
  private volatile Fencing fencing;

  private long batches;
  private long saved;
  private long deleted;
  private long failures;
  private long dropped;
  private long bytes;
  private long encodeNanos;
  private long writeNanos;
  private long maxWriteNanos;

  /**
   * @param lingerMillis how long a first pending state waits for others to join its batch (0: write
   *     at once)
   */
  public SnapshotWriter(
      SnapshotStore store,
      Tasks tasks,
      int maxBatch,
      int maxPending,
      long lingerMillis,
      long retryMillis) {
    this(store, tasks, maxBatch, maxPending, lingerMillis, retryMillis, 1.0, System::nanoTime);
  }

  /**
   * @param busyShare the largest share of time the writer spends writing while more is pending, in
   *     (0, 1]; 1 writes batch after batch without rest
   * @param nanoTime the clock batches are timed with
   */
  public SnapshotWriter(
      SnapshotStore store,
      Tasks tasks,
      int maxBatch,
      int maxPending,
      long lingerMillis,
      long retryMillis,
      double busyShare,
      LongSupplier nanoTime) {
    if (maxBatch < 1 || maxPending < 1 || lingerMillis < 0 || retryMillis < 0) {
      throw new IllegalArgumentException(
          "batch and pending sizes must be positive, delays not negative");
    }
    if (!(busyShare > 0 && busyShare <= 1)) {
      throw new IllegalArgumentException("busyShare must be in (0, 1], got " + busyShare);
    }
    this.busyShare = busyShare;
    this.nanoTime = nanoTime;
    this.store = store;
    this.tasks = tasks;
    this.maxBatch = maxBatch;
    this.maxPending = maxPending;
    this.lingerMillis = lingerMillis;
    this.retryMillis = retryMillis;
  }

  /**
   * The newest state of a table (and its private join code, or null); replaces any state still
   * pending for it.
   */
  public void save(TableState state, String code) {
    put(state.tableId(), new Save(state, code));
  }

  /** The table's snapshot is obsolete: delete it, and forget any state still pending for it. */
  public void delete(String tableId) {
    put(tableId, DELETE);
  }

  /** The table closed: delete its snapshot and, in cluster mode, release its owner row. */
  public void release(String tableId) {
    put(tableId, RELEASE);
  }

  /** From now on writes are fenced ({@code gamehall.cluster.enabled}); set once before traffic. */
  public void fenceWith(Fencing fencing) {
    this.fencing = fencing;
  }

  /**
   * Writes everything pending now on this thread (a few attempts while the store fails), and
   * returns whether {@code tableId}'s newest state is written, or refused by its fence (then no
   * longer pending either; {@link Fencing#refused} said so). For a table handed to another node.
   */
  public boolean flush(String tableId) {
    synchronized (writing) {
      int failedAttempts = 0;
      while (pending() > 0 && failedAttempts < CLOSE_ATTEMPTS) {
        if (!writeBatch()) {
          failedAttempts++;
        }
      }
    }
    synchronized (lock) {
      return !pending.containsKey(tableId);
    }
  }

  private void put(String tableId, Op op) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (op instanceof Save && !pending.containsKey(tableId) && pending.size() >= maxPending) {
        dropped++;
        if (!warnedFull) {
          warnedFull = true;
          LOG.warning(
              "table snapshots: "
                  + maxPending
                  + " tables wait to be saved; newer tables are not saved "
                  + "until the store catches up");
        }
        return;
      }
      // Replacing keeps the table's place in line, so a busy table cannot starve the others.
      pending.put(tableId, op);
      if (!scheduled) {
        scheduled = true;
        tasks.schedule(this::run, lingerMillis);
      }
    }
  }

  /**
   * The executor's task: one batch, then, while more is pending, the next after a rest that keeps
   * the writer within its busy share, or after the retry delay on failure.
   */
  private void run() {
    long start = nanoTime.getAsLong();
    boolean ok = writeBatch();
    long busy = nanoTime.getAsLong() - start;
    synchronized (lock) {
      scheduled = false;
      if (!pending.isEmpty() && !closed) {
        scheduled = true;
        tasks.schedule(this::run, ok ? restAfter(busy) : retryMillis);
      }
    }
  }

  /** Milliseconds to rest after a batch that took {@code busyNanos}, rounded up. */
  long restAfter(long busyNanos) {
    if (busyShare >= 1 || busyNanos <= 0) {
      return 0;
    }
    double rest = busyNanos * (1 - busyShare) / busyShare;
    return (long) Math.ceil(rest / 1_000_000.0);
  }

  /** Writes one batch; false if the store failed (the entries are pending again). */
  private boolean writeBatch() {
    synchronized (writing) {
      Map<String, Op> batch = new LinkedHashMap<>();
      synchronized (lock) {
        Iterator<Map.Entry<String, Op>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < maxBatch) {
          Map.Entry<String, Op> e = it.next();
          batch.put(e.getKey(), e.getValue());
          it.remove();
        }
        if (pending.size() < maxPending) {
          warnedFull = false;
        }
      }
      if (batch.isEmpty()) {
        return true;
      }
      List<SnapshotStore.Saved> saves = new ArrayList<>();
      List<String> deletes = new ArrayList<>();
      Set<String> releases = new HashSet<>();
      long encodeStart = System.nanoTime();
      long batchBytes = 0;
      for (Map.Entry<String, Op> e : batch.entrySet()) {
        if (e.getValue() instanceof Save save) {
          TableState s = save.state();
          byte[] data = TableStateCodec.encode(s);
          batchBytes += data.length;
          saves.add(
              new SnapshotStore.Saved(
                  s.tableId(), s.game(), s.seq(), save.code(), s.savedAtMillis(), data));
        } else {
          deletes.add(e.getKey());
          if (e.getValue() instanceof Release) {
            releases.add(e.getKey());
          }
        }
      }
      long encoded = System.nanoTime() - encodeStart;
      long writeStart = System.nanoTime();
      Fencing fenced = fencing;
      Set<String> refused = Set.of();
      try {
        if (fenced == null) {
          store.write(saves, deletes);
        } else {
          refused = store.writeFenced(saves, deletes, releases, fenced.fences(batch.keySet()));
        }
      } catch (RuntimeException e) {
        synchronized (lock) {
          failures++;
          // A newer state that arrived during the attempt wins over the one that failed.
          batch.forEach(pending::putIfAbsent);
        }
        if (!failing) {
          failing = true;
          LOG.log(
              Level.WARNING,
              "table snapshots could not be saved; retrying every " + retryMillis + " ms",
              e);
        } else {
          LOG.log(Level.FINE, "table snapshots still cannot be saved", e);
        }
        return false;
      }
      long wrote = System.nanoTime() - writeStart;
      synchronized (lock) {
        batches++;
        saved += saves.size();
        deleted += deletes.size();
        bytes += batchBytes;
        encodeNanos += encoded;
        writeNanos += wrote;
        maxWriteNanos = Math.max(maxWriteNanos, wrote);
      }
      if (failing) {
        failing = false;
        LOG.info("table snapshots are saved again");
      }
      if (fenced != null) {
        releases.removeAll(refused);
        if (!refused.isEmpty()) {
          fenced.refused(refused);
        }
        if (!releases.isEmpty()) {
          fenced.released(releases);
        }
      }
      return true;
    }
  }

  /** Tables whose newest state is not written yet. */
  public int pending() {
    synchronized (lock) {
      return pending.size();
    }
  }

  public Stats stats() {
    synchronized (lock) {
      return new Stats(
          batches,
          saved,
          deleted,
          failures,
          dropped,
          bytes,
          encodeNanos,
          writeNanos,
          maxWriteNanos);
    }
  }

  /**
   * Takes no more states and writes everything pending now, on this thread, trying a failing store
   * a few times; what still fails is logged as lost.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    int failedAttempts = 0;
    // Holding the write lock first waits for a batch the executor is writing now; had it failed,
    // its states are
    // pending again and written here.
    synchronized (writing) {
      while (pending() > 0 && failedAttempts < CLOSE_ATTEMPTS) {
        if (!writeBatch()) {
          failedAttempts++;
        }
      }
    }
    int lost = pending();
    if (lost > 0) {
      LOG.severe("table snapshots: " + lost + " tables could not be saved at shutdown");
    }
  }
}
