package io.gamehall.store.snapshot;

import java.util.List;

/**
 * Where table snapshots live. Each {@link #write} is one transaction: all of it is stored, or none
 * of it.
 */
public interface SnapshotStore {
  /**
   * One stored table: its id, game, sequence number, private join code (or null) and encoded state.
   */
  record Saved(
      String tableId, String game, long seq, String code, long savedAtMillis, byte[] data) {}

  /**
   * Inserts or replaces {@code saves} and deletes {@code deletes} (ids that are absent are no
   * error).
   */
  void write(List<Saved> saves, List<String> deletes);

  /** Every stored table, for the restore at start-up. */
  List<Saved> loadAll();
}
