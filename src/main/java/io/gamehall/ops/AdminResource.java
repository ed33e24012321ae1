package io.gamehall.ops;

import io.gamehall.audit.Audit;
import io.gamehall.cluster.ClusterService;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.store.snapshot.ClusterTables;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.logging.Logger;

/**
 * Operator actions, POST only, for the {@code gamehall-admin} role (web.xml): {@code
 * /admin/drain?message=...}, {@code /admin/kick?player=g-...&reason=...}, {@code
 * /admin/notice?message=...}. Answers are small JSON objects (docs/security.md).
 */
@Path("")
@RequestScoped
public class AdminResource {
  private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());
  private static final int MAX_TEXT = 200;
  @Inject ConnectionRegistry connections;
  @Inject ClusterService cluster;
  @Inject ClusterTables clusterTables;
  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @POST
  @Path("drain")
  public Response drain(@QueryParam("message") String message) {
    connections.drain(
        text(message, "The server restarts for maintenance; your game finishes first."));
    LOG.info(() -> "drain started by " + who());
    Audit.record("admin.drain", who(), request.getRemoteAddr(), null);
    if (cluster.enabled()) {
      // New tables are refused already; the running ones move to other nodes while their games go
      // on, and the drain's tick then closes this node's sockets (1001): nothing plays here.
      ClusterTables.Drained moved = clusterTables.handOffAll();
      LOG.info(() -> "drain moved tables: " + moved);
      return json(
          202,
          "{\"draining\":true,\"moved\":"
              + moved.moved()
              + ",\"closed\":"
              + moved.closed()
              + ",\"failed\":"
              + moved.failed()
              + "}");
    }
    return json(202, "{\"draining\":true}");
  }

  @POST
  @Path("kick")
  public Response kick(@QueryParam("player") String player, @QueryParam("reason") String reason) {
    boolean kicked =
        player != null && connections.kick(player, text(reason, "Removed by an operator."));
    LOG.info(() -> "kick of " + player + " by " + who() + ": " + kicked);
    Audit.record("admin.kick", who(), request.getRemoteAddr(), player + " kicked=" + kicked);
    return json(kicked ? 200 : 404, "{\"kicked\":" + kicked + "}");
  }

  @POST
  @Path("notice")
  public Response notice(@QueryParam("message") String message) {
    connections.broadcastNotice(new ServerMessage.Notice("broadcast", text(message, ""), null));
    Audit.record("admin.notice", who(), request.getRemoteAddr(), null);
    return json(200, "{\"sent\":true}");
  }

  /** Anything else under /admin, as before: 404 with a JSON reason rather than the framework's. */
  @POST
  @Path("{action: .*}")
  public Response unknown(@PathParam("action") String action) {
    return json(404, "{\"error\":\"unknown action\"}");
  }

  private String who() {
    return security.getUserPrincipal() == null ? "?" : security.getUserPrincipal().getName();
  }

  private static String text(String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    value = value.strip();
    return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
  }

  private static Response json(int status, String body) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .entity(body)
        .build();
  }
}
