package io.gamehall.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without configured keys, tokens survive a restart through the key stored in the data directory.
 */
class StoredTokenKeyTest {
  @TempDir Path data;

  @Test
  void aTokenFromBeforeARestartStillVerifies() throws Exception {
    Identities before = new Identities(null, Optional.of(data));
    String token = before.issue("g-aaaaaaaaaaaaaaaa", "Ann").token();
    Identities after = new Identities(null, Optional.of(data));
    assertEquals("g-aaaaaaaaaaaaaaaa", after.verify(token).orElseThrow().playerId());

    Path file = data.resolve(StoredTokenKey.FILE);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "owner only");
    try (var files = Files.list(data)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void anotherDataDirectoryOrNoneMeansAnotherKey(@TempDir Path other) {
    String token =
        new Identities(null, Optional.of(data)).issue("g-bbbbbbbbbbbbbbbb", "Bob").token();
    assertFalse(new Identities(null, Optional.of(other)).verify(token).isPresent());
    assertFalse(new Identities(null, Optional.empty()).verify(token).isPresent());
  }

  @Test
  void anUnreadableKeyFileFallsBackToARandomKey() throws Exception {
    Files.writeString(data.resolve(StoredTokenKey.FILE), "not base64 !!");
    Identities identities = new Identities(null, Optional.of(data));
    String token = identities.issue("g-cccccccccccccccc", "Cy").token();
    assertTrue(identities.verify(token).isPresent(), "still works for this run");
  }
}
