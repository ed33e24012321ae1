package io.gamehall.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signed session tokens: round trip, expiry, forgery, key rotation. */
class SessionTokensTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private final SessionTokens.SigningKey k1 = new SessionTokens.SigningKey("k1", bytes('a'));
  private final SessionTokens.SigningKey k2 = new SessionTokens.SigningKey("k2", bytes('b'));

  private static byte[] bytes(char c) {
    return String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII);
  }

  private static SessionTokens tokens(Instant now, SessionTokens.SigningKey... keys) {
    return new SessionTokens(List.of(keys), Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aTokenGivesBackTheSameIdentityUntilItExpires() {
    SessionTokens.Issued issued = tokens(T0, k1).issue("g-abc", "小明 Ann");
    assertEquals(
        T0.plusSeconds(3600), issued.expiresAt(), "what welcome reports is what the token carries");
    String token = issued.token();
    SessionTokens.Claims claims = tokens(T0.plusSeconds(3599), k1).verify(token).orElseThrow();
    assertEquals("g-abc", claims.playerId());
    assertEquals("小明 Ann", claims.nickname());
    assertEquals(T0.plusSeconds(3600), claims.expiresAt());
    assertTrue(
        tokens(T0.plusSeconds(3600), k1).verify(token).isEmpty(),
        "expired at exactly the expiry time");
  }

  @Test
  void anyChangeToATokenIsDetected() {
    String token = tokens(T0, k1).issue("g-abc", "Ann").token();
    String[] parts = token.split("\\.");
    String otherPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("g-evil\nAnn\n1\n99999999999".getBytes(StandardCharsets.UTF_8));
    SessionTokens verifier = tokens(T0, k1);
    assertTrue(
        verifier.verify(parts[0] + "." + parts[1] + "." + otherPayload + "." + parts[3]).isEmpty());
    assertTrue(verifier.verify(token.substring(0, token.length() - 2) + "AA").isEmpty());
    assertTrue(verifier.verify(token + "x").isEmpty());
    assertTrue(verifier.verify("v2." + token.substring(3)).isEmpty());
    for (String junk :
        new String[] {"", ".", "v1...", "v1.k1.!!!.???", "v1.k9.a.b", "x".repeat(10_000)}) {
      assertTrue(verifier.verify(junk).isEmpty(), junk.length() > 20 ? "long junk" : junk);
    }
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    SessionTokens.SigningKey impostor = new SessionTokens.SigningKey("k1", bytes('z'));
    String forged = tokens(T0, impostor).issue("g-abc", "Ann").token();
    assertTrue(tokens(T0, k1).verify(forged).isEmpty());
  }

  @Test
  void rotationSignsWithTheFirstKeyAndStillAcceptsTheOlderOnes() {
    String old = tokens(T0, k1).issue("g-old", "Old").token();
    SessionTokens rotated = tokens(T0, k2, k1);
    String fresh = rotated.issue("g-new", "New").token();
    assertTrue(fresh.startsWith("v1.k2."));
    assertEquals("g-old", rotated.verify(old).orElseThrow().playerId());
    assertEquals("g-new", rotated.verify(fresh).orElseThrow().playerId());
    assertTrue(tokens(T0, k2).verify(old).isEmpty(), "once k1 is retired its tokens stop working");
  }

  @Test
  void weakOrDuplicateKeysAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new SessionTokens.SigningKey("k", new byte[16]));
    assertThrows(
        IllegalArgumentException.class, () -> new SessionTokens.SigningKey("bad id!", bytes('a')));
    assertThrows(IllegalArgumentException.class, () -> tokens(T0, k1, k1));
  }

  @Test
  void anAccountTokenCarriesItsSessionAndGenerationAndAGuestTokenNeither() {
    SessionTokens t = tokens(T0, k1);
    SessionTokens.Claims account =
        t.verify(
                t.issue("g-abc", "Ann", new SessionTokens.AccountSession("abcdefgh12345678", 3))
                    .token())
            .orElseThrow();
    assertTrue(account.account());
    assertEquals("abcdefgh12345678", account.session());
    assertEquals(3, account.generation());
    SessionTokens.Claims guest = t.verify(t.issue("g-abc", "Ann").token()).orElseThrow();
    assertTrue(!guest.account() && guest.session() == null);
    String[] parts =
        t.issue("g-abc", "Ann", new SessionTokens.AccountSession("abcdefgh12345678", 3))
            .token()
            .split("\\.");
    String older =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("g-abc\nAnn\n1\n99999999999\n2\nabcdefgh12345678")
                    .getBytes(StandardCharsets.UTF_8));
    assertTrue(
        t.verify(parts[0] + "." + parts[1] + "." + older + "." + parts[3]).isEmpty(),
        "an older generation cannot be written into a signed token");
  }
}
