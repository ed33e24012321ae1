package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DNS_PING as server-config/cluster/dns-ping.env configures it, against a real DNS server: a
 * dnsmasq child process on a free loopback port serves an SRV record per node (its JGroups port)
 * and an A record per SRV target, as a Kubernetes headless Service does for a named port; two
 * in-JVM nodes built by the production stack ({@link JGroupsStack}) find each other through it and
 * form one view. The A-record mode (one name, every node on the same port) is checked the same way.
 */
class DnsPingTest {
  private static final Duration STARTS = Duration.ofSeconds(30);
  private static final Duration FORMS = Duration.ofSeconds(90);
  private static final String DNSMASQ = "/usr/sbin/dnsmasq";
  private static final String DOMAIN = "gamehall.test";
  private static final String QUERY = "_jgroups._tcp." + DOMAIN;

  private Process dnsmasq;

  /** Everything dnsmasq printed (it logs each query), for failure messages. */
  private final BlockingQueue<String> dnsmasqLog = new LinkedBlockingQueue<>();

  @AfterEach
  void stopDnsmasq() throws InterruptedException {
    if (dnsmasq != null) {
      dnsmasq.destroy();
      if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
        dnsmasq.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void twoNodesConfiguredAsDnsPingEnvFindEachOtherThroughSrvRecords() throws Exception {
    Map<String, String> shipped = envFile(Path.of("server-config/cluster/dns-ping.env"));
    assertEquals("dns_ping", shipped.get("gamehall.cluster.discovery"));
    assertEquals("SRV", shipped.get("gamehall.cluster.dns.record.type"));
    try (ClusterNodes cluster = new ClusterNodes(2)) {
      int dnsPort = freeDnsPort(cluster.port(1) + 1);
      startDnsmasq(
          dnsPort,
          List.of(
              "--srv-host=" + QUERY + ",node0." + DOMAIN + "," + cluster.port(0),
              "--srv-host=" + QUERY + ",node1." + DOMAIN + "," + cluster.port(1),
              "--host-record=node0." + DOMAIN + ",127.0.0.1",
              "--host-record=node1." + DOMAIN + ",127.0.0.1"));

      List<ClusterNode> nodes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Map<String, String> settings = new HashMap<>(shipped);
        // What differs per site and per node; everything else is the shipped file's.
        settings.put("gamehall.cluster.node.name", "node" + i);
        settings.put("gamehall.cluster.bind.address", "127.0.0.1");
        settings.put("gamehall.cluster.bind.port", String.valueOf(cluster.port(i)));
        settings.put("gamehall.cluster.dns.query", QUERY);
        settings.put("gamehall.cluster.dns.address", "127.0.0.1:" + dnsPort);
        settings.put("gamehall.cluster.secret", ClusterNodes.SECRET);
        nodes.add(cluster.start(settings));
      }
      for (ClusterNode node : nodes) {
        ClusterView view;
        try {
          view =
              ClusterNodes.awaitView(
                  node, v -> v.members().size() == 2, FORMS, "both nodes through DNS_PING");
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; dnsmasq said: " + dnsmasqLog, e);
        }
        assertEquals(Set.of("node0", "node1"), Set.copyOf(view.members()));
        assertTrue(view.quorate(), "two of the shipped size 3 are a quorum");
      }
      assertTrue(dnsmasq.isAlive(), "dnsmasq served the whole test");
    }
  }

  @Test
  void aRecordsFindNodesThatShareOnePortOnTwoAddresses() throws Exception {
    // A Kubernetes headless Service's name resolves to every pod, each listening on 7800: here two
    // loopback addresses with one port between them.
    Map<String, String> shipped = envFile(Path.of("server-config/cluster/dns-ping.env"));
    try (ClusterNodes cluster = new ClusterNodes(1)) {
      int port = freeOnBoth(cluster.port(0));
      int dnsPort = freeDnsPort(port + 1);
      startDnsmasq(
          dnsPort,
          List.of(
              "--host-record=nodes." + DOMAIN + ",127.0.0.1",
              "--host-record=nodes." + DOMAIN + ",127.0.0.2"));
      List<ClusterNode> nodes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Map<String, String> settings = new HashMap<>(shipped);
        settings.put("gamehall.cluster.node.name", "node" + i);
        settings.put("gamehall.cluster.bind.address", "127.0.0." + (i + 1));
        settings.put("gamehall.cluster.bind.port", String.valueOf(port));
        settings.put("gamehall.cluster.dns.record.type", "A");
        settings.put("gamehall.cluster.dns.query", "nodes." + DOMAIN);
        settings.put("gamehall.cluster.dns.address", "127.0.0.1:" + dnsPort);
        settings.put("gamehall.cluster.secret", ClusterNodes.SECRET);
        nodes.add(cluster.start(settings));
      }
      for (ClusterNode node : nodes) {
        ClusterView view;
        try {
          view =
              ClusterNodes.awaitView(
                  node, v -> v.members().size() == 2, FORMS, "both nodes through A records");
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; dnsmasq said: " + dnsmasqLog, e);
        }
        assertEquals(Set.of("node0", "node1"), Set.copyOf(view.members()));
      }
    }
  }

  /** A port free on both 127.0.0.1 and 127.0.0.2, with its FD_SOCK2 port (+100), below 32768. */
  private static int freeOnBoth(int from) throws IOException {
    InetAddress first = InetAddress.getByName("127.0.0.1");
    InetAddress second = InetAddress.getByName("127.0.0.2");
    for (int port = from; port + 100 < 32768; port++) {
      try (ServerSocket a = new ServerSocket(port, 1, first);
          ServerSocket b = new ServerSocket(port, 1, second);
          ServerSocket c = new ServerSocket(port + 100, 1, first);
          ServerSocket d = new ServerSocket(port + 100, 1, second)) {
        return port;
      } catch (IOException taken) {
        // Try the next one.
      }
    }
    throw new IllegalStateException("no port below 32768 free on 127.0.0.1 and 127.0.0.2");
  }

  /** The shipped environment file as the settings it sets: GAMEHALL_CLUSTER_X_Y -> ...x.y. */
  private static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> settings = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      int eq = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 0) {
        continue;
      }
      String name = trimmed.substring(0, eq).toLowerCase(Locale.ROOT).replace('_', '.');
      settings.put(name, trimmed.substring(eq + 1));
    }
    return settings;
  }

  /** Starts dnsmasq serving only {@code records}, and waits for it to say it has started. */
  private void startDnsmasq(int port, List<String> records) throws Exception {
    assertTrue(
        Files.isExecutable(Path.of(DNSMASQ)),
        DNSMASQ + " is missing: the build installs Debian's dnsmasq-base (.ci/ensure-packages.sh)");
    List<String> command =
        new ArrayList<>(
            List.of(
                DNSMASQ,
                "--keep-in-foreground",
                "--log-facility=-",
                "--conf-file=/dev/null",
                "--no-resolv",
                "--no-hosts",
                "--pid-file=",
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--log-queries",
                "--port=" + port));
    command.addAll(records);
    dnsmasq = new ProcessBuilder(command).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process started = dnsmasq;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.add(line);
                  dnsmasqLog.add(line);
                }
              } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
              }
            },
            "dnsmasq-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    long end = System.nanoTime() + STARTS.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("dnsmasq did not start within " + STARTS + ": " + seen);
      }
      seen.add(line);
      // Logged once its sockets are bound.
      if (line.contains("started, version")) {
        return;
      }
    }
  }

  /** A loopback port free for both UDP and TCP (dnsmasq serves both), below 32768. */
  private static int freeDnsPort(int from) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int port = from; port < 32768; port++) {
      try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
          DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
        return port;
      } catch (IOException taken) {
        // Try the next one.
      }
    }
    throw new IllegalStateException("no free port below 32768 for dnsmasq");
  }
}
