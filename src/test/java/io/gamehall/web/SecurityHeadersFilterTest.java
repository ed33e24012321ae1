package io.gamehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The headers the filter sets, with the framing setting unset (refused everywhere) and set (the
 * portal's origin allowed); SecurityHeadersIT checks the same headers from the running server.
 */
class SecurityHeadersFilterTest {
  private static Map<String, String> headers(SecurityHeadersFilter filter, String host)
      throws Exception {
    Map<String, String> set = new HashMap<>();
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getHeader" -> "Host".equals(args[0]) ? host : null;
                      case "isSecure" -> true;
                      default -> null;
                    });
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setHeader")) {
                    set.put((String) args[0], (String) args[1]);
                  }
                  return null;
                });
    AtomicBoolean passedOn = new AtomicBoolean();
    filter.doFilter(request, response, (q, r) -> passedOn.set(true));
    assertTrue(passedOn.get(), "the request goes on to the page");
    return set;
  }

  @Test
  void byDefaultNoSiteMayFrameThePagesAndOnlyOurOwnCodeAndSocketAreAllowed() throws Exception {
    Map<String, String> h =
        headers(SecurityHeadersFilter.withFrameAncestors(null), "game.example.com:8443");
    String csp = h.get("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("style-src 'self';"), csp);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    assertTrue(csp.contains("connect-src wss://game.example.com:8443;"), csp);
    assertTrue(csp.endsWith("frame-ancestors 'none'"), csp);
    assertEquals("DENY", h.get("X-Frame-Options"));
    assertEquals("nosniff", h.get("X-Content-Type-Options"));
    assertEquals("no-referrer", h.get("Referrer-Policy"));
  }

  @Test
  void aPortalOriginCanBeAllowedToFrameThePages() throws Exception {
    Map<String, String> h =
        headers(
            SecurityHeadersFilter.withFrameAncestors("https://portal.example.com 'self'"),
            "game.example.com");
    assertTrue(
        h.get("Content-Security-Policy")
            .endsWith("frame-ancestors https://portal.example.com 'self'"),
        h.get("Content-Security-Policy"));
    assertNull(h.get("X-Frame-Options"), "X-Frame-Options cannot allow one origin: left out");
  }

  @Test
  void anOddHostHeaderNeverEntersThePolicy() throws Exception {
    String csp =
        headers(SecurityHeadersFilter.withFrameAncestors(null), "evil.example; script-src *")
            .get("Content-Security-Policy");
    assertTrue(csp.contains("connect-src 'self';"), csp);
    assertFalse(csp.contains("evil"), csp);
  }

  @Test
  void aBadFramingSettingStopsTheStart() {
    for (String bad :
        new String[] {"*", "https://*.example.com", "'none' https://a.example", "javascript:x"}) {
      assertThrows(
          IllegalArgumentException.class, () -> SecurityHeadersFilter.frameAncestors(bad), bad);
    }
    assertEquals("'self'", SecurityHeadersFilter.frameAncestors("self"));
  }
}
