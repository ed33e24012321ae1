package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.GomokuGame;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.ServerCertificates;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tls;
import io.gamehall.support.TlsProbe;
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
 * server-config/payara/run-micro.sh (not Arquillian's WildFly) with our keystore: TLS 1.2/1.3 only,
 * HSTS, a forged X-Forwarded-Proto refused (and believed only on loopback after a restart behind a
 * proxy), a full Gomoku game over wss trusting only our CA with host names verified, and (Micro 6)
 * a token that survives a restart of the instance.
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
        Files.isDirectory(java17) ? java17 : Path.of(System.getProperty("java.home")),
        true);
  }

  @Test
  void payaraMicro7OnTemurin25PlaysGomokuOverWssWithOurCertificate() throws Exception {
    assumeTrue(
        Files.isDirectory(TEMURIN_25), "Payara Micro 7 needs Java 21+; no " + TEMURIN_25 + " here");
    runAndPlay("payara-micro-7", TEMURIN_25, false);
  }

  private static void runAndPlay(String name, Path javaHome, boolean restart) throws Exception {
    Path payaraDir = Path.of(System.getProperty("gamehall.payara.dir", "target/payara"));
    Path jar = payaraDir.resolve(name + ".jar");
    Path keystore = Tls.truststore().resolveSibling("gamehall-keystore.p12");
    Path script =
        Path.of(System.getProperty("gamehall.basedir", "."))
            .resolve("server-config/payara/run-micro.sh");
    Path work = payaraDir.resolve(name + "-run");
    int[] ports = ChildProcess.freePorts(2);
    int http = ports[0];
    int https = ports[1];
    List<String> command =
        List.of(
            "bash",
            script.toString(),
            jar.toString(),
            System.getProperty("gamehall.war"),
            keystore.toString(),
            String.valueOf(http),
            String.valueOf(https));
    // A fresh data directory per run, kept across the restart below: where the token key lives.
    Path data = work.resolve("data-" + System.nanoTime());
    Map<String, String> env =
        Map.of(
            "JAVA_HOME",
            javaHome.toString(),
            "GAMEHALL_MICRO_OPTS",
            "--rootdir " + work.resolve("root"),
            "GAMEHALL_DATA_DIR",
            data.toString());
    URI socket = URI.create("wss://localhost:" + https + "/gamehall/ws");
    String token;
    String playerId;
    try (ChildProcess micro = start(name, command, env, work, socket)) {
      LOG.info(name + " on " + javaHome + " ready");

      // Our certificate, not Micro's built-in self-signed one; and a name it does not carry is
      // refused.
      assertEquals(
          ServerCertificates.serialIn(keystore, "gamehall"),
          ServerCertificates.presented("localhost", https).getSerialNumber());
      assertThrows(
          SSLHandshakeException.class,
          () -> ServerCertificates.presented("gamehall.invalid", https));
      assertEquals("TLSv1.3", TlsProbe.negotiated(https, "TLSv1.3"));
      assertEquals("TLSv1.2", TlsProbe.negotiated(https, "TLSv1.2"));
      TlsProbe.assertNoTls11AndAeadOnly(https);
      assertHstsAndNoTrustInForgedScheme(http, https);

      ClientManager sockets = ClientManager.createClient();
      try {
        ServerMessage.Event result = GomokuGame.play(WssTier.of(sockets, socket));
        LOG.info(name + ": " + result);
        try (TestClient ann = TestClient.welcomed(WssTier.of(sockets, socket), "Ann")) {
          token = ann.welcome().token();
          playerId = ann.welcome().playerId();
        }
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
    if (!restart) {
      return;
    }
    // The restart behind a proxy (deployment.md, "Payara Micro behind nginx"): the HTTP listener on
    // loopback only, believing X-Forwarded-Proto there.
    Map<String, String> proxied = new java.util.HashMap<>(env);
    proxied.put("GAMEHALL_MICRO_PROXY_ADDRESS", "127.0.0.1");
    try (ChildProcess micro = start(name, command, proxied, work, socket)) {
      ClientManager sockets = ClientManager.createClient();
      try (TestClient again = TestClient.resumed(WssTier.of(sockets, socket), token)) {
        assertEquals(playerId, again.welcome().playerId(), "the token outlived the restart");
      } finally {
        sockets.shutdown();
      }
      assertTrue(
          Files.isRegularFile(data.resolve("token-signing-key")),
          "run-micro.sh keeps the key under GAMEHALL_DATA_DIR");
      assertProxyListenerOnLoopbackOnly(http);
    }
  }

  /**
   * With GAMEHALL_MICRO_PROXY_ADDRESS=127.0.0.1 a plain upgrade marked https by the proxy is
   * accepted on 127.0.0.1, and the HTTP port does not listen on any other address (127.0.0.2 is
   * loopback too, but not the bound one).
   */
  private static void assertProxyListenerOnLoopbackOnly(int http) throws Exception {
    URI plain = URI.create("ws://127.0.0.1:" + http + "/gamehall/ws");
    try (RawWebSocket raw = RawWebSocket.connect(plain, null, "X-Forwarded-Proto: https")) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
    }
    try (java.net.Socket other = new java.net.Socket()) {
      assertThrows(
          java.net.ConnectException.class,
          () -> other.connect(new java.net.InetSocketAddress("127.0.0.2", http), 5_000),
          "the proxy listener answers only on its own address");
    }
  }

  private static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path work, URI socket)
      throws Exception {
    ChildProcess micro = ChildProcess.start(name, command, env, work.resolve("micro.log"));
    try {
      // Ready when Micro says its boot is complete and a socket handshake succeeds. Earlier is too
      // early: during the last seconds of boot the page already answered 200 while upgrades got 503
      // or 404, and one early connection on Micro 6 failed inside the application with a
      // BootstrapMethodError from a lambda.
      Duration boot =
          micro.awaitReady(BOOT, () -> micro.logContains(") ready in ") && upgrades(socket));
      LOG.info(name + " ready in " + boot.toMillis() + " ms");
      return micro;
    } catch (Exception | AssertionError e) {
      micro.close();
      throw e;
    }
  }

  /**
   * HSTS on https (micro-tls.asadmin); a plain ws:// upgrade claiming https is still refused (403
   * with the proxy advice): Micro maps no X-Forwarded-Proto, so no direct client can pass for a
   * proxy.
   */
  private static void assertHstsAndNoTrustInForgedScheme(int http, int https) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<Void> page =
        client.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/gamehall/")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(200, page.statusCode());
    assertEquals(
        "max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(null));
    URI plain = URI.create("ws://127.0.0.1:" + http + "/gamehall/ws");
    try (RawWebSocket raw = RawWebSocket.connect(plain, null, "X-Forwarded-Proto: https")) {
      assertEquals(403, raw.status(), raw.handshakeResponse());
    }
  }

  private static boolean upgrades(URI socket) throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(socket, Tls.trustingOurCa())) {
      return raw.status() == 101;
    }
  }
}
