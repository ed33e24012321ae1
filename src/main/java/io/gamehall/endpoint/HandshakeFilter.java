package io.gamehall.endpoint;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses WebSocket versions other than 13 before the upgrade, and tells the configurator what the
 * WebSocket API hides: the client's address and the Host header, for the duration of the upgrade
 * request.
 *
 * <p>Declared in web.xml for {@code /ws}, so it runs before the container's own WebSocket filter
 * (Undertow and Tyrus register theirs programmatically after the descriptor's filters), and both
 * run {@code checkOrigin} and {@code modifyHandshake} synchronously inside that filter, on this
 * thread. Where no servlet container runs the socket (the embedded test server) nothing is recorded
 * and the configurator falls back to the headers it sees.
 */
public class HandshakeFilter implements Filter {
  /** Per request thread, set and cleared around the chain; never outlives the request. */
  static final ThreadLocal<Peer> CURRENT = new ThreadLocal<>();

  /** RFC 6455 is version 13; the drafts before it are not safe to speak. */
  static final String VERSION = "13";

  private static final int UPGRADE_REQUIRED = 426;

  /** The direct peer address and the request's Host header. */
  record Peer(String address, String host) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String host = null;
    if (request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
      HttpServletRequest http = (HttpServletRequest) request;
      String version = http.getHeader("Sec-WebSocket-Version");
      if (version != null && !VERSION.equals(version.strip())) {
        // Undertow still upgrades the hybi-07 and hybi-08 drafts; RFC 6455 section 4.4 answers
        // anything but 13 so.
        HttpServletResponse refusal = (HttpServletResponse) response;
        refusal.setHeader("Sec-WebSocket-Version", VERSION);
        refusal.setStatus(UPGRADE_REQUIRED);
        return;
      }
      host = http.getHeader("Host");
    }
    CURRENT.set(new Peer(request.getRemoteAddr(), host));
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
    }
  }
}
