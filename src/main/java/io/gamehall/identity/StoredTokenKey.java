package io.gamehall.identity;

import io.gamehall.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The signing key made on first start when no {@code gamehall.token.keys} is configured, kept in a
 * file readable only by the server's user so that session tokens (and with them the seats of
 * running tables) survive a restart. The file lies under the server's data directory, never in the
 * application or the repository, and its content is never logged.
 */
final class StoredTokenKey {
  static final String KEY_ID = "local";
  static final String FILE = "token-signing-key";

  private StoredTokenKey() {}

  /**
   * Where the key lives: {@code gamehall.data.dir} if set, else {@code
   * <jboss.server.data.dir>/gamehall} on WildFly; none elsewhere (the key is then made afresh at
   * each start, as before).
   */
  static Optional<Path> directory(Settings settings) {
    return settings
        .text("gamehall.data.dir")
        .map(Path::of)
        .or(() -> settings.text("jboss.server.data.dir").map(dir -> Path.of(dir, "gamehall")));
  }

  /** The key stored in {@code directory}, made and stored first if there is none yet. */
  static SessionTokens.SigningKey loadOrCreate(Path directory, SecureRandom random)
      throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(directory);
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      Path temp = Files.createTempFile(directory, FILE, ".tmp");
      try {
        restrict(temp);
        Files.writeString(
            temp, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
        // Atomic and never replacing: of two servers starting on one data directory, the first key
        // wins for both.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // Someone else stored one first: use theirs.
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    byte[] secret;
    try {
      secret =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " does not hold a base64 key", e);
    }
    return new SessionTokens.SigningKey(KEY_ID, secret);
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the directory's own permissions have to do.
    }
  }
}
