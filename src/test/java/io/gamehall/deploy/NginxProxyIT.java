package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Browser;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.Commands;
import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.ServerCertificates;
import io.gamehall.support.Tls;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
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
 * The deployment pitfalls, with Debian's nginx in front of the managed WildFly. Two private nginx
 * instances on free ports, rendered by server-config/nginx/render.sh into target/nginx/: "shipped"
 * is gamehall.conf as it ships (with a certificate for DNS:localhost only and proxy_read_timeout 4
 * s), "stripped" the same file without the two upgrade header lines (with the dev certificate,
 * which also lists 127.0.0.1), and "noProto" the widely copied recipe: the upgrade lines but no
 * X-Forwarded-Proto.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxProxyIT {
  private static final Logger LOG = Logger.getLogger(NginxProxyIT.class.getName());

  /**
   * Below WildFly's 1 s test heartbeat times three, so only the heartbeat keeps an idle socket
   * open.
   */
  private static final int PROXY_READ_TIMEOUT_SECONDS = 4;

  private final Path work = Path.of("target", "nginx").toAbsolutePath();
  private Nginx shipped;
  private Nginx stripped;
  private Nginx noProto;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  /** One private nginx: its ports, its process. */
  private record Nginx(int http, int https, ChildProcess process) {}

  @BeforeAll
  void startNginx() throws Exception {
    long start = System.nanoTime();
    Path keystoreDir = Tls.truststore().getParent();
    Path localhostOnly = work.resolve("certs/localhost-only");
    Commands.run(
        Commands.script(
            "keystore/issue-dev-cert.sh",
            keystoreDir.toString(),
            localhostOnly.toString(),
            "DNS:localhost"));

    Path template = Commands.basedir().resolve("server-config/nginx/gamehall.conf");
    shipped =
        start(
            "shipped",
            template,
            localhostOnly.resolveSibling("localhost-only_bundle.crt"),
            localhostOnly.resolveSibling("localhost-only.key"));

    // The mistake from many tutorials: proxying the socket location like any other (no
    // Upgrade/Connection lines).
    String withoutUpgrade =
        Files.readAllLines(template).stream()
            .filter(
                line ->
                    !line.contains("proxy_set_header Upgrade")
                        && !line.contains("$connection_upgrade;"))
            .collect(Collectors.joining("\n", "", "\n"));
    Path strippedTemplate =
        Files.createDirectories(work.resolve("templates")).resolve("without-upgrade.conf");
    Files.writeString(strippedTemplate, withoutUpgrade);
    assertTrue(
        !withoutUpgrade.contains("proxy_set_header Upgrade"),
        "the copy must lack the upgrade headers");
    stripped =
        start(
            "stripped",
            strippedTemplate,
            keystoreDir.resolve("server_bundle.crt"),
            keystoreDir.resolve("server.key"));

    // The usual recipe copied from tutorials: Upgrade/Connection forwarded, the scheme not.
    String withoutProto =
        Files.readAllLines(template).stream()
            .filter(line -> !line.contains("X-Forwarded-Proto"))
            .collect(Collectors.joining("\n", "", "\n"));
    assertTrue(withoutProto.contains("proxy_set_header Upgrade $http_upgrade;"));
    Path noProtoTemplate = work.resolve("templates").resolve("without-forwarded-proto.conf");
    Files.writeString(noProtoTemplate, withoutProto);
    noProto =
        start(
            "no-proto",
            noProtoTemplate,
            keystoreDir.resolve("server_bundle.crt"),
            keystoreDir.resolve("server.key"));
    LOG.info(
        "three nginx instances rendered and ready in "
            + Duration.ofNanos(System.nanoTime() - start).toMillis()
            + " ms");
  }

  @AfterAll
  void stopNginx() throws Exception {
    for (Nginx nginx : new Nginx[] {shipped, stripped, noProto}) {
      if (nginx != null) {
        nginx.process().close();
      }
    }
  }

  /**
   * (a) The shipped config upgrades the socket (101); the copy without the Upgrade/Connection lines
   * gets a 400 through nginx whose body names the three lines to add.
   */
  @Test
  void theShippedConfigUpgradesTheSocketAndACopyWithoutTheUpgradeHeadersIsToldWhatToAdd()
      throws Exception {
    try (RawWebSocket socket =
        RawWebSocket.connect(socket("localhost", shipped), Tls.trustingOurCa())) {
      assertEquals(101, socket.status(), socket.handshakeResponse());
      socket.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}");
      assertTrue(nextText(socket, Duration.ofSeconds(10)).contains("\"type\":\"welcome\""));
    }
    try (RawWebSocket socket =
        RawWebSocket.connect(socket("localhost", stripped), Tls.trustingOurCa())) {
      // WildFly gets a plain GET for the socket path; the application answers it with the fix.
      assertEquals(400, socket.status(), socket.handshakeResponse());
      String body = socket.refusalBody();
      for (String line :
          List.of(
              "proxy_http_version 1.1;",
              "proxy_set_header Upgrade $http_upgrade;",
              "proxy_set_header Connection \"upgrade\";")) {
        assertTrue(body.contains(line), "the 400 through nginx must name " + line + ": " + body);
      }
      assertTrue(body.contains("/gamehall/ws"), body);
      assertTrue(!body.contains("X-Forwarded-Proto"), "this proxy forwards the scheme: " + body);
    }
  }

  /**
   * (a2) The usual recipe without X-Forwarded-Proto: WildFly sees plain http. The socket gets a 403
   * naming the missing header and the nginx line, not a 302 to WildFly's own HTTPS port (which
   * bypasses nginx and which no WebSocket client follows); pages through the same proxy still get
   * that redirect, as before.
   */
  @Test
  void theRecipeWithoutForwardedProtoIsToldToAddIt() throws Exception {
    try (RawWebSocket socket =
        RawWebSocket.connect(socket("localhost", noProto), Tls.trustingOurCa())) {
      assertEquals(403, socket.status(), socket.handshakeResponse());
      assertTrue(!socket.handshakeResponse().contains("Location:"), socket.handshakeResponse());
      String body = socket.refusalBody();
      assertTrue(body.contains("\"X-Forwarded-Proto: https\""), body);
      assertTrue(body.contains("proxy_set_header X-Forwarded-Proto $scheme;"), body);
    }
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(Tls.trustingOurCa())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<Void> page =
        https.send(
            HttpRequest.newBuilder(page(noProto, "/gamehall/")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(302, page.statusCode(), "pages keep the container's redirect");
  }

  /**
   * (b) A certificate must name the address players use: localhost-only fails at 127.0.0.1, and
   * works as localhost.
   */
  @Test
  void aCertificateWithoutTheAddressUsedFailsTheHandshake() throws Exception {
    SSLHandshakeException refused =
        assertThrows(
            SSLHandshakeException.class,
            () -> ServerCertificates.presented("127.0.0.1", shipped.https()));
    LOG.info("wss://127.0.0.1 with a certificate for localhost only: " + refused.getMessage());
    assertNotNull(ServerCertificates.presented("localhost", shipped.https()));
    // The dev certificate lists IP:127.0.0.1, so the same address works there.
    assertNotNull(ServerCertificates.presented("127.0.0.1", stripped.https()));
    try (RawWebSocket socket =
        RawWebSocket.connect(socket("127.0.0.1", shipped), Tls.trustingOurCa())) {
      throw new AssertionError(
          "a wss handshake to an address the certificate lacks succeeded: " + socket.status());
    } catch (SSLHandshakeException expected) {
      // What a browser shows as a failed WebSocket with no further detail.
    }
  }

  /**
   * (c) nginx's proxy_read_timeout (4 s here) never fires on an idle player: the server's pings
   * keep bytes flowing.
   */
  @Test
  void anIdleSocketOutlivesTheProxyReadTimeoutThanksToTheHeartbeat() throws Exception {
    try (RawWebSocket socket =
        RawWebSocket.connect(socket("localhost", shipped), Tls.trustingOurCa())) {
      assertEquals(101, socket.status(), socket.handshakeResponse());
      socket.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}");
      assertTrue(nextText(socket, Duration.ofSeconds(10)).contains("\"type\":\"welcome\""));

      // Idle for twice the proxy timeout: no application message from us, only the pong frames a
      // browser sends
      // automatically. The loop waits on frames with a deadline; it never sleeps.
      Duration idle = Duration.ofSeconds(2L * PROXY_READ_TIMEOUT_SECONDS);
      long deadline = System.nanoTime() + idle.toNanos();
      int pings = 0;
      while (System.nanoTime() < deadline) {
        RawWebSocket.Frame frame =
            socket.read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        if (frame == null) {
          continue;
        }
        assertNotEquals(
            RawWebSocket.CLOSE, frame.opcode(), "closed while idle: " + frame.closeCode());
        if (frame.opcode() == RawWebSocket.PING) {
          pings++;
          socket.send(true, RawWebSocket.PONG, frame.payload());
        }
      }
      assertTrue(
          pings >= PROXY_READ_TIMEOUT_SECONDS,
          "heartbeat pings through nginx while idle: " + pings);
      socket.sendText("{\"type\":\"ping\",\"id\":\"p\",\"t\":7}");
      String pong = nextText(socket, Duration.ofSeconds(10));
      assertTrue(pong.contains("\"type\":\"pong\"") && pong.contains("\"t\":7"), pong);
    }
  }

  /**
   * (d) Static assets come from disk through the same server block that proxies the socket,
   * compressed and cached.
   */
  @Test
  void staticAssetsAreServedByNginxFromDisk() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<byte[]> asset =
        https.send(
            HttpRequest.newBuilder(page(shipped, "/gamehall/static/sdk/gamehall.js")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, asset.statusCode());
    String headers = asset.headers().map().toString();
    assertEquals("nginx-static", asset.headers().firstValue("X-Served-By").orElse(null), headers);
    assertTrue(
        asset.headers().firstValue("Cache-Control").orElse("").contains("max-age=3600"), headers);
    assertEquals(
        "max-age=31536000", asset.headers().firstValue("Strict-Transport-Security").orElse(null));
    assertArrayEquals(
        Files.readAllBytes(staticRoot().resolve("static/sdk/gamehall.js")), asset.body());

    HttpResponse<byte[]> gzipped =
        https.send(
            HttpRequest.newBuilder(page(shipped, "/gamehall/static/sdk/gamehall.js"))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));

    // The page itself is proxied: WildFly serves it (no X-Served-By) and, seeing X-Forwarded-Proto
    // https, does not
    // redirect to its own HTTPS port.
    HttpResponse<String> index =
        https.send(
            HttpRequest.newBuilder(page(shipped, "/gamehall/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, index.statusCode(), index.headers().map().toString());
    assertTrue(index.body().contains("<title>GameHall</title>"));
    assertTrue(index.headers().firstValue("X-Served-By").isEmpty());
  }

  /**
   * The mixed-content pitfall, in a real browser through nginx: the https page's SDK derives {@code
   * wss://} to the page's own host and port, and a {@code ws://} socket opened by hand from that
   * page is blocked by the browser itself (to a non-loopback name: Chromium exempts loopback
   * addresses from mixed-content blocking).
   */
  @Test
  void anHttpsPageThroughNginxOpensWssToItsOwnHostAndTheBrowserBlocksWs() throws Exception {
    String nginxKey = Browser.spkiHash(work.resolve("certs/localhost-only_bundle.crt"));
    try (Browser browser = Browser.open("through-nginx", 1000, 800, nginxKey)) {
      browser.get("https://localhost:" + shipped.https() + "/gamehall/");
      Object url =
          browser.waitFor(
              "the SDK's socket open through nginx",
              20,
              d ->
                  browser.js(
                      "const h = window.gamehall && window.gamehall.hall;"
                          + " return h && h.state === 'open' ? h.url : null;"));
      assertEquals("wss://localhost:" + shipped.https() + "/gamehall/ws", url);
      // Refused either way: mixed-content blocking throws SecurityError, while the page's CSP
      // (connect-src: its own wss origin) makes the socket fail without opening.
      Object blocked =
          browser.asyncJs(
              "const done = arguments[arguments.length - 1];"
                  + " try { const s = new WebSocket('ws://"
                  + Browser.UNTRUSTED_HOST
                  + ":"
                  + shipped.http()
                  + "/gamehall/ws');"
                  + " s.onopen = () => done('opened'); s.onerror = () => done('refused');"
                  + " s.onclose = () => done('refused'); setTimeout(() => done('pending'), 10000);"
                  + " } catch (e) { done(e.name); }");
      assertTrue(
          "SecurityError".equals(blocked) || "refused".equals(blocked),
          "the browser must refuse ws:// from an https page, got " + blocked);
    }
  }

  /** (e) Plain http is redirected to https on nginx's own port, and https responses carry HSTS. */
  @Test
  void plainHttpIsRedirectedAndHttpsCarriesHsts() throws Exception {
    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<Void> redirect =
        plain.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + shipped.http() + "/gamehall/?x=1"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(301, redirect.statusCode());
    assertEquals(
        "https://localhost:" + shipped.https() + "/gamehall/?x=1",
        redirect.headers().firstValue("Location").orElse(null));

    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<Void> page =
        https.send(
            HttpRequest.newBuilder(page(shipped, "/gamehall/")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(
        "max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(null));
  }

  /**
   * keystore/check-endpoint.sh reports what players will meet: protocol, names, expiry and the
   * upgrade.
   */
  @Test
  void checkEndpointReportsTlsNamesAndTheUpgrade() throws Exception {
    Map<String, String> env =
        Map.of("CHECK_CA_FILE", Tls.truststore().resolveSibling("dev-ca.crt").toString());
    String good = checkEndpoint("localhost", shipped, env, 0);
    assertTrue(good.contains("protocol:  TLSv1.3"), good);
    assertTrue(good.contains("DNS:localhost"), good);
    assertTrue(good.contains("expires:"), good);
    assertTrue(good.contains("upgrade:   101"), good);
    String wrongName = checkEndpoint("127.0.0.1", shipped, env, 1);
    assertTrue(wrongName.contains("not tried (TLS failed)"), wrongName);
    String noUpgrade = checkEndpoint("localhost", stripped, env, 3);
    assertTrue(noUpgrade.contains("upgrade:   400"), noUpgrade);
  }

  private static String checkEndpoint(
      String host, Nginx nginx, Map<String, String> env, int expectedExit) throws Exception {
    return Commands.run(
        Commands.script("keystore/check-endpoint.sh", host, String.valueOf(nginx.https())),
        env,
        expectedExit,
        Duration.ofSeconds(60));
  }

  private Nginx start(String name, Path template, Path cert, Path key) throws Exception {
    int[] ports = ChildProcess.freePorts(2);
    int http = ports[0];
    int https = ports[1];
    Path dir = work.resolve(name);
    Map<String, String> env = new HashMap<>();
    env.put("GAMEHALL_NGINX_TEMPLATE", template.toString());
    env.put("GAMEHALL_SERVER_NAME", "localhost");
    env.put("GAMEHALL_HTTP_PORT", String.valueOf(http));
    env.put("GAMEHALL_HTTPS_PORT", String.valueOf(https));
    env.put("GAMEHALL_UPSTREAM", "127.0.0.1:" + Ports.http());
    env.put("GAMEHALL_CERT", cert.toString());
    env.put("GAMEHALL_KEY", key.toString());
    env.put("GAMEHALL_STATIC_ROOT", staticRoot().toString());
    env.put("GAMEHALL_READ_TIMEOUT", PROXY_READ_TIMEOUT_SECONDS + "s");
    Commands.run(
        Commands.script("server-config/nginx/render.sh", "--standalone", dir.toString()),
        env,
        0,
        Duration.ofSeconds(30));
    ChildProcess process =
        ChildProcess.start(
            "nginx " + name,
            List.of(
                "nginx",
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("logs/error.log").toString()),
            Map.of(),
            dir.resolve("logs/stdout.log"));
    Nginx nginx = new Nginx(http, https, process);
    process.awaitReady(Duration.ofSeconds(20), () -> listening(https) && listening(http));
    return nginx;
  }

  /** The exploded WAR the build leaves next to the WAR file. */
  private static Path staticRoot() {
    Path war = Path.of(System.getProperty("gamehall.war", "target/gamehall.war"));
    return war.resolveSibling(war.getFileName().toString().replace(".war", ""));
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static URI socket(String host, Nginx nginx) {
    return URI.create("wss://" + host + ":" + nginx.https() + "/gamehall/ws");
  }

  private static URI page(Nginx nginx, String path) {
    return URI.create("https://localhost:" + nginx.https() + path);
  }

  /** The next text frame, answering pings on the way as a browser does. */
  private static String nextText(RawWebSocket socket, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      RawWebSocket.Frame frame = socket.read(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame == null) {
        break;
      }
      if (frame.opcode() == RawWebSocket.PING) {
        socket.send(true, RawWebSocket.PONG, frame.payload());
      } else if (frame.opcode() == RawWebSocket.TEXT) {
        return frame.text();
      } else {
        throw new AssertionError("unexpected frame " + frame.opcode() + " " + frame.text());
      }
    }
    throw new AssertionError("no text frame within " + within);
  }
}
