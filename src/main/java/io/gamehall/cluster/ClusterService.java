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
import java.util.function.Consumer;
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
  private volatile PlayerConnections players;
  private volatile HallDirectory directory = new LocalDirectory("local");
  private volatile Consumer<String> closeReplaced = id -> {};
  private volatile Relay relay;
  private volatile java.util.concurrent.ExecutorService relaySenders;
  private volatile ClusterMatchQueue matchQueue;
  private volatile Consumer<ClusterMatchQueue.Formed> formed = f -> {};

  /** Frames one destination node's relay queue holds before it drops connections. */
  static final int DEFAULT_RELAY_QUEUE = 8192;

  void start(
      @Observes @Priority(AFTER_MIGRATIONS) @Initialized(ApplicationScoped.class) Object context)
      throws Exception {
    Function<String, String> lookup = name -> config.text(name).orElse(null);
    if (!ClusterSettings.enabled(lookup)) {
      return;
    }
    ClusterSettings settings = ClusterSettings.from(lookup);
    ClusterPreconditions.check(databaseProduct(), lookup.apply("gamehall.token.keys"));
    TableAdopter table =
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
    // Claims on the first view can come before this method has published the node; the table
    // layer needs it (owned()), so they wait on the claims thread until it has.
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    TableAdopter adopter =
        (tableId, fence, snapshot) -> {
          try {
            if (!started.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
              throw new IllegalStateException("cluster service did not start; table " + tableId);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          table.adopt(tableId, fence, snapshot);
        };
    node =
        ClusterNode.start(
            settings,
            dataSource,
            tableId -> snapshots.isResolvable() ? snapshots.get().load(tableId) : Optional.empty(),
            adopter,
            managedThreads != null ? managedThreads : Executors.defaultThreadFactory());
    players = PlayerConnections.start(node, id -> closeReplaced.accept(id));
    ClusterDirectory shared = ClusterDirectory.start(node);
    directory = shared;
    String queue = lookup.apply("gamehall.cluster.relay.queue");
    relaySenders =
        Executors.newCachedThreadPool(
            managedThreads != null ? managedThreads : Executors.defaultThreadFactory());
    relay =
        Relay.start(
            node,
            shared,
            queue == null ? DEFAULT_RELAY_QUEUE : Integer.parseInt(queue.trim()),
            relaySenders);
    io.gamehall.matching.MatchMaker.Policy d = io.gamehall.matching.MatchMaker.Policy.defaults();
    String botFill = lookup.apply("gamehall.match.bot.fill.seconds");
    matchQueue =
        ClusterMatchQueue.start(
            node,
            new io.gamehall.matching.MatchMaker.Policy(
                d.initialBand(),
                d.widenPerSecond(),
                d.maxBand(),
                botFill == null
                    ? d.botFillAfter()
                    : java.time.Duration.ofSeconds(Long.parseLong(botFill.trim()))),
            System::currentTimeMillis,
            f -> formed.accept(f));
    started.countDown();
  }

  /** The cluster's quick-match queue (one matchmaker on the coordinator); empty on one node. */
  public Optional<ClusterMatchQueue> matchQueue() {
    return Optional.ofNullable(matchQueue);
  }

  /** Where groups the cluster's matchmaker forms go (the lobby seats them). */
  public void onFormed(Consumer<ClusterMatchQueue.Formed> seater) {
    formed = seater;
  }

  /** The relay to tables on other nodes; empty on a single node. */
  public Optional<Relay> relay() {
    return Optional.ofNullable(relay);
  }

  /**
   * Tables, join codes and presence as every node sees them: a {@link ClusterDirectory} in cluster
   * mode, otherwise a {@link LocalDirectory} of plain maps.
   */
  public HallDirectory directory() {
    return directory;
  }

  /**
   * Where a note from another node lands that one of this node's connections was replaced by a
   * newer {@code hello} there: the connection registry closes it with 4001.
   */
  public void onReplaced(Consumer<String> closer) {
    closeReplaced = closer;
  }

  /** The tables this node runs and their fences; empty on a single node. */
  public Optional<OwnedTables> owned() {
    ClusterNode running = node;
    return running == null ? Optional.empty() : Optional.of(running.owned());
  }

  /** Runs {@code listener} after this node merged back into the cluster; nothing on one node. */
  public void onMerged(Runnable listener) {
    ClusterNode running = node;
    if (running != null) {
      running.onMerged(listener);
    }
  }

  /** The cluster-wide player -> live connection map; empty on a single node. */
  public Optional<PlayerConnections> players() {
    return Optional.ofNullable(players);
  }

  @PreDestroy
  void stop() {
    ClusterNode running = node;
    node = null;
    PlayerConnections connections = players;
    players = null;
    ClusterMatchQueue queue = matchQueue;
    matchQueue = null;
    if (queue != null) {
      queue.close();
    }
    Relay running0 = relay;
    relay = null;
    if (running0 != null) {
      running0.close();
      relaySenders.shutdownNow();
    }
    if (connections != null) {
      connections.close();
    }
    if (directory instanceof ClusterDirectory shared) {
      shared.close();
    }
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
