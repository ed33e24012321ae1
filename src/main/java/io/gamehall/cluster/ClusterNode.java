package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.SnapshotStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.util.NameCache;

/**
 * One GameHall node in a cluster: an Infinispan cache manager on its own JGroups channel, the
 * quorum gate, and failover of lost nodes' tables. Plain Java (the container facade is {@link
 * ClusterService}), so tests run several nodes in one JVM.
 *
 * <p>The gate changes on the JGroups thread that delivers the view, before anything else learns of
 * it; claims run on one thread of this node's own, in view order, so database calls never hold up
 * the cluster's threads.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

  private final ClusterSettings settings;
  private final JChannel channel;
  private final ClusterAuth auth;
  private final DefaultCacheManager manager;
  private final ExecutorService claims;
  private final List<Consumer<ClusterView>> listeners = new CopyOnWriteArrayList<>();
  private final TableOwnership ownership;
  private final OwnedTables owned;
  private final List<Runnable> mergeListeners = new CopyOnWriteArrayList<>();
  private volatile Handoffs handoffs;
  private volatile ClusterView view = new ClusterView(-1, List.of(), false);

  private ClusterNode(
      ClusterSettings settings,
      JChannel channel,
      ClusterAuth auth,
      DefaultCacheManager manager,
      TableOwnership ownership,
      ThreadFactory threads) {
    this.settings = settings;
    this.channel = channel;
    this.auth = auth;
    this.manager = manager;
    this.ownership = ownership;
    this.owned = new OwnedTables(settings.nodeName(), ownership);
    this.claims = Executors.newSingleThreadExecutor(threads);
  }

  /**
   * Starts the node and joins the cluster; returns once this node is in a view. Throws {@link
   * ClusterRefusedException} when the cluster refuses it (wrong secret, incompatible version).
   *
   * @param dataSource the shared database (table ownership, and discovery for jdbc_ping)
   * @param snapshots a claimed table's latest snapshot, by table id
   * @param adopter where claimed tables go
   * @param threads makes the one thread claims run on (in a container: a managed thread, so the
   *     snapshot store and the adopter find their resources)
   */
  public static ClusterNode start(
      ClusterSettings settings,
      DataSource dataSource,
      Function<String, Optional<SnapshotStore.Saved>> snapshots,
      TableAdopter adopter,
      ThreadFactory threads)
      throws Exception {
    ClusterKeys keys = ClusterKeys.derive(settings.secret(), settings.clusterName());
    JChannel channel = JGroupsStack.channel(settings, keys, dataSource);
    ClusterAuth auth = channel.getProtocolStack().findProtocol(ClusterAuth.class);
    GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
    global.cacheManagerName("gamehall-" + settings.nodeName());
    // Several nodes share a JVM in the tests; the server's JMX is not ours to fill.
    global.jmx().disable();
    global.globalState().disable();
    global
        .transport()
        .clusterName(settings.clusterName())
        .nodeName(settings.nodeName())
        .addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR, new PrebuiltChannel(channel));
    DefaultCacheManager manager = new DefaultCacheManager(global.build(), false);
    ClusterNode node =
        new ClusterNode(
            settings,
            channel,
            auth,
            manager,
            new TableOwnership(dataSource, Clock.systemUTC()),
            threads);
    Failover failover =
        new Failover(settings.nodeName(), node.ownership, snapshots, adopter, node::view);
    node.listeners.add(v -> node.claims.execute(() -> failover.run(v)));
    try {
      manager.start();
    } catch (RuntimeException e) {
      node.claims.shutdownNow();
      String refused = auth.refusedWith();
      if (refused != null) {
        throw new ClusterRefusedException(
            "node '"
                + settings.nodeName()
                + "' was refused by cluster '"
                + settings.clusterName()
                + "': "
                + refused,
            e);
      }
      throw e;
    }
    node.handoffs =
        Handoffs.start(
            settings.nodeName(), manager, node.ownership, node.claims, snapshots, adopter);
    manager.addListener(node.new ViewWatcher());
    // A view that came before the watcher: applied now (older ids are ignored later).
    node.apply(channel.getView());
    LOG.info(() -> "joined " + settings + "; view " + node.view.members());
    return node;
  }

  public String name() {
    return settings.nodeName();
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The latest view this node has installed. */
  public ClusterView view() {
    return view;
  }

  /**
   * Whether this node sees a quorum of the cluster. A table owned here must not take a move while
   * this is false: the node may be on the minority side of a partition, where the majority is about
   * to claim its tables (their snapshot writes are then refused anyway, by the fence).
   */
  public boolean canAcceptMoves() {
    return view.quorate();
  }

  public TableOwnership ownership() {
    return ownership;
  }

  /** The tables this node runs and their fences. */
  public OwnedTables owned() {
    return owned;
  }

  /**
   * Hands {@code tableId}, whose last snapshot this node has just written under {@code fence}, to
   * another member: the one {@link Failover#heir} picks among the others in the view (so a drain
   * spreads tables as a crash would). Moves the row to it with the next epoch (one conditional
   * UPDATE) and announces it, so the heir adopts the table. Empty when this node lacks the quorum,
   * no other member is in the view, or the row no longer says {@code fence} (then nothing changed).
   */
  public Optional<OwnerFence> handOff(String tableId, OwnerFence fence) throws SQLException {
    ClusterView now = view;
    List<String> others = new ArrayList<>(now.members());
    others.remove(name());
    // Like a claim: a node cut off from the quorum moves no table (its view may be the minority's).
    if (!now.quorate() || others.isEmpty()) {
      return Optional.empty();
    }
    String heir = Failover.heir(tableId, others);
    Optional<OwnerFence> moved = ownership.claim(tableId, fence, heir);
    if (moved.isPresent()) {
      owned.forget(tableId);
      handoffs.announce(tableId, moved.get());
    }
    return moved;
  }

  /** Called after this node merged back with others (a partition healed); must not block. */
  public void onMerged(Runnable listener) {
    mergeListeners.add(listener);
  }

  /** Called on a JGroups thread with each new view, after the gate has changed; must not block. */
  public void onView(Consumer<ClusterView> listener) {
    listeners.add(listener);
  }

  /** The JGroups channel, for tests that cut a node off the network. */
  JChannel channel() {
    return channel;
  }

  DefaultCacheManager cacheManager() {
    return manager;
  }

  private synchronized void apply(View jgroupsView) {
    if (jgroupsView == null || jgroupsView.getViewId().getId() <= view.id()) {
      return;
    }
    List<String> members = new ArrayList<>();
    for (Address a : jgroupsView.getMembers()) {
      String logical = NameCache.get(a);
      members.add(logical != null ? logical : a.toString());
    }
    boolean quorate = members.size() >= settings.quorum();
    ClusterView next = new ClusterView(jgroupsView.getViewId().getId(), members, quorate);
    boolean gateChanged = view.quorate() != quorate;
    view = next;
    if (gateChanged) {
      LOG.log(
          quorate ? Level.INFO : Level.WARNING,
          () ->
              quorate
                  ? "node '" + name() + "' sees a quorum again " + members + ": accepting moves"
                  : "node '"
                      + name()
                      + "' sees "
                      + members.size()
                      + " of the "
                      + settings.quorum()
                      + " nodes a quorum needs "
                      + members
                      + ": accepting no moves until the cluster heals");
    }
    for (Consumer<ClusterView> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cluster view listener failed", e);
      }
    }
  }

  /** Stops the node: a graceful leave, so the others install a new view at once. */
  @Override
  public void close() {
    Handoffs running = handoffs;
    if (running != null) {
      running.close();
    }
    claims.shutdown();
    try {
      manager.stop();
    } finally {
      try {
        if (!claims.awaitTermination(10, TimeUnit.SECONDS)) {
          claims.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Infinispan calls listeners reflectively: public class, public methods. */
  @Listener
  public final class ViewWatcher {
    @ViewChanged
    public void changed(ViewChangedEvent event) {
      apply(channel.getView());
    }

    @Merged
    public void merged(ViewChangedEvent event) {
      apply(channel.getView());
      for (Runnable listener : mergeListeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cluster merge listener failed", e);
        }
      }
    }
  }
}
