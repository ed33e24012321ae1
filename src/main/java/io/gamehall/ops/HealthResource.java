package io.gamehall.ops;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /gamehall/health/live} and {@code /gamehall/health/ready}: the hall's MicroProfile health
 * checks at the application's own URLs, answering as they always have ({@code {"status":"UP"}}, 503
 * with DOWN or DRAINING). The platform serves the same checks elsewhere (WildFly on its management
 * port, Payara at {@code /health}); load balancers and nginx keep using these, which live on the
 * public listener next to the socket and need no management access (docs/security.md).
 */
@Path("")
@RequestScoped
public class HealthResource {
  @Inject @Liveness Instance<HealthCheck> liveness;
  @Inject @Readiness Instance<HealthCheck> readiness;

  @GET
  @Path("live")
  public Response live() {
    return answer(liveness);
  }

  @GET
  @Path("ready")
  public Response ready() {
    return answer(readiness);
  }

  /** UP when every check is up; otherwise the first failing check's state (DOWN by default). */
  static Response answer(Iterable<HealthCheck> checks) {
    String status = "UP";
    for (HealthCheck check : checks) {
      HealthCheckResponse response = check.call();
      if (response.getStatus() != HealthCheckResponse.Status.UP) {
        status =
            response
                .getData()
                .map(data -> data.get(HallReadiness.STATE))
                .map(Object::toString)
                .orElse("DOWN");
        break;
      }
    }
    return Response.status("UP".equals(status) ? 200 : 503)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .entity("{\"status\":\"" + status + "\"}")
        .build();
  }
}
