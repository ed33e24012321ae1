package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * GameHall nodes in cluster mode on the build's provisioned WildFly, sharing one PostgreSQL: the
 * driver module from add-postgresql-driver.sh, configure-postgresql.cli (and FINE logging of
 * GameHall's session and cluster classes, for failure reports) applied offline once to a template
 * base directory, then one base directory per node copied from it (a node restarted with {@link
 * Node#start()} keeps its own). Every port a node binds is set explicitly from its offset (HTTP
 * offset+80, HTTPS offset+443, management offset+990/993), so none lands above 32767 where the
 * kernel hands out ephemeral ports. The token keys and the cluster secret are generated per run and
 * reach the servers through the environment, never the command line or a file.
 */
public final class ClusterOfWildFlys {
  private static final Logger LOG = Logger.getLogger(ClusterOfWildFlys.class.getName());

  /**
   * Infinispan's view lines ({@code ISPN000094: Received new cluster view for channel gamehall:
   * [nodeA(v=16.0.5)|1] (2) [nodeA(v=16.0.5), nodeB(v=16.0.5)]}, and ISPN000093 for a merged view)
   * or GameHall's own {@code joined ...; view [...]}.
   */
  private static final Pattern VIEW =
      Pattern.compile("(?:ISPN00009[34]: .*?\\(\\d+\\) |; view )\\[([^\\]]*)\\]");

  private final Path home;
  private final Path root;
  private final Path template;
  private final Map<String, String> env;

  private ClusterOfWildFlys(Path home, Path root, Path template, Map<String, String> env) {
    this.home = home;
    this.root = root;
    this.template = template;
    this.env = env;
  }

  /**
   * Prepares the template configuration (one embedded boot) for nodes on {@code database} of {@code
   * postgres}, with fresh shared token keys and cluster secret.
   */
  public static ClusterOfWildFlys prepare(PostgresCluster postgres, String database)
      throws Exception {
    Path home =
        Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"))
            .toAbsolutePath();
    Path root = Path.of("target", "cluster").toAbsolutePath();
    deleteTree(root);
    Path template = root.resolve("template");
    copyTree(home.resolve("standalone"), template);
    String driver =
        Path.of(
                org.postgresql.Driver.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    Commands.run(
        Commands.script("server-config/wildfly/add-postgresql-driver.sh", home.toString(), driver));
    Commands.run(
        Commands.script(
            "server-config/wildfly/apply-offline.sh",
            home.toString(),
            Commands.basedir().resolve("server-config/wildfly/configure-postgresql.cli").toString(),
            Commands.basedir().resolve("src/test/resources/cluster/it-logging.cli").toString()),
        Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + template),
        0,
        Duration.ofSeconds(300));
    Files.copy(
        Path.of(System.getProperty("gamehall.war")),
        template.resolve("deployments/gamehall.war"),
        StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GAMEHALL_DB_URL", postgres.jdbcUrl(database));
    env.put("GAMEHALL_DB_USER", PostgresCluster.USER);
    env.put("GAMEHALL_DB_PASSWORD", postgres.password());
    env.put("GAMEHALL_TOKEN_KEYS", "k1:" + randomBase64(32));
    env.put("GAMEHALL_CLUSTER_SECRET", randomBase64(24));
    return new ClusterOfWildFlys(home, root, template, Map.copyOf(env));
  }

  /**
   * The settings the cluster ITs give every node (secret and token keys come through the
   * environment): TCPPING on 127.0.0.1, a 3 s failure timeout, and clocks, grace and bot fill so
   * long that a boot, a failover or a restart never times a seat out or abandons a match.
   */
  public static Map<String, String> testSettings(
      String clusterName, int size, int jgroupsPort, String hosts) {
    Map<String, String> s = new java.util.LinkedHashMap<>();
    s.put("gamehall.cluster.enabled", "true");
    s.put("gamehall.cluster.name", clusterName);
    s.put("gamehall.cluster.bind.address", "127.0.0.1");
    s.put("gamehall.cluster.bind.port", String.valueOf(jgroupsPort));
    s.put("gamehall.cluster.discovery", "tcpping");
    s.put("gamehall.cluster.initial.hosts", hosts);
    s.put("gamehall.cluster.size", String.valueOf(size));
    s.put("gamehall.cluster.failure.timeout.millis", "3000");
    s.put("gamehall.table.turn.seconds", "600");
    s.put("gamehall.table.bank.seconds", "600");
    s.put("gamehall.table.grace.seconds", "600");
    s.put("gamehall.match.bot.fill.seconds", "600");
    s.put("gamehall.heartbeat.seconds", "5");
    s.put("gamehall.dead.peer.seconds", "30");
    s.put("gamehall.trust.forwarded.for", "true");
    s.put("gamehall.max.connections.per.address", "64");
    s.put("gamehall.rate.messages.per.second", "1000");
    s.put("gamehall.rate.burst", "1000");
    s.put("gamehall.drain.seconds", "120");
    return s;
  }

  /**
   * A node named {@code name} (also its cluster node name) with a fresh base directory, not started
   * yet.
   */
  public Node node(String name, int offset, Map<String, String> properties) throws IOException {
    Path base = root.resolve(name);
    deleteTree(base);
    copyTree(template, base);
    return new Node(name, offset, base, new LinkedHashMap<>(properties));
  }

  private static String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    new java.security.SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /**
   * One WildFly of the cluster; {@link #start()} again after {@link #kill()} or {@link #close()}.
   */
  public final class Node implements AutoCloseable {
    private final String name;
    private final int offset;
    private final Path base;
    private final Map<String, String> properties;
    private ChildProcess process;
    private long logStart;

    private Node(String name, int offset, Path base, Map<String, String> properties) {
      this.name = name;
      this.offset = offset;
      this.base = base;
      this.properties = properties;
    }

    public String name() {
      return name;
    }

    /** Changes a system property for the next {@link #start()}; null removes it. */
    public void set(String property, String value) {
      if (value == null) {
        properties.remove(property);
      } else {
        properties.put(property, value);
      }
    }

    /** Launches the server; {@link #awaitReady} waits for it. */
    public synchronized Node start() throws IOException {
      if (process != null && process.isAlive()) {
        throw new IllegalStateException(name + " is running");
      }
      Path log = serverLog();
      logStart = Files.exists(log) ? Files.size(log) : 0;
      List<String> command =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/standalone.sh").toString(),
                  "-Djboss.server.base.dir=" + base,
                  "-Djboss.socket.binding.port-offset=" + offset,
                  // The binding's own port plus the offset: these keep every port below 32768.
                  "-Djboss.http.port=80",
                  "-Djboss.https.port=443",
                  "-Djboss.management.http.port=990",
                  "-Djboss.management.https.port=993",
                  "-Dgamehall.cluster.node.name=" + name));
      // standalone.sh re-splits its arguments on spaces: values go without them.
      properties.forEach((k, v) -> command.add("-D" + k + "=" + v.replace(" ", "")));
      Map<String, String> environment = new LinkedHashMap<>(env);
      environment.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
      environment.put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
      process = ChildProcess.start(name, command, environment, base.resolve("console.log"));
      LOG.info(() -> name + " starting: https " + httpsPort() + ", http " + httpPort());
      return this;
    }

    /**
     * Waits until /health/ready answers 200, failing at once if the deployment failed (with the
     * log's end).
     */
    public Duration awaitReady(Duration within) throws Exception {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(Tls.trustingOurCa())
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      Duration took =
          process.awaitReady(
              within,
              () -> {
                String log = newLog();
                if (log.contains("WFLYCTL0186")
                    || log.contains("WFLYSRV0026") && log.contains("failed or were stopped")) {
                  fail(name + ": the deployment failed:\n" + ChildProcess.tailOf(serverLog(), 60));
                }
                return http.send(
                            HttpRequest.newBuilder(https("/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              });
      LOG.info(name + " ready in " + took.toSeconds() + " s");
      return took;
    }

    /**
     * Polls {@code condition} (a look at the log, say) until true, failing with {@code whyNot} at
     * the deadline or at once if the server dies; between polls it waits on the process.
     */
    public void await(Duration within, Callable<Boolean> condition, Callable<String> whyNot)
        throws Exception {
      try {
        process.awaitReady(within, condition);
      } catch (AssertionError e) {
        throw new AssertionError(whyNot.call() + "\n(" + e.getMessage() + ")", e);
      }
    }

    /** SIGKILL of the script and its JVM; returns once both are gone. */
    public void kill() throws InterruptedException {
      process.kill();
    }

    public boolean isAlive() {
      return process != null && process.isAlive();
    }

    public int httpPort() {
      return 80 + offset;
    }

    public int httpsPort() {
      return 443 + offset;
    }

    public URI https(String path) {
      return URI.create("https://localhost:" + httpsPort() + "/gamehall" + path);
    }

    public URI socket() {
      return URI.create("wss://localhost:" + httpsPort() + "/gamehall/ws");
    }

    public Path serverLog() {
      return base.resolve("log/server.log");
    }

    /** The server log written since the last {@link #start()}. */
    public String newLog() throws IOException {
      Path log = serverLog();
      if (!Files.exists(log)) {
        return "";
      }
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(logStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * The members of the latest cluster view this run of the node logged, as node names, sorted
     * (Infinispan prints a member as {@code nodeA(v=16.0.5)}, JGroups adds a number to a logical
     * name only when it clashes: both are cut off).
     */
    public Optional<List<String>> view() throws IOException {
      Matcher m = VIEW.matcher(newLog());
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last == null) {
        return Optional.empty();
      }
      return Optional.of(
          Stream.of(last.split(","))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .map(s -> s.replaceAll("\\(.*\\)$", "").replaceAll("-\\d+$", ""))
              .sorted()
              .toList());
    }

    /** The log lines of this run that contain {@code text}, for failure messages. */
    public String grep(String... texts) throws IOException {
      StringBuilder out = new StringBuilder();
      for (String line : newLog().split("\n")) {
        for (String text : texts) {
          if (line.contains(text)) {
            out.append("  ").append(name).append(": ").append(line.strip()).append('\n');
            break;
          }
        }
      }
      return out.toString();
    }

    public String tail() {
      return ChildProcess.tailOf(serverLog(), 40);
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null) {
        process.close();
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(dir);
            // A fresh server: no data, logs or temporary files of the one copied.
            if (relative.getNameCount() == 1
                && List.of("data", "log", "tmp").contains(relative.toString())) {
              Files.createDirectories(to.resolve(relative));
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(relative));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String n = file.getFileName().toString();
            // The provisioned server's own deployment markers (and WAR) must not come along.
            if (from.relativize(file).startsWith("deployments") && !n.equals("gamehall.war")) {
              return FileVisitResult.CONTINUE;
            }
            Files.copy(
                file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
