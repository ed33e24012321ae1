package io.gamehall.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who reads /metrics without logging in: the allow-list of addresses and ranges. */
class MetricsAccessTest {
  @Test
  void byDefaultOnlyTheMachineItself() {
    MetricsAccess access = MetricsAccess.from(TestConfig.settings(Map.of()));
    assertTrue(access.allows("127.0.0.1"));
    assertTrue(access.allows("127.3.4.5"));
    assertTrue(access.allows("0:0:0:0:0:0:0:1"), "::1 as WildFly reports it");
    assertTrue(access.allows("::1"));
    assertFalse(access.allows("10.0.0.7"));
    assertFalse(access.allows("2001:db8::1"));
    assertFalse(access.allows(null));
    assertFalse(access.allows("not-an-address"));
  }

  @Test
  void rangesAndAddressesFromTheSetting() {
    MetricsAccess access =
        MetricsAccess.from(
            TestConfig.settings(
                Map.of(MetricsAccess.SETTING, " 10.0.0.0/8 , 192.168.1.20, fd00::/8 ")));
    assertTrue(access.allows("10.200.3.4"));
    assertTrue(access.allows("192.168.1.20"));
    assertFalse(access.allows("192.168.1.21"));
    assertTrue(access.allows("fd12:3456::9"));
    assertFalse(access.allows("127.0.0.1"), "the default is replaced, not extended");
  }

  @Test
  void noneLeavesOnlyOperatorsAndNonsenseIsRefused() {
    assertFalse(MetricsAccess.parse("none").allows("127.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> MetricsAccess.parse("prometheus.internal"));
    assertThrows(IllegalArgumentException.class, () -> MetricsAccess.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> MetricsAccess.parse("10.0.0.0/x"));
  }
}
