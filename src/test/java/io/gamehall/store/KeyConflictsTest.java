package io.gamehall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyConflictsTest {
  /** As Hibernate reports a batch insert that hit the primary key on PostgreSQL. */
  private static RuntimeException duplicateKey() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "", 0, null);
    batch.setNextException(new SQLException("duplicate key value", "23505"));
    return new IllegalStateException("could not execute batch", batch);
  }

  @Test
  void aTransactionThatLostAKeyRaceRunsAgainAndItsResultCounts() {
    AtomicInteger runs = new AtomicInteger();
    String result =
        KeyConflicts.retried(
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw duplicateKey();
              }
              return "recorded";
            });
    assertEquals("recorded", result);
    assertEquals(2, runs.get());
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger runs = new AtomicInteger();
    RuntimeException other =
        new IllegalStateException("connection refused", new SQLException("x", "08001"));
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                KeyConflicts.retried(
                    () -> {
                      runs.incrementAndGet();
                      throw other;
                    }));
    assertSame(other, thrown);
    assertEquals(1, runs.get());
  }

  @Test
  void aConflictThatPersistsFailsAfterTheLastAttempt() {
    AtomicInteger runs = new AtomicInteger();
    assertThrows(
        RuntimeException.class,
        () ->
            KeyConflicts.retried(
                () -> {
                  runs.incrementAndGet();
                  throw duplicateKey();
                }));
    assertEquals(KeyConflicts.ATTEMPTS, runs.get());
  }

  @Test
  void theViolationIsFoundWhereverTheProviderWrapsIt() {
    assertTrue(KeyConflicts.isUniqueViolation(duplicateKey()));
    assertTrue(
        KeyConflicts.isUniqueViolation(
            new RuntimeException(new RuntimeException(new SQLException("dup", "23505")))));
    assertFalse(KeyConflicts.isUniqueViolation(new RuntimeException("no SQL at all")));
    assertFalse(KeyConflicts.isUniqueViolation(new SQLException("foreign key", "23503")));
  }
}
