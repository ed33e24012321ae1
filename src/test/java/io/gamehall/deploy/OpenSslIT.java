package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Commands;
import io.gamehall.support.StandaloneWildFly;
import io.gamehall.support.Tls;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * WildFly with server-config/wildfly/configure-openssl.cli applied, as an admin would: the HTTPS
 * listener's TLS is OpenSSL (org.wildfly.openssl over the system's libssl), wss works through it,
 * and reconnecting clients resume their sessions. A second listener on the JSSE context of
 * configure-tls.cli (test only, one port above) runs beside it in the same server, so the test can
 * tell the two apart and check that JSSE resumes sessions too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSslIT {
  /** Test only: JSSE (gamehallSSC) on a second listener, 8444 plus the offset. */
  private static final String JSSE_LISTENER =
      """
      /socket-binding-group=standard-sockets/socket-binding=https-jsse:add(port=8444)
      /subsystem=undertow/server=default-server/https-listener=https-jsse:add(\
      socket-binding=https-jsse, ssl-context=gamehallSSC)
      """;

  private StandaloneWildFly server;

  @BeforeAll
  void start() throws Exception {
    Path rsa =
        Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"))
            .resolve("standalone/configuration/gamehall-keystore-rsa.p12");
    assertTrue(Files.exists(rsa), rsa + " missing: mvn package installs it");
    Path jsse = Files.createTempFile("jsse-listener", ".cli");
    Files.writeString(jsse, JSSE_LISTENER);
    try {
      server =
          StandaloneWildFly.start(
              "wildfly-openssl",
              Map.of(),
              List.of(
                  Commands.basedir().resolve("server-config/wildfly/configure-openssl.cli"), jsse));
    } finally {
      Files.deleteIfExists(jsse);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private int jssePort() {
    return server.httpsPort() + 1;
  }

  @Test
  void theHttpsListenerSpeaksTls13ThroughOpenSsl() throws Exception {
    // The line comes early in the boot, sometimes before the log file's handler is installed: it is
    // always on the console, not always in server.log.
    assertTrue(
        Files.readString(server.consoleLog()).contains("WFOPENSSL0002 OpenSSL Version"),
        "WildFly loaded the system's OpenSSL:\n" + server.tail());
    long jvm = server.jvm().pid();
    String maps = Files.readString(Path.of("/proc/" + jvm + "/maps"));
    assertTrue(maps.contains("libssl.so"), "the server's JVM has libssl mapped");

    // Only the OpenSSL context holds the RSA certificate (the JSSE one serves ECDSA): the key a
    // handshake meets says which context, and so which provider, answered.
    Handshake openssl = handshake(server.httpsPort());
    assertEquals("TLSv1.3", openssl.protocol(), "TLS 1.3 on (cipher-suite-names set)");
    assertEquals("RSA", openssl.keyAlgorithm(), "the OpenSSL context answered");
    Handshake jsse = handshake(jssePort());
    assertEquals("TLSv1.3", jsse.protocol());
    assertEquals("EC", jsse.keyAlgorithm(), "the JSSE context answered on the other listener");
  }

  @Test
  void wssWorksThroughOpenSsl() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    StringBuilder partial = new StringBuilder();
    WebSocket ws =
        HttpClient.newBuilder()
            .sslContext(Tls.trustingOurCa())
            .build()
            .newWebSocketBuilder()
            .buildAsync(
                server.socket(),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      first.complete(partial.toString());
                    }
                    socket.request(1);
                    return null;
                  }
                })
            .get(60, TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1,\"nickname\":\"ossl\"}", true);
    String welcome = first.get(30, TimeUnit.SECONDS);
    assertTrue(
        welcome.contains("\"type\":\"welcome\"") && welcome.contains("\"re\":\"1\""),
        "hello over OpenSSL answered with welcome: " + welcome);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  @Test
  void reconnectingClientsResumeWithBothProviders() throws Exception {
    for (int port : new int[] {server.httpsPort(), jssePort()}) {
      for (String version : List.of("-tls1_3", "-tls1_2")) {
        Path session = Files.createTempFile("tls-session", ".pem");
        try {
          String fresh = sClient(port, version, "-sess_out", session);
          assertTrue(fresh.contains("New, TLSv1."), port + " " + version + " handshake:\n" + fresh);
          String again = sClient(port, version, "-sess_in", session);
          assertTrue(
              again.contains("Reused, TLSv1."),
              "port " + port + " " + version + " resumed the session:\n" + again);
        } finally {
          Files.deleteIfExists(session);
        }
      }
    }
  }

  /**
   * One request over openssl s_client. -ign_eof keeps it reading until the server closes
   * (Connection: close), so a TLS 1.3 ticket sent after the handshake is read and saved.
   */
  private static String sClient(int port, String version, String sessionFlag, Path session)
      throws Exception {
    String request =
        "printf 'GET /gamehall/health/ready HTTP/1.1\\r\\nHost: localhost\\r\\n"
            + "Connection: close\\r\\n\\r\\n' | openssl s_client -connect localhost:"
            + port
            + " -servername localhost -CAfile "
            + Tls.truststore().resolveSibling("dev-ca.crt")
            + " -verify_return_error -ign_eof "
            + version
            + " "
            + sessionFlag
            + " "
            + session;
    return Commands.run(List.of("bash", "-c", request), Map.of(), 0, Duration.ofSeconds(60));
  }

  private record Handshake(String protocol, String keyAlgorithm) {}

  private static Handshake handshake(int port) throws Exception {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("localhost", port), 10_000);
      try (SSLSocket socket =
          (SSLSocket)
              Tls.trustingOurCa().getSocketFactory().createSocket(plain, "localhost", port, true)) {
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        return new Handshake(socket.getSession().getProtocol(), leaf.getPublicKey().getAlgorithm());
      }
    }
  }
}
