package io.gamehall.store.snapshot;

import io.gamehall.store.OwnerFence;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Table snapshots in the {@code table_snapshot} table; each call is one JTA transaction.
 *
 * <p>Writes go through JDBC batches on the persistence unit's own datasource, not through the
 * entity manager: the writer replaces up to 64 rows a transaction, several times a second at load,
 * and the entity manager's per-row find, dirty check and flush were most of the server's CPU at
 * 2,000 busy tables (docs/performance.md). Reads at start use the mapped {@link TableSnapshotRow}.
 */
@ApplicationScoped
public class DatabaseSnapshotStore implements SnapshotStore {
  private static final String UPDATE =
      "UPDATE table_snapshot SET game = ?, seq = ?, join_code = ?, saved_at = ?, state = ? WHERE table_id = ?";
  private static final String INSERT =
      "INSERT INTO table_snapshot (game, seq, join_code, saved_at, state, table_id) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM table_snapshot WHERE table_id = ?";

  @PersistenceContext(unitName = "gamehall")
  EntityManager em;

  /** The datasource persistence.xml names, so rows land where the entity manager reads them. */
  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Override
  @Transactional
  public void write(List<Saved> saves, List<String> deletes) {
    try (Connection connection = dataSource.getConnection()) {
      writeRows(connection, saves, deletes);
    } catch (SQLException e) {
      // The writer keeps the batch and retries; the transaction rolls back on this unchecked
      // exception.
      throw new IllegalStateException("table snapshots not written: " + e.getMessage(), e);
    }
  }

  @Override
  @Transactional
  public Set<String> writeFenced(
      List<Saved> saves, List<String> deletes, Map<String, OwnerFence> fences) {
    return writeFenced(saves, deletes, Set.of(), fences);
  }

  @Override
  @Transactional
  public Set<String> writeFenced(
      List<Saved> saves,
      List<String> deletes,
      Set<String> releases,
      Map<String, OwnerFence> fences) {
    try (Connection connection = dataSource.getConnection()) {
      return writeFenced(connection, saves, deletes, releases, fences);
    } catch (SQLException e) {
      throw new IllegalStateException("table snapshots not written: " + e.getMessage(), e);
    }
  }

  /**
   * The fenced write on {@code connection}, inside the caller's transaction: locks the owner rows,
   * writes the tables still held, and returns the ids refused (no fence, another owner, or another
   * epoch). Plain JDBC so the cluster's tests run it on H2 without a container.
   */
  public static Set<String> writeFenced(
      Connection connection,
      List<Saved> saves,
      List<String> deletes,
      Map<String, OwnerFence> fences)
      throws SQLException {
    return writeFenced(connection, saves, deletes, Set.of(), fences);
  }

  /**
   * As above, and releases the owner rows of {@code releases} that are still held (closed tables:
   * their snapshot delete and the release land together, so no row outlives its snapshot).
   */
  public static Set<String> writeFenced(
      Connection connection,
      List<Saved> saves,
      List<String> deletes,
      Set<String> releases,
      Map<String, OwnerFence> fences)
      throws SQLException {
    Set<String> held = OwnerFence.holding(connection, fences);
    Set<String> refused = new TreeSet<>();
    List<Saved> keptSaves = new ArrayList<>(saves.size());
    for (Saved saved : saves) {
      if (held.contains(saved.tableId())) {
        keptSaves.add(saved);
      } else {
        refused.add(saved.tableId());
      }
    }
    List<String> keptDeletes = new ArrayList<>(deletes.size());
    for (String tableId : deletes) {
      if (held.contains(tableId)) {
        keptDeletes.add(tableId);
      } else {
        refused.add(tableId);
      }
    }
    writeRows(connection, keptSaves, keptDeletes);
    List<String> released = new ArrayList<>();
    for (String tableId : releases) {
      if (held.contains(tableId)) {
        released.add(tableId);
      }
    }
    if (!released.isEmpty()) {
      try (PreparedStatement release =
          connection.prepareStatement("DELETE FROM table_owner WHERE table_id = ?")) {
        for (String tableId : released) {
          release.setString(1, tableId);
          release.addBatch();
        }
        release.executeBatch();
      }
    }
    return refused;
  }

  /** The unfenced batch: replaces {@code saves}, deletes {@code deletes}. */
  static void writeRows(Connection connection, List<Saved> saves, List<String> deletes)
      throws SQLException {
    if (!saves.isEmpty()) {
      Set<String> stored = existing(connection, saves);
      try (PreparedStatement update = connection.prepareStatement(UPDATE);
          PreparedStatement insert = connection.prepareStatement(INSERT)) {
        boolean updates = false;
        boolean inserts = false;
        for (Saved saved : saves) {
          boolean known = stored.contains(saved.tableId());
          PreparedStatement statement = known ? update : insert;
          bind(statement, saved);
          statement.addBatch();
          updates |= known;
          inserts |= !known;
        }
        if (updates) {
          update.executeBatch();
        }
        if (inserts) {
          insert.executeBatch();
        }
      }
    }
    if (!deletes.isEmpty()) {
      try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
        for (String tableId : deletes) {
          delete.setString(1, tableId);
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
  }

  /** Which of these tables have a row already: one query for the batch. */
  private static Set<String> existing(Connection connection, List<Saved> saves)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT table_id FROM table_snapshot WHERE table_id IN (");
    for (int i = 0; i < saves.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    Set<String> found = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < saves.size(); i++) {
        select.setString(i + 1, saves.get(i).tableId());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  private static void bind(PreparedStatement statement, Saved saved) throws SQLException {
    statement.setString(1, saved.game());
    statement.setLong(2, saved.seq());
    statement.setString(3, saved.code());
    statement.setLong(4, saved.savedAtMillis());
    statement.setBytes(5, saved.data());
    statement.setString(6, saved.tableId());
  }

  @Override
  @Transactional
  public Optional<Saved> load(String tableId) {
    return Optional.ofNullable(em.find(TableSnapshotRow.class, tableId))
        .map(TableSnapshotRow::toSaved);
  }

  @Override
  @Transactional
  public List<Saved> loadAll() {
    return em.createQuery(
            "SELECT r FROM TableSnapshotRow r ORDER BY r.tableId", TableSnapshotRow.class)
        .getResultStream()
        .map(TableSnapshotRow::toSaved)
        .toList();
  }
}
