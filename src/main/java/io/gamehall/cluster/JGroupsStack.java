package io.gamehall.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jgroups.JChannel;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.JDBC_PING2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.dns.DNS_PING;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * The JGroups stack of a node, built in code rather than from an XML file: every node of a cluster
 * then runs the same stack, the settings are GameHall's own ({@code gamehall.cluster.*}), and
 * several nodes can live in one JVM (the tests) without system properties.
 *
 * <p>TCP on one address (no multicast: it is often unavailable in clouds), one of three discovery
 * protocols, failure detection by heartbeats and by a socket per neighbour, authentication of joins
 * ({@link ClusterAuth}) and symmetric encryption of every payload with a key derived from the
 * cluster secret.
 */
final class JGroupsStack {
  private JGroupsStack() {}

  /** A channel not yet connected; Infinispan connects it. */
  static JChannel channel(ClusterSettings settings, ClusterKeys keys, DataSource dataSource)
      throws Exception {
    List<Protocol> stack = new ArrayList<>();
    TCP tcp = new TCP();
    tcp.setBindAddr(InetAddress.getByName(settings.bindAddress()));
    tcp.setBindPort(settings.bindPort());
    // A taken port is a configuration error, not a reason to wander to the next one: the other
    // nodes' static lists name this port.
    tcp.setPortRange(0);
    stack.add(tcp);
    stack.add(discovery(settings, dataSource));
    stack.add(new MERGE3().setMinInterval(2000).setMaxInterval(6000));
    stack.add(new FD_SOCK2());
    long timeout = settings.failureTimeoutMillis();
    stack.add(new FD_ALL3().setTimeout(timeout).setInterval(Math.max(250, timeout / 4)));
    stack.add(new VERIFY_SUSPECT2().setTimeout(Math.max(500, timeout / 4)));
    stack.add(
        new ClusterAuth(
            new ClusterToken(
                keys.authentication(),
                java.time.Clock.systemUTC(),
                ClusterToken.PROTOCOL_VERSION)));
    SYM_ENCRYPT encrypt = new SYM_ENCRYPT();
    encrypt.symAlgorithm("AES/CBC/PKCS5Padding");
    encrypt.symIvLength(16);
    encrypt.setSecretKey(keys.encryption());
    stack.add(encrypt);
    stack.add(new NAKACK2());
    stack.add(new UNICAST3());
    stack.add(new STABLE());
    stack.add(new GMS().setJoinTimeout(3000));
    stack.add(new UFC());
    stack.add(new MFC());
    stack.add(new FRAG4());
    JChannel channel = new JChannel(stack);
    channel.setName(settings.nodeName());
    return channel;
  }

  private static Protocol discovery(ClusterSettings settings, DataSource dataSource) {
    return switch (settings.discovery()) {
      case TCPPING -> {
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (ClusterSettings.HostPort h : settings.initialHosts()) {
          hosts.add(new InetSocketAddress(h.host(), h.port()));
        }
        yield new TCPPING().setPortRange(0).setInitialHosts(hosts);
      }
      case JDBC_PING -> {
        if (dataSource == null) {
          throw new IllegalStateException("jdbc_ping needs the default datasource");
        }
        // Its own table (jgroupsping) in the shared database, created on first use.
        yield new JDBC_PING2().setDataSource(dataSource);
      }
      case DNS_PING -> {
        DNS_PING dns = new DNS_PING().setDNSQuery(settings.dnsQuery());
        // SRV records carry each node's port; A records mean every node listens on this bind port.
        dns.dnsRecordType(settings.dnsRecordType());
        if (settings.dnsAddress() != null) {
          // Then the SRV targets' A records come from that server too, not the system resolver.
          dns.setDNSAddress(settings.dnsAddress());
        }
        yield dns;
      }
    };
  }
}
