package io.gamehall.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Login failure counters and revoked device sessions, in the database so that every node of a
 * cluster throttles and revokes alike. Each public method is one transaction; callers run it on the
 * store's executor.
 */
@ApplicationScoped
@Transactional
public class SecurityRepository {
  @PersistenceContext(unitName = "gamehall")
  EntityManager em;

  public Optional<LoginThrottle.Counter> counter(String subject) {
    return Optional.ofNullable(em.find(LoginFailureEntity.class, subject))
        .map(LoginFailureEntity::counter);
  }

  /**
   * Counts one failure under a row lock, so concurrent failures on two nodes both count; the
   * counter after it.
   */
  public LoginThrottle.Counter fail(
      String subject, LoginThrottle throttle, LoginThrottle.Kind kind, long now) {
    LoginFailureEntity row =
        em.find(LoginFailureEntity.class, subject, LockModeType.PESSIMISTIC_WRITE);
    LoginThrottle.Counter after = throttle.failed(kind, row == null ? null : row.counter(), now);
    if (row == null) {
      row = new LoginFailureEntity(subject);
      row.set(after);
      em.persist(row);
    } else {
      row.set(after);
    }
    return after;
  }

  /** Forgets a counter (a right password clears its name's). */
  public void clear(String subject) {
    LoginFailureEntity row = em.find(LoginFailureEntity.class, subject);
    if (row != null) {
      em.remove(row);
    }
  }

  public boolean revoked(String sessionId) {
    return em.find(RevokedSessionEntity.class, sessionId) != null;
  }

  /** Records a logged-out session and drops rows whose tokens have all expired. */
  public void revoke(String sessionId, String playerId, long now, long expiresAt) {
    em.createQuery("DELETE FROM RevokedSessionEntity r WHERE r.expiresAt < :now")
        .setParameter("now", now)
        .executeUpdate();
    if (em.find(RevokedSessionEntity.class, sessionId) == null) {
      em.persist(new RevokedSessionEntity(sessionId, playerId, now, expiresAt));
    }
  }
}
