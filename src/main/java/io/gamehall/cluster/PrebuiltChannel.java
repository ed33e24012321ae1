package io.gamehall.cluster;

import java.util.List;
import javax.sql.DataSource;
import org.infinispan.remoting.transport.jgroups.JGroupsChannelConfigurator;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.util.SocketFactory;

/**
 * Hands Infinispan the channel {@link JGroupsStack} built. Infinispan 16 ignores a transport
 * instance set on its configuration builder and falls back to its default stack (measured: nodes
 * found each other by its default discovery, without this stack's authentication); a channel
 * configurator is the way it takes a channel it did not build.
 */
final class PrebuiltChannel implements JGroupsChannelConfigurator {
  private final JChannel channel;

  PrebuiltChannel(JChannel channel) {
    this.channel = channel;
  }

  @Override
  public String getName() {
    return "gamehall";
  }

  @Override
  public JChannel createChannel(String name) {
    return channel;
  }

  @Override
  public void setSocketFactory(SocketFactory socketFactory) {
    // The stack keeps JGroups' default sockets.
  }

  @Override
  public void setDataSource(DataSource dataSource) {
    // JDBC_PING2 gets the datasource from JGroupsStack.
  }

  @Override
  public String getProtocolStackString() {
    return channel.getProtocolStack().printProtocolSpec(false);
  }

  @Override
  public List<ProtocolConfiguration> getProtocolStack() {
    return List.of();
  }
}
