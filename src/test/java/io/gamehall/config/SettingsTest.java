package io.gamehall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.TestConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one settings reader: the names docs/deployment.md documents keep working as system properties
 * and as environment variables once MicroProfile Config reads them.
 */
class SettingsTest {
  @Test
  void environmentVariablesKeepTheirDocumentedNamesAndSystemPropertiesComeFirst() {
    Settings settings =
        new Settings(
            new SmallRyeConfigBuilder()
                .withSources(
                    new EnvConfigSource(
                        Map.of(
                            "GAMEHALL_HEARTBEAT_SECONDS", "10",
                            "GAMEHALL_TABLE_TURN_SECONDS", "30",
                            "GAMEHALL_ALLOWED_ORIGINS", "https://game.example.com"),
                        300),
                    new PropertiesConfigSource(
                        Map.of("gamehall.heartbeat.seconds", "12"), "system", 400))
                .build());
    assertEquals(12, settings.integer("gamehall.heartbeat.seconds", 25));
    assertEquals(30, settings.number("gamehall.table.turn.seconds", 20));
    assertEquals(Set.of("https://game.example.com"), GuardSettings.from(settings).allowedOrigins());
  }

  @Test
  void blankMeansUnsetAndValuesAreStripped() {
    Settings settings =
        TestConfig.settings(Map.of("gamehall.rate.burst", "  ", "gamehall.drain.seconds", " 9 "));
    assertEquals(40, settings.integer("gamehall.rate.burst", 40));
    assertEquals(9, settings.integer("gamehall.drain.seconds", 300));
    assertTrue(settings.text("gamehall.rate.burst").isEmpty());
  }

  @Test
  void badValuesAreRefusedWithTheSettingsName() {
    Settings settings =
        TestConfig.settings(
            Map.of(
                "gamehall.snapshot.enabled", "perhaps",
                "gamehall.table.turn.seconds", "soon",
                "gamehall.table.log.capacity", "99999999999"));
    IllegalArgumentException flag =
        assertThrows(
            IllegalArgumentException.class, () -> settings.flag("gamehall.snapshot.enabled", true));
    assertTrue(flag.getMessage().contains("gamehall.snapshot.enabled"), flag.getMessage());
    IllegalArgumentException number =
        assertThrows(
            IllegalArgumentException.class,
            () -> settings.number("gamehall.table.turn.seconds", 20));
    assertEquals(
        "gamehall.table.turn.seconds must be a whole number, got 'soon'", number.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> settings.integer("gamehall.table.log.capacity", 1));
    assertFalse(TestConfig.settings(Map.of("x", "FALSE")).flag("x", true));
  }
}
