package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.ChildProcess;
import io.gamehall.support.Commands;
import io.gamehall.support.GomokuGame;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.ServerCertificates;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tls;
import io.gamehall.support.TlsProbe;
import io.gamehall.support.WssTier;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

/**
 * Payara Server 6 run the way docs/deployment.md (section 6) tells an admin: a new domain with its
 * own admin and master passwords, the keystore made from the CA's PEM files with the master
 * password, configure-server.sh (run twice), a domain restart; then wss with only our CA trusted,
 * HSTS, the proxy listener's trust limited to loopback, tokens across a restart, a certificate
 * renewal through restart-http-listeners, and restore-server.sh back to the domain's own settings.
 * One domain for all of it: a domain start costs 30 s to two minutes on a loaded machine.
 */
class PayaraServerIT {
  private static final Logger LOG = Logger.getLogger(PayaraServerIT.class.getName());
  private static final Duration ASADMIN = Duration.ofMinutes(6);
  private static final Duration READY = Duration.ofMinutes(4);
  private static final String DOMAIN = "gamehall";

  /** Offsets create-domain --portbase adds (admin 48, http 80, https 81, Hazelcast 49/59...). */
  private static final int[] PORTBASE_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  private static final int PROXY_OFFSET = 90;

  @Test
  void anAdminFollowingTheDocsGetsWssTokensThatSurviveRestartsAndACleanRestore() throws Exception {
    Path home =
        Path.of(System.getProperty("gamehall.payara.server.home", "target/payara-server/payara6"));
    assertTrue(Files.isExecutable(home.resolve("bin/asadmin")), "no Payara Server at " + home);
    Path work = Path.of("target", "payara-server-it").toAbsolutePath();
    deleteTree(work);
    Path domains = Files.createDirectories(work.resolve("domains"));
    Domain domain = new Domain(home, domains, freePortbase(), work);
    try {
      domain.create();
      // Section 6: the keystore with the domain's master password, from the CA's PEM files.
      Path keystoreDir = Tls.truststore().getParent();
      Path keystore = domain.config().resolve("gamehall-keystore.p12");
      Commands.run(
          Commands.script(
              "keystore/import-pem.sh",
              keystoreDir.resolve("server_bundle.crt").toString(),
              keystoreDir.resolve("server.key").toString(),
              keystore.toString()),
          Map.of("GAMEHALL_KEYSTORE_PASSWORD", domain.masterPassword),
          0,
          Duration.ofSeconds(90));
      domain.asadmin(ASADMIN, "start-domain", "--domaindir", domains.toString(), DOMAIN);
      String defaults = domain.settings();

      // A real error fails the script although asadmin multimode itself exits 0.
      Path notAWar = Files.writeString(work.resolve("not-a.war"), "not a web archive");
      String refused = domain.script(1, "server-config/payara/configure-server.sh", notAWar);
      assertTrue(refused.contains("failed"), refused);
      // Twice: the second run must succeed and change nothing.
      domain.script(0, "server-config/payara/configure-server.sh", war());
      String configured = domain.settings();
      domain.script(0, "server-config/payara/configure-server.sh", war());
      assertEquals(configured, domain.settings(), "a second configure run changes nothing");
      assertNotEquals(defaults, configured);
      assertExecutorThreads(defaults, 0, 0);
      assertExecutorThreads(configured, 2, 4);
      domain.restart();

      URI wss = URI.create("wss://localhost:" + domain.https() + "/gamehall/ws");
      BigInteger ours = firstCertificate(keystoreDir.resolve("server_bundle.crt"));
      assertEquals(
          ours, ServerCertificates.presented("localhost", domain.https()).getSerialNumber());
      assertThrows(
          SSLException.class,
          () -> ServerCertificates.presented("gamehall.invalid", domain.https()));
      assertEquals("TLSv1.3", TlsProbe.negotiated(domain.https(), "TLSv1.3"));
      assertEquals("TLSv1.2", TlsProbe.negotiated(domain.https(), "TLSv1.2"));
      TlsProbe.assertNoTls11AndAeadOnly(domain.https());
      assertHsts(domain);
      assertOnlyTheProxyListenerBelievesXForwardedProto(domain);

      String token;
      ClientManager sockets = ClientManager.createClient();
      try {
        LOG.info("Payara Server game: " + GomokuGame.play(WssTier.of(sockets, wss)));
        try (TestClient ann = TestClient.welcomed(WssTier.of(sockets, wss), "Ann")) {
          token = ann.welcome().token();
        }
      } finally {
        sockets.shutdown();
      }

      domain.restart();
      String playerId = resume(wss, token);
      assertTrue(
          Files.isRegularFile(domain.dir().resolve("data/gamehall/token-signing-key")),
          "the key lives where configure-server.sh put the data directory");

      renewCertificate(domain, keystore, keystoreDir, wss, token, playerId);

      // Restore, then compare with the settings read before configure-server.sh ran.
      long lines = logLines(domain);
      domain.script(0, "server-config/payara/restore-server.sh");
      String restored = domain.settings();
      assertEquals(defaults, restored, "restore-server.sh returns the domain's settings");
      assertExecutorThreads(restored, 0, 0);
      String restoreLog = logSince(domain, lines);
      assertFalse(restoreLog.contains("SEVERE"), "restore logged SEVERE:\n" + restoreLog);
      String presented = TlsProbe.openssl(domain.https());
      assertTrue(
          presented.contains("OU = Payara"), "Payara's own certificate is back:\n" + presented);
      domain.script(0, "server-config/payara/restore-server.sh");
    } finally {
      domain.stop();
    }
  }

  /**
   * The default managed scheduler and executor's core pool sizes in {@code settings}: Payara's 0
   * runs every task of the WAR on one thread (docs/performance.md, Payara Micro).
   */
  private static void assertExecutorThreads(String settings, int scheduler, int executor) {
    String prefix = "resources.managed-";
    String scheduled =
        prefix
            + "scheduled-executor-service.concurrent/__defaultManagedScheduledExecutorService"
            + ".core-pool-size="
            + scheduler;
    String plain =
        prefix
            + "executor-service.concurrent/__defaultManagedExecutorService.core-pool-size="
            + executor;
    assertTrue(settings.lines().anyMatch(scheduled::equals), scheduled + " in:\n" + settings);
    assertTrue(settings.lines().anyMatch(plain::equals), plain + " in:\n" + settings);
  }

  /** The documented renewal: a new keystore moved over the old one, restart-http-listeners. */
  private static void renewCertificate(
      Domain domain, Path keystore, Path keystoreDir, URI wss, String token, String playerId)
      throws Exception {
    BigInteger renewed = BigInteger.valueOf(0x7A11_0000L + (System.nanoTime() & 0xffff));
    Path issued = domain.work.resolve("renewed");
    Commands.run(
        Commands.script(
            "keystore/issue-dev-cert.sh",
            keystoreDir.toString(),
            issued.toString(),
            "DNS:localhost,IP:127.0.0.1",
            "0x" + renewed.toString(16)),
        Map.of("GAMEHALL_KEYSTORE_PASSWORD", domain.masterPassword),
        0,
        Duration.ofSeconds(90));
    ClientManager sockets = ClientManager.createClient();
    try (TestClient open = TestClient.resumed(WssTier.of(sockets, wss), token)) {
      Path temp = keystore.resolveSibling("gamehall-keystore.p12.new");
      Files.copy(issued.resolveSibling("renewed.p12"), temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          temp, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      long start = System.nanoTime();
      domain.asadmin(Duration.ofMinutes(2), "restart-http-listeners");
      long reloadMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(
          renewed,
          ServerCertificates.presented("localhost", domain.https()).getSerialNumber(),
          "the next handshake sees the renewed certificate");
      // What happens to a socket opened before the reload (documented in deployment.md).
      String fate;
      try {
        open.send(new ClientMessage.Ping("p", 7L));
        ServerMessage reply =
            open.await(
                ServerMessage.class,
                m -> m instanceof ServerMessage.Pong,
                "pong",
                Duration.ofSeconds(15));
        fate = "still open, answered " + reply;
      } catch (IllegalStateException | AssertionError | IOException e) {
        fate = "closed: " + e.getMessage();
      }
      LOG.info(
          "restart-http-listeners took "
              + reloadMillis
              + " ms (asadmin included); a socket opened before it: "
              + fate);
      assertEquals(playerId, resume(wss, token), "after the reload a player resumes as before");
    } finally {
      sockets.shutdown();
    }
  }

  /** Resumes with {@code token} on a new connection and returns the player id it welcomes. */
  private static String resume(URI wss, String token) throws Exception {
    ClientManager sockets = ClientManager.createClient();
    try (TestClient again = TestClient.resumed(WssTier.of(sockets, wss), token)) {
      assertTrue(again.welcome().resumed(), "the token from before the restart still works");
      return again.welcome().playerId();
    } finally {
      sockets.shutdown();
    }
  }

  private static void assertHsts(Domain domain) throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    HttpResponse<Void> page =
        https.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + domain.https() + "/gamehall/"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(200, page.statusCode());
    assertEquals(
        "max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(null));
  }

  /**
   * A plain ws:// upgrade claiming https: refused (403 with the proxy advice, docs/deployment.md)
   * on the public listener and unreachable on the proxy listener from any address but loopback;
   * believed only there, as nginx on the same host would send it.
   */
  private static void assertOnlyTheProxyListenerBelievesXForwardedProto(Domain domain)
      throws Exception {
    String forged = "X-Forwarded-Proto: https";
    URI publicPlain = URI.create("ws://127.0.0.1:" + domain.http() + "/gamehall/ws");
    try (RawWebSocket raw = RawWebSocket.connect(publicPlain, null, forged)) {
      assertEquals(
          403, raw.status(), "forged header on the public listener: " + raw.handshakeResponse());
      assertTrue(raw.refusalBody().contains("X-Forwarded-Proto"), "the refusal names the header");
    }
    Optional<InetAddress> other = nonLoopbackAddress();
    if (other.isPresent()) {
      try (Socket socket = new Socket()) {
        assertThrows(
            ConnectException.class,
            () -> socket.connect(new InetSocketAddress(other.get(), domain.proxy()), 5_000),
            "the proxy listener must not be reachable on " + other.get());
      }
    } else {
      LOG.warning(
          "no non-loopback address here: the proxy listener's binding is checked on loopback only");
    }
    URI proxy = URI.create("ws://127.0.0.1:" + domain.proxy() + "/gamehall/ws");
    try (RawWebSocket raw = RawWebSocket.connect(proxy, null)) {
      assertEquals(403, raw.status(), "no header, no https: " + raw.handshakeResponse());
    }
    try (RawWebSocket raw = RawWebSocket.connect(proxy, null, forged)) {
      assertEquals(101, raw.status(), "the proxy's header is believed: " + raw.handshakeResponse());
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static BigInteger firstCertificate(Path bundle) throws Exception {
    try (InputStream in = Files.newInputStream(bundle)) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getSerialNumber();
    }
  }

  private static String war() {
    return System.getProperty("gamehall.war", "target/gamehall.war");
  }

  private static long logLines(Domain domain) throws IOException {
    try (Stream<String> lines = Files.lines(domain.log(), StandardCharsets.ISO_8859_1)) {
      return lines.count();
    }
  }

  private static String logSince(Domain domain, long skip) throws IOException {
    try (Stream<String> lines = Files.lines(domain.log(), StandardCharsets.ISO_8859_1)) {
      return String.join("\n", lines.skip(skip).toList());
    }
  }

  /**
   * A portbase whose ports, and the proxy port above them, are all free now; below 32768 (the
   * ephemeral range starts there) and away from the fixed bases others use.
   */
  private static int freePortbase() {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + 100 * random.nextInt(120);
      if (allFree(base)) {
        return base;
      }
    }
    return fail("no free Payara portbase found between 20000 and 32000");
  }

  private static boolean allFree(int base) {
    List<Integer> ports = new ArrayList<>();
    for (int offset : PORTBASE_OFFSETS) {
      ports.add(base + offset);
    }
    ports.add(base + PROXY_OFFSET);
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException busy) {
        return false;
      }
    }
    return true;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** One domain under target/, its passwords (random per run) and its asadmin. */
  private static final class Domain {
    final Path home;
    final Path domains;
    final int portbase;
    final Path work;
    final String adminPassword = randomPassword();
    final String masterPassword = randomPassword();
    final Path passwordFile;

    Domain(Path home, Path domains, int portbase, Path work) throws IOException {
      this.home = home;
      this.domains = domains;
      this.portbase = portbase;
      this.work = work;
      this.passwordFile = work.resolve("asadmin-passwords");
      Files.writeString(
          passwordFile,
          "AS_ADMIN_PASSWORD="
              + adminPassword
              + "\nAS_ADMIN_MASTERPASSWORD="
              + masterPassword
              + "\n");
      Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    int admin() {
      return portbase + 48;
    }

    int http() {
      return portbase + 80;
    }

    int https() {
      return portbase + 81;
    }

    int proxy() {
      return portbase + PROXY_OFFSET;
    }

    Path dir() {
      return domains.resolve(DOMAIN);
    }

    Path config() {
      return dir().resolve("config");
    }

    Path log() {
      return dir().resolve("logs/server.log");
    }

    /**
     * What the admin types: the domain with an admin password and a master password. On a heavily
     * loaded machine create-domain once exited 0 leaving the template's keystore.p12 (certificates
     * of 2022-12-20, password changeit) instead of one under the master password, and the deploy
     * then failed with "keystore password was incorrect"; such a domain is made again.
     */
    void create() throws Exception {
      for (int attempt = 1; ; attempt++) {
        String out =
            local(
                ASADMIN,
                "create-domain",
                "--portbase",
                String.valueOf(portbase),
                "--domaindir",
                domains.toString(),
                DOMAIN);
        if (opensWithMasterPassword(config().resolve("keystore.p12"))) {
          return;
        }
        assertTrue(
            attempt < 3,
            "create-domain left keystore.p12 unreadable with the master password "
                + attempt
                + " times; last output:\n"
                + out);
        LOG.warning("create-domain left a keystore.p12 the master password does not open:\n" + out);
        local(ASADMIN, "delete-domain", "--domaindir", domains.toString(), DOMAIN);
      }
    }

    private boolean opensWithMasterPassword(Path keystore) throws Exception {
      try (InputStream in = Files.newInputStream(keystore)) {
        KeyStore.getInstance("PKCS12").load(in, masterPassword.toCharArray());
        return true;
      } catch (IOException wrongPassword) {
        return false;
      }
    }

    void restart() throws Exception {
      long start = System.nanoTime();
      asadmin(ASADMIN, "restart-domain", "--domaindir", domains.toString(), DOMAIN);
      URI wss = URI.create("wss://localhost:" + https() + "/gamehall/ws");
      awaitUpgrade(wss);
      LOG.info(
          "domain restart until wss upgrades: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** The application deploys after the domain reports started: wait for a real upgrade. */
    private void awaitUpgrade(URI wss) throws Exception {
      long deadline = System.nanoTime() + READY.toNanos();
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try (RawWebSocket raw = RawWebSocket.connect(wss, Tls.trustingOurCa())) {
          if (raw.status() == 101) {
            return;
          }
          last = new IOException("status " + raw.status());
        } catch (IOException e) {
          last = e;
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      fail(
          "no wss upgrade within " + READY + " (" + last + "):\n" + ChildProcess.tailOf(log(), 40));
    }

    /** The settings the scripts touch, as asadmin reports them (effective values). */
    String settings() throws Exception {
      Path query = work.resolve("settings.asadmin");
      Files.writeString(
          query,
          String.join(
              "\n",
              "get configs.config.server-config.network-config.*",
              "get configs.config.server-config.http-service.*",
              "get resources.managed-scheduled-executor-service.*",
              "get resources.managed-executor-service.*",
              "list-system-properties",
              "list-applications",
              ""));
      String out = asadmin(ASADMIN, "multimode", "--file", query.toString());
      // delete-http-listener rewrites the virtual server's listener list as "a, b" where the fresh
      // domain had "a,b": the same list, so separators are compared without their blanks.
      return out.lines()
          .filter(line -> !line.startsWith("Command ") && !line.startsWith("Unable to retrieve"))
          .map(line -> line.replace(", ", ","))
          .sorted()
          .reduce("", (a, b) -> a + b + "\n");
    }

    /** A command against the running domain (its admin port). */
    String asadmin(Duration within, String... args) throws Exception {
      List<String> all = new ArrayList<>(List.of("--port", String.valueOf(admin())));
      all.addAll(List.of(args));
      return local(within, all.toArray(String[]::new));
    }

    /** A command without the admin port (create-domain takes its ports from --portbase). */
    String local(Duration within, String... args) throws Exception {
      List<String> command =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/asadmin").toString(),
                  "--interactive=false",
                  "--user",
                  "admin",
                  "--passwordfile",
                  passwordFile.toString()));
      command.addAll(List.of(args));
      return Commands.run(command, Map.of("AS_JAVA", javaHome()), 0, within);
    }

    /** One of our scripts, with the environment section 6 tells the admin to set. */
    String script(int expectedExit, String script, Object... args) throws Exception {
      String[] strings = Stream.of(args).map(String::valueOf).toArray(String[]::new);
      List<String> command = new ArrayList<>(Commands.script(script, strings));
      if (script.endsWith("configure-server.sh")) {
        command.add("127.0.0.1");
        command.add(String.valueOf(proxy()));
      }
      return Commands.run(
          command,
          Map.of(
              "PAYARA_HOME",
              home.toString(),
              "AS_JAVA",
              javaHome(),
              "ASADMIN_OPTS",
              "--port " + admin() + " --user admin --passwordfile " + passwordFile),
          expectedExit,
          ASADMIN);
    }

    /** Stops the domain, and kills it if stop-domain did not (never leave a server behind). */
    void stop() throws Exception {
      try {
        asadmin(Duration.ofMinutes(2), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
      } catch (Exception | AssertionError e) {
        LOG.warning("stop-domain failed: " + e.getMessage());
      }
      Path pid = config().resolve("pid");
      if (Files.exists(pid)) {
        long id = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(id).ifPresent(ProcessHandle::destroyForcibly);
      }
    }

    private static String javaHome() {
      return System.getProperty("java.home");
    }

    private static String randomPassword() {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }
}
