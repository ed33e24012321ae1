package io.gamehall.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database schema up to date from versioned SQL scripts listed in {@code
 * db/migration/index.txt}.
 *
 * <p>An explicit index instead of a classpath scan: listing a directory inside a WAR differs
 * between WildFly's VFS and Payara's class loaders, and a scan would silently skip a script a
 * container fails to list. Each applied script is recorded in {@code gamehall_schema} with its
 * SHA-256, so a shipped script that was edited stops the start instead of leaving databases that
 * disagree. Pure JDBC, no container types: the same class runs in the server and in tests.
 */
public final class SchemaMigrations {
  public static final String INDEX = "db/migration/index.txt";
  private static final String DIRECTORY = "db/migration/";
  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");
  private static final String HISTORY = "gamehall_schema";

  /** One script: its version, file name, text and checksum. */
  public record Script(int version, String name, String sql, String checksum) {}

  private SchemaMigrations() {}

  /** Reads the index and every script it names from {@code loader}. */
  public static List<Script> load(ClassLoader loader) {
    List<Script> scripts = new ArrayList<>();
    int last = 0;
    for (String line : read(loader, INDEX).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException(INDEX + ": not a migration name: " + name);
      }
      int version = Integer.parseInt(m.group(1));
      if (version <= last) {
        throw new IllegalStateException(
            INDEX + ": versions must ascend, " + name + " follows version " + last);
      }
      last = version;
      String sql = read(loader, DIRECTORY + name);
      scripts.add(new Script(version, name, sql, sha256(sql)));
    }
    return scripts;
  }

  /**
   * Applies the scripts not yet recorded, each in its own transaction, and returns the versions
   * applied. Fails if a recorded script's checksum differs from the shipped one, or if the database
   * has a version this build lacks.
   */
  public static List<Integer> migrate(Connection connection, List<Script> scripts)
      throws SQLException {
    boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    if (!postgres) {
      return migrateLocked(connection, scripts);
    }
    // Cluster nodes starting together on one empty database: one migrates while the others wait
    // on this session lock, then find every version applied. H2 (one node) takes no lock.
    try (Statement lock = connection.createStatement()) {
      lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
    }
    try {
      return migrateLocked(connection, scripts);
    } finally {
      try (Statement unlock = connection.createStatement()) {
        unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
      }
    }
  }

  /** The advisory lock key of the migration run: "gamehall" in ASCII, as a 64-bit number. */
  static final long MIGRATION_LOCK = 0x67616d6568616c6cL;

  private static List<Integer> migrateLocked(Connection connection, List<Script> scripts)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try {
      connection.setAutoCommit(false);
      ensureHistory(connection);
      Map<Integer, String> applied = applied(connection);
      Map<Integer, Script> known = new HashMap<>();
      scripts.forEach(s -> known.put(s.version(), s));
      for (Map.Entry<Integer, String> done : applied.entrySet()) {
        Script shipped = known.get(done.getKey());
        if (shipped == null) {
          throw new IllegalStateException(
              "the database has schema version "
                  + done.getKey()
                  + ", which this build does not know: refusing to"
                  + " run an older build against a newer schema");
        }
        if (!shipped.checksum().equals(done.getValue())) {
          throw new IllegalStateException(
              shipped.name()
                  + " changed after it was applied (checksum differs): add a new version instead");
        }
      }
      List<Integer> now = new ArrayList<>();
      for (Script script : scripts) {
        if (applied.containsKey(script.version())) {
          continue;
        }
        try (Statement statement = connection.createStatement()) {
          for (String sql : statements(script.sql())) {
            statement.execute(sql);
          }
          try (PreparedStatement record =
              connection.prepareStatement(
                  "INSERT INTO "
                      + HISTORY
                      + " (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            record.setInt(1, script.version());
            record.setString(2, script.name());
            record.setString(3, script.checksum());
            record.setLong(4, System.currentTimeMillis());
            record.executeUpdate();
          }
          connection.commit();
          now.add(script.version());
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw new SQLException(script.name() + " failed: " + e.getMessage(), e);
        }
      }
      return now;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The highest applied version, 0 for an empty database. */
  public static int currentVersion(Connection connection) throws SQLException {
    return applied(connection).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /**
   * Splits a script into statements: a statement ends with a semicolon at the end of a line; lines
   * starting with {@code --} are comments. Deliberately simple (no procedural blocks), which the
   * portable-SQL rule makes enough.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : script.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException(
          "a statement lacks its closing semicolon: " + current.toString().strip());
    }
    return out;
  }

  private static void ensureHistory(Connection connection) throws SQLException {
    if (historyExists(connection)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + HISTORY
              + " (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL,"
              + " checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
    }
    connection.commit();
  }

  private static boolean historyExists(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    // H2 folds unquoted names to upper case, PostgreSQL to lower case.
    for (String name : new String[] {HISTORY, HISTORY.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> applied = new HashMap<>();
    if (!historyExists(connection)) {
      return applied;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
      while (rows.next()) {
        applied.put(rows.getInt(1), rows.getString(2));
      }
    }
    return applied;
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
