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
 * to be claimed, and their new owners publish them again. This node republishes its own tables
 * after a merge through {@link #republish}.
 */
public final class ClusterDirectory implements HallDirectory, AutoCloseable {
  static final String TABLES = "gamehall-tables";
  static final String CODES = "gamehall-codes";
  static final String PRESENCE = "gamehall-presence";
  private static final char SEP = '|';

  private final String node;
  private final Cache<String, String> tables;
  private final Cache<String, String> codes;
  private final Cache<String, String> presence;
  private volatile boolean closed;
  private final List<java.util.function.Consumer<ClusterView>> purged =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private ClusterDirectory(ClusterNode clusterNode, EmbeddedCacheManager manager) {
    this.node = clusterNode.name();
    this.tables = manager.getCache(TABLES);
    this.codes = manager.getCache(CODES);
    this.presence = manager.getCache(PRESENCE);
  }

  /** Starts the caches on {@code clusterNode}. */
  public static ClusterDirectory start(ClusterNode clusterNode) {
    EmbeddedCacheManager manager = clusterNode.cacheManager();
    ConfigurationBuilder replicated = new ConfigurationBuilder();
    replicated.clustering().cacheMode(CacheMode.REPL_SYNC);
    for (String name : List.of(TABLES, CODES, PRESENCE)) {
      if (manager.getCacheConfiguration(name) == null) {
        manager.defineConfiguration(name, replicated.build());
      }
    }
    ClusterDirectory directory = new ClusterDirectory(clusterNode, manager);
    clusterNode.onView(v -> directory.purgeDeparted(v));
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

  /** Puts this node's own entries back, e.g. after a merge in which the other side dropped them. */
  public void republish(Map<String, String> ownTables, Map<String, String> ownCodes) {
    ownTables.forEach(this::publish);
    ownCodes.forEach((code, tableId) -> codes.put(code, mine(tableId)));
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
  void afterPurge(java.util.function.Consumer<ClusterView> listener) {
    purged.add(listener);
  }

  @Override
  public void close() {
    closed = true;
  }
}
