package io.gamehall.support;

import java.net.URI;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * A wss tier on any server: a Tyrus client trusting only our CA, with host-name verification on.
 */
public final class WssTier {
  private WssTier() {}

  /**
   * Configures {@code client} for TLS (the caller shuts it down) and returns the tier for {@code
   * socket}.
   */
  public static Tier of(ClientManager client, URI socket) throws Exception {
    SSLContext tls = Tls.trustingOurCa();
    SslEngineConfigurator ssl = new SslEngineConfigurator(tls, true, false, false);
    ssl.setHostVerificationEnabled(true);
    client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
    return new Tier(socket, client, tls);
  }
}
