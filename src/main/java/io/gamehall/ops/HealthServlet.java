package io.gamehall.ops;

import io.gamehall.lobby.TableRegistry;
import io.gamehall.session.ConnectionRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /health/live}: the application answers. {@code /health/ready}: the registries are up and
 * the hall is not draining (a load balancer should stop sending new players here when it says 503).
 */
@WebServlet(urlPatterns = {"/health/live", "/health/ready"})
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  @Inject transient ConnectionRegistry connections;
  @Inject transient TableRegistry tables;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean ready = true;
    String status = "UP";
    if (request.getServletPath().endsWith("ready")) {
      boolean up = connections != null && tables != null && tables.catalog() != null;
      ready = up && !connections.draining();
      status = !up ? "DOWN" : ready ? "UP" : "DRAINING";
    }
    response.setStatus(ready ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write("{\"status\":\"" + status + "\"}");
  }
}
