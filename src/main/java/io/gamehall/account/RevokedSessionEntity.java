package io.gamehall.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A device session ended by {@code logout}; kept until its last token has expired. */
@Entity
@Table(name = "revoked_session")
public class RevokedSessionEntity {
  @Id
  @Column(name = "session_id", length = 32)
  private String sessionId;

  @Column(name = "player_id", nullable = false, length = 64)
  private String playerId;

  @Column(name = "revoked_at", nullable = false)
  private long revokedAt;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  protected RevokedSessionEntity() {}

  RevokedSessionEntity(String sessionId, String playerId, long revokedAt, long expiresAt) {
    this.sessionId = sessionId;
    this.playerId = playerId;
    this.revokedAt = revokedAt;
    this.expiresAt = expiresAt;
  }
}
