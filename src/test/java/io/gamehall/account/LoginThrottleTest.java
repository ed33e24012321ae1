package io.gamehall.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import org.junit.jupiter.api.Test;

/**
 * The login throttling rule on a clock the test moves: a name under attack slows down
 * exponentially, the right password works once the delay has passed, an address is capped across
 * names, and quiet time forgets.
 */
class LoginThrottleTest {
  private final LoginThrottle rule = LoginThrottle.defaults();

  /**
   * Counters as the database keeps them, and the decision AccountService.login makes with them: the
   * longer of the name's and the address's wait, else the password is checked.
   */
  private final class Ledger {
    final Map<String, LoginThrottle.Counter> rows = new HashMap<>();
    long now = 1_700_000_000_000L;

    long retryAfter(String name, String address) {
      return Math.max(
          rule.retryAfterSeconds(rows.get(AccountService.nameKey(name)), now),
          rule.retryAfterSeconds(rows.get(AccountService.addressKey(address)), now));
    }

    /** One login: "throttled", "bad" or "in". */
    String login(String name, String address, boolean rightPassword) {
      if (retryAfter(name, address) > 0) {
        return "throttled";
      }
      if (rightPassword) {
        rows.remove(AccountService.nameKey(name));
        return "in";
      }
      fail(LoginThrottle.Kind.NAME, AccountService.nameKey(name));
      fail(LoginThrottle.Kind.ADDRESS, AccountService.addressKey(address));
      return "bad";
    }

    private void fail(LoginThrottle.Kind kind, String key) {
      rows.put(key, rule.failed(kind, rows.get(key), now));
    }
  }

  @Test
  void thirtyWrongPasswordsOverTenConnectionsAreThrottledAndTheRightOneWorksAfterTheDelay() {
    Ledger ledger = new Ledger();
    Map<String, Integer> outcomes = new HashMap<>();
    long longestWait = 0;
    for (int i = 0; i < 30; i++) {
      // Ten connections from ten addresses take turns, one attempt every 200 ms.
      String address = "198.51.100." + (i % 10);
      outcomes.merge(ledger.login("victim", address, false), 1, Integer::sum);
      longestWait = Math.max(longestWait, ledger.retryAfter("victim", address));
      ledger.now += 200;
    }
    assertEquals(null, outcomes.get("in"), "a wrong password never signs in: " + outcomes);
    assertTrue(
        outcomes.getOrDefault("bad", 0) <= 8,
        "after 5 failures each further guess waits for a doubling delay: " + outcomes);
    assertTrue(outcomes.getOrDefault("throttled", 0) >= 22, "most guesses refused: " + outcomes);
    assertTrue(longestWait >= 2, "the delay grew: " + longestWait);

    long wait = ledger.retryAfter("victim", "203.0.113.7");
    assertTrue(wait > 0, "the owner, from elsewhere, must wait too");
    assertEquals("throttled", ledger.login("victim", "203.0.113.7", true));
    ledger.now += wait * 1000;
    assertEquals(
        "in", ledger.login("victim", "203.0.113.7", true), "no lockout once the delay passed");
    assertEquals(0, ledger.retryAfter("victim", "203.0.113.8"), "success cleared the name");
  }

  @Test
  void theDelayDoublesFromTheFifthFailureAndStopsAtTheMaximum() {
    assertEquals(0, rule.delayMillis(LoginThrottle.Kind.NAME, 4));
    assertEquals(1_000, rule.delayMillis(LoginThrottle.Kind.NAME, 5));
    assertEquals(2_000, rule.delayMillis(LoginThrottle.Kind.NAME, 6));
    assertEquals(4_000, rule.delayMillis(LoginThrottle.Kind.NAME, 7));
    assertEquals(300_000, rule.delayMillis(LoginThrottle.Kind.NAME, 500), "capped, never locked");
    assertEquals(0, rule.delayMillis(LoginThrottle.Kind.ADDRESS, 49));
    assertEquals(1_000, rule.delayMillis(LoginThrottle.Kind.ADDRESS, 50));
  }

  @Test
  void oneAddressGuessingManyNamesIsCappedAcrossNames() {
    Ledger ledger = new Ledger();
    for (int i = 0; i < 50; i++) {
      assertEquals("bad", ledger.login("name" + i, "192.0.2.1", false), "guess " + i);
      ledger.now += 50;
    }
    assertEquals(
        "throttled", ledger.login("name_fresh", "192.0.2.1", false), "the address waits now");
    assertEquals(
        "in", ledger.login("name_fresh", "192.0.2.2", true), "other addresses are not affected");
  }

  @Test
  void quietTimeForgetsOldFailures() {
    Ledger ledger = new Ledger();
    for (int i = 0; i < 4; i++) {
      ledger.login("forgetful", "192.0.2.9", false);
    }
    ledger.now += Duration.ofMinutes(16).toMillis();
    LoginThrottle.Counter fresh =
        rule.failed(
            LoginThrottle.Kind.NAME,
            ledger.rows.get(AccountService.nameKey("forgetful")),
            ledger.now);
    assertEquals(1, fresh.failures(), "a failure after the window starts a new count");
    assertEquals(0, fresh.blockedUntil());
    for (Entry<String, LoginThrottle.Counter> row : ledger.rows.entrySet()) {
      assertEquals(0, rule.retryAfterSeconds(row.getValue(), ledger.now), row.getKey());
    }
  }

  @Test
  void settingsAreReadAndChecked() {
    LoginThrottle read =
        LoginThrottle.from(
            Map.of(
                    "gamehall.login.failures.before.delay", "3",
                    "gamehall.login.delay.max.seconds", "2")
                ::get);
    assertEquals(3, read.failuresBeforeDelay());
    assertEquals(Duration.ofSeconds(2), read.maxDelay());
    assertEquals(50, read.addressFailuresBeforeDelay(), "defaults for the rest");
    assertThrows(
        IllegalArgumentException.class,
        () -> LoginThrottle.from(Map.of("gamehall.login.delay.max.seconds", "0")::get));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoginThrottle.from(Map.of("gamehall.login.window.seconds", "soon")::get));
  }
}
