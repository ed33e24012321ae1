package io.gamehall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void hashesAreSaltedAndVerify() {
    String a = Passwords.hash("open sesame 1");
    String b = Passwords.hash("open sesame 1");
    assertNotEquals(a, b, "a fresh salt each time");
    assertTrue(a.startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$"), a);
    assertTrue(Passwords.verify("open sesame 1", a));
    assertFalse(Passwords.verify("open sesame 2", a));
    assertFalse(
        Passwords.verify("open sesame 1", "md5$whatever"), "an unknown format never verifies");
  }

  @Test
  void accountNamesAreNormalizedOrRefused() {
    assertEquals("ann_99", Passwords.accountName("  Ann_99 "));
    assertNull(Passwords.accountName("an"));
    assertNull(Passwords.accountName("ann smith"));
    assertNull(Passwords.accountName("x".repeat(21)));
  }

  @Test
  void weakPasswordsAreNamed() {
    assertNotNull(Passwords.weakness("short1", "ann"));
    assertNotNull(Passwords.weakness("lettersonly", "ann"));
    assertNotNull(Passwords.weakness("12345678", "ann"));
    assertNotNull(Passwords.weakness("ann-is-great1", "ann"), "contains the name");
    assertNull(Passwords.weakness("correct horse 9", "ann"));
  }
}
