package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.Commands;
import io.gamehall.support.Ports;
import io.gamehall.support.ServerCertificates;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import java.io.File;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Logger;
import org.glassfish.tyrus.client.ClientManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin scripts in server-config/wildfly against the managed WildFly: HSTS and socket timeouts
 * (configure-hardening.cli, applied by the build) and a certificate renewal on the running server
 * (reload-certificate.cli through jboss-cli.sh) that leaves an open wss connection alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyAdminIT {
  private static final Logger LOG = Logger.getLogger(WildFlyAdminIT.class.getName());
  private static final Path HOME =
      Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"));
  private static final Path SCRIPTS = Commands.basedir().resolve("server-config/wildfly");

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void httpsResponsesCarryHstsAndThePlainRedirectDoesNot() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<Void> page =
        https.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + Ports.https() + "/gamehall/"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(200, page.statusCode());
    assertEquals(
        "max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(null));

    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<Void> redirect =
        plain.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + Ports.http() + "/gamehall/"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(302, redirect.statusCode());
    assertTrue(
        redirect.headers().firstValue("Strict-Transport-Security").isEmpty(),
        "HSTS is for https responses");
  }

  @Test
  void listenerTimeoutsLeaveTheHeartbeatToTheApplication() throws Exception {
    try (ModelControllerClient management = management()) {
      for (String listener : List.of("https-listener=https", "http-listener=default")) {
        String[] kv = listener.split("=");
        ModelNode address =
            Operations.createAddress(
                "subsystem", "undertow", "server", "default-server", kv[0], kv[1]);
        // Above the default dead-peer time (75 s), which is above the heartbeat (25 s).
        assertEquals(120_000, read(management, address, "read-timeout").asInt(), listener);
        assertEquals(120_000, read(management, address, "write-timeout").asInt(), listener);
        // Request-head limits against slow and oversized handshakes (SlowlorisIT shows their
        // effect).
        assertEquals(16_384, read(management, address, "max-header-size").asInt(), listener);
        assertEquals(64, read(management, address, "max-headers").asInt(), listener);
        assertEquals(100, read(management, address, "max-parameters").asInt(), listener);
        assertTrue(
            read(management, address, "request-parse-timeout").asString().contains(":10000}"),
            listener);
        assertTrue(
            read(management, address, "no-request-timeout").asString().contains(":20000}"),
            listener);
      }
    }
  }

  @Test
  void aRenewedCertificateIsServedWithoutRestartWhileAnOpenSocketStaysUp() throws Exception {
    Path keystore = serverKeystore();
    byte[] original = Files.readAllBytes(keystore);
    BigInteger originalSerial =
        ServerCertificates.presented("localhost", Ports.https()).getSerialNumber();
    assertEquals(
        ServerCertificates.serialIn(keystore, "gamehall"),
        originalSerial,
        "the server serves its keystore");

    // A second certificate from the dev CA with a serial nobody else uses.
    BigInteger renewedSerial = BigInteger.valueOf(0x6A11_0000L + (System.nanoTime() & 0xffff));
    Path work = Files.createDirectories(Path.of("target", "renewal"));
    Path issued = work.resolve("renewed");
    Commands.run(
        Commands.script(
            "keystore/issue-dev-cert.sh",
            Tls.truststore().getParent().toString(),
            issued.toString(),
            "DNS:localhost,IP:127.0.0.1",
            "0x" + renewedSerial.toString(16)));

    ClientManager sockets = ClientManager.createClient();
    URI socket = URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws");
    try (TestClient open = TestClient.connect(WssTier.of(sockets, socket))) {
      open.send(new ClientMessage.Hello("h", 1, "Ann", null));
      open.expect(ServerMessage.Welcome.class);
      try {
        replaceAtomically(Files.readAllBytes(issued.resolveSibling("renewed.p12")), keystore);
        long start = System.nanoTime();
        String cli = Commands.run(cli());
        LOG.info(
            "reload-certificate.cli took "
                + (System.nanoTime() - start) / 1_000_000
                + " ms:\n"
                + cli);
        assertTrue(!cli.contains("\"outcome\" => \"failed\""), cli);

        assertEquals(
            renewedSerial,
            ServerCertificates.presented("localhost", Ports.https()).getSerialNumber(),
            "the next handshake sees the renewed certificate");
        // The socket opened before the swap: still open after several heartbeats (1 s in the ITs)
        // and a CLI run
        // longer than the dead-peer time (3 s), so its pings were answered throughout; and it still
        // answers.
        assertTrue(open.isOpen(), "the open socket survived the renewal");
        open.send(new ClientMessage.Ping("p", 42L));
        assertEquals(42L, open.expect(ServerMessage.Pong.class).t());
      } finally {
        replaceAtomically(original, keystore);
        Commands.run(cli());
      }
      assertEquals(
          originalSerial,
          ServerCertificates.presented("localhost", Ports.https()).getSerialNumber(),
          "the original certificate is back for the other tests");
      assertNotEquals(originalSerial, renewedSerial);
    } finally {
      sockets.shutdown();
    }
  }

  /**
   * The file the server's key-store reads, resolved through the management model rather than
   * assumed.
   */
  private static Path serverKeystore() throws Exception {
    try (ModelControllerClient management = management()) {
      ModelNode keyStore =
          Operations.createAddress("subsystem", "elytron", "key-store", "gamehallKS");
      String path = read(management, keyStore, "path").asString();
      String relativeTo = read(management, keyStore, "relative-to").asString();
      String base =
          read(management, Operations.createAddress("path", relativeTo), "path").asString();
      return Path.of(base).resolve(path);
    }
  }

  /** Writes next to the target and renames over it, so the server never reads half a keystore. */
  private static void replaceAtomically(byte[] content, Path target) throws Exception {
    Path temp = target.resolveSibling(target.getFileName() + ".new");
    Files.write(temp, content);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> cli() {
    return List.of(
        HOME.resolve("bin/jboss-cli.sh").toString(),
        "--connect",
        "--controller=localhost:" + managementPort(),
        "--file=" + SCRIPTS.resolve("reload-certificate.cli"));
  }

  private static int managementPort() {
    return Integer.getInteger("gamehall.management.port", 19990);
  }

  private static ModelControllerClient management() throws Exception {
    return ModelControllerClient.Factory.create("localhost", managementPort());
  }

  private static ModelNode read(
      ModelControllerClient management, ModelNode address, String attribute) throws Exception {
    ModelNode outcome =
        management.execute(Operations.createReadAttributeOperation(address, attribute));
    assertTrue(Operations.isSuccessfulOutcome(outcome), outcome.toString());
    return Operations.readResult(outcome);
  }
}
