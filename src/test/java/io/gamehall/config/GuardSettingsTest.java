package io.gamehall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

  @Test
  void defaultsAreSafe() {
    assertEquals(
        new GuardSettings(Set.of(), false, 20, 10, 20, 40, 10, 4, 300),
        GuardSettings.from(name -> null));
  }

  @Test
  void originsAreExactLowerCaseAndValidated() {
    GuardSettings s =
        GuardSettings.from(
            Map.of("gamehall.allowed.origins", " https://Game.Example.com , http://localhost:8080")
                ::get);
    assertEquals(Set.of("https://game.example.com", "http://localhost:8080"), s.allowedOrigins());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GuardSettings.from(
                Map.of("gamehall.allowed.origins", "https://game.example.com/")::get));
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.from(Map.of("gamehall.allowed.origins", "*")::get));
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.from(Map.of("gamehall.rate.burst", "0")::get));
  }
}
