package io.gamehall.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Players and accounts. Each public method is one transaction; callers run it off the socket and
 * table threads.
 */
@ApplicationScoped
@Transactional
public class PlayerRepository {
  @PersistenceContext(unitName = "gamehall")
  EntityManager em;

  /**
   * Records a welcomed player (a new guest, or a returning one whose nickname may have changed).
   */
  public void seen(String playerId, String nickname, long now) {
    PlayerEntity player = em.find(PlayerEntity.class, playerId);
    if (player == null) {
      em.persist(new PlayerEntity(playerId, nickname, now));
    } else {
      player.seen(nickname, now);
    }
  }

  /** Outcome of {@link #register}. */
  public enum Registration {
    REGISTERED,
    NAME_TAKEN,
    ALREADY_REGISTERED
  }

  /**
   * Turns the guest {@code playerId} into an account named {@code accountName} (already
   * normalized), keeping its id and so its history and ratings. The unique index on the name
   * settles a race between two registrations.
   */
  public Registration register(
      String playerId, String nickname, String accountName, String passwordHash, long now) {
    if (byAccount(accountName).isPresent()) {
      return Registration.NAME_TAKEN;
    }
    PlayerEntity player = em.find(PlayerEntity.class, playerId);
    if (player == null) {
      player = new PlayerEntity(playerId, nickname, now);
      em.persist(player);
    } else if (player.accountName() != null) {
      return Registration.ALREADY_REGISTERED;
    }
    player.register(accountName, passwordHash, now);
    em.flush();
    return Registration.REGISTERED;
  }

  /** The player with that account name, with its stored hash for the caller to verify. */
  public Optional<PlayerEntity> byAccount(String accountName) {
    List<PlayerEntity> found =
        em.createQuery(
                "SELECT p FROM PlayerEntity p WHERE p.accountName = :name", PlayerEntity.class)
            .setParameter("name", accountName)
            .getResultList();
    return found.stream().findFirst();
  }

  public Optional<PlayerEntity> find(String playerId) {
    return Optional.ofNullable(em.find(PlayerEntity.class, playerId));
  }

  /**
   * Stores a new password hash and moves the token generation on, so every earlier token of the
   * account is refused; the new generation, or empty if {@code playerId} has no account.
   */
  public Optional<Long> changePassword(String playerId, String passwordHash) {
    PlayerEntity player = em.find(PlayerEntity.class, playerId);
    if (player == null || player.accountName() == null) {
      return Optional.empty();
    }
    player.newPassword(passwordHash);
    return Optional.of(player.tokenGeneration());
  }

  /** Moves the token generation on (logout of every device); the new one, empty for no account. */
  public Optional<Long> revokeTokens(String playerId) {
    PlayerEntity player = em.find(PlayerEntity.class, playerId);
    if (player == null || player.accountName() == null) {
      return Optional.empty();
    }
    player.revokeTokens();
    return Optional.of(player.tokenGeneration());
  }
}
