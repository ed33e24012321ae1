package io.gamehall.store;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Account names, password rules and PBKDF2-HMAC-SHA256 hashes, stored as {@code
 * pbkdf2-sha256$iterations$salt$hash} (Base64). The JDK's PBKDF2 rather than Jakarta Security's
 * {@code Pbkdf2PasswordHash}: that bean is not injectable in every container this WAR targets
 * without an identity store configured, and the format here keeps iterations per hash, so raising
 * them later only needs new hashes, not a migration.
 */
public final class Passwords {
  /**
   * OWASP's 2023 guidance for PBKDF2-HMAC-SHA256 is 600,000 iterations. Hashes run on the shared
   * managed executor of a small game server, where 600,000 took seconds under load (measured on the
   * 2-core build machine), so this is lower; the per-connection limit of five attempts a minute
   * bounds online guessing, and the count is stored per hash, so it can be raised without a
   * migration.
   */
  static final int ITERATIONS = 150_000;

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /**
   * The stored form of an account name (lower case), or null if it is not 3-20 of a-z, 0-9 and
   * underscore.
   */
  public static String accountName(String raw) {
    if (raw == null) {
      return null;
    }
    String name = raw.strip().toLowerCase(Locale.ROOT);
    return name.matches("[a-z0-9_]{3,20}") ? name : null;
  }

  /** Why {@code password} is too weak, or null if it will do. */
  public static String weakness(String password, String accountName) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "the password needs at least " + MIN_LENGTH + " characters";
    }
    if (password.length() > MAX_LENGTH) {
      return "the password is longer than " + MAX_LENGTH + " characters";
    }
    if (!password.chars().anyMatch(Character::isLetter)
        || !password.chars().anyMatch(c -> !Character.isLetter(c))) {
      return "the password needs letters and at least one digit or symbol";
    }
    if (password.toLowerCase(Locale.ROOT).contains(accountName)) {
      return "the password must not contain the account name";
    }
    return null;
  }

  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** Whether {@code password} matches {@code stored}; compares in constant time. */
  public static boolean verify(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /**
   * Spends the time of one verification and answers false: for a name with no account, so a miss
   * costs as long as a wrong password and timing does not tell which names exist.
   */
  public static boolean matchesNothing(String password) {
    verify(password, DUMMY);
    return false;
  }

  /**
   * A hash to compare against when the account does not exist, so a miss costs as long as a wrong
   * password.
   */
  static final String DUMMY = hash(new String(new char[] {'x', '1', 'y', '2', 'z', '3', 'w', '4'}));
}
