package io.gamehall.ops;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Jakarta REST under {@code /health} only: an application at the root would also claim the static
 * files and the socket's path. Each application lists its own resources.
 */
@ApplicationPath("health")
public class HealthApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(HealthResource.class);
  }
}
