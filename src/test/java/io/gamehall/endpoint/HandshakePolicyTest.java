package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.config.GuardSettings;
import io.gamehall.support.TestConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakePolicyTest {
  private final HandshakePolicy sameOrigin = new HandshakePolicy(GuardSettings.defaults());
  private final HandshakePolicy listed =
      new HandshakePolicy(
          GuardSettings.from(
              TestConfig.settings(
                  Map.of(
                      "gamehall.allowed.origins",
                      "https://game.example.com",
                      "gamehall.trust.forwarded.for",
                      "true"))));

  @Test
  void sameOriginComparesHostAndPortWithDefaultPortsOmitted() {
    assertTrue(sameOrigin.originAllowed("https://game.example.com", "game.example.com"));
    assertTrue(sameOrigin.originAllowed("https://game.example.com", "game.example.com:443"));
    assertTrue(sameOrigin.originAllowed("https://GAME.example.com:8443", "game.example.com:8443"));
    assertFalse(sameOrigin.originAllowed("https://game.example.com:8443", "game.example.com"));
    assertFalse(sameOrigin.originAllowed("https://evil.example.com", "game.example.com"));
    assertFalse(
        sameOrigin.originAllowed("null", "game.example.com"),
        "an opaque origin (sandboxed iframe, file:)");
    assertTrue(sameOrigin.originAllowed(null, "game.example.com"), "no Origin: not a browser");
    assertTrue(
        sameOrigin.originAllowed("https://evil.example.com", null),
        "Host unknown yet: judged later");
  }

  @Test
  void anAllowListIsExactAndNeedsNoHost() {
    assertTrue(listed.originAllowed("https://game.example.com", null));
    assertFalse(listed.originAllowed("http://game.example.com", null));
    assertFalse(listed.originAllowed("https://game.example.com:8443", null));
  }

  @Test
  void theForwardedAddressIsTheFirstHopAndOnlyWhenTrusted() {
    assertEquals("203.0.113.9", listed.peer(List.of("203.0.113.9, 10.0.0.2"), "127.0.0.1"));
    assertEquals("127.0.0.1", listed.peer(List.of(), "127.0.0.1"));
    assertEquals(
        "127.0.0.1",
        sameOrigin.peer(List.of("203.0.113.9"), "127.0.0.1"),
        "not trusted by default");
    assertNull(sameOrigin.peer(null, null));
  }
}
