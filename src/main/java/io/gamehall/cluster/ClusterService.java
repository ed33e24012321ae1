package io.gamehall.cluster;

import io.gamehall.config.Settings;
import io.gamehall.store.snapshot.SnapshotStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Cluster mode in the container. Off by default: then it reads one setting and nothing else, and no
 * Infinispan or JGroups code runs (the same WAR on a single node, on WildFly or Payara). On, it
 * checks the node's preconditions (shared PostgreSQL, shared token keys, a cluster secret), starts
 * the {@link ClusterNode}, and fails the deployment with the reason if any of that fails.
 */
@ApplicationScoped
public class ClusterService {
  private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());

  /** After SchemaStartup (default priority APPLICATION + 500): claims read table_owner. */
  private static final int AFTER_MIGRATIONS = Interceptor.Priority.APPLICATION + 600;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  /** Claims load snapshots through CDI and JPA: they need a thread the container manages. */
  @Resource ManagedThreadFactory managedThreads;

  @Inject Settings config;
  @Inject Instance<SnapshotStore> snapshots;
  @Inject Instance<TableAdopter> adopters;

  private volatile ClusterNode node;

  void start(
      @Observes @Priority(AFTER_MIGRATIONS) @Initialized(ApplicationScoped.class) Object context)
      throws Exception {
    Function<String, String> lookup = name -> config.text(name).orElse(null);
    if (!ClusterSettings.enabled(lookup)) {
      return;
    }
    ClusterSettings settings = ClusterSettings.from(lookup);
    ClusterPreconditions.check(databaseProduct(), lookup.apply("gamehall.token.keys"));
    TableAdopter adopter =
        adopters.isResolvable()
            ? adopters.get()
            : (tableId, fence, snapshot) ->
                LOG.warning(
                    "claimed table "
                        + tableId
                        + " at epoch "
                        + fence.epoch()
                        + " but this build does not restore claimed tables yet"
                        + " (docs/clustering.md)");
    node =
        ClusterNode.start(
            settings,
            dataSource,
            tableId -> snapshots.isResolvable() ? snapshots.get().load(tableId) : Optional.empty(),
            adopter,
            managedThreads != null ? managedThreads : Executors.defaultThreadFactory());
  }

  @PreDestroy
  void stop() {
    ClusterNode running = node;
    node = null;
    if (running != null) {
      running.close();
    }
  }

  /** Whether this node runs in cluster mode. */
  public boolean enabled() {
    return node != null;
  }

  /**
   * The gate the table layer consults before applying a move: always true on a single node; in a
   * cluster, true only while this node sees a quorum ({@link ClusterNode#canAcceptMoves}).
   */
  public boolean canAcceptMoves() {
    ClusterNode running = node;
    return running == null || running.canAcceptMoves();
  }

  /** The running node, empty on a single node. */
  public Optional<ClusterNode> node() {
    return Optional.ofNullable(node);
  }

  private String databaseProduct() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName();
    }
  }
}
