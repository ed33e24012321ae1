package io.gamehall.endpoint;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Answers a socket request that a misconfigured proxy forwarded with advice for the admin (see
 * {@link ProxyAdvice}), and logs the same advice at most once a minute per problem.
 *
 * <p>web.xml exempts {@code /ws} from the CONFIDENTIAL constraint so that this filter, not the
 * container's redirect, answers a plain-http upgrade: a WebSocket client cannot follow a 302, and
 * the redirect goes to the server's own HTTPS port, around the proxy. Declared before the handshake
 * filter, so a refused request never reaches the upgrade.
 */
public class ProxyAdviceFilter implements Filter {
  private static final Logger LOG = Logger.getLogger(ProxyAdviceFilter.class.getName());

  private final ProxyAdvice.WarningGate warnings;

  public ProxyAdviceFilter() {
    this(new ProxyAdvice.WarningGate(System::nanoTime, TimeUnit.MINUTES.toNanos(1)));
  }

  ProxyAdviceFilter(ProxyAdvice.WarningGate warnings) {
    this.warnings = warnings;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse answer
        && "GET".equals(http.getMethod())) {
      String connection = String.join(",", Collections.list(http.getHeaders("Connection")));
      Optional<ProxyAdvice.Refusal> refusal =
          ProxyAdvice.judge(
              http.getHeader("Upgrade"),
              connection.isEmpty() ? null : connection,
              http.isSecure(),
              http.getContextPath() + http.getServletPath());
      if (refusal.isPresent()) {
        refuse(http, answer, refusal.get());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, ProxyAdvice.Refusal refusal)
      throws IOException {
    if (warnings.tryPass(refusal.problem())) {
      // The peer is the proxy (or a direct client); its address tells the admin which one.
      LOG.warning(
          "Refused a socket request from "
              + request.getRemoteAddr()
              + " with "
              + refusal.status()
              + " (logged at most once a minute): "
              + refusal.body().strip().replace('\n', ' '));
    }
    byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(refusal.status());
    response.setContentType("text/plain;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
