package io.gamehall.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes {@link HallSettings} and {@link GuardSettings} injectable; read once, at first use, so a
 * bad value fails the first connection loudly.
 */
@ApplicationScoped
public class SettingsProducer {
  private final HallSettings settings = HallSettings.fromSystem();
  private final GuardSettings guard = GuardSettings.fromSystem();

  @Produces
  public HallSettings settings() {
    return settings;
  }

  @Produces
  public GuardSettings guard() {
    return guard;
  }
}
