package io.gamehall.account;

import io.gamehall.audit.Audit;
import io.gamehall.config.Settings;
import io.gamehall.identity.Identities;
import io.gamehall.identity.SessionTokens;
import io.gamehall.identity.SessionTokens.AccountSession;
import io.gamehall.store.Passwords;
import io.gamehall.store.PlayerEntity;
import io.gamehall.store.PlayerRepository;
import io.gamehall.store.StoreExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Account operations for the session layer: register, login throttled per account name and per
 * address, token checks, logout and password changes. Every call returns at once; the database work
 * (and each PBKDF2 hash, about 0.1 s of CPU) runs on the store's executor.
 *
 * <p>Throttling counters, token generations and revoked sessions all live in the database, so every
 * node of a cluster enforces the same limits and refuses the same tokens. Where no JPA is deployed
 * (the embedded test tier) accounts are unavailable: account calls fail with {@link
 * ServiceUnavailable}, and guest tokens are checked by their signature alone.
 */
@ApplicationScoped
public class AccountService {
  @Inject Instance<PlayerRepository> players;
  @Inject Instance<SecurityRepository> security;
  @Inject StoreExecutor executor;
  @Inject Identities identities;
  private final LoginThrottle throttle;
  private final Clock clock;

  /** For the container's client proxy only. */
  protected AccountService() {
    this((LoginThrottle) null, null);
  }

  @Inject
  public AccountService(Settings config) {
    this(LoginThrottle.from(config), Clock.systemUTC());
  }

  /** With a rule and clock of the caller's (tests move the clock instead of waiting). */
  AccountService(LoginThrottle throttle, Clock clock) {
    this.throttle = throttle;
    this.clock = clock;
  }

  /** A signed-in account: who, and the device session its tokens carry. */
  public record Account(
      String playerId, String nickname, String accountName, AccountSession session) {}

  /** What a {@code login} came to. */
  public sealed interface LoginOutcome permits SignedIn, BadCredentials, Throttled {}

  public record SignedIn(Account account) implements LoginOutcome {}

  /** Wrong name or password (which one is not told). */
  public record BadCredentials() implements LoginOutcome {}

  /** Too many failures for this name or address: try again after the delay. */
  public record Throttled(long retryAfterSeconds) implements LoginOutcome {}

  /** Register's outcome. */
  public enum Registration {
    REGISTERED,
    NAME_TAKEN,
    ALREADY_REGISTERED
  }

  /** The outcome and, once registered, the device session for the account's first token. */
  public record Registered(Registration outcome, String accountName, AccountSession session) {}

  /** Whether a token still speaks for its player. */
  public enum TokenCheck {
    VALID,
    REVOKED
  }

  /** What a {@code change_password} came to. */
  public sealed interface PasswordChange permits Changed, WrongPassword, ChangeThrottled, Weak {}

  /**
   * The new password is stored; tokens for {@code session} (a new generation) are the only valid
   * ones.
   */
  public record Changed(AccountSession session) implements PasswordChange {}

  public record WrongPassword() implements PasswordChange {}

  public record ChangeThrottled(long retryAfterSeconds) implements PasswordChange {}

  /** The new password is too weak; {@code reason} says why. */
  public record Weak(String reason) implements PasswordChange {}

  public boolean available() {
    return players.isResolvable() && security.isResolvable();
  }

  /** The stored form of an account name, or null if it is not one. */
  public static String accountName(String raw) {
    return Passwords.accountName(raw);
  }

  /** Why {@code password} is too weak for {@code accountName}, or null if it will do. */
  public static String weakness(String password, String accountName) {
    return Passwords.weakness(password, accountName);
  }

  /**
   * Checks a password unless the name or the address is being throttled; failures count against
   * both, success clears the name's counter (not the address's: an attacker's own account must not
   * wash away its guesses at others).
   */
  public CompletableFuture<LoginOutcome> login(
      String accountName, String password, String address) {
    return run(
        () -> {
          long now = clock.millis();
          long wait = blocked(accountName, address, now);
          if (wait > 0) {
            return new Throttled(wait);
          }
          Optional<PlayerEntity> player = players.get().byAccount(accountName);
          boolean ok =
              player.isPresent()
                  ? player.get().passwordMatches(password)
                  : Passwords.matchesNothing(password);
          if (!ok) {
            failed(accountName, address, now, "login");
            return new BadCredentials();
          }
          security.get().clear(nameKey(accountName));
          PlayerEntity p = player.get();
          return new SignedIn(
              new Account(
                  p.id(),
                  p.nickname(),
                  accountName,
                  new AccountSession(identities.newSessionId(), p.tokenGeneration())));
        });
  }

  /** Turns the guest {@code playerId} into an account; a new device session on success. */
  public CompletableFuture<Registered> register(
      String playerId, String nickname, String accountName, String password) {
    return run(
        () -> {
          String hash = Passwords.hash(password);
          PlayerRepository.Registration done =
              players.get().register(playerId, nickname, accountName, hash, clock.millis());
          if (done != PlayerRepository.Registration.REGISTERED) {
            return new Registered(
                done == PlayerRepository.Registration.NAME_TAKEN
                    ? Registration.NAME_TAKEN
                    : Registration.ALREADY_REGISTERED,
                accountName,
                null);
          }
          long generation =
              players.get().find(playerId).map(PlayerEntity::tokenGeneration).orElse(0L);
          return new Registered(
              Registration.REGISTERED,
              accountName,
              new AccountSession(identities.newSessionId(), generation));
        });
  }

  /**
   * Whether a token's player may be resumed. An account token: its generation must be the account's
   * and its session not logged out. A guest token stays stateless (its signature was checked)
   * except that it no longer speaks for a guest who has since become an account; where there is no
   * database, or it fails, a guest token is taken on its signature.
   */
  public CompletableFuture<TokenCheck> check(SessionTokens.Claims claims) {
    if (!claims.account()) {
      if (!available()) {
        return CompletableFuture.completedFuture(TokenCheck.VALID);
      }
      return run(() ->
              players.get().find(claims.playerId()).map(p -> p.accountName() != null).orElse(false)
                  ? TokenCheck.REVOKED
                  : TokenCheck.VALID)
          .exceptionally(e -> TokenCheck.VALID);
    }
    return run(
        () -> {
          Optional<PlayerEntity> player = players.get().find(claims.playerId());
          boolean valid =
              player.isPresent()
                  && player.get().accountName() != null
                  && player.get().tokenGeneration() == claims.generation()
                  && !security.get().revoked(claims.session());
          return valid ? TokenCheck.VALID : TokenCheck.REVOKED;
        });
  }

  /**
   * Ends this device's session ({@code all} false: its tokens, however often reissued, are refused)
   * or every session of the account ({@code all}: the generation moves on).
   */
  public CompletableFuture<Void> logout(
      String playerId, AccountSession session, boolean all, String address) {
    return run(
        () -> {
          long now = clock.millis();
          if (all) {
            players.get().revokeTokens(playerId);
            Audit.record("account.logout_all", playerId, address, null);
          } else {
            security
                .get()
                .revoke(session.session(), playerId, now, now + identities.ttl().toMillis());
          }
          return null;
        });
  }

  /**
   * Replaces the password after checking the old one (throttled like a login, since a stolen token
   * could otherwise guess the password here); every earlier token of the account is refused
   * afterwards, and {@link Changed} carries the session for this device's fresh token.
   */
  public CompletableFuture<PasswordChange> changePassword(
      String playerId,
      AccountSession session,
      String oldPassword,
      String newPassword,
      String address) {
    return run(
        () -> {
          long now = clock.millis();
          PlayerEntity player =
              players
                  .get()
                  .find(playerId)
                  .filter(p -> p.accountName() != null)
                  .orElseThrow(() -> new IllegalArgumentException("this player has no account"));
          String name = player.accountName();
          long wait = blocked(name, address, now);
          if (wait > 0) {
            return new ChangeThrottled(wait);
          }
          if (!player.passwordMatches(oldPassword)) {
            failed(name, address, now, "change_password");
            return new WrongPassword();
          }
          security.get().clear(nameKey(name));
          String weakness = Passwords.weakness(newPassword, name);
          if (weakness != null) {
            return new Weak(weakness);
          }
          long generation =
              players
                  .get()
                  .changePassword(playerId, Passwords.hash(newPassword))
                  .orElseThrow(() -> new IllegalArgumentException("this player has no account"));
          Audit.record("account.password_changed", playerId, address, "account " + name);
          return new Changed(new AccountSession(session.session(), generation));
        });
  }

  /** The account name of {@code playerId}, for weakness checks; empty for a guest. */
  public CompletableFuture<Optional<String>> accountNameOf(String playerId) {
    return run(() -> players.get().find(playerId).map(PlayerEntity::accountName));
  }

  /** Seconds the name or the address must still wait, whichever is longer; 0 if neither. */
  private long blocked(String accountName, String address, long now) {
    SecurityRepository repo = security.get();
    long wait = throttle.retryAfterSeconds(repo.counter(nameKey(accountName)).orElse(null), now);
    if (address != null) {
      wait =
          Math.max(
              wait,
              throttle.retryAfterSeconds(repo.counter(addressKey(address)).orElse(null), now));
    }
    return wait;
  }

  private void failed(String accountName, String address, long now, String what) {
    count(LoginThrottle.Kind.NAME, nameKey(accountName), now, accountName, address, what);
    if (address != null) {
      count(LoginThrottle.Kind.ADDRESS, addressKey(address), now, accountName, address, what);
    }
  }

  private void count(
      LoginThrottle.Kind kind,
      String key,
      long now,
      String accountName,
      String address,
      String what) {
    LoginThrottle.Counter after;
    try {
      after = security.get().fail(key, throttle, kind, now);
    } catch (RuntimeException firstInsertRace) {
      // Two nodes counted the first failure of this subject at once: one insert lost; the row
      // exists now.
      after = security.get().fail(key, throttle, kind, now);
    }
    if (throttle.overThreshold(kind, after)) {
      Audit.record(
          "account.login_throttled",
          "account " + accountName,
          address,
          what
              + " failure "
              + after.failures()
              + " for this "
              + (kind == LoginThrottle.Kind.NAME ? "name" : "address")
              + ", next attempt in "
              + throttle.retryAfterSeconds(after, now)
              + " s");
    }
  }

  static String nameKey(String accountName) {
    return "name:" + accountName;
  }

  static String addressKey(String address) {
    return "address:" + (address.length() > 64 ? address.substring(0, 64) : address);
  }

  private <T> CompletableFuture<T> run(Supplier<T> work) {
    if (!available()) {
      return CompletableFuture.failedFuture(
          new ServiceUnavailable("no database on this server", null));
    }
    return executor.submit(work);
  }
}
