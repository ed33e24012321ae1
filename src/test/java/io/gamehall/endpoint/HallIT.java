package io.gamehall.endpoint;

import io.gamehall.support.Ports;
import io.gamehall.support.Tier;
import io.gamehall.support.Tls;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.io.File;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hall contract against the built WAR in the managed WildFly, over wss through the HTTPS listener with our
 * keystore; the client trusts only our truststore and verifies the host name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HallIT extends HallContract {
  private SSLContext tls;
  private ClientManager client;

  /** The WAR exactly as `mvn package` built it, not a test-assembled archive. */
  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @BeforeAll
  void client() throws Exception {
    tls = Tls.trustingOurCa();
    client = ClientManager.createClient();
    SslEngineConfigurator ssl = new SslEngineConfigurator(tls, true, false, false);
    ssl.setHostVerificationEnabled(true);
    client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
  }

  @AfterAll
  void shutdown() {
    client.shutdown();
  }

  @Override
  Tier tier() {
    return new Tier() {
      @Override
      public URI socketUri() {
        return URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws");
      }

      @Override
      public WebSocketContainer container() {
        return client;
      }

      @Override
      public ClientEndpointConfig clientConfig() {
        return ClientEndpointConfig.Builder.create().build();
      }

      @Override
      public SSLContext sslContext() {
        return tls;
      }
    };
  }
}
