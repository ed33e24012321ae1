package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.Tls;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health, metrics and the operator's actions on the deployed WAR: container-managed BASIC security
 * with the gamehall-admin role (the build adds a test operator with a random password). The drain
 * itself is tested on the embedded server (EmbeddedLimitsTest): it cannot be undone, and this
 * server is shared by every *IT class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsIT {
  private SSLContext tls;
  private HttpClient http;
  private ClientManager client;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @BeforeAll
  void setUp() throws Exception {
    tls = Tls.trustingOurCa();
    http = HttpClient.newBuilder().sslContext(tls).build();
    client = ClientManager.createClient();
    SslEngineConfigurator ssl = new SslEngineConfigurator(tls, true, false, false);
    ssl.setHostVerificationEnabled(true);
    client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
  }

  @AfterAll
  void tearDown() {
    client.shutdown();
  }

  private static URI url(String path) {
    return URI.create("https://localhost:" + Ports.https() + "/gamehall" + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String credentials() throws Exception {
    return Files.readString(Path.of(System.getProperty("gamehall.admin.credentials"))).strip();
  }

  private Tier tier() {
    return new Tier(URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws"), client, tls);
  }

  @Test
  void healthSaysLiveAndReady() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("{\"status\":\"UP\"}", live.body());
    HttpResponse<String> ready = get("/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("{\"status\":\"UP\"}", ready.body());
  }

  @Test
  void metricsCountTheConnectionsAndTablesInPrometheusText() throws Exception {
    try (TestClient kim = TestClient.welcomed(tier(), "Kim")) {
      HttpResponse<String> metrics = get("/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = metrics.body();
      assertTrue(body.matches("(?s).*\\ngamehall_connections [1-9][0-9]*\\n.*"), body);
      for (String phase : new String[] {"filling", "playing", "finished", "closed"}) {
        assertTrue(body.contains("gamehall_tables{phase=\"" + phase + "\"} "), body);
      }
      assertTrue(body.contains("# TYPE gamehall_messages_in_total counter"), body);
      assertTrue(body.contains("gamehall_draining 0"), body);
    }
  }

  @Test
  void healthAnswersAreNeverCachedAndTheServersOwnHealthHasTheSameChecks() throws Exception {
    HttpResponse<String> ready = get("/health/ready");
    assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(
        ready.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    // WildFly's MicroProfile Health on the management interface runs the hall's checks too.
    HttpResponse<String> platform =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + Ports.management() + "/health/ready"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, platform.statusCode(), platform.body());
    assertTrue(platform.body().contains("\"gamehall\""), platform.body());
  }

  /**
   * A scraper outside the allow-list, as WildFly sees one behind nginx (proxy-address-forwarding on
   * the HTTP listener takes the address from X-Forwarded-For): it must log in as an operator.
   */
  @Test
  void metricsFromOutsideTheAllowListNeedTheOperatorRole() throws Exception {
    // HTTP/1.1 as nginx speaks to its upstream: on an h2c upgrade Undertow keeps the TCP peer.
    HttpRequest.Builder outside =
        HttpRequest.newBuilder(URI.create("http://localhost:" + Ports.http() + "/gamehall/metrics"))
            .version(HttpClient.Version.HTTP_1_1)
            .header("X-Forwarded-For", "203.0.113.9")
            .header("X-Forwarded-Proto", "https");
    HttpResponse<String> anonymous =
        http.send(outside.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    HttpResponse<String> operator =
        http.send(
            outside
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials().getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, operator.statusCode(), operator.body());
    assertTrue(operator.body().contains("# TYPE gamehall_connections gauge"), operator.body());
  }

  @Test
  void anUnknownAdminActionIsA404WithAReason() throws Exception {
    HttpResponse<String> unknown = post("/admin/reboot", credentials());
    assertEquals(404, unknown.statusCode());
    assertEquals("{\"error\":\"unknown action\"}", unknown.body());
  }

  @Test
  void adminActionsNeedTheOperatorRole() throws Exception {
    assertEquals(401, post("/admin/notice?message=x", null).statusCode());
    assertEquals(
        401, post("/admin/notice?message=x", "gamehall-test-admin:wrong-password").statusCode());
  }

  @Test
  void anOperatorBroadcastsANoticeAndKicksAPlayer() throws Exception {
    // The kicked player reads frames itself: a WebSocket API client may report 1006 when the
    // server's TCP close
    // overtakes the close frame it already received.
    try (TestClient lia = TestClient.welcomed(tier(), "Lia");
        RawWebSocket max = RawWebSocket.connect(tier().socketUri(), tls)) {
      max.sendText("{\"type\":\"hello\",\"nickname\":\"Max\"}");
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("\"playerId\":\"([^\"]+)\"").matcher(next(max).text());
      assertTrue(id.find());
      HttpResponse<String> notice = post("/admin/notice?message=Tea%20time", credentials());
      assertEquals(200, notice.statusCode(), notice.body());
      assertEquals(
          "Tea time",
          lia.await(ServerMessage.Notice.class, n -> "broadcast".equals(n.kind()), "notice")
              .message());
      assertTrue(next(max).text().contains("\"kind\":\"broadcast\""));
      HttpResponse<String> kick =
          post("/admin/kick?player=" + id.group(1) + "&reason=Spam", credentials());
      assertEquals(200, kick.statusCode(), kick.body());
      String kicked = next(max).text();
      assertTrue(kicked.contains("\"kind\":\"kicked\"") && kicked.contains("Spam"), kicked);
      RawWebSocket.Frame close = next(max);
      assertEquals(RawWebSocket.CLOSE, close.opcode());
      assertEquals(1008, close.closeCode());
      assertEquals("kicked by an operator", close.closeReason());
      assertEquals(404, post("/admin/kick?player=g-nobody", credentials()).statusCode());
    }
  }

  private static RawWebSocket.Frame next(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame;
    do {
      frame = raw.read(TestClient.WAIT);
      org.junit.jupiter.api.Assertions.assertNotNull(
          frame, "nothing but heartbeats within " + TestClient.WAIT);
    } while (frame.opcode() == RawWebSocket.PING);
    return frame;
  }
}
