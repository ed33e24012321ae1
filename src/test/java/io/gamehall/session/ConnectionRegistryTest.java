package io.gamehall.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The UTF-8 size check that runs before any parsing. */
class ConnectionRegistryTest {
  @Test
  void utf8LengthIsCountedInBytesNotCharacters() {
    assertFalse(ConnectionRegistry.utf8LengthExceeds("a".repeat(10), 10));
    assertTrue(ConnectionRegistry.utf8LengthExceeds("a".repeat(11), 10));
    assertFalse(ConnectionRegistry.utf8LengthExceeds("中".repeat(3), 9), "3 bytes each");
    assertTrue(ConnectionRegistry.utf8LengthExceeds("中".repeat(3) + "a", 9));
    assertFalse(ConnectionRegistry.utf8LengthExceeds("é".repeat(5), 10), "2 bytes each");
    assertTrue(
        ConnectionRegistry.utf8LengthExceeds("😀".repeat(3), 11), "a surrogate pair is 4 bytes");
    assertFalse(ConnectionRegistry.utf8LengthExceeds("😀".repeat(3), 12));
  }
}
