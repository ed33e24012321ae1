package io.gamehall.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies session tokens: {@code v1.<kid>.<payload>.<signature>}, where the payload
 * (base64url) holds the player id, nickname, issue and expiry times and, for an account, its token
 * generation and device session id; the signature is HMAC-SHA256 over {@code v1.<kid>.<payload>}
 * with the key named by {@code kid}.
 *
 * <p>A guest token (four fields) is stateless: the signature and expiry are all there is to check.
 * An account token (six fields) is only as good as the database says: its generation must still be
 * the account's and its session must not be logged out (io.gamehall.account checks both).
 *
 * <p>Rotation: new tokens are signed with the first key; every listed key still verifies, so an old
 * key can stay listed until the tokens it signed have expired. Thread-safe and immutable.
 */
public final class SessionTokens {
  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** Tokens are short: anything longer is refused before any decoding or MAC work. */
  public static final int MAX_TOKEN_LENGTH = 512;

  private final List<SigningKey> keys;
  private final Map<String, SigningKey> byId;
  private final Duration ttl;
  private final Clock clock;

  /** A named HMAC key; the secret must have at least 32 bytes. */
  public record SigningKey(String id, byte[] secret) {
    public SigningKey {
      if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
        throw new IllegalArgumentException("token key id must be 1-16 of [A-Za-z0-9_-]");
      }
      if (secret.length < 32) {
        throw new IllegalArgumentException("token key '" + id + "' must have at least 32 bytes");
      }
      secret = secret.clone();
    }
  }

  /**
   * What a valid token says. {@code session} is null for a guest token; for an account it names the
   * device's sign-in (kept across resumes, revoked by {@code logout}), and {@code generation} is
   * the account's token generation when it was issued (a password change or logout of every device
   * moves it on).
   */
  public record Claims(
      String playerId,
      String nickname,
      Instant issuedAt,
      Instant expiresAt,
      long generation,
      String session) {
    public boolean account() {
      return session != null;
    }
  }

  /** The account part of a token: the device session id and the account's token generation. */
  public record AccountSession(String session, long generation) {
    public AccountSession {
      if (!session.matches("[A-Za-z0-9_-]{8,32}") || generation < 0) {
        throw new IllegalArgumentException("not an account session");
      }
    }
  }

  public SessionTokens(List<SigningKey> keys, Duration ttl, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one token key is needed");
    }
    this.keys = List.copyOf(keys);
    Map<String, SigningKey> index = new LinkedHashMap<>();
    for (SigningKey key : keys) {
      if (index.put(key.id(), key) != null) {
        throw new IllegalArgumentException("duplicate token key id " + key.id());
      }
    }
    this.byId = Map.copyOf(index);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A fresh token and the instant it stops working (the same instant the token itself carries). */
  public record Issued(String token, Instant expiresAt) {}

  /** A guest token. */
  public Issued issue(String playerId, String nickname) {
    return issue(playerId, nickname, null);
  }

  /** A guest token when {@code account} is null, else an account token for that session. */
  public Issued issue(String playerId, String nickname, AccountSession account) {
    SigningKey key = keys.get(0);
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // Fields are separated by a newline, which neither ids nor cleaned nicknames can contain.
    Instant expires = now.plus(ttl);
    String body =
        playerId + "\n" + nickname + "\n" + now.getEpochSecond() + "\n" + expires.getEpochSecond();
    if (account != null) {
      body += "\n" + account.generation() + "\n" + account.session();
    }
    String signed =
        VERSION + "." + key.id() + "." + B64.encodeToString(body.getBytes(StandardCharsets.UTF_8));
    return new Issued(signed + "." + B64.encodeToString(mac(key, signed)), expires);
  }

  /**
   * The claims of a genuine, unexpired token; empty for anything else (forged, expired, unknown
   * key, garbage).
   */
  public Optional<Claims> verify(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    SigningKey key = byId.get(parts[1]);
    if (key == null) {
      return Optional.empty();
    }
    try {
      byte[] expected = mac(key, parts[0] + "." + parts[1] + "." + parts[2]);
      if (!MessageDigest.isEqual(expected, B64D.decode(parts[3]))) {
        return Optional.empty();
      }
      String[] fields = new String(B64D.decode(parts[2]), StandardCharsets.UTF_8).split("\n", -1);
      if (fields.length != 4 && fields.length != 6) {
        return Optional.empty();
      }
      Instant issued = Instant.ofEpochSecond(Long.parseLong(fields[2]));
      Instant expires = Instant.ofEpochSecond(Long.parseLong(fields[3]));
      if (!clock.instant().isBefore(expires)) {
        return Optional.empty();
      }
      if (fields.length == 4) {
        return Optional.of(new Claims(fields[0], fields[1], issued, expires, 0, null));
      }
      AccountSession account = new AccountSession(fields[5], Long.parseLong(fields[4]));
      return Optional.of(
          new Claims(
              fields[0], fields[1], issued, expires, account.generation(), account.session()));
    } catch (IllegalArgumentException e) {
      // Bad base64 or numbers: a forgery or corruption, never a server fault.
      return Optional.empty();
    }
  }

  public Duration ttl() {
    return ttl;
  }

  private static byte[] mac(SigningKey key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
    }
  }
}
