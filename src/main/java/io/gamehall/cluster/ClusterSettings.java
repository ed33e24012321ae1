package io.gamehall.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster settings ({@code gamehall.cluster.*}, system property or environment variable), read
 * once at start. Only {@link #enabled} is read when cluster mode is off.
 *
 * @param quorum the number of nodes a node must see in its view, itself included, to accept moves
 *     and claim tables: a majority of {@code gamehall.cluster.size} unless set
 * @param failureTimeoutMillis how long a silent node stays in the view (JGroups FD_ALL3 timeout)
 * @param dnsRecordType what {@code dnsQuery} asks for: {@code A} (every node on the bind port) or
 *     {@code SRV} (each record names a node's host and port)
 * @param dnsAddress the DNS server DNS_PING asks ({@code host:port}), or null for the system's
 */
public record ClusterSettings(
    boolean enabled,
    String clusterName,
    String nodeName,
    String secret,
    String bindAddress,
    int bindPort,
    Discovery discovery,
    List<HostPort> initialHosts,
    String dnsQuery,
    String dnsRecordType,
    String dnsAddress,
    int quorum,
    long failureTimeoutMillis) {

  /** How a node finds the others (docs/clustering.md, server-config/cluster/). */
  public enum Discovery {
    /** A static list of host[port] (tests, small sites). */
    TCPPING,
    /** Rows in the shared database (JGroups JDBC_PING2 on the default datasource). */
    JDBC_PING,
    /** A DNS name resolving to every node (Kubernetes headless service). */
    DNS_PING
  }

  /** One TCPPING entry. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + "[" + port + "]";
    }
  }

  /** The smallest secret accepted: it keys the encryption and the join authentication. */
  public static final int MIN_SECRET_LENGTH = 16;

  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HOST = Pattern.compile("([^\\[\\],\\s]+)\\[(\\d{1,5})\\]");

  public static final String ENABLED = "gamehall.cluster.enabled";
  public static final String SECRET = "gamehall.cluster.secret";

  /** Whether cluster mode is on; reads nothing else, so a single node never parses the rest. */
  public static boolean enabled(Function<String, String> lookup) {
    return Boolean.parseBoolean(blankToNull(lookup.apply(ENABLED)));
  }

  /**
   * All settings, checked; throws {@link IllegalArgumentException} naming the setting at fault
   * (never echoing the secret).
   */
  public static ClusterSettings from(Function<String, String> lookup) {
    boolean enabled = enabled(lookup);
    String name = orDefault(lookup, "gamehall.cluster.name", "gamehall");
    String node = orDefault(lookup, "gamehall.cluster.node.name", localHostName());
    if (!NODE.matcher(node).matches()) {
      throw new IllegalArgumentException(
          "gamehall.cluster.node.name must be 1-64 letters, digits, '.', '_' or '-', got '"
              + node
              + "'");
    }
    String secret = blankToNull(lookup.apply(SECRET));
    if (enabled && (secret == null || secret.length() < MIN_SECRET_LENGTH)) {
      throw new IllegalArgumentException(
          SECRET
              + " (or GAMEHALL_CLUSTER_SECRET) must be set to at least "
              + MIN_SECRET_LENGTH
              + " characters, the same on every node: it authenticates and encrypts the traffic"
              + " between nodes");
    }
    String bind = orDefault(lookup, "gamehall.cluster.bind.address", "127.0.0.1");
    int port = intValue(lookup, "gamehall.cluster.bind.port", 7800, 1, 65535);
    Discovery discovery;
    String rawDiscovery = orDefault(lookup, "gamehall.cluster.discovery", "tcpping");
    try {
      discovery = Discovery.valueOf(rawDiscovery.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "gamehall.cluster.discovery must be tcpping, jdbc_ping or dns_ping, got '"
              + rawDiscovery
              + "'",
          e);
    }
    List<HostPort> hosts =
        parseHosts(orDefault(lookup, "gamehall.cluster.initial.hosts", bind + "[" + port + "]"));
    String dns = blankToNull(lookup.apply("gamehall.cluster.dns.query"));
    if (enabled && discovery == Discovery.DNS_PING && dns == null) {
      throw new IllegalArgumentException(
          "gamehall.cluster.dns.query must name the DNS record of the nodes for dns_ping");
    }
    String recordType =
        orDefault(lookup, "gamehall.cluster.dns.record.type", "A").toUpperCase(Locale.ROOT);
    if (!recordType.equals("A") && !recordType.equals("SRV")) {
      throw new IllegalArgumentException(
          "gamehall.cluster.dns.record.type must be A or SRV, got '" + recordType + "'");
    }
    String dnsAddress = blankToNull(lookup.apply("gamehall.cluster.dns.address"));
    int size = intValue(lookup, "gamehall.cluster.size", 3, 1, 1000);
    int quorum = intValue(lookup, "gamehall.cluster.quorum", size / 2 + 1, 1, 1000);
    long failure = intValue(lookup, "gamehall.cluster.failure.timeout.millis", 8000, 1000, 600_000);
    return new ClusterSettings(
        enabled,
        name,
        node,
        secret,
        bind,
        port,
        discovery,
        hosts,
        dns,
        recordType,
        dnsAddress == null ? null : dnsAddress.strip(),
        quorum,
        failure);
  }

  static List<HostPort> parseHosts(String spec) {
    List<HostPort> hosts = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      Matcher m = HOST.matcher(entry.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "gamehall.cluster.initial.hosts must be host[port],host[port],... got '" + entry + "'");
      }
      hosts.add(new HostPort(m.group(1), Integer.parseInt(m.group(2))));
    }
    return List.copyOf(hosts);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "cluster '"
        + clusterName
        + "' node '"
        + nodeName
        + "' on "
        + bindAddress
        + ":"
        + bindPort
        + " discovery "
        + discovery.name().toLowerCase(Locale.ROOT)
        + (discovery == Discovery.TCPPING ? " " + initialHosts : "")
        + (discovery == Discovery.DNS_PING ? " " + dnsRecordType + " " + dnsQuery : "")
        + " quorum "
        + quorum;
  }

  private static String orDefault(Function<String, String> lookup, String name, String fallback) {
    String raw = blankToNull(lookup.apply(name));
    return raw == null ? fallback : raw.strip();
  }

  private static int intValue(
      Function<String, String> lookup, String name, int fallback, int min, int max) {
    String raw = blankToNull(lookup.apply(name));
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
  }

  private static String blankToNull(String raw) {
    return raw == null || raw.isBlank() ? null : raw;
  }

  private static String localHostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      int dot = host.indexOf('.');
      return dot > 0 ? host.substring(0, dot) : host;
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
