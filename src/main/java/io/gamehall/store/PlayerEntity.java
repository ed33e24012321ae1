package io.gamehall.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A player: every guest once welcomed, and the account it may have upgraded to (same id, so history
 * stays).
 */
@Entity
@Table(name = "player")
public class PlayerEntity {
  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Column(name = "nickname", nullable = false, length = 64)
  private String nickname;

  @Column(name = "account_name", length = 32)
  private String accountName;

  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "last_seen_at", nullable = false)
  private long lastSeenAt;

  @Column(name = "registered_at")
  private Long registeredAt;

  /** Tokens of an older generation are refused (change_password, logout of every device). */
  @Column(name = "token_generation", nullable = false)
  private long tokenGeneration;

  protected PlayerEntity() {}

  PlayerEntity(String id, String nickname, long now) {
    this.id = id;
    this.nickname = nickname;
    this.createdAt = now;
    this.lastSeenAt = now;
  }

  public String id() {
    return id;
  }

  public String nickname() {
    return nickname;
  }

  public String accountName() {
    return accountName;
  }

  String passwordHash() {
    return passwordHash;
  }

  public long tokenGeneration() {
    return tokenGeneration;
  }

  /** Whether {@code password} is this account's; false for a guest. Costs one PBKDF2 hash. */
  public boolean passwordMatches(String password) {
    return Passwords.verify(password, passwordHash != null ? passwordHash : Passwords.DUMMY);
  }

  void newPassword(String passwordHash) {
    this.passwordHash = passwordHash;
    this.tokenGeneration++;
  }

  void revokeTokens() {
    this.tokenGeneration++;
  }

  void seen(String nickname, long now) {
    this.nickname = nickname;
    this.lastSeenAt = now;
  }

  void register(String accountName, String passwordHash, long now) {
    this.accountName = accountName;
    this.passwordHash = passwordHash;
    this.registeredAt = now;
  }
}
