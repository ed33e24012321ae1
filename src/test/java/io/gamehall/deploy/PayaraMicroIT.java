package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.GomokuGame;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.ServerCertificates;
import io.gamehall.support.Tls;
import io.gamehall.support.WssTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

/**
 * The unchanged WAR on Payara Micro, started here as a child process through
 * server-config/payara/run-micro.sh (not Arquillian's WildFly) with our keystore: a full Gomoku
 * game over wss, trusting only our CA, host names verified.
 */
class PayaraMicroIT {
  private static final Logger LOG = Logger.getLogger(PayaraMicroIT.class.getName());
  private static final Duration BOOT = Duration.ofSeconds(240);
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @Test
  void payaraMicro6OnJava17PlaysGomokuOverWssWithOurCertificate() throws Exception {
    Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    runAndPlay(
        "payara-micro-6",
        Files.isDirectory(java17) ? java17 : Path.of(System.getProperty("java.home")));
  }

  @Test
  void payaraMicro7OnTemurin25PlaysGomokuOverWssWithOurCertificate() throws Exception {
    assumeTrue(
        Files.isDirectory(TEMURIN_25), "Payara Micro 7 needs Java 21+; no " + TEMURIN_25 + " here");
    runAndPlay("payara-micro-7", TEMURIN_25);
  }

  private static void runAndPlay(String name, Path javaHome) throws Exception {
    Path payaraDir = Path.of(System.getProperty("gamehall.payara.dir", "target/payara"));
    Path jar = payaraDir.resolve(name + ".jar");
    Path keystore = Tls.truststore().resolveSibling("gamehall-keystore.p12");
    Path script =
        Path.of(System.getProperty("gamehall.basedir", "."))
            .resolve("server-config/payara/run-micro.sh");
    Path work = payaraDir.resolve(name + "-run");
    int http = ChildProcess.freePort();
    int https = ChildProcess.freePort();
    List<String> command =
        List.of(
            "bash",
            script.toString(),
            jar.toString(),
            System.getProperty("gamehall.war"),
            keystore.toString(),
            String.valueOf(http),
            String.valueOf(https));
    Map<String, String> env =
        Map.of(
            "JAVA_HOME",
            javaHome.toString(),
            "GAMEHALL_MICRO_OPTS",
            "--rootdir " + work.resolve("root"));
    try (ChildProcess micro = ChildProcess.start(name, command, env, work.resolve("micro.log"))) {
      URI socket = URI.create("wss://localhost:" + https + "/gamehall/ws");
      // Ready when Micro says its boot is complete and a socket handshake succeeds. Earlier is too
      // early: during the
      // last seconds of boot the page already answered 200 while upgrades got 503 or 404, and one
      // early connection
      // on Micro 6 failed inside the application with a BootstrapMethodError from a lambda.
      Duration boot =
          micro.awaitReady(BOOT, () -> micro.logContains(") ready in ") && upgrades(socket));
      LOG.info(name + " on " + javaHome + " ready in " + boot.toMillis() + " ms");

      // Our certificate, not Micro's built-in self-signed one; and a name it does not carry is
      // refused.
      assertEquals(
          ServerCertificates.serialIn(keystore, "gamehall"),
          ServerCertificates.presented("localhost", https).getSerialNumber());
      assertThrows(
          SSLHandshakeException.class,
          () -> ServerCertificates.presented("gamehall.invalid", https));

      ClientManager sockets = ClientManager.createClient();
      try {
        ServerMessage.Event result = GomokuGame.play(WssTier.of(sockets, socket));
        LOG.info(name + ": " + result);
      } finally {
        sockets.shutdown();
      }

      // The MicroProfile health checks behind the application's own URL, through Jakarta REST, as
      // on WildFly.
      HttpResponse<String> ready =
          HttpClient.newBuilder()
              .sslContext(Tls.trustingOurCa())
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://localhost:" + https + "/gamehall/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals("{\"status\":\"UP\"}", ready.body());
    }
  }

  private static boolean upgrades(URI socket) throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(socket, Tls.trustingOurCa())) {
      return raw.status() == 101;
    }
  }
}
