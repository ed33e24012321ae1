package io.gamehall.ops;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Jakarta REST under {@code /admin}, which web.xml keeps for the {@code gamehall-admin} role over
 * BASIC: the container refuses everyone else before a resource runs.
 */
@ApplicationPath("admin")
public class AdminApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(AdminResource.class);
  }
}
