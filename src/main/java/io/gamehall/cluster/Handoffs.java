package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.SnapshotStore;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * Tables handed from a draining node to a live one. The draining node has written the table's last
 * snapshot under its fence and moved the {@code table_owner} row to the heir (epoch + 1); it then
 * announces the move in the replicated cache {@code gamehall-handoffs} (table -> heir|epoch). The
 * heir hears the entry, checks that the row really names it at that epoch (the database, not the
 * note, is the truth), and adopts the table exactly as after a failover claim. The entry lives 5
 * minutes; a heir that misses it (it crashed meanwhile) leaves the row to the ordinary failover.
 */
final class Handoffs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Handoffs.class.getName());
  static final String CACHE = "gamehall-handoffs";
  private static final char SEP = '|';
  private static final long LIFESPAN_MINUTES = 5;

  private final String self;
  private final Cache<String, String> notes;
  private final TableOwnership ownership;
  private final Executor claims;
  private final Function<String, Optional<SnapshotStore.Saved>> snapshots;
  private final TableAdopter adopter;
  private final Heard heard = new Heard();

  private Handoffs(
      String self,
      Cache<String, String> notes,
      TableOwnership ownership,
      Executor claims,
      Function<String, Optional<SnapshotStore.Saved>> snapshots,
      TableAdopter adopter) {
    this.self = self;
    this.notes = notes;
    this.ownership = ownership;
    this.claims = claims;
    this.snapshots = snapshots;
    this.adopter = adopter;
  }

  static Handoffs start(
      String self,
      EmbeddedCacheManager manager,
      TableOwnership ownership,
      Executor claims,
      Function<String, Optional<SnapshotStore.Saved>> snapshots,
      TableAdopter adopter) {
    if (!manager.cacheExists(CACHE) && manager.getCacheConfiguration(CACHE) == null) {
      ConfigurationBuilder replicated = new ConfigurationBuilder();
      replicated.clustering().cacheMode(CacheMode.REPL_SYNC);
      manager.defineConfiguration(CACHE, replicated.build());
    }
    Handoffs handoffs =
        new Handoffs(self, manager.getCache(CACHE), ownership, claims, snapshots, adopter);
    handoffs.notes.addListener(handoffs.heard);
    return handoffs;
  }

  /** Tells {@code fence}'s node that it owns {@code tableId} now and should run it. */
  void announce(String tableId, OwnerFence fence) {
    notes.put(tableId, fence.node() + SEP + fence.epoch(), LIFESPAN_MINUTES, TimeUnit.MINUTES);
  }

  private void adopt(String tableId, OwnerFence fence) {
    try {
      Optional<OwnerFence> row = ownership.owner(tableId);
      if (row.isEmpty() || !row.get().equals(fence)) {
        LOG.info(
            () -> "hand-off of table " + tableId + " to " + fence + " is stale (row: " + row + ")");
        return;
      }
      LOG.info(
          () -> "took over table " + tableId + " from a draining node, epoch " + fence.epoch());
      adopter.adopt(tableId, fence, snapshots.apply(tableId));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "adopting handed-off table " + tableId + " failed", e);
    }
  }

  @Override
  public void close() {
    notes.removeListener(heard);
  }

  /** Infinispan calls listeners reflectively: public class, public methods. */
  @Listener(sync = false)
  public final class Heard {
    @CacheEntryCreated
    @CacheEntryModified
    public void noted(CacheEntryEvent<String, String> event) {
      String value = event.getValue();
      if (event.isPre() || value == null) {
        return;
      }
      int at = value.indexOf(SEP);
      if (!self.equals(value.substring(0, at))) {
        return;
      }
      OwnerFence fence = new OwnerFence(self, Long.parseLong(value.substring(at + 1)));
      String tableId = event.getKey();
      // The claims thread: database work and adoption never run on Infinispan's threads, and
      // hand-offs and failover claims of this node happen one at a time.
      claims.execute(() -> adopt(tableId, fence));
    }
  }
}
