package io.gamehall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gamehall.support.TestConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

  @Test
  void defaultsAreSafe() {
    assertEquals(
        new GuardSettings(Set.of(), false, 20, 10, 20, 40, 10, 4, 300),
        GuardSettings.from(TestConfig.settings(Map.of())));
  }

  @Test
  void originsAreExactLowerCaseAndValidated() {
    GuardSettings s =
        GuardSettings.from(
            TestConfig.settings(
                Map.of(
                    "gamehall.allowed.origins",
                    " https://Game.Example.com , http://localhost:8080")));
    assertEquals(Set.of("https://game.example.com", "http://localhost:8080"), s.allowedOrigins());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GuardSettings.from(
                TestConfig.settings(
                    Map.of("gamehall.allowed.origins", "https://game.example.com/"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.from(TestConfig.settings(Map.of("gamehall.allowed.origins", "*"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.from(TestConfig.settings(Map.of("gamehall.rate.burst", "0"))));
  }
}
