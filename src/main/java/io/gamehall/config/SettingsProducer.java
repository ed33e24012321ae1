package io.gamehall.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Makes {@link Settings}, {@link HallSettings} and {@link GuardSettings} injectable from the
 * platform's MicroProfile {@link Config} (the container's; the embedded tests hand in their own).
 * Read once, at first use, so a bad value fails the first connection loudly.
 */
@ApplicationScoped
public class SettingsProducer {
  @Inject Config config;
  private Settings settings;
  private HallSettings hall;
  private GuardSettings guard;

  @PostConstruct
  void read() {
    settings = new Settings(config);
    hall = HallSettings.from(settings);
    guard = GuardSettings.from(settings);
  }

  @Produces
  public Settings reader() {
    return settings;
  }

  @Produces
  public HallSettings settings() {
    return hall;
  }

  @Produces
  public GuardSettings guard() {
    return guard;
  }
}
