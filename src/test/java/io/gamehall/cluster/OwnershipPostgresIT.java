package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.SchemaMigrations;
import io.gamehall.store.snapshot.DatabaseSnapshotStore;
import io.gamehall.store.snapshot.SnapshotStore;
import io.gamehall.support.PostgresCluster;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Claims and the fence on a real PostgreSQL (the fast tier runs them on H2): concurrent claims of
 * one table, and a claim that must wait for an in-flight fenced write.
 */
class OwnershipPostgresIT {
  @Test
  void twoNodesMigratingOneEmptyDatabaseTogetherBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (PostgresCluster postgres = PostgresCluster.start()) {
      postgres.createDatabase("fresh");
      PGSimpleDataSource db = new PGSimpleDataSource();
      db.setURL(postgres.jdbcUrl("fresh"));
      db.setUser(PostgresCluster.USER);
      db.setPassword(postgres.password());
      List<SchemaMigrations.Script> scripts = SchemaMigrations.load(getClass().getClassLoader());
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Future<List<Integer>>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(
            pool.submit(
                () -> {
                  try (Connection c = db.getConnection()) {
                    go.await();
                    return SchemaMigrations.migrate(c, scripts);
                  }
                }));
      }
      go.countDown();
      List<Integer> applied = new ArrayList<>();
      for (Future<List<Integer>> run : runs) {
        applied.addAll(run.get(120, TimeUnit.SECONDS));
      }
      List<Integer> versions = scripts.stream().map(SchemaMigrations.Script::version).toList();
      assertEquals(
          versions,
          applied.stream().sorted().toList(),
          "every version applied by exactly one of the two nodes");
      try (Connection c = db.getConnection();
          var counts =
              c.createStatement()
                  .executeQuery(
                      "SELECT version, COUNT(*) FROM gamehall_schema GROUP BY version"
                          + " ORDER BY version")) {
        List<Integer> recorded = new ArrayList<>();
        while (counts.next()) {
          assertEquals(1, counts.getInt(2), "version " + counts.getInt(1) + " recorded once");
          recorded.add(counts.getInt(1));
        }
        assertEquals(versions, recorded);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneClaimWinsAndAClaimWaitsForTheOwnersWrite() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (PostgresCluster postgres = PostgresCluster.start()) {
      postgres.createDatabase("cluster");
      PGSimpleDataSource db = new PGSimpleDataSource();
      db.setURL(postgres.jdbcUrl("cluster"));
      db.setUser(PostgresCluster.USER);
      db.setPassword(postgres.password());
      try (Connection c = db.getConnection()) {
        SchemaMigrations.migrate(c, SchemaMigrations.load(getClass().getClassLoader()));
      }
      TableOwnership owners = new TableOwnership(db, Clock.systemUTC());
      OwnerFence first = owners.register("t1", "a");

      List<Future<Optional<OwnerFence>>> claims = new ArrayList<>();
      for (String node : List.of("b", "c", "d", "e")) {
        Callable<Optional<OwnerFence>> claim = () -> owners.claim("t1", first, node);
        claims.add(pool.submit(claim));
      }
      int won = 0;
      for (Future<Optional<OwnerFence>> claim : claims) {
        won += claim.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
      }
      assertEquals(1, won, "exactly one of four concurrent claims changes the row");
      OwnerFence second = owners.owner("t1").orElseThrow();
      assertEquals(2, second.epoch());

      try (Connection writer = db.getConnection()) {
        writer.setAutoCommit(false);
        assertEquals(
            Set.of(),
            DatabaseSnapshotStore.writeFenced(
                writer, List.of(saved(9)), List.of(), Map.of("t1", second)));
        // The owner's write holds the row: a claim now must wait for it to commit.
        Future<Optional<OwnerFence>> late = pool.submit(() -> owners.claim("t1", second, "z"));
        assertThrows(
            TimeoutException.class,
            () -> late.get(2, TimeUnit.SECONDS),
            "the claim waits while the owner's fenced write is open");
        writer.commit();
        assertTrue(late.get(60, TimeUnit.SECONDS).isPresent(), "then claims, epoch 3");
      }
      try (Connection c = db.getConnection()) {
        assertEquals(
            Set.of("t1"),
            DatabaseSnapshotStore.writeFenced(
                c, List.of(saved(10)), List.of(), Map.of("t1", second)),
            "the former owner is fenced out");
      }
      assertFalse(owners.release("t1", second), "nor can it release the table");
      assertEquals(new OwnerFence("z", 3), owners.owner("t1").orElseThrow());
    } finally {
      pool.shutdownNow();
    }
  }

  private static SnapshotStore.Saved saved(long seq) {
    return new SnapshotStore.Saved("t1", "gomoku", seq, null, seq, new byte[] {(byte) seq});
  }
}
