package io.gamehall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading settings: defaults, overrides, and refusing values that would break the server. */
class HallSettingsTest {
  @Test
  void absentSettingsTakeTheDocumentedDefaults() {
    HallSettings settings = HallSettings.from(TestConfig.settings(Map.of()));
    assertEquals(new HallSettings(25, 75, 16384, 256), settings);
    assertTrue(
        settings.heartbeatSeconds() * 2 < 60,
        "two heartbeats fit in nginx's default 60 s read timeout");
  }

  @Test
  void valuesAreReadByName() {
    Map<String, String> values =
        Map.of(
            "gamehall.heartbeat.seconds",
            " 10 ",
            "gamehall.dead.peer.seconds",
            "31",
            "gamehall.max.message.bytes",
            "4096");
    HallSettings settings = HallSettings.from(TestConfig.settings(values));
    assertEquals(new HallSettings(10, 31, 4096, 256), settings);
  }

  @Test
  void nonsenseIsRefusedWithTheSettingsName() {
    IllegalArgumentException notANumber =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HallSettings.from(TestConfig.settings(Map.of("gamehall.outbox.capacity", "lots"))));
    assertTrue(notANumber.getMessage().contains("gamehall.outbox.capacity"));
    assertThrows(IllegalArgumentException.class, () -> new HallSettings(0, 75, 16384, 256));
    IllegalArgumentException deadBeforeBeat =
        assertThrows(IllegalArgumentException.class, () -> new HallSettings(25, 25, 16384, 256));
    assertTrue(deadBeforeBeat.getMessage().contains("dead.peer"));
  }
}
