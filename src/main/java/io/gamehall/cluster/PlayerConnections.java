package io.gamehall.cluster;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;

/**
 * One live connection per player across the cluster.
 *
 * <p>A replicated cache maps each player to the node and connection that said {@code hello} last.
 * The write is a plain {@code put}: Infinispan orders writes to one key on its primary owner and
 * returns to each writer the value it replaced, so of any number of concurrent {@code hello}s
 * exactly one sees each older connection, and only that one asks for it to be closed. Same-node
 * replacement stays with the node's own registry (it needs no cluster round trip); for a connection
 * on another node the winner drops a note in a second replicated cache, the mailbox, and the node
 * named in it closes its connection with 4001.
 *
 * <p>Only strings go into the caches, so no marshalling set-up is needed. Entries are soft state: a
 * mailbox note lives at most {@link #NOTE_LIFESPAN_MINUTES}, and a player entry whose node died is
 * simply replaced by the player's next {@code hello}.
 */
public final class PlayerConnections implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PlayerConnections.class.getName());
  static final String PLAYERS = "gamehall-players";
  static final String MAILBOX = "gamehall-replaced";
  static final long NOTE_LIFESPAN_MINUTES = 5;
  private static final char SEP = '|';

  private final String node;
  private final Cache<String, String> players;
  private final Cache<String, String> mailbox;
  private final Consumer<String> closeLocal;
  private final Notes notes = new Notes();

  private PlayerConnections(
      String node,
      Cache<String, String> players,
      Cache<String, String> mailbox,
      Consumer<String> closeLocal) {
    this.node = node;
    this.players = players;
    this.mailbox = mailbox;
    this.closeLocal = closeLocal;
  }

  /**
   * Starts the caches on {@code clusterNode}.
   *
   * @param closeLocal closes this node's connection with the given id with 4001 (ignores ids it
   *     does not know: the connection may have gone already)
   */
  public static PlayerConnections start(ClusterNode clusterNode, Consumer<String> closeLocal) {
    EmbeddedCacheManager manager = clusterNode.cacheManager();
    ConfigurationBuilder replicated = new ConfigurationBuilder();
    replicated.clustering().cacheMode(CacheMode.REPL_SYNC);
    for (String name : new String[] {PLAYERS, MAILBOX}) {
      if (!manager.cacheExists(name) && manager.getCacheConfiguration(name) == null) {
        manager.defineConfiguration(name, replicated.build());
      }
    }
    PlayerConnections connections =
        new PlayerConnections(
            clusterNode.name(),
            manager.getCache(PLAYERS),
            manager.getCache(MAILBOX),
            Objects.requireNonNull(closeLocal));
    connections.mailbox.addListener(connections.notes);
    return connections;
  }

  /**
   * Records {@code connectionId} on this node as the player's one live connection, and has the
   * connection it replaces on another node closed. Call after the node's own registry has bound it
   * (that one handles a replaced connection on this node).
   *
   * @return the node whose connection was replaced, or null if none elsewhere
   */
  public String bind(String playerId, String connectionId) {
    String previous = players.put(playerId, node + SEP + connectionId);
    if (previous == null) {
      return null;
    }
    int at = previous.indexOf(SEP);
    String previousNode = previous.substring(0, at);
    if (previousNode.equals(node)) {
      return null;
    }
    mailbox.put(previous, previousNode, NOTE_LIFESPAN_MINUTES, TimeUnit.MINUTES);
    return previousNode;
  }

  /** Forgets the player's entry if it still names this connection (it closed). */
  public void unbind(String playerId, String connectionId) {
    players.remove(playerId, node + SEP + connectionId);
  }

  /** The node holding the player's live connection, as far as the cluster knows; null if none. */
  public String nodeOf(String playerId) {
    String value = players.get(playerId);
    return value == null ? null : value.substring(0, value.indexOf(SEP));
  }

  @Override
  public void close() {
    mailbox.removeListener(notes);
  }

  /**
   * Infinispan calls listeners reflectively: public class, public method. Asynchronous, so closing
   * a socket never holds up the write that delivered the note.
   */
  @Listener(sync = false)
  public final class Notes {
    @CacheEntryCreated
    public void created(CacheEntryCreatedEvent<String, String> event) {
      if (event.isPre() || !node.equals(event.getValue())) {
        return;
      }
      String key = event.getKey();
      String connectionId = key.substring(key.indexOf(SEP) + 1);
      try {
        closeLocal.accept(connectionId);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing a replaced connection failed", e);
      }
    }
  }
}
