package io.gamehall.ops;

import io.gamehall.lobby.TableRegistry;
import io.gamehall.session.ConnectionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the registries are up and the hall is not draining: a load balancer should stop
 * sending new players here when this is down. The {@code state} datum tells a drain (DRAINING) from
 * a hall that is not up (DOWN), which MicroProfile's two statuses cannot.
 */
@Readiness
@ApplicationScoped
public class HallReadiness implements HealthCheck {
  static final String STATE = "state";
  @Inject ConnectionRegistry connections;
  @Inject TableRegistry tables;

  @Override
  public HealthCheckResponse call() {
    boolean up = connections != null && tables != null && tables.catalog() != null;
    String state = !up ? "DOWN" : connections.draining() ? "DRAINING" : "UP";
    return new HealthCheckResponse(
        "gamehall",
        "UP".equals(state) ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(Map.of(STATE, state)));
  }
}
