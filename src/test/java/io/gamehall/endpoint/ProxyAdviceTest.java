package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.endpoint.ProxyAdvice.Problem;
import io.gamehall.endpoint.ProxyAdvice.Refusal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The advice a misconfigured proxy gets, and how often the log repeats it. */
class ProxyAdviceTest {
  private static final String PATH = "/gamehall/ws";

  @Test
  void aSecureUpgradePasses() {
    assertTrue(ProxyAdvice.judge("websocket", "Upgrade", true, PATH).isEmpty());
    assertTrue(ProxyAdvice.judge("WebSocket", "keep-alive, Upgrade", true, PATH).isEmpty());
  }

  @Test
  void aPlainUpgradeIsRefused403WithTheForwardedProtoLine() {
    Refusal refusal = ProxyAdvice.judge("websocket", "upgrade", false, PATH).orElseThrow();
    assertEquals(403, refusal.status());
    assertEquals(Problem.INSECURE, refusal.problem());
    assertTrue(refusal.body().contains("\"X-Forwarded-Proto: https\""), refusal.body());
    assertTrue(
        refusal.body().contains("\n    proxy_set_header X-Forwarded-Proto $scheme;\n"),
        refusal.body());
    assertTrue(refusal.body().contains(PATH), refusal.body());
  }

  @Test
  void aGetWithoutUpgradeHeadersIsRefused400WithTheThreeLines() {
    for (String[] headers :
        new String[][] {
          {null, null}, {"websocket", "close"}, {null, "upgrade"}, {"h2c", "Upgrade"}
        }) {
      Refusal refusal = ProxyAdvice.judge(headers[0], headers[1], true, PATH).orElseThrow();
      assertEquals(400, refusal.status());
      assertEquals(Problem.MISSING_UPGRADE, refusal.problem());
      assertTrue(refusal.body().contains("proxy_http_version 1.1;"), refusal.body());
      assertTrue(refusal.body().contains("proxy_set_header Upgrade $http_upgrade;"));
      assertTrue(refusal.body().contains("proxy_set_header Connection \"upgrade\";"));
      assertFalse(refusal.body().contains("X-Forwarded-Proto"), "https was fine");
    }
    Refusal both = ProxyAdvice.judge(null, null, false, PATH).orElseThrow();
    assertEquals(400, both.status());
    assertTrue(both.body().contains("proxy_set_header X-Forwarded-Proto $scheme;"), both.body());
  }

  @Test
  void eachProblemIsLoggedAtMostOncePerInterval() {
    AtomicLong now = new AtomicLong(-5);
    ProxyAdvice.WarningGate gate =
        new ProxyAdvice.WarningGate(now::get, TimeUnit.MINUTES.toNanos(1));
    assertTrue(gate.tryPass(Problem.INSECURE));
    assertFalse(gate.tryPass(Problem.INSECURE));
    assertTrue(gate.tryPass(Problem.MISSING_UPGRADE), "a different problem has its own budget");
    now.addAndGet(TimeUnit.SECONDS.toNanos(59));
    assertFalse(gate.tryPass(Problem.INSECURE));
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertTrue(gate.tryPass(Problem.INSECURE));
    assertFalse(gate.tryPass(Problem.INSECURE));
  }
}
