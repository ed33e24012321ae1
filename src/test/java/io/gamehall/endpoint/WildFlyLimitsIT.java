package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.StandaloneWildFly;
import io.gamehall.support.WssTier;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link LimitsContract} on a real WildFly over wss: a second server started by the test (not the
 * Arquillian one, whose limits are relaxed so the other ITs are not throttled, and which a drain
 * would end for everyone). The drain goes through POST /admin/drain with the test operator's
 * credentials, readiness and the 托管 counter through /health/ready and /metrics, exactly as an
 * operator and a monitoring system see them.
 */
class WildFlyLimitsIT extends LimitsContract {
  private StandaloneWildFly server;
  private SSLContext tls;
  private HttpClient http;
  private ClientManager client;

  @BeforeAll
  void start() throws Exception {
    server = StandaloneWildFly.start("wildfly-limits", SETTINGS);
    client = ClientManager.createClient();
    tls = WssTier.of(client, server.socket()).sslContext();
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  boolean answersBeforeTheRateCloseArrive() {
    return false;
  }

  @Override
  URI uri() {
    return server.socket();
  }

  @Override
  SSLContext tls() {
    return tls;
  }

  @Override
  WebSocketContainer client() {
    return client;
  }

  @Override
  void drain(String message) throws Exception {
    String credentials =
        Files.readString(Path.of(System.getProperty("gamehall.admin.credentials"))).strip();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.https("/admin/drain?message=" + message))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
  }

  @Override
  boolean ready() throws Exception {
    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(server.https("/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        ready.statusCode() == 200 || ready.statusCode() == 503,
        ready.statusCode() + " " + ready.body());
    assertEquals(
        ready.statusCode() == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DRAINING\"}",
        ready.body());
    return ready.statusCode() == 200;
  }

  @Override
  long trusteeActivations() throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(server.https("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^gamehall_trustee_activations_total (\\d+)$").matcher(body);
    assertTrue(m.find(), "no gamehall_trustee_activations_total in /metrics: " + body);
    return Long.parseLong(m.group(1));
  }
}
