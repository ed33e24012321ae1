package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from Debian's binaries: initdb in a temporary directory, started
 * on a free port of 127.0.0.1 with password authentication, removed at close. initdb refuses to run
 * as root, so under root (CI) the cluster belongs to an unprivileged system user ({@code postgres}
 * if the package made it, else {@code nobody}) and every PostgreSQL command runs through {@code
 * runuser}.
 */
public final class PostgresCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PostgresCluster.class.getName());
  public static final String USER = "gamehall";

  private final Path bin;
  private final Path dir;
  private final String owner;
  private final int port;
  private final String password;

  private PostgresCluster(Path bin, Path dir, String owner, int port, String password) {
    this.bin = bin;
    this.dir = dir;
    this.owner = owner;
    this.port = port;
    this.password = password;
  }

  /** Initializes and starts a cluster; fails (never skips) when the binaries are missing. */
  public static PostgresCluster start() throws Exception {
    Path bin = binaries();
    String owner = isRoot() ? unprivilegedUser() : null;
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gamehall-pg-");
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, password + "\n");
    Path data = dir.resolve("data");
    if (owner != null) {
      // The temp directory is private to root (0700): hand it to the cluster's owner.
      Commands.run(List.of("chown", "-R", owner, dir.toString()));
    }
    PostgresCluster cluster =
        new PostgresCluster(bin, dir, owner, ChildProcess.freePort(), password);
    cluster.pg(
        "initdb",
        "-D",
        data.toString(),
        "-U",
        USER,
        "--pwfile=" + pwfile,
        "-A",
        "scram-sha-256",
        "-E",
        "UTF8",
        "--no-locale");
    Files.delete(pwfile);
    // The socket lives in the cluster's own directory: /var/run/postgresql may not exist or be
    // writable.
    cluster.pg(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + cluster.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start");
    LOG.info(
        () ->
            "PostgreSQL cluster in "
                + dir
                + " on port "
                + cluster.port
                + (owner == null ? "" : " as " + owner));
    return cluster;
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, password);
  }

  public void createDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void pg(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (owner != null) {
      command.addAll(List.of("runuser", "-u", owner, "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Commands.run(command, Map.of(), 0, Duration.ofSeconds(120));
  }

  /** The newest installed server's bin directory, /usr/lib/postgresql/VERSION/bin. */
  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    assertTrue(
        Files.isDirectory(root),
        "PostgreSQL is not installed: the build installs Debian's postgresql package (.ci/ensure-packages.sh)");
    try (Stream<Path> versions = Files.list(root)) {
      Path bin =
          versions
              .map(v -> v.resolve("bin"))
              .filter(b -> Files.isExecutable(b.resolve("initdb")))
              .max(
                  Comparator.comparing(
                      b ->
                          Integer.parseInt(
                              b.getParent().getFileName().toString().replaceAll("\\D.*", ""))))
              .orElse(null);
      assertTrue(bin != null, "no initdb under " + root);
      return bin;
    }
  }

  private static boolean isRoot() throws Exception {
    return Commands.run(List.of("id", "-u")).strip().equals("0");
  }

  private static String unprivilegedUser() throws Exception {
    for (String user : List.of("postgres", "nobody")) {
      if (!Commands.run(List.of("getent", "passwd"), Map.of(), 0, Duration.ofSeconds(10))
          .lines()
          .filter(l -> l.startsWith(user + ":"))
          .toList()
          .isEmpty()) {
        return user;
      }
    }
    throw new AssertionError(
        "running as root, and neither a postgres nor a nobody user exists to own the cluster");
  }
}
