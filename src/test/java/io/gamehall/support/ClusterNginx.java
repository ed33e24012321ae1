package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private nginx in front of several GameHall nodes: the shipped server-config/nginx/gamehall.conf
 * with its one-server upstream replaced by a {@code least_conn} upstream over every node's HTTP
 * listener (TLS ends at nginx, as in the shipped file; the nodes see X-Forwarded-Proto), rendered
 * by render.sh --standalone and run with the dev certificate (which names localhost and 127.0.0.1).
 */
public final class ClusterNginx implements AutoCloseable {
  private static final Pattern UPSTREAM =
      Pattern.compile("upstream gamehall_app \\{\\s*server @UPSTREAM@;", Pattern.MULTILINE);

  private final int https;
  private final ChildProcess process;

  private ClusterNginx(int https, ChildProcess process) {
    this.https = https;
    this.process = process;
  }

  /**
   * Starts nginx in {@code dir} on {@code httpPort}/{@code httpsPort} in front of the HTTP ports
   * {@code upstreams}.
   */
  public static ClusterNginx start(Path dir, int httpPort, int httpsPort, List<Integer> upstreams)
      throws Exception {
    Path shipped = Commands.basedir().resolve("server-config/nginx/gamehall.conf");
    String conf = Files.readString(shipped);
    Matcher m = UPSTREAM.matcher(conf);
    assertEquals(true, m.find(), "gamehall.conf no longer has the one-server upstream block");
    StringBuilder servers = new StringBuilder("upstream gamehall_app {\n    least_conn;");
    // A refused connection to a dead node moves the request to the next server at once (the
    // default proxy_next_upstream error); max_fails/fail_timeout then keeps nginx off it a while.
    for (int port : upstreams) {
      servers
          .append("\n    server 127.0.0.1:")
          .append(port)
          .append(" max_fails=1 fail_timeout=5s;");
    }
    String cluster = conf.substring(0, m.start()) + servers + conf.substring(m.end());
    Path template = Files.createDirectories(dir).resolve("cluster-template.conf");
    Files.writeString(template, cluster);
    Path keystoreDir = Tls.truststore().getParent();
    Path war = Path.of(System.getProperty("gamehall.war", "target/gamehall.war"));
    Map<String, String> env = new HashMap<>();
    env.put("GAMEHALL_NGINX_TEMPLATE", template.toString());
    env.put("GAMEHALL_SERVER_NAME", "localhost");
    env.put("GAMEHALL_HTTP_PORT", String.valueOf(httpPort));
    env.put("GAMEHALL_HTTPS_PORT", String.valueOf(httpsPort));
    env.put("GAMEHALL_UPSTREAM", "unused");
    env.put("GAMEHALL_CERT", keystoreDir.resolve("server_bundle.crt").toString());
    env.put("GAMEHALL_KEY", keystoreDir.resolve("server.key").toString());
    env.put(
        "GAMEHALL_STATIC_ROOT",
        war.resolveSibling(war.getFileName().toString().replace(".war", "")).toString());
    // Every player of the test comes from 127.0.0.1.
    env.put("GAMEHALL_CONN_PER_IP", "200");
    env.put("GAMEHALL_REQ_RATE", "100r/s");
    env.put("GAMEHALL_REQ_BURST", "200");
    Path site = dir.resolve("site");
    Commands.run(
        Commands.script("server-config/nginx/render.sh", "--standalone", site.toString()),
        env,
        0,
        Duration.ofSeconds(30));
    ChildProcess process =
        ChildProcess.start(
            "nginx (cluster)",
            List.of(
                "nginx",
                "-p",
                site.toString(),
                "-c",
                site.resolve("nginx.conf").toString(),
                "-e",
                site.resolve("logs/error.log").toString()),
            Map.of(),
            site.resolve("logs/stdout.log"));
    ClusterNginx nginx = new ClusterNginx(httpsPort, process);
    try {
      process.awaitReady(Duration.ofSeconds(30), () -> listening(httpsPort));
    } catch (Throwable e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }

  public URI socket() {
    return URI.create("wss://localhost:" + https + "/gamehall/ws");
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
