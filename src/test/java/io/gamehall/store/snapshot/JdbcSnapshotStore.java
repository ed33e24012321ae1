package io.gamehall.store.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot table through plain JDBC, one transaction per write, for measurements outside a
 * container: the same schema (migration V50) and the same statements per row as the JPA store (a
 * lookup, then an insert or update).
 */
final class JdbcSnapshotStore implements SnapshotStore {
  private final Connection connection;

  JdbcSnapshotStore(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
  }

  @Override
  public synchronized void write(List<Saved> saves, List<String> deletes) {
    try (PreparedStatement find =
            connection.prepareStatement("SELECT 1 FROM table_snapshot WHERE table_id = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO table_snapshot (game, seq, join_code, saved_at, state, table_id) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE table_snapshot SET game = ?, seq = ?, join_code = ?, saved_at = ?, state = ? WHERE table_id = ?");
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM table_snapshot WHERE table_id = ?")) {
      for (Saved s : saves) {
        find.setString(1, s.tableId());
        boolean exists;
        try (ResultSet rs = find.executeQuery()) {
          exists = rs.next();
        }
        PreparedStatement st = exists ? update : insert;
        st.setString(1, s.game());
        st.setLong(2, s.seq());
        st.setString(3, s.code());
        st.setLong(4, s.savedAtMillis());
        st.setBytes(5, s.data());
        st.setString(6, s.tableId());
        st.executeUpdate();
      }
      for (String id : deletes) {
        delete.setString(1, id);
        delete.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized List<Saved> loadAll() {
    List<Saved> out = new ArrayList<>();
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT table_id, game, seq, join_code, saved_at, state FROM table_snapshot ORDER BY table_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Saved(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getBytes(6)));
      }
      connection.commit();
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
