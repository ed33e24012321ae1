package io.gamehall.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes {@link HallSettings} injectable; read once, at first use, so a bad value fails the first connection loudly. */
@ApplicationScoped
public class SettingsProducer {
  private final HallSettings settings = HallSettings.fromSystem();

  @Produces
  public HallSettings settings() {
    return settings;
  }
}
