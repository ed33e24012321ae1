package io.gamehall.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The owner a cluster node believes it is for one table: its node name and the epoch of its claim.
 * Writes that carry a fence are applied only while the {@code table_owner} row still says so.
 *
 * <p>The check locks the owner rows ({@code SELECT ... FOR UPDATE}) in the writing transaction: a
 * claim by another node (an UPDATE of the same row) waits for that transaction to end, so a write
 * either lands before the claim, and the new owner's restore sees it, or is refused after it.
 * Single-node mode never builds a fence and never runs this query.
 */
public record OwnerFence(String node, long epoch) {
  public OwnerFence {
    Objects.requireNonNull(node, "node");
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1, got " + epoch);
    }
  }

  /**
   * Locks the owner rows of {@code fences}' tables and returns the ids whose row still names that
   * node and epoch; the caller writes those and refuses the rest. Run inside the write's
   * transaction.
   */
  public static Set<String> holding(Connection connection, Map<String, OwnerFence> fences)
      throws SQLException {
    Set<String> held = new HashSet<>();
    if (fences.isEmpty()) {
      return held;
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT table_id, owner_node, epoch FROM table_owner WHERE table_id IN (");
    int i = 0;
    for (int n = fences.size(); i < n; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    // Ordered, so two batches locking overlapping rows take the locks in the same order.
    sql.append(") ORDER BY table_id FOR UPDATE");
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int p = 1;
      for (String tableId : fences.keySet()) {
        select.setString(p++, tableId);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          OwnerFence mine = fences.get(rows.getString(1));
          if (mine != null
              && mine.node().equals(rows.getString(2))
              && mine.epoch() == rows.getLong(3)) {
            held.add(rows.getString(1));
          }
        }
      }
    }
    return held;
  }
}
