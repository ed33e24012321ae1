package io.gamehall.endpoint;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a misconfigured proxy gets when it forwards the players' socket: a refusal whose body names
 * the missing nginx lines, instead of the container's bare 302 or 404. Pure, so the same answer is
 * tested without a container and served by {@link ProxyAdviceFilter} on every one.
 */
final class ProxyAdvice {
  /** The upgrade arrived without its hop-by-hop headers: nothing a client can retry. */
  static final int MISSING_UPGRADE_STATUS = 400;

  /** A well-formed upgrade on a transport the hall refuses (plain http, no forwarded https). */
  static final int INSECURE_STATUS = 403;

  static final String FORWARDED_PROTO_LINE = "proxy_set_header X-Forwarded-Proto $scheme;";
  static final String HTTP_VERSION_LINE = "proxy_http_version 1.1;";
  static final String UPGRADE_LINE = "proxy_set_header Upgrade $http_upgrade;";
  static final String CONNECTION_LINE = "proxy_set_header Connection \"upgrade\";";

  /** What went wrong, one warning budget each. */
  enum Problem {
    MISSING_UPGRADE,
    INSECURE
  }

  /** The answer to send: status, the plain-text body, and the problem it reports. */
  record Refusal(int status, String body, Problem problem) {}

  private ProxyAdvice() {}

  /**
   * The refusal for a GET on the socket path, or empty if the request may go on to the container's
   * WebSocket upgrade.
   *
   * @param upgrade the request's Upgrade header, or null
   * @param connection the request's Connection header(s), joined with commas, or null
   * @param secure whether the container sees the request as secure (https, or a trusted {@code
   *     X-Forwarded-Proto: https})
   * @param socketPath the socket's path as the proxy sees it, e.g. {@code /gamehall/ws}
   */
  static Optional<Refusal> judge(
      String upgrade, String connection, boolean secure, String socketPath) {
    boolean upgrading =
        upgrade != null
            && upgrade.strip().equalsIgnoreCase("websocket")
            && connection != null
            && hasToken(connection, "upgrade");
    if (!upgrading) {
      StringBuilder body =
          new StringBuilder()
              .append("GameHall: this GET on ")
              .append(socketPath)
              .append(" is not a WebSocket upgrade: the \"Upgrade: websocket\" and \"Connection:")
              .append(" upgrade\" headers are missing.\n")
              .append("A proxy drops these hop-by-hop headers unless told to forward them. In")
              .append(" nginx, add to the location that proxies ")
              .append(socketPath)
              .append(":\n\n    ")
              .append(HTTP_VERSION_LINE)
              .append("\n    ")
              .append(UPGRADE_LINE)
              .append("\n    ")
              .append(CONNECTION_LINE)
              .append('\n');
      if (!secure) {
        body.append("    ").append(FORWARDED_PROTO_LINE).append('\n');
      }
      body.append("\nSee docs/deployment.md, \"Behind nginx\".\n");
      return Optional.of(
          new Refusal(MISSING_UPGRADE_STATUS, body.toString(), Problem.MISSING_UPGRADE));
    }
    if (!secure) {
      String body =
          "GameHall: this WebSocket upgrade on "
              + socketPath
              + " came over plain http without the header \"X-Forwarded-Proto: https\", and the"
              + " hall only accepts wss.\n"
              + "Behind a proxy that terminates TLS, forward the scheme. In nginx, add to the"
              + " location that proxies "
              + socketPath
              + ":\n\n    "
              + FORWARDED_PROTO_LINE
              + "\n\n"
              + "The server's HTTP listener must trust it too (WildFly:"
              + " proxy-address-forwarding=true, set by server-config/wildfly/configure-tls.cli)."
              + "\nWithout a proxy, connect with wss:// to the server's HTTPS port.\n"
              + "See docs/deployment.md, \"Behind nginx\".\n";
      return Optional.of(new Refusal(INSECURE_STATUS, body, Problem.INSECURE));
    }
    return Optional.empty();
  }

  private static boolean hasToken(String header, String token) {
    for (String part : header.split(",")) {
      if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lets one warning per problem through per interval: a broken proxy refuses every player's
   * reconnect, and the log should say so once, not thousands of times.
   */
  static final class WarningGate {
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final AtomicLong[] nextAllowed = new AtomicLong[Problem.values().length];

    WarningGate(LongSupplier nanoTime, long intervalNanos) {
      this.nanoTime = nanoTime;
      this.intervalNanos = intervalNanos;
      long now = nanoTime.getAsLong();
      for (int i = 0; i < nextAllowed.length; i++) {
        nextAllowed[i] = new AtomicLong(now);
      }
    }

    /** True for the first call per problem in each interval (at most one caller wins a race). */
    boolean tryPass(Problem problem) {
      AtomicLong next = nextAllowed[problem.ordinal()];
      long now = nanoTime.getAsLong();
      long allowedAt = next.get();
      return now - allowedAt >= 0 && next.compareAndSet(allowedAt, now + intervalNanos);
    }
  }
}
