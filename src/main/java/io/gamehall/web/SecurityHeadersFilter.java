package io.gamehall.web;

import io.gamehall.config.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sets the browser security headers on every response (pages, static files, admin and health
 * answers): a Content Security Policy that runs only our own scripts and styles and lets the page
 * open a socket only to its own origin, {@code nosniff}, no referrer, and a framing rule (docs/
 * security.md). An annotation rather than web.xml: the headers need no ordering against other
 * filters, since they are set before the chain runs.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter implements Filter {
  /** Who may frame the pages: {@code 'none'}, {@code 'self'} or origins, space-separated. */
  public static final String FRAME_ANCESTORS = "gamehall.frame.ancestors";

  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");
  private static final Pattern HOST =
      Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

  @Inject Settings settings;
  private String frameAncestors = "'none'";

  @Override
  public void init(FilterConfig config) {
    frameAncestors = frameAncestors(settings.text(FRAME_ANCESTORS).orElse(null));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
      String socket = (http.isSecure() ? "wss://" : "ws://") + http.getHeader("Host");
      out.setHeader(
          "Content-Security-Policy", policy(validHost(http.getHeader("Host")) ? socket : null));
      out.setHeader("X-Content-Type-Options", "nosniff");
      out.setHeader("Referrer-Policy", "no-referrer");
      if (frameAncestors.equals("'none'")) {
        // For browsers that predate frame-ancestors; it cannot name an allowed origin, so only
        // here.
        out.setHeader("X-Frame-Options", "DENY");
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * The policy: scripts, styles, images and fonts from our origin only (no inline script, no eval),
   * the socket to {@code socketOrigin} only (our own origin as the client derives it; {@code
   * 'self'} where the Host header is unusable), no plugins, no base or form redirection.
   */
  String policy(String socketOrigin) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "font-src 'self'; manifest-src 'self'; connect-src "
        + (socketOrigin == null ? "'self'" : socketOrigin)
        + "; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors "
        + frameAncestors;
  }

  /**
   * The frame-ancestors source list from the setting: {@code 'none'} when unset; {@code 'self'} and
   * exact http(s) origins otherwise. Anything else stops the start, since a typo must not quietly
   * open the page to framing (or break the header).
   */
  static String frameAncestors(String raw) {
    if (raw == null || raw.isBlank()) {
      return "'none'";
    }
    String list =
        Arrays.stream(raw.strip().split("[\\s,]+"))
            .map(s -> s.toLowerCase(Locale.ROOT))
            .map(s -> s.equals("self") || s.equals("none") ? "'" + s + "'" : s)
            .peek(SecurityHeadersFilter::checkSource)
            .collect(Collectors.joining(" "));
    if (list.contains("'none'") && !list.equals("'none'")) {
      throw new IllegalArgumentException(FRAME_ANCESTORS + ": 'none' cannot be combined");
    }
    return list;
  }

  private static void checkSource(String source) {
    if (!source.equals("'none'") && !source.equals("'self'") && !ORIGIN.matcher(source).matches()) {
      throw new IllegalArgumentException(
          FRAME_ANCESTORS
              + " takes 'none', 'self' or origins like https://portal.example.com, got '"
              + source
              + "'");
    }
  }

  static boolean validHost(String host) {
    return host != null && host.length() <= 260 && HOST.matcher(host).matches();
  }

  /** For tests: a filter with the given setting, as {@link #init} would make it. */
  static SecurityHeadersFilter withFrameAncestors(String raw) {
    SecurityHeadersFilter filter = new SecurityHeadersFilter();
    filter.frameAncestors = frameAncestors(raw);
    return filter;
  }
}
