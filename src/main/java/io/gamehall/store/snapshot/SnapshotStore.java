package io.gamehall.store.snapshot;

import io.gamehall.store.OwnerFence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * Cluster mode: like {@link #write}, but only for the tables this node still owns at the epoch in
   * {@code fences} (io.gamehall.cluster); the others are left alone and their ids returned, so the
   * caller freezes them. Single-node mode calls {@link #write} and never pays for the check.
   */
  default Set<String> writeFenced(
      List<Saved> saves, List<String> deletes, Map<String, OwnerFence> fences) {
    throw new UnsupportedOperationException("this snapshot store cannot fence writes");
  }

  /**
   * Cluster mode: {@link #writeFenced}, and in the same transaction releases the {@code
   * table_owner} rows of {@code releases} (closed tables, whose snapshot is among {@code deletes})
   * if their fence still holds.
   */
  default Set<String> writeFenced(
      List<Saved> saves,
      List<String> deletes,
      Set<String> releases,
      Map<String, OwnerFence> fences) {
    if (!releases.isEmpty()) {
      throw new UnsupportedOperationException("this snapshot store cannot release owner rows");
    }
    return writeFenced(saves, deletes, fences);
  }

  /** One stored table, for the restore after a cluster node claims it. */
  default Optional<Saved> load(String tableId) {
    return loadAll().stream().filter(s -> s.tableId().equals(tableId)).findFirst();
  }
}
