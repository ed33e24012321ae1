package io.gamehall.store.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.Phase;
import io.gamehall.table.TableState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer with a manual executor and an in-memory store that can be made to fail. */
class SnapshotWriterTest {

  /** Tasks run only when the test says so; the delays they were scheduled with are kept. */
  static final class ManualTasks implements SnapshotWriter.Tasks {
    final List<Runnable> queued = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();

    @Override
    public synchronized void schedule(Runnable task, long delayMillis) {
      queued.add(task);
      delays.add(delayMillis);
    }

    /** Runs queued tasks (and those they queue) until none is left; returns how many ran. */
    int runAll() {
      int ran = 0;
      while (true) {
        Runnable next;
        synchronized (this) {
          if (queued.isEmpty()) {
            return ran;
          }
          next = queued.remove(0);
        }
        next.run();
        ran++;
      }
    }
  }

  /**
   * A map of rows; each write is one "transaction" recorded in {@code batches}; {@code failNext}
   * writes throw.
   */
  static class MemoryStore implements SnapshotStore {
    final Map<String, Saved> rows = new LinkedHashMap<>();
    final List<List<String>> batches = new ArrayList<>();
    int failNext;

    @Override
    public synchronized void write(List<Saved> saves, List<String> deletes) {
      if (failNext > 0) {
        failNext--;
        throw new IllegalStateException("database away");
      }
      List<String> ids = new ArrayList<>();
      saves.forEach(
          s -> {
            rows.put(s.tableId(), s);
            ids.add(s.tableId() + "@" + s.seq());
          });
      deletes.forEach(
          id -> {
            rows.remove(id);
            ids.add("-" + id);
          });
      batches.add(ids);
    }

    @Override
    public synchronized List<Saved> loadAll() {
      return List.copyOf(rows.values());
    }
  }

  private final ManualTasks tasks = new ManualTasks();
  private final MemoryStore store = new MemoryStore();

  static TableState state(String table, long seq) {
    List<TableState.SeatState> seats = new ArrayList<>();
    seats.add(new TableState.SeatState("alice", "Alice", false, false, false, false, 60_000));
    seats.add(null);
    return new TableState(
        table,
        "gomoku",
        Map.of("variant", "freestyle"),
        false,
        true,
        Phase.PLAYING,
        seq,
        seq,
        3,
        0,
        seats,
        List.of("alice", "bob"),
        "gomoku/1|freestyle|7|H8",
        1_000,
        1,
        250,
        -1,
        List.of(-1L, -1L),
        -1,
        List.of(),
        Map.of("alice", List.of(new TableState.Reply("m1", seq, null, null))),
        2_000);
  }

  @Test
  void underLoadTheWriterRestsSoItTakesAtMostItsShareOfTheTime() {
    long[] now = {0};
    // Each write takes 40 ms on the writer's clock.
    MemoryStore slow =
        new MemoryStore() {
          @Override
          public synchronized void write(List<Saved> saves, List<String> deletes) {
            now[0] += 40_000_000L;
            super.write(saves, deletes);
          }
        };
    SnapshotWriter writer = new SnapshotWriter(slow, tasks, 2, 100, 0, 1_000, 0.2, () -> now[0]);
    for (int t = 1; t <= 5; t++) {
      writer.save(state("t" + t, 1), null);
    }
    tasks.runAll();
    assertEquals(3, slow.batches.size(), "five tables in batches of two");
    assertEquals(
        List.of(0L, 160L, 160L), tasks.delays, "40 ms of work, then 160 ms of rest: 20 % busy");
    writer.save(state("t1", 2), null);
    assertEquals(
        0L,
        tasks.delays.get(3),
        "with nothing pending there is no rest: a quiet hall is saved at once");
    assertEquals(1L, writer.restAfter(1), "rests are rounded up to whole milliseconds");
  }

  @Test
  void aBusyShareOfOneWritesBatchAfterBatch() {
    long[] now = {0};
    SnapshotWriter writer =
        new SnapshotWriter(store, tasks, 1, 100, 0, 1_000, 1.0, () -> now[0] += 40_000_000L);
    writer.save(state("t1", 1), null);
    writer.save(state("t2", 1), null);
    tasks.runAll();
    assertEquals(List.of(0L, 0L), tasks.delays);
  }

  @Test
  void onlyTheNewestStateOfATableIsWrittenAndBatchesAreBounded() {
    SnapshotWriter writer = new SnapshotWriter(store, tasks, 2, 100, 5, 1_000);
    for (int seq = 1; seq <= 10; seq++) {
      writer.save(state("t1", seq), null);
    }
    writer.save(state("t2", 1), "123456");
    writer.save(state("t3", 1), null);
    assertEquals(1, tasks.queued.size(), "one task for all of it");
    assertEquals(5L, tasks.delays.get(0), "the first state lingers for others to join");
    assertTrue(store.batches.isEmpty(), "nothing is written on the caller's thread");

    tasks.runAll();
    assertEquals(
        List.of(List.of("t1@10", "t2@1"), List.of("t3@1")),
        store.batches,
        "newest only, two per batch");
    assertEquals("123456", store.rows.get("t2").code());
    assertEquals(state("t1", 10), TableStateCodec.decode(store.rows.get("t1").data()));
    SnapshotWriter.Stats stats = writer.stats();
    assertEquals(2, stats.batches());
    assertEquals(3, stats.saved());
    assertTrue(stats.bytes() > 0 && stats.writeNanos() > 0);
  }

  @Test
  void aDeleteReplacesAPendingSaveAndRemovesTheRow() {
    SnapshotWriter writer = new SnapshotWriter(store, tasks, 10, 100, 0, 1_000);
    writer.save(state("t1", 1), null);
    tasks.runAll();
    writer.save(state("t1", 2), null);
    writer.delete("t1");
    tasks.runAll();
    assertEquals(List.of("-t1"), store.batches.get(1));
    assertTrue(store.rows.isEmpty());
  }

  @Test
  void aFailedWriteIsRetriedLaterAndNewerStatesWin() {
    SnapshotWriter writer = new SnapshotWriter(store, tasks, 10, 100, 0, 1_000);
    store.failNext = 2;
    writer.save(state("t1", 1), null);
    writer.save(state("t2", 1), null);
    tasks.runAll();
    // runAll ran the retries too; the delays say they were spaced by the retry delay.
    assertEquals(List.of(0L, 1_000L, 1_000L), tasks.delays);
    assertEquals(List.of(List.of("t1@1", "t2@1")), store.batches, "written once the store is back");
    assertEquals(2, writer.stats().failures());

    store.failNext = 1;
    writer.save(state("t1", 2), null);
    Runnable first = tasks.queued.remove(0);
    first.run();
    writer.save(state("t1", 3), null);
    tasks.runAll();
    assertEquals(
        List.of("t1@3"),
        store.batches.get(1),
        "the state that arrived during the failure replaced it");
  }

  @Test
  void memoryIsBoundedWhileTheStoreIsAway() {
    SnapshotWriter writer = new SnapshotWriter(store, tasks, 10, 3, 0, 1_000);
    for (int t = 0; t < 5; t++) {
      writer.save(state("t" + t, 1), null);
    }
    writer.save(state("t0", 2), null);
    writer.delete("t4");
    assertEquals(4, writer.pending(), "three tables, plus a delete, which is never refused");
    assertEquals(2, writer.stats().dropped());
  }

  @Test
  void closeWaitsForABatchInFlightAndThenWritesWhatCameAfter() throws Exception {
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    MemoryStore slow =
        new MemoryStore() {
          @Override
          public void write(List<Saved> saves, List<String> deletes) {
            if (writing.getCount() > 0) {
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            super.write(saves, deletes);
          }
        };
    SnapshotWriter writer = new SnapshotWriter(slow, tasks, 10, 100, 0, 1_000);
    writer.save(state("t1", 1), null);
    Thread executor = new Thread(tasks::runAll);
    executor.start();
    assertTrue(writing.await(10, java.util.concurrent.TimeUnit.SECONDS), "the executor is writing");
    writer.save(state("t1", 2), null);
    Thread closing = new Thread(writer::close);
    closing.start();
    // close() must block on the write in flight (not return, not write around it) until that batch
    // is done.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (closing.getState() != Thread.State.BLOCKED) {
      assertTrue(
          System.nanoTime() < deadline && closing.isAlive(),
          "close should wait for the batch in flight");
      Thread.onSpinWait();
    }
    release.countDown();
    closing.join(10_000);
    executor.join(10_000);
    assertEquals(
        List.of(List.of("t1@1"), List.of("t1@2")),
        slow.batches,
        "the newer state was written by close");
  }

  @Test
  void closeWritesEverythingPendingOnTheCallersThreadAndTakesNoMore() {
    SnapshotWriter writer = new SnapshotWriter(store, tasks, 2, 100, 50, 1_000);
    for (int t = 0; t < 5; t++) {
      writer.save(state("t" + t, 1), null);
    }
    store.failNext = 1;
    writer.close();
    assertEquals(5, store.rows.size(), "all written despite one failure, without the executor");
    writer.save(state("t9", 1), null);
    tasks.runAll();
    assertEquals(5, store.rows.size(), "closed: nothing more");
    assertArrayEquals(TableStateCodec.encode(state("t0", 1)), store.rows.get("t0").data());
  }
}
