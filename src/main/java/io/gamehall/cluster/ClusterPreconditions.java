package io.gamehall.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a clustered node needs before it may join: a database the other nodes share, and token keys
 * they share. Checked before the node starts its transport, so a misconfigured node never joins.
 */
public final class ClusterPreconditions {
  private ClusterPreconditions() {}

  /**
   * Throws {@link IllegalStateException} listing every unmet need, or returns.
   *
   * @param databaseProduct the default datasource's product name (JDBC metadata)
   * @param tokenKeys the raw {@code gamehall.token.keys}, or null
   */
  public static void check(String databaseProduct, String tokenKeys) {
    List<String> problems = new ArrayList<>();
    if (databaseProduct == null
        || databaseProduct.toLowerCase(Locale.ROOT).contains("h2")
        || !databaseProduct.toLowerCase(Locale.ROOT).contains("postgres")) {
      problems.add(
          "gamehall.cluster.enabled=true needs the default datasource on a PostgreSQL database"
              + " that every node shares (table ownership and fencing live there), but it is "
              + (databaseProduct == null ? "unknown" : databaseProduct)
              + "; run server-config/wildfly/configure-postgresql.cli (docs/deployment.md) or"
              + " switch cluster mode off");
    }
    if (tokenKeys == null || tokenKeys.isBlank()) {
      problems.add(
          "gamehall.token.keys (or GAMEHALL_TOKEN_KEYS) must be set, the same on every node, in"
              + " cluster mode: a player's token from one node must verify on every other node");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "cluster mode cannot start: " + String.join("; and ", problems));
    }
  }
}
