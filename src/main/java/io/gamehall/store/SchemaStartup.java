package io.gamehall.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Migrates the schema of the default datasource when the application starts, before the endpoint
 * takes traffic. A failure fails the deployment: serving with a schema the code does not expect
 * would corrupt history.
 */
@ApplicationScoped
public class SchemaStartup {
  private static final Logger LOG = Logger.getLogger(SchemaStartup.class.getName());

  @Resource(lookup = "java:comp/DefaultDataSource")
  private DataSource dataSource;

  private volatile int version;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) throws SQLException {
    List<SchemaMigrations.Script> scripts =
        SchemaMigrations.load(SchemaStartup.class.getClassLoader());
    // Outside any JTA transaction: the connection runs its own local transactions, one per script.
    try (Connection connection = dataSource.getConnection()) {
      List<Integer> applied = SchemaMigrations.migrate(connection, scripts);
      version = SchemaMigrations.currentVersion(connection);
      LOG.info(
          () ->
              "schema at version "
                  + version
                  + (applied.isEmpty() ? " (up to date)" : ", applied " + applied)
                  + " on "
                  + product(connection));
    }
  }

  /** The schema version after start, 0 if migrations have not run (for health and tests). */
  public int version() {
    return version;
  }

  private static String product(Connection connection) {
    try {
      return connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      return "unknown database";
    }
  }
}
