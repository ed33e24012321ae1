package io.gamehall.store;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when it lost a race on a unique key. A finished match creates the row of
 * a guest player it has not seen stored yet, and so may the welcome's "seen" write running at the
 * same moment on another store thread: both look, find nothing, insert, and the later commit fails
 * on the primary key. Run again, the work finds the row the other one wrote. Without this the match
 * record was lost (seen on PostgreSQL under load).
 */
final class KeyConflicts {
  /** SQLSTATE for a unique violation, the same on PostgreSQL and H2. */
  static final String UNIQUE_VIOLATION = "23505";

  static final int ATTEMPTS = 3;

  private KeyConflicts() {}

  /**
   * Runs {@code transaction} (which must start and end its own transaction, and be safe to run
   * again after a rollback) up to {@link #ATTEMPTS} times while it fails on a unique key.
   */
  static <T> T retried(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  /** True if a unique-key violation is anywhere in the cause chain (providers wrap it deeply). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
