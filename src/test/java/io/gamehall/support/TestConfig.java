package io.gamehall.support;

import io.gamehall.config.Settings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * A MicroProfile Config holding only the values a test passes (SmallRye Config, as WildFly uses):
 * no system properties, no environment, so a test's settings never leak into another.
 */
public final class TestConfig {
  private TestConfig() {}

  public static Config of(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 400))
        .build();
  }

  public static Settings settings(Map<String, String> values) {
    return new Settings(of(values));
  }

  /** Hands {@code config} to Weld SE as the injectable {@link Config}, as a container would. */
  public static Extension asBean(Config config) {
    return new ConfigBean(config);
  }

  /** A portable extension rather than a producer class, so each hall gets its own instance. */
  private record ConfigBean(Config config) implements Extension {
    void addConfig(@Observes AfterBeanDiscovery discovery) {
      discovery
          .addBean()
          .types(Config.class, Object.class)
          .scope(Dependent.class)
          .createWith(context -> config);
    }
  }
}
