package io.gamehall.ops;

import io.gamehall.cluster.ClusterService;
import io.gamehall.cluster.Relay;
import io.gamehall.config.Settings;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.session.ConnectionStats;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /metrics} in the Prometheus text format: counters are totals since start (Prometheus
 * derives per-second rates), gauges are read at scrape time. Read-only; answers addresses in the
 * allow-list ({@link MetricsAccess}) and otherwise only the {@code gamehall-admin} role over BASIC
 * (docs/security.md).
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  @Inject transient ConnectionRegistry connections;
  @Inject transient TableRegistry tables;
  @Inject transient Settings settings;
  @Inject transient ClusterService cluster;
  private transient MetricsAccess access;

  @Override
  public void init() {
    access = MetricsAccess.from(settings);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!access.allows(request.getRemoteAddr()) && !operator(request, response)) {
      return;
    }
    ConnectionStats stats = connections.stats();
    StringBuilder out = new StringBuilder(1024);
    gauge(out, "gamehall_connections", "open WebSocket connections", connections.size());
    gauge(
        out, "gamehall_draining", "1 while a drain is in progress", connections.draining() ? 1 : 0);
    gauge(
        out, "gamehall_outbox_depth_max", "deepest outbox right now", connections.maxOutboxDepth());
    out.append("# HELP gamehall_tables tables by phase\n# TYPE gamehall_tables gauge\n");
    tables
        .byPhase()
        .forEach(
            (phase, n) ->
                out.append("gamehall_tables{phase=\"")
                    .append(phase.name().toLowerCase(Locale.ROOT))
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    counter(out, "gamehall_connections_opened_total", "connections accepted", stats.openedTotal());
    counter(out, "gamehall_messages_in_total", "text messages received", stats.messagesInTotal());
    counter(
        out, "gamehall_messages_out_total", "messages queued to clients", stats.messagesOutTotal());
    counter(
        out,
        "gamehall_resumes_total",
        "hellos that resumed an identity by token",
        stats.resumesTotal());
    counter(
        out,
        "gamehall_trustee_activations_total",
        "seats put under 托管 (auto-play) after a timeout or a drop",
        tables.trusteeActivations());
    out.append(
        "# HELP gamehall_closes_total connections closed, by close code\n# TYPE gamehall_closes_total counter\n");
    stats
        .closesByCode()
        .forEach(
            (code, n) ->
                out.append("gamehall_closes_total{code=\"")
                    .append(code)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    if (cluster != null) {
      cluster.relay().ifPresent(relay -> relayMetrics(out, relay));
    }
    response.setContentType("text/plain; version=0.0.4");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(out.toString());
  }

  /** Cluster mode only: the relay to and from other nodes (docs/clustering.md). */
  private static void relayMetrics(StringBuilder out, Relay relay) {
    counter(
        out,
        "gamehall_relay_frames_out_total",
        "relay frames sent to other nodes (commands to owners, events to sockets' nodes)",
        relay.framesOut());
    counter(
        out,
        "gamehall_relay_frames_in_total",
        "relay frames received from other nodes",
        relay.framesIn());
    gauge(
        out,
        "gamehall_relay_queue_depth",
        "relay frames waiting to be sent, all destination nodes together",
        relay.queueDepth());
    gauge(
        out,
        "gamehall_relay_remote_members",
        "sockets on other nodes that sit at or watch tables owned here",
        relay.remoteMembers());
    counter(
        out,
        "gamehall_relay_overflow_drops_total",
        "connections dropped because a relay queue was full (closed with 4002)",
        relay.overflowDrops());
    counter(
        out,
        "gamehall_relay_send_failures_total",
        "relay frames lost: the destination node left or the send failed",
        relay.sendFailures());
  }

  /**
   * An operator may read the metrics from anywhere: BASIC asked for (401) when no one is logged in,
   * 403 for a user without the role.
   */
  private static boolean operator(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean loggedIn;
    try {
      loggedIn = request.getUserPrincipal() != null || request.authenticate(response);
    } catch (ServletException e) {
      // Undertow throws instead of challenging when the request carries no credentials at all.
      loggedIn = false;
    }
    if (!loggedIn) {
      if (!response.isCommitted()) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"gamehall\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      }
      return false;
    }
    if (request.isUserInRole("gamehall-admin")) {
      return true;
    }
    response.sendError(HttpServletResponse.SC_FORBIDDEN);
    return false;
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append("\n# TYPE ")
        .append(name)
        .append(" gauge\n")
        .append(name)
        .append(' ')
        .append(value)
        .append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append("\n# TYPE ")
        .append(name)
        .append(" counter\n")
        .append(name)
        .append(' ')
        .append(value)
        .append('\n');
  }
}
