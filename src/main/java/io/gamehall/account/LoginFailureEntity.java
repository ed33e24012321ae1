package io.gamehall.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One login failure counter (an account name or a client address), shared by every node. */
@Entity
@Table(name = "login_failure")
public class LoginFailureEntity {
  @Id
  @Column(name = "subject", length = 80)
  private String subject;

  @Column(name = "failures", nullable = false)
  private int failures;

  @Column(name = "first_failure_at", nullable = false)
  private long firstFailureAt;

  @Column(name = "last_failure_at", nullable = false)
  private long lastFailureAt;

  @Column(name = "blocked_until", nullable = false)
  private long blockedUntil;

  protected LoginFailureEntity() {}

  LoginFailureEntity(String subject) {
    this.subject = subject;
  }

  LoginThrottle.Counter counter() {
    return new LoginThrottle.Counter(failures, firstFailureAt, lastFailureAt, blockedUntil);
  }

  void set(LoginThrottle.Counter counter) {
    this.failures = counter.failures();
    this.firstFailureAt = counter.firstFailureAt();
    this.lastFailureAt = counter.lastFailureAt();
    this.blockedUntil = counter.blockedUntil();
  }
}
