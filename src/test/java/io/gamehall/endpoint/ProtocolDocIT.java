package io.gamehall.endpoint;

import io.gamehall.support.Ports;
import io.gamehall.support.Tier;
import io.gamehall.support.WssTier;
import java.io.File;
import java.net.URI;
import org.glassfish.tyrus.client.ClientManager;
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
 * The protocol doc's statements against the built WAR in the managed WildFly, over wss (the same
 * server settings as HallIT).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolDocIT extends ProtocolDocContract {
  private ClientManager client;
  private Tier tier;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @BeforeAll
  void client() throws Exception {
    client = ClientManager.createClient();
    tier = WssTier.of(client, URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws"));
  }

  @AfterAll
  void shutdown() {
    client.shutdown();
  }

  @Override
  Tier tier() {
    return tier;
  }
}
