package io.gamehall.cluster;

import io.gamehall.matching.MatchMaker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * The quick-match queue of the whole cluster, with one matchmaker: the JGroups coordinator.
 *
 * <p>Tickets live in a replicated cache (player -> node, game, seats, rating, time queued), so
 * every node holds all of them and the loss of the matchmaker's node loses none: the next
 * coordinator runs the same {@link MatchMaker} over the same tickets. A round takes each matched
 * ticket out with a conditional remove (a ticket cancelled or replaced meanwhile makes the group
 * fall apart and its other tickets go back), then announces the group in a second replicated cache
 * that every node listens to; the group's host is the node of its longest-waiting player (tables
 * are placed on a creator's node). Tickets of a node that left the view are dropped by the
 * coordinator: their sockets are gone with it.
 */
public final class ClusterMatchQueue implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ClusterMatchQueue.class.getName());
  static final String TICKETS = "gamehall-tickets";
  static final String GROUPS = "gamehall-groups";
  private static final String SEP = "|";

  /** A group formed by the matchmaker, to be seated on {@code host}. */
  public record Formed(String id, String host, MatchMaker.Group group) {}

  /** Where a node hears about formed groups (every node hears every group). */
  public interface Seater {
    void formed(Formed formed);
  }

  private final ClusterNode clusterNode;
  private final Cache<String, String> tickets;
  private final Cache<String, String> groups;
  private final MatchMaker.Policy policy;
  private final LongSupplier clock;
  private final Seater seater;
  private final ScheduledExecutorService rounds =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "matchmaker");
            t.setDaemon(true);
            return t;
          });
  private final Watcher watcher = new Watcher();

  private ClusterMatchQueue(
      ClusterNode clusterNode,
      EmbeddedCacheManager manager,
      MatchMaker.Policy policy,
      LongSupplier clock,
      Seater seater) {
    this.clusterNode = clusterNode;
    this.tickets = manager.getCache(TICKETS);
    this.groups = manager.getCache(GROUPS);
    this.policy = policy;
    this.clock = clock;
    this.seater = seater;
  }

  /**
   * Starts the queue on {@code clusterNode}; {@code clock} gives milliseconds (bot fill and band
   * widening depend on it).
   */
  public static ClusterMatchQueue start(
      ClusterNode clusterNode, MatchMaker.Policy policy, LongSupplier clock, Seater seater) {
    EmbeddedCacheManager manager = clusterNode.cacheManager();
    ConfigurationBuilder replicated = new ConfigurationBuilder();
    replicated.clustering().cacheMode(CacheMode.REPL_SYNC);
    for (String name : List.of(TICKETS, GROUPS)) {
      if (manager.getCacheConfiguration(name) == null) {
        manager.defineConfiguration(name, replicated.build());
      }
    }
    ClusterMatchQueue queue = new ClusterMatchQueue(clusterNode, manager, policy, clock, seater);
    queue.tickets.addListener(queue.watcher);
    queue.groups.addListener(queue.watcher);
    clusterNode.onView(v -> queue.requestRound());
    // Waiting widens bands and ends in bot fill: the coordinator also looks once a second.
    queue.rounds.scheduleWithFixedDelay(queue::round, 1, 1, TimeUnit.SECONDS);
    return queue;
  }

  /** Queues a player on this node, replacing any earlier ticket of theirs anywhere. */
  public void enqueue(String playerId, String game, int seats, int rating) {
    tickets.put(
        playerId,
        String.join(
            SEP,
            clusterNode.name(),
            game,
            Integer.toString(seats),
            Integer.toString(rating),
            Long.toString(clock.getAsLong())));
  }

  public boolean cancel(String playerId) {
    return tickets.remove(playerId) != null;
  }

  /** Tickets waiting in the cluster, for a game. */
  public int waitingFor(String game) {
    int n = 0;
    for (String stored : tickets.values()) {
      if (stored.split("\\|", -1)[1].equals(game)) {
        n++;
      }
    }
    return n;
  }

  /** Asks for a matching round soon (only the coordinator runs one). */
  void requestRound() {
    if (!rounds.isShutdown()) {
      rounds.execute(this::round);
    }
  }

  private boolean coordinator() {
    ClusterView view = clusterNode.view();
    return view.quorate()
        && !view.members().isEmpty()
        && view.members().get(0).equals(clusterNode.name());
  }

  private void round() {
    try {
      if (!coordinator()) {
        return;
      }
      List<String> members = clusterNode.view().members();
      Map<String, String> snapshot = new HashMap<>(tickets);
      List<MatchMaker.Ticket> waiting = new ArrayList<>();
      Map<String, String> nodeOf = new HashMap<>();
      for (Map.Entry<String, String> e : snapshot.entrySet()) {
        String[] f = e.getValue().split("\\|", -1);
        if (!members.contains(f[0])) {
          tickets.remove(e.getKey(), e.getValue());
          continue;
        }
        nodeOf.put(e.getKey(), f[0]);
        waiting.add(
            new MatchMaker.Ticket(
                e.getKey(),
                f[1],
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                Long.parseLong(f[4])));
      }
      waiting.sort(Comparator.comparingLong(MatchMaker.Ticket::enqueuedMillis));
      MatchMaker matcher = new MatchMaker(policy);
      waiting.forEach(matcher::enqueue);
      for (MatchMaker.Group group : matcher.match(clock.getAsLong())) {
        List<MatchMaker.Ticket> taken = new ArrayList<>();
        for (MatchMaker.Ticket t : group.players()) {
          if (tickets.remove(t.playerId(), snapshot.get(t.playerId()))) {
            taken.add(t);
          }
        }
        if (taken.size() < group.players().size()) {
          // Someone cancelled or re-queued meanwhile: the others wait for the next round.
          taken.forEach(t -> tickets.putIfAbsent(t.playerId(), snapshot.get(t.playerId())));
          continue;
        }
        String host = nodeOf.get(group.players().get(0).playerId());
        List<String> players = new ArrayList<>();
        group.players().forEach(t -> players.add(t.playerId() + ":" + t.rating()));
        groups.put(
            UUID.randomUUID().toString(),
            String.join(
                SEP,
                host,
                group.game(),
                Integer.toString(group.players().get(0).seats()),
                Integer.toString(group.bots()),
                String.join(",", players)),
            5,
            TimeUnit.MINUTES);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "matchmaking round failed", e);
    }
  }

  private void announce(String id, String stored) {
    String[] f = stored.split("\\|", -1);
    int seats = Integer.parseInt(f[2]);
    List<MatchMaker.Ticket> players = new ArrayList<>();
    for (String p : f[4].split(",")) {
      int colon = p.lastIndexOf(':');
      players.add(
          new MatchMaker.Ticket(
              p.substring(0, colon), f[1], seats, Integer.parseInt(p.substring(colon + 1)), 0));
    }
    seater.formed(
        new Formed(
            id, f[0], new MatchMaker.Group(f[1], List.copyOf(players), Integer.parseInt(f[3]))));
  }

  @Override
  public void close() {
    rounds.shutdownNow();
    tickets.removeListener(watcher);
    groups.removeListener(watcher);
  }

  /** Infinispan calls listeners reflectively: public class, public methods; never on its thread. */
  @Listener(sync = false)
  public final class Watcher {
    @CacheEntryCreated
    @CacheEntryModified
    public void changed(CacheEntryEvent<String, String> event) {
      if (event.isPre()) {
        return;
      }
      if (event.getCache().getName().equals(GROUPS)) {
        if (event.getType()
            == org.infinispan.notifications.cachelistener.event.Event.Type.CACHE_ENTRY_CREATED) {
          announce(event.getKey(), event.getValue());
        }
      } else {
        requestRound();
      }
    }
  }
}
