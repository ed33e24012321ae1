package io.gamehall.store.snapshot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One saved table (migration V50); the state is opaque bytes to JPA, decoded by {@link
 * TableStateCodec}.
 */
@Entity
@Table(name = "table_snapshot")
public class TableSnapshotRow {
  @Id
  @Column(name = "table_id", length = 32)
  private String tableId;

  @Column(name = "game", nullable = false, length = 32)
  private String game;

  @Column(name = "seq", nullable = false)
  private long seq;

  @Column(name = "join_code", length = 6)
  private String joinCode;

  @Column(name = "saved_at", nullable = false)
  private long savedAt;

  // No @Lob: that would be an oid on PostgreSQL; a plain byte[] maps to BYTEA there and BINARY
  // VARYING on H2.
  @Column(name = "state", nullable = false)
  private byte[] state;

  protected TableSnapshotRow() {}

  SnapshotStore.Saved toSaved() {
    return new SnapshotStore.Saved(tableId, game, seq, joinCode, savedAt, state);
  }
}
