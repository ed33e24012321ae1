package io.gamehall.ops;

import io.gamehall.audit.Audit;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.session.ConnectionRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Operator actions, POST only, for the {@code gamehall-admin} role (web.xml): {@code
 * /admin/drain?message=...}, {@code /admin/kick?player=g-...&reason=...}, {@code
 * /admin/notice?message=...}.
 */
@WebServlet("/admin/*")
public class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AdminServlet.class.getName());
  private static final int MAX_TEXT = 200;
  @Inject transient ConnectionRegistry connections;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String action = request.getPathInfo() == null ? "" : request.getPathInfo();
    String who = request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName();
    switch (action) {
      case "/drain":
        connections.drain(
            text(
                request,
                "message",
                "The server restarts for maintenance; your game finishes first."));
        LOG.info(() -> "drain started by " + who);
        Audit.record("admin.drain", who, request.getRemoteAddr(), null);
        reply(response, 202, "{\"draining\":true}");
        return;
      case "/kick":
        String player = request.getParameter("player");
        boolean kicked =
            player != null
                && connections.kick(player, text(request, "reason", "Removed by an operator."));
        LOG.info(() -> "kick of " + player + " by " + who + ": " + kicked);
        Audit.record("admin.kick", who, request.getRemoteAddr(), player + " kicked=" + kicked);
        reply(response, kicked ? 200 : 404, "{\"kicked\":" + kicked + "}");
        return;
      case "/notice":
        connections.broadcastNotice(
            new ServerMessage.Notice("broadcast", text(request, "message", ""), null));
        Audit.record("admin.notice", who, request.getRemoteAddr(), null);
        reply(response, 200, "{\"sent\":true}");
        return;
      default:
        reply(response, 404, "{\"error\":\"unknown action\"}");
    }
  }

  private static String text(HttpServletRequest request, String name, String fallback) {
    String value = request.getParameter(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    value = value.strip();
    return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
  }

  private static void reply(HttpServletResponse response, int status, String json)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json);
  }
}
