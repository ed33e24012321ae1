package io.gamehall.identity;

import io.gamehall.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Guest identities and their session tokens. Keys come from {@code gamehall.token.keys} (system
 * property or {@code GAMEHALL_TOKEN_KEYS}): {@code kid:base64secret[,kid:base64secret...]}, the
 * first signing. Without it a key is made on first start and kept under the server's data directory
 * ({@link StoredTokenKey}), so tokens survive a restart of one server; only where there is no data
 * directory is it random per start. A cluster sets the variable.
 */
@ApplicationScoped
public class Identities {
  private static final Logger LOG = Logger.getLogger(Identities.class.getName());
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final SecureRandom random = new SecureRandom();
  @Inject Settings settings;
  private SessionTokens tokens;

  /** For CDI: the tokens are set up from {@link Settings} once the settings are injected. */
  public Identities() {}

  @PostConstruct
  void init() {
    Duration ttl = Duration.ofHours(settings.number("gamehall.token.ttl.hours", 24 * 7));
    this.tokens =
        tokens(
            settings.text("gamehall.token.keys").orElse(null),
            ttl,
            StoredTokenKey.directory(settings));
  }

  /**
   * With no configured keys, the key stored in {@code keyDirectory} (made on first use), else a
   * random one; tokens live a week.
   */
  Identities(String keys, Optional<Path> keyDirectory) {
    this.tokens = tokens(keys, Duration.ofHours(24 * 7), keyDirectory);
  }

  private SessionTokens tokens(String keys, Duration ttl, Optional<Path> keyDirectory) {
    List<SessionTokens.SigningKey> signing =
        keys != null
            ? parse(keys)
            : List.of(keyDirectory.map(this::storedKey).orElseGet(this::ephemeralKey));
    return new SessionTokens(signing, ttl, Clock.systemUTC());
  }

  private SessionTokens.SigningKey storedKey(Path directory) {
    try {
      SessionTokens.SigningKey key = StoredTokenKey.loadOrCreate(directory, random);
      LOG.info(
          "gamehall.token.keys is not set: session tokens are signed with the key stored under "
              + directory);
      return key;
    } catch (IOException | IllegalArgumentException e) {
      // The message names the file, never its content.
      LOG.warning(
          "cannot use the stored token key under " + directory + " (" + e.getMessage() + ")");
      return ephemeralKey();
    }
  }

  /** A new guest id: "g-" and 16 characters of base 32 (80 random bits), unguessable. */
  public String newGuestId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    char[] out = new char[18];
    out[0] = 'g';
    out[1] = '-';
    for (int i = 0; i < 16; i++) {
      out[i + 2] = ALPHABET[bytes[i] & 31];
    }
    return new String(out);
  }

  public SessionTokens.Issued issue(String playerId, String nickname) {
    return tokens.issue(playerId, nickname);
  }

  /** An account token for the device session {@code account}. */
  public SessionTokens.Issued issue(
      String playerId, String nickname, SessionTokens.AccountSession account) {
    return tokens.issue(playerId, nickname, account);
  }

  /** A new device session id for an account sign-in: 100 random bits, base32. */
  public String newSessionId() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    char[] out = new char[20];
    for (int i = 0; i < 20; i++) {
      out[i] = ALPHABET[bytes[i] & 31];
    }
    return new String(out);
  }

  /** How long a token is valid from its issue. */
  public Duration ttl() {
    return tokens.ttl();
  }

  public Optional<SessionTokens.Claims> verify(String token) {
    return tokens.verify(token);
  }

  private SessionTokens.SigningKey ephemeralKey() {
    LOG.warning(
        "gamehall.token.keys is not set: session tokens are signed with a random key and will not survive a restart");
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new SessionTokens.SigningKey("dev", secret);
  }

  private static List<SessionTokens.SigningKey> parse(String spec) {
    List<SessionTokens.SigningKey> keys = new ArrayList<>();
    for (String entry : spec.split(",")) {
      int colon = entry.indexOf(':');
      if (colon < 1) {
        // Never echo the value: it is a secret.
        throw new IllegalArgumentException(
            "gamehall.token.keys must be kid:base64secret[,kid:base64secret]");
      }
      keys.add(
          new SessionTokens.SigningKey(
              entry.substring(0, colon).strip(),
              Base64.getDecoder().decode(entry.substring(colon + 1).strip())));
    }
    return keys;
  }
}
