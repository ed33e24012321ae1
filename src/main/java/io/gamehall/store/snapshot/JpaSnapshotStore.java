package io.gamehall.store.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Table snapshots in the {@code gamehall} persistence unit; each call is one JTA transaction. */
@ApplicationScoped
public class JpaSnapshotStore implements SnapshotStore {
  @PersistenceContext(unitName = "gamehall")
  EntityManager em;

  @Override
  @Transactional
  public void write(List<Saved> saves, List<String> deletes) {
    for (Saved saved : saves) {
      TableSnapshotRow row = em.find(TableSnapshotRow.class, saved.tableId());
      if (row == null) {
        row = new TableSnapshotRow(saved.tableId());
        row.update(saved);
        em.persist(row);
      } else {
        row.update(saved);
      }
    }
    if (!deletes.isEmpty()) {
      em.createQuery("DELETE FROM TableSnapshotRow r WHERE r.tableId IN :ids")
          .setParameter("ids", deletes)
          .executeUpdate();
    }
  }

  @Override
  @Transactional
  public List<Saved> loadAll() {
    return em.createQuery("SELECT r FROM TableSnapshotRow r ORDER BY r.tableId", TableSnapshotRow.class)
        .getResultStream()
        .map(TableSnapshotRow::toSaved)
        .toList();
  }
}
