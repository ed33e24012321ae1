package io.gamehall.audit;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * Writes one audit line per event: what happened, who did it (an operator principal or a player
 * id), when, from which address, and a short detail. Never a password or a token: callers pass
 * names and ids only, and every value is cut to one short line, so client-chosen text cannot forge
 * a second entry.
 */
public final class Audit {
  /** The category operators route; part of the documented interface (docs/security.md). */
  public static final String CATEGORY = "io.gamehall.audit";

  private static final Logger LOG = Logger.getLogger(CATEGORY);
  private static final int MAX_VALUE = 120;

  private Audit() {}

  /** An audit entry at INFO: {@code event} is a fixed word such as {@code admin.kick}. */
  public static void record(String event, String who, String address, String detail) {
    if (!LOG.isLoggable(java.util.logging.Level.INFO)) {
      return;
    }
    LOG.info(
        "event="
            + event
            + " at="
            + Instant.now()
            + " who="
            + clean(who)
            + " from="
            + clean(address)
            + (detail == null ? "" : " detail=" + clean(detail)));
  }

  /** One line of printable text, quoted when it has spaces, never longer than a sane field. */
  static String clean(String value) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) || c == '"' ? '_' : c);
    }
    String text = out.toString();
    return text.indexOf(' ') >= 0 ? '"' + text + '"' : text;
  }
}
