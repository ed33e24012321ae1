package io.gamehall.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The directory of a cluster node: three replicated caches of strings (tables, codes, presence),
 * each value prefixed with the node that wrote it. Replicated, not distributed: the lobby reads the
 * whole table list on every node, and these entries are small (see docs/clustering.md for the sizes
 * at 10 and 100 nodes).
 *
 * <p>When a node leaves the view, the coordinator drops that node's entries: its tables are about
 * to be claimed, and their new owners publish them again. After a merge, once the caches have
 * settled on the merged view, this node republishes its own tables and codes ({@link #afterMerge},
 * {@link #republish}).
 */
public final class ClusterDirectory implements HallDirectory, AutoCloseable {
  static final String TABLES = "gamehall-tables";
  static final String CODES = "gamehall-codes";
  static final String PRESENCE = "gamehall-presence";
  static final String SEATS = "gamehall-seats";
  private static final char SEP = '|';

  private final String node;
  private final ClusterNode clusterNode;
  private final Cache<String, String> tables;
  private final Cache<String, String> codes;
  private final Cache<String, String> presence;
  private final Cache<String, String> seats;
  private final List<java.util.function.BiConsumer<String, String>> owners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Listings> listings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private final List<java.util.function.Consumer<ClusterView>> purged =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Runnable> afterMerge = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean mergePending =
      new java.util.concurrent.atomic.AtomicBoolean();

  private ClusterDirectory(ClusterNode clusterNode, EmbeddedCacheManager manager) {
    this.node = clusterNode.name();
    this.clusterNode = clusterNode;
    this.tables = manager.getCache(TABLES);
    this.codes = manager.getCache(CODES);
    this.presence = manager.getCache(PRESENCE);
    this.seats = manager.getCache(SEATS);
  }

  /** Starts the caches on {@code clusterNode}. */
  public static ClusterDirectory start(ClusterNode clusterNode) {
    EmbeddedCacheManager manager = clusterNode.cacheManager();
    ConfigurationBuilder replicated = new ConfigurationBuilder();
    replicated.clustering().cacheMode(CacheMode.REPL_SYNC);
    for (String name : List.of(TABLES, CODES, PRESENCE, SEATS)) {
      if (manager.getCacheConfiguration(name) == null) {
        manager.defineConfiguration(name, replicated.build());
      }
    }
    ClusterDirectory directory = new ClusterDirectory(clusterNode, manager);
    clusterNode.onView(v -> directory.purgeDeparted(v));
    directory.tables.addListener(directory.new OwnerWatcher());
    TopologyWatcher settling = directory.new TopologyWatcher();
    directory.tables.addListener(settling);
    directory.codes.addListener(settling);
    clusterNode.onMerged(directory::merged);
    return directory;
  }

  private String mine(String value) {
    return node + SEP + value;
  }

  private static String nodeOf(String stored) {
    return stored.substring(0, stored.indexOf(SEP));
  }

  private static String valueOf(String stored) {
    return stored.substring(stored.indexOf(SEP) + 1);
  }

  @Override
  public void publish(String tableId, String summary) {
    tables.put(tableId, mine(summary));
  }

  @Override
  public void unpublish(String tableId) {
    tables.remove(tableId);
  }

  @Override
  public Optional<String> owner(String tableId) {
    String stored = tables.get(tableId);
    return stored == null ? Optional.empty() : Optional.of(nodeOf(stored));
  }

  /**
   * Tells {@code listener} (table, node) each time a table is published, off the JGroups thread;
   * the relay moves its sockets when the node differs from the one it knew.
   */
  public void onOwner(java.util.function.BiConsumer<String, String> listener) {
    owners.add(listener);
  }

  /** What a lobby hears of other nodes' tables, off the JGroups thread. */
  public interface Listings {
    /** {@code tableId} was published by {@code node} (not this one) with its lobby summary. */
    void published(String tableId, String node, String summary);

    /** {@code tableId}, last published by another node, left the directory. */
    void removed(String tableId);
  }

  /** Tells {@code listener} of every table another node publishes or removes. */
  public void onListings(Listings listener) {
    listings.add(listener);
  }

  @Override
  public void seated(String playerId, String tableId) {
    editSeats(playerId, tableId, true);
  }

  @Override
  public void left(String playerId, String tableId) {
    editSeats(playerId, tableId, false);
  }

  @Override
  public java.util.Set<String> seatsOf(String playerId) {
    String stored = seats.get(playerId);
    return stored == null || stored.isEmpty()
        ? java.util.Set.of()
        : java.util.Set.of(stored.split(","));
  }

  /**
   * One player's seats as one comma-joined value, changed with conditional replaces (no function
   * shipped to other nodes, so nothing to marshal); a lost race retries on the newer value.
   */
  private void editSeats(String playerId, String tableId, boolean add) {
    for (int attempt = 0; attempt < 32; attempt++) {
      String old = seats.get(playerId);
      java.util.Set<String> next =
          new java.util.TreeSet<>(
              old == null || old.isEmpty() ? List.of() : List.of(old.split(",")));
      if (!(add ? next.add(tableId) : next.remove(tableId))) {
        return;
      }
      boolean done;
      if (next.isEmpty()) {
        done = seats.remove(playerId, old);
      } else if (old == null) {
        done = seats.putIfAbsent(playerId, String.join(",", next)) == null;
      } else {
        done = seats.replace(playerId, old, String.join(",", next));
      }
      if (done) {
        return;
      }
    }
  }

  @Override
  public Map<String, Listing> tables() {
    Map<String, Listing> all = new HashMap<>();
    // A replicated cache holds every entry locally: this reads no other node.
    tables.forEach((id, stored) -> all.put(id, new Listing(nodeOf(stored), valueOf(stored))));
    return all;
  }

  @Override
  public boolean reserveCode(String code, String tableId) {
    return codes.putIfAbsent(code, mine(tableId)) == null;
  }

  @Override
  public Optional<Location> resolveCode(String code) {
    String stored = codes.get(code);
    return stored == null
        ? Optional.empty()
        : Optional.of(new Location(valueOf(stored), nodeOf(stored)));
  }

  @Override
  public void releaseCode(String code) {
    codes.remove(code);
  }

  @Override
  public void online(String playerId) {
    presence.put(playerId, mine(""));
  }

  @Override
  public void offline(String playerId) {
    presence.remove(playerId, mine(""));
  }

  @Override
  public Optional<String> presence(String playerId) {
    String stored = presence.get(playerId);
    return stored == null ? Optional.empty() : Optional.of(nodeOf(stored));
  }

  /**
   * Puts this node's own entries back, e.g. after a merge in which the other side dropped them.
   * Codes go first: a node that hears a table published again can then resolve its code too.
   * Returns the codes not put back because another table holds them now (drawn on the other side
   * while the partition hid this one).
   */
  public java.util.Set<String> republish(
      Map<String, String> ownTables, Map<String, String> ownCodes) {
    java.util.Set<String> taken = new java.util.TreeSet<>();
    ownCodes.forEach(
        (code, tableId) -> {
          String stored = codes.putIfAbsent(code, mine(tableId));
          if (stored != null && !valueOf(stored).equals(tableId)) {
            taken.add(code);
          } else if (stored != null && !nodeOf(stored).equals(node)) {
            // The code moved with its table (adopted here): the old owner's entry is stale.
            codes.replace(code, stored, mine(tableId));
          }
        });
    ownTables.forEach(this::publish);
    return taken;
  }

  /**
   * Runs {@code republish} once after each merge, off the JGroups and Infinispan threads, when the
   * tables and codes caches have settled on the merged view. Not at the merge itself: measured in
   * RelayTest, entries put then land in this node's side of the partition only, and Infinispan's
   * merge then replaces them with the larger side's (which the purge emptied of this node's).
   */
  public void afterMerge(Runnable republish) {
    afterMerge.add(republish);
  }

  private void merged() {
    mergePending.set(true);
    republishIfSettled();
  }

  private void republishIfSettled() {
    if (closed || !mergePending.get() || !settled(tables) || !settled(codes)) {
      return;
    }
    if (mergePending.compareAndSet(true, false)) {
      // Cluster writes: never on the thread that delivered the topology.
      Thread republish =
          new Thread(
              () -> {
                for (Runnable listener : afterMerge) {
                  try {
                    listener.run();
                  } catch (RuntimeException e) {
                    java.util.logging.Logger.getLogger(ClusterDirectory.class.getName())
                        .log(java.util.logging.Level.WARNING, "republish after a merge failed", e);
                  }
                }
              },
              "directory-republish-" + node);
      republish.setDaemon(true);
      republish.start();
    }
  }

  /** No rebalance under way, and every member of this node's view holds the cache. */
  private boolean settled(Cache<String, String> cache) {
    org.infinispan.topology.CacheTopology topology =
        cache.getAdvancedCache().getDistributionManager().getCacheTopology();
    if (topology == null
        || topology.getPhase() != org.infinispan.topology.CacheTopology.Phase.NO_REBALANCE) {
      return false;
    }
    java.util.Set<String> holding = new java.util.HashSet<>();
    topology.getActualMembers().forEach(a -> holding.add(a.toString()));
    return holding.containsAll(clusterNode.view().members());
  }

  /** The coordinator drops entries of nodes that left the view (soft state; owners republish). */
  private void purgeDeparted(ClusterView view) {
    if (closed || view.members().isEmpty() || !view.members().get(0).equals(node)) {
      return;
    }
    // Off the JGroups thread: removals are cluster writes.
    Thread purge =
        new Thread(
            () -> {
              for (Cache<String, String> cache : List.of(tables, codes, presence)) {
                for (Map.Entry<String, String> e : new HashMap<>(cache).entrySet()) {
                  if (!view.members().contains(nodeOf(e.getValue()))) {
                    cache.remove(e.getKey(), e.getValue());
                  }
                }
              }
              purged.forEach(listener -> listener.accept(view));
            },
            "directory-purge-" + node);
    purge.setDaemon(true);
    purge.start();
  }

  /** Tells {@code listener} after each purge this node ran (as coordinator), for tests. */
  public void afterPurge(java.util.function.Consumer<ClusterView> listener) {
    purged.add(listener);
  }

  /** Infinispan calls listeners reflectively: public class, public methods; async, off JGroups. */
  @org.infinispan.notifications.Listener(sync = false)
  public final class OwnerWatcher {
    @org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated
    @org.infinispan.notifications.cachelistener.annotation.CacheEntryModified
    public void published(
        org.infinispan.notifications.cachelistener.event.CacheEntryEvent<String, String> event) {
      if (event.isPre() || event.getValue() == null) {
        return;
      }
      String owner = nodeOf(event.getValue());
      for (java.util.function.BiConsumer<String, String> listener : owners) {
        listener.accept(event.getKey(), owner);
      }
      if (!owner.equals(node)) {
        String summary = valueOf(event.getValue());
        listings.forEach(l -> l.published(event.getKey(), owner, summary));
      }
    }

    @org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved
    public void removed(
        org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent<String, String>
            event) {
      String old = event.getOldValue();
      // This node's own removals reach its lobby directly, as on a single node.
      if (event.isPre() || old == null || nodeOf(old).equals(node)) {
        return;
      }
      listings.forEach(l -> l.removed(event.getKey()));
    }
  }

  /** Hears each new topology of the tables and codes caches: the end of a merge's rebalance. */
  @org.infinispan.notifications.Listener(sync = false)
  public final class TopologyWatcher {
    @org.infinispan.notifications.cachelistener.annotation.TopologyChanged
    public void changed(
        org.infinispan.notifications.cachelistener.event.TopologyChangedEvent<String, String>
            event) {
      if (!event.isPre()) {
        republishIfSettled();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
