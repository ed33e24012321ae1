package io.gamehall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shipped migrations on an in-memory H2 (the embedded default's engine); PostgresStoreIT runs
 * them on PostgreSQL.
 */
class SchemaMigrationsTest {
  private static Connection h2() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void shippedScriptsApplyOnceAndCreateTheTables() throws Exception {
    List<SchemaMigrations.Script> scripts = SchemaMigrations.load(getClass().getClassLoader());
    assertTrue(
        scripts.size() >= 1 && scripts.get(0).version() == 1,
        "the index lists V1 first: " + scripts);
    try (Connection c = h2()) {
      List<Integer> first = SchemaMigrations.migrate(c, scripts);
      assertEquals(
          scripts.stream().map(SchemaMigrations.Script::version).toList(),
          first,
          "all applied on first run");
      assertEquals(
          List.of(), SchemaMigrations.migrate(c, scripts), "nothing applied on the second run");
      assertEquals(scripts.get(scripts.size() - 1).version(), SchemaMigrations.currentVersion(c));
      try (Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM player")) {
        assertTrue(rows.next(), "player table queryable");
      }
    }
  }

  @Test
  void editedScriptOrUnknownVersionStopsTheStart() throws Exception {
    List<SchemaMigrations.Script> scripts = SchemaMigrations.load(getClass().getClassLoader());
    try (Connection c = h2()) {
      SchemaMigrations.migrate(c, scripts);
      List<SchemaMigrations.Script> edited = new ArrayList<>(scripts);
      SchemaMigrations.Script v1 = edited.get(0);
      edited.set(0, new SchemaMigrations.Script(1, v1.name(), v1.sql() + "\n", "0".repeat(64)));
      IllegalStateException changed =
          assertThrows(IllegalStateException.class, () -> SchemaMigrations.migrate(c, edited));
      assertTrue(
          changed.getMessage().contains("changed after it was applied"), changed.getMessage());
      IllegalStateException older =
          assertThrows(IllegalStateException.class, () -> SchemaMigrations.migrate(c, List.of()));
      assertTrue(older.getMessage().contains("does not know"), older.getMessage());
    }
  }

  @Test
  void failingScriptRollsBackAndIsNotRecorded() throws Exception {
    try (Connection c = h2()) {
      List<SchemaMigrations.Script> bad =
          List.of(
              new SchemaMigrations.Script(
                  7, "V7__bad.sql", "INSERT INTO nowhere VALUES (1);\n", "x"));
      java.sql.SQLException e =
          assertThrows(java.sql.SQLException.class, () -> SchemaMigrations.migrate(c, bad));
      assertTrue(e.getMessage().startsWith("V7__bad.sql failed"), e.getMessage());
      assertEquals(0, SchemaMigrations.currentVersion(c), "a failed script leaves no record");
    }
  }

  @Test
  void statementsSplitAtLineEndSemicolonsAndSkipComments() {
    List<String> parts =
        SchemaMigrations.statements(
            "-- note; not a statement\nCREATE TABLE a (\n  x INT\n);\nDROP TABLE a;\n");
    assertEquals(List.of("CREATE TABLE a (\nx INT\n)", "DROP TABLE a"), parts);
    assertThrows(IllegalStateException.class, () -> SchemaMigrations.statements("SELECT 1"));
  }
}
