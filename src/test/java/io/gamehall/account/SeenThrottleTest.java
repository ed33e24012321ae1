package io.gamehall.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SeenThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final SeenThrottle throttle = new SeenThrottle(600_000, 3, now::get);

  @Test
  void aReconnectWithinTheIntervalIsNotWrittenAgain() {
    assertTrue(throttle.shouldWrite("g-1", "Ann"), "first welcome");
    now.addAndGet(599_999);
    assertFalse(throttle.shouldWrite("g-1", "Ann"), "reconnect inside the interval");
    now.addAndGet(1);
    assertTrue(throttle.shouldWrite("g-1", "Ann"), "once the interval is up");
    assertFalse(throttle.shouldWrite("g-1", "Ann"), "and counted from that write");
  }

  @Test
  void aNewNicknameOrAnotherPlayerIsWrittenAtOnce() {
    assertTrue(throttle.shouldWrite("g-1", "Ann"));
    assertTrue(throttle.shouldWrite("g-1", "Anna"), "nickname changed");
    assertTrue(throttle.shouldWrite("g-2", "Anna"), "another player");
    assertFalse(throttle.shouldWrite("g-1", "Anna"));
  }

  @Test
  void whenFullItForgetsAndWritesAgain() {
    assertTrue(throttle.shouldWrite("g-1", "A"));
    assertTrue(throttle.shouldWrite("g-2", "B"));
    assertTrue(throttle.shouldWrite("g-3", "C"));
    assertTrue(throttle.shouldWrite("g-4", "D"), "the fourth clears the full map");
    assertTrue(throttle.shouldWrite("g-1", "A"), "forgotten, so written again");
  }
}
