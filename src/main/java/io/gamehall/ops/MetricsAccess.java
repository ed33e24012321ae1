package io.gamehall.ops;

import io.gamehall.config.Settings;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Who may read {@code /metrics} without logging in: client addresses in {@code
 * gamehall.metrics.allowed.addresses}, a comma-separated list of addresses and CIDR ranges (default
 * {@code 127.0.0.0/8,::1}, the machine itself; {@code none} for nobody). Everyone else needs the
 * {@code gamehall-admin} role. The address is the TCP peer, or behind a proxy the one the listener
 * takes from X-Forwarded-For (WildFly's proxy-address-forwarding).
 */
record MetricsAccess(List<Range> ranges) {
  static final String SETTING = "gamehall.metrics.allowed.addresses";
  static final String DEFAULT = "127.0.0.0/8,::1";

  MetricsAccess {
    ranges = List.copyOf(ranges);
  }

  static MetricsAccess from(Settings settings) {
    return parse(settings.text(SETTING).orElse(DEFAULT));
  }

  static MetricsAccess parse(String raw) {
    if (raw.strip().equalsIgnoreCase("none")) {
      return new MetricsAccess(List.of());
    }
    return new MetricsAccess(
        Arrays.stream(raw.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(MetricsAccess::range)
            .toList());
  }

  /** True when {@code address} (an IP literal as the container reports it) is in a listed range. */
  boolean allows(String address) {
    if (address == null || ranges.isEmpty()) {
      return false;
    }
    try {
      byte[] bytes = literal(address).getAddress();
      return ranges.stream().anyMatch(r -> r.contains(bytes));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An address and how many of its leading bits must match. */
  record Range(byte[] address, int prefix) {
    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) {
        return false;
      }
      int shift = address.length * 8 - prefix;
      return new BigInteger(1, candidate)
          .shiftRight(shift)
          .equals(new BigInteger(1, address).shiftRight(shift));
    }
  }

  private static Range range(String entry) {
    int slash = entry.indexOf('/');
    byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash)).getAddress();
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(SETTING + ": bad prefix length in '" + entry + "'");
    }
    return new Range(address, prefix);
  }

  /** Only IP literals: a host name here would mean a DNS lookup per scrape. */
  private static InetAddress literal(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!bare.matches("[0-9a-fA-F:.]+") || !(bare.contains(".") || bare.contains(":"))) {
      throw new IllegalArgumentException(
          SETTING + " takes IP addresses and ranges, got '" + text + "'");
    }
    try {
      return InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(SETTING + ": not an IP address: '" + text + "'", e);
    }
  }
}
