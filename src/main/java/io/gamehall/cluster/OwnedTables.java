package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tables this node runs in cluster mode and the fence of each (node + epoch of its {@code
 * table_owner} row). Snapshot writes and match records of a table carry its fence; when one is
 * refused, the table was claimed by another node: it is forgotten here and {@link #onLost} freezes
 * and drops its actor. Thread-safe: tables, the snapshot writer and the claims thread all use it.
 */
public final class OwnedTables {
  private static final Logger LOG = Logger.getLogger(OwnedTables.class.getName());

  private final String node;
  private final TableOwnership ownership;
  private final Map<String, OwnerFence> fences = new ConcurrentHashMap<>();
  private volatile Consumer<String> lost = id -> {};

  public OwnedTables(String node, TableOwnership ownership) {
    this.node = node;
    this.ownership = ownership;
  }

  public String node() {
    return node;
  }

  public TableOwnership ownership() {
    return ownership;
  }

  /** Where a lost table goes (the registry freezes and drops it); set once at start. */
  public void onLost(Consumer<String> drop) {
    this.lost = drop;
  }

  /** A table created here: its row, epoch 1, names this node. */
  public OwnerFence register(String tableId) throws SQLException {
    OwnerFence fence = ownership.register(tableId, node);
    fences.put(tableId, fence);
    return fence;
  }

  /** A table this node runs from now on under {@code fence} (claimed, handed over, restarted). */
  public void adopted(String tableId, OwnerFence fence) {
    fences.put(tableId, fence);
  }

  public Optional<OwnerFence> fence(String tableId) {
    return Optional.ofNullable(fences.get(tableId));
  }

  /** The fences of those of {@code tableIds} this node holds. */
  public Map<String, OwnerFence> fences(Collection<String> tableIds) {
    Map<String, OwnerFence> held = new HashMap<>();
    for (String id : tableIds) {
      OwnerFence fence = fences.get(id);
      if (fence != null) {
        held.put(id, fence);
      }
    }
    return held;
  }

  /** The tables this node runs now. */
  public Set<String> tables() {
    return Set.copyOf(fences.keySet());
  }

  /**
   * A (re)starting node's own tables: of the tables with a stored snapshot ({@code stored}), those
   * whose {@code table_owner} row names this node, with their fences, which this node now holds.
   * Rows of this node without a snapshot (tables that never saved a state: nothing to run) are
   * released. Another node's tables, including ones claimed from this node while it was away, are
   * not among them.
   */
  public Map<String, OwnerFence> ownSnapshots(Collection<String> stored) throws SQLException {
    Set<String> saved = Set.copyOf(stored);
    Map<String, OwnerFence> mine = new java.util.TreeMap<>();
    for (TableOwnership.Owned own : ownership.ownedBy(node)) {
      if (saved.contains(own.tableId())) {
        mine.put(own.tableId(), own.fence());
        fences.put(own.tableId(), own.fence());
      } else {
        ownership.release(own.tableId(), own.fence());
      }
    }
    return mine;
  }

  /** A table closed, or was handed to another node: its fence is no longer this node's. */
  public void forget(String tableId) {
    fences.remove(tableId);
  }

  /** Fenced writes of these tables were refused: another node owns them now. */
  public void lost(Collection<String> tableIds) {
    for (String id : tableIds) {
      OwnerFence was = fences.remove(id);
      if (was == null) {
        continue;
      }
      LOG.warning(
          () ->
              "table " + id + " is owned by another node now (this node had " + was + "): frozen");
      try {
        lost.accept(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "dropping lost table " + id + " failed", e);
      }
    }
  }
}
