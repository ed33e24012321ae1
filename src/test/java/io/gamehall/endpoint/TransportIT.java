package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.Tls;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transport around the socket: TLS versions and names on the HTTPS listener, and no plain-http
 * way in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransportIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void tls13IsNegotiatedByDefaultAndTls12StillWorks() throws Exception {
    assertEquals("TLSv1.3", handshake("localhost", null));
    assertEquals("TLSv1.2", handshake("localhost", "TLSv1.2"));
  }

  @Test
  void theCertificateCoversLocalhostAndTheLoopbackAddressButNoOtherName() throws Exception {
    assertEquals("TLSv1.3", handshake("127.0.0.1", null));
    // The same listener reached under a name the certificate does not carry: host-name verification
    // fails.
    assertThrows(SSLHandshakeException.class, () -> handshake("gamehall.invalid", null));
  }

  @Test
  void opensslSeesTls13AndIsRefusedTls11() throws Exception {
    String tls13 = openssl("-tls1_3", "-CAfile", caFile(), "-verify_return_error");
    assertTrue(tls13.contains("TLSv1.3") && tls13.contains("Verify return code: 0 (ok)"), tls13);
    // SECLEVEL=0 lets openssl itself offer TLS 1.1, so the refusal seen is the server's.
    String tls11 = openssl("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertTrue(tls11.contains("alert protocol version"), tls11);
    assertTrue(
        tls11.contains("Cipher is (NONE)"), "no TLS 1.1 session may be established:\n" + tls11);
  }

  @Test
  void onlyAeadCipherSuitesAreOfferedOnTls12() throws Exception {
    String cbc = openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA");
    assertTrue(cbc.contains("handshake failure") || cbc.contains("Cipher is (NONE)"), cbc);
  }

  /**
   * A plain ws:// handshake on the HTTP listener (a proxy that does not send X-Forwarded-Proto, or
   * a client that skipped TLS) is refused with advice, never redirected (a socket cannot follow a
   * 302) and never upgraded.
   */
  @Test
  void aPlainWsHandshakeIsRefusedWithTheProxyLineToAddAndNeverUpgraded() throws Exception {
    long logStart = Files.size(serverLog());
    URI plain = URI.create("ws://localhost:" + Ports.http() + "/gamehall/ws");
    for (int i = 0; i < 3; i++) {
      try (RawWebSocket raw = RawWebSocket.connect(plain, null)) {
        assertEquals(403, raw.status(), raw.handshakeResponse());
      }
    }
    assertEquals(
        1,
        warningsSince(logStart, "with 403", "proxy_set_header X-Forwarded-Proto $scheme;"),
        "three refusals, one warning with the advice (at most one a minute)");
    try (RawWebSocket raw = RawWebSocket.connect(plain, null)) {
      assertEquals(403, raw.status(), raw.handshakeResponse());
      assertFalse(raw.handshakeResponse().contains("Location:"), raw.handshakeResponse());
      String body = raw.refusalBody();
      assertTrue(body.contains("X-Forwarded-Proto: https"), body);
      assertTrue(body.contains("proxy_set_header X-Forwarded-Proto $scheme;"), body);
    }
    // What a proxy set up by the book sends: the listener trusts the header and the socket opens.
    try (RawWebSocket raw = RawWebSocket.connect(plain, null, "X-Forwarded-Proto: https")) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      raw.sendText("{\"type\":\"hello\",\"id\":\"xfp\",\"protocol\":1}");
      assertTrue(nextText(raw).contains("\"type\":\"welcome\""));
    }
  }

  /**
   * A GET on the socket path without the upgrade headers (a proxy that drops them) is answered 400
   * with the three nginx lines, over https and plain http alike, not with a bare 404.
   */
  @Test
  void aGetWithoutTheUpgradeHeadersIsAnswered400WithTheNginxLines() throws Exception {
    long logStart = Files.size(serverLog());
    HttpClient https =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(Tls.trustingOurCa())
            .build();
    HttpResponse<String> answer =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + Ports.https() + "/gamehall/ws"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        answer.headers().map().toString());
    for (String line :
        List.of(
            "proxy_http_version 1.1;",
            "proxy_set_header Upgrade $http_upgrade;",
            "proxy_set_header Connection \"upgrade\";")) {
      assertTrue(answer.body().contains(line), answer.body());
    }
    assertFalse(answer.body().contains("X-Forwarded-Proto"), "https is fine: " + answer.body());
    assertEquals(
        "max-age=31536000",
        answer.headers().firstValue("Strict-Transport-Security").orElse(null),
        "an https answer keeps HSTS");

    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> plainAnswer =
        plain.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + Ports.http() + "/gamehall/ws"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, plainAnswer.statusCode(), plainAnswer.body());
    assertTrue(plainAnswer.body().contains("proxy_http_version 1.1;"), plainAnswer.body());
    assertTrue(
        plainAnswer.body().contains("proxy_set_header X-Forwarded-Proto $scheme;"),
        plainAnswer.body());
    assertEquals(
        1,
        warningsSince(logStart, "with 400", "proxy_set_header Upgrade $http_upgrade;"),
        "two refusals, one warning with the advice");
  }

  private static Path serverLog() {
    return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
  }

  /** ProxyAdviceFilter warnings written to server.log since {@code offset} with both strings. */
  private static long warningsSince(long offset, String status, String advice) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(serverLog().toFile(), "r")) {
      file.seek(Math.min(offset, file.length()));
      byte[] tail = new byte[(int) (file.length() - file.getFilePointer())];
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.contains("WARN") && l.contains("ProxyAdviceFilter"))
          .filter(l -> l.contains(status) && l.contains(advice))
          .count();
    }
  }

  @Test
  void thePagesAreServedOverHttpsAndPlainHttpIsRedirected() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<String> page =
        https.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + Ports.https() + "/gamehall/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>GameHall</title>"), page.body());

    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<Void> redirect =
        plain.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + Ports.http() + "/gamehall/"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(302, redirect.statusCode());
    assertEquals(
        "https://localhost:" + Ports.https() + "/gamehall/",
        redirect.headers().firstValue("Location").orElse(""));
  }

  @Test
  void aWssClientOnTheLoopbackAddressIsWelcomed() throws Exception {
    try (RawWebSocket raw =
        RawWebSocket.connect(
            URI.create("wss://127.0.0.1:" + Ports.https() + "/gamehall/ws"), Tls.trustingOurCa())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      raw.sendText("{\"type\":\"hello\",\"id\":\"ip\",\"protocol\":1}");
      RawWebSocket.Frame frame;
      do {
        frame = raw.read(Duration.ofSeconds(10));
      } while (frame != null && frame.opcode() == RawWebSocket.PING);
      assertTrue(
          frame != null && frame.text().contains("\"type\":\"welcome\""), String.valueOf(frame));
    }
  }

  /** The next text frame within 10 s, skipping the server's pings. */
  private static String nextText(RawWebSocket raw) throws IOException {
    RawWebSocket.Frame frame;
    do {
      frame = raw.read(Duration.ofSeconds(10));
    } while (frame != null && frame.opcode() == RawWebSocket.PING);
    assertTrue(frame != null && frame.opcode() == RawWebSocket.TEXT, String.valueOf(frame));
    return frame.text();
  }

  /**
   * Completes a TLS handshake to the HTTPS listener as {@code host}, with host-name verification;
   * returns the protocol.
   */
  private static String handshake(String host, String onlyProtocol) throws Exception {
    SSLContext tls = Tls.trustingOurCa();
    // Connect to the loopback listener but present and verify {@code host}, as a client that
    // resolved it would.
    Socket tcp = new Socket("127.0.0.1", Ports.https());
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket(tcp, host, Ports.https(), true)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (onlyProtocol != null) {
        params.setProtocols(new String[] {onlyProtocol});
      }
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  private static String caFile() {
    return Tls.truststore().resolveSibling("dev-ca.crt").toString();
  }

  /** Runs openssl s_client against the HTTPS listener and returns everything it printed. */
  private static String openssl(String... options) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("openssl", "s_client", "-connect", "localhost:" + Ports.https()));
    command.add("-servername");
    command.add("localhost");
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    boolean done = process.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assertTrue(done, "openssl s_client did not finish within 30 s");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
