package io.gamehall.endpoint;

import io.gamehall.config.GuardSettings;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Who may open the socket: the origin rule and the client address the per-address cap counts. Pure,
 * so each container's order of handshake callbacks only decides where it is asked, not what it
 * answers.
 */
final class HandshakePolicy {
  private final GuardSettings guard;

  HandshakePolicy(GuardSettings guard) {
    this.guard = guard;
  }

  /**
   * True if the allow-list is configured, so an origin can be judged without knowing the request's
   * Host.
   */
  boolean hasAllowList() {
    return !guard.allowedOrigins().isEmpty();
  }

  /**
   * Whether a handshake with {@code origin} may proceed. No Origin header: a non-browser client,
   * which could send any Origin it liked anyway, so the header only protects browsers (against
   * cross-site WebSocket hijacking). With an allow-list: exact membership. Without one: same
   * origin, the Origin's host and port equal to {@code host} (the Host header); {@code host} null
   * means not known yet, and the origin passes for now.
   */
  boolean originAllowed(String origin, String host) {
    if (origin == null) {
      return true;
    }
    if (hasAllowList()) {
      return guard.allowedOrigins().contains(origin.strip().toLowerCase(Locale.ROOT));
    }
    return host == null || sameAuthority(origin, host);
  }

  static boolean sameAuthority(String origin, String host) {
    try {
      URI uri = new URI(origin.strip());
      String scheme = uri.getScheme();
      if (uri.getHost() == null || scheme == null) {
        return false;
      }
      int defaultPort =
          scheme.equalsIgnoreCase("https") ? 443 : scheme.equalsIgnoreCase("http") ? 80 : -1;
      String expected =
          authority(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), defaultPort);
      URI hostUri = new URI("x://" + host.strip());
      if (hostUri.getHost() == null) {
        return false;
      }
      String actual =
          authority(
              hostUri.getHost(),
              hostUri.getPort() < 0 ? defaultPort : hostUri.getPort(),
              defaultPort);
      return expected.equals(actual);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String authority(String host, int port, int defaultPort) {
    String h = host.toLowerCase(Locale.ROOT);
    return port == defaultPort ? h : h + ":" + port;
  }

  /**
   * The address the per-address cap counts: the first X-Forwarded-For hop when we trust our proxy
   * (it appends what it saw, so the first hop is the client as the outermost proxy saw it), else
   * the direct peer; null if neither is known.
   */
  String peer(List<String> forwardedFor, String direct) {
    if (guard.trustForwardedFor() && forwardedFor != null && !forwardedFor.isEmpty()) {
      String first = forwardedFor.get(0).split(",", 2)[0].strip();
      if (!first.isEmpty() && first.length() <= 64) {
        return first.toLowerCase(Locale.ROOT);
      }
    }
    return direct;
  }
}
