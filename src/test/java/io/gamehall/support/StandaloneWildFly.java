package io.gamehall.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A second WildFly, separate from the Arquillian-managed one, for tests whose settings or actions
 * would disturb the shared server (strict rate limits, a drain that cannot be undone, short HTTP
 * timeouts). It runs the provisioned server with its own base directory (a copy of the configured
 * standalone/ with the WAR in deployments/), its own port offset and the system properties the test
 * gives; readiness is /health/ready answering 200.
 */
public final class StandaloneWildFly implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StandaloneWildFly.class.getName());
  private final ChildProcess process;
  private final int offset;
  private final Path base;

  private StandaloneWildFly(ChildProcess process, int offset, Path base) {
    this.process = process;
    this.offset = offset;
    this.base = base;
  }

  /**
   * The offset for a second server: gamehall.second.port.offset, else the managed server's offset
   * plus 500.
   */
  public static int secondOffset() {
    return Integer.getInteger(
        "gamehall.second.port.offset", Integer.getInteger("gamehall.port.offset", 10000) + 500);
  }

  /**
   * Starts a server named {@code name} (its base directory is target/{@code name}) and waits until
   * it is ready.
   */
  public static StandaloneWildFly start(String name, Map<String, String> properties)
      throws Exception {
    return start(name, properties, List.of());
  }

  /**
   * As {@link #start(String, Map)}, with jboss-cli scripts applied offline to this server's own
   * copy of the configuration first (one embedded boot for all of them).
   */
  public static StandaloneWildFly start(
      String name, Map<String, String> properties, List<Path> offlineScripts) throws Exception {
    Path home =
        Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"))
            .toAbsolutePath();
    Path base = Path.of("target", name).toAbsolutePath();
    deleteTree(base);
    copyTree(home.resolve("standalone"), base);
    Files.copy(
        Path.of(System.getProperty("gamehall.war")),
        base.resolve("deployments/gamehall.war"),
        StandardCopyOption.REPLACE_EXISTING);
    if (!offlineScripts.isEmpty()) {
      List<String> apply =
          new ArrayList<>(
              List.of(
                  "bash",
                  Commands.basedir().resolve("server-config/wildfly/apply-offline.sh").toString(),
                  home.toString()));
      offlineScripts.forEach(script -> apply.add(script.toString()));
      Commands.run(
          apply,
          Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + base),
          0,
          Duration.ofSeconds(300));
    }
    int offset = secondOffset();
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset));
    // standalone.sh re-splits its arguments on spaces: list values go without them.
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v.replace(", ", ",")));
    // LAUNCH_JBOSS_IN_BACKGROUND makes the script pass SIGTERM on to the JVM, so close() stops the
    // server itself.
    ChildProcess process =
        ChildProcess.start(
            name,
            command,
            Map.of(
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "1",
                "JAVA_OPTS",
                "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true"),
            base.resolve("console.log"));
    StandaloneWildFly server = new StandaloneWildFly(process, offset, base);
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(Tls.trustingOurCa())
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      Duration took =
          process.awaitReady(
              Duration.ofSeconds(180),
              () ->
                  http.send(
                              HttpRequest.newBuilder(server.https("/health/ready"))
                                  .timeout(Duration.ofSeconds(2))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200);
      LOG.info(
          name + " ready on https port " + server.httpsPort() + " in " + took.toMillis() + " ms");
    } catch (Throwable e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int httpsPort() {
    return 8443 + offset;
  }

  public URI https(String path) {
    return URI.create("https://localhost:" + httpsPort() + "/gamehall" + path);
  }

  public URI socket() {
    return URI.create("wss://localhost:" + httpsPort() + "/gamehall/ws");
  }

  /** The server's JVM (standalone.sh runs it as a child), for tests that look at its /proc. */
  public ProcessHandle jvm() {
    return ProcessHandle.of(process.pid()).stream()
        .flatMap(ProcessHandle::descendants)
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no java process under " + process.pid()));
  }

  /** What the server printed on its console: every line from the first, boot included. */
  public Path consoleLog() {
    return base.resolve("console.log");
  }

  public String tail() {
    return process.tail();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws java.io.IOException {
            Path relative = from.relativize(dir);
            // A fresh server: no data, logs, temporary files or deployments of the managed one.
            if (relative.getNameCount() == 1
                && List.of("data", "log", "tmp", "deployments").contains(relative.toString())) {
              Files.createDirectories(to.resolve(relative));
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(relative));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws java.io.IOException {
            Files.copy(
                file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
