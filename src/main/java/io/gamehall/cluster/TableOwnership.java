package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which node owns each running table ({@code table_owner}, migration V100), in the database every
 * node shares: the database, not the cluster view, is the truth about ownership, so two nodes that
 * disagree about the view still cannot both own a table. Each call is its own short transaction.
 */
public final class TableOwnership {
  /** A table and its owner as stored. */
  public record Owned(String tableId, OwnerFence fence) {}

  private final DataSource dataSource;
  private final Clock clock;

  public TableOwnership(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Records {@code node} as the first owner (epoch 1) of a new table. */
  public OwnerFence register(String tableId, String node) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO table_owner (table_id, owner_node, epoch, claimed_at) VALUES (?, ?, 1, ?)")) {
      insert.setString(1, tableId);
      insert.setString(2, node);
      insert.setLong(3, clock.millis());
      insert.executeUpdate();
    }
    return new OwnerFence(node, 1);
  }

  /**
   * Moves {@code tableId} from {@code from} to {@code node} with the next epoch, in one conditional
   * UPDATE: of several nodes trying at once, exactly one sees a row change. Empty when the row no
   * longer says {@code from} (someone else claimed first, or the table is gone).
   */
  public Optional<OwnerFence> claim(String tableId, OwnerFence from, String node)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE table_owner SET owner_node = ?, epoch = ?, claimed_at = ?"
                    + " WHERE table_id = ? AND owner_node = ? AND epoch = ?")) {
      update.setString(1, node);
      update.setLong(2, from.epoch() + 1);
      update.setLong(3, clock.millis());
      update.setString(4, tableId);
      update.setString(5, from.node());
      update.setLong(6, from.epoch());
      return update.executeUpdate() == 1
          ? Optional.of(new OwnerFence(node, from.epoch() + 1))
          : Optional.empty();
    }
  }

  /** Removes the row of a closed table, if {@code fence} still owns it. */
  public boolean release(String tableId, OwnerFence fence) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM table_owner WHERE table_id = ? AND owner_node = ? AND epoch = ?")) {
      delete.setString(1, tableId);
      delete.setString(2, fence.node());
      delete.setLong(3, fence.epoch());
      return delete.executeUpdate() == 1;
    }
  }

  public Optional<OwnerFence> owner(String tableId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT owner_node, epoch FROM table_owner WHERE table_id = ?")) {
      select.setString(1, tableId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new OwnerFence(row.getString(1), row.getLong(2)))
            : Optional.empty();
      }
    }
  }

  /** The tables whose row names {@code node}, in table id order (a restarted node's own). */
  public List<Owned> ownedBy(String node) throws SQLException {
    List<Owned> owned = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT table_id, epoch FROM table_owner WHERE owner_node = ? ORDER BY table_id")) {
      select.setString(1, node);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          owned.add(new Owned(rows.getString(1), new OwnerFence(node, rows.getLong(2))));
        }
      }
    }
    return owned;
  }

  /** The tables whose owner is not among {@code liveNodes}, in table id order. */
  public List<Owned> orphans(Collection<String> liveNodes) throws SQLException {
    Set<String> live = new HashSet<>(liveNodes);
    List<Owned> orphans = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT table_id, owner_node, epoch FROM table_owner ORDER BY table_id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        if (!live.contains(rows.getString(2))) {
          orphans.add(
              new Owned(rows.getString(1), new OwnerFence(rows.getString(2), rows.getLong(3))));
        }
      }
    }
    return orphans;
  }
}
