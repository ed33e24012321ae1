package io.gamehall.session;

import io.gamehall.config.HallSettings;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.identity.Identities;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.protocol.ClientMessageDecoder;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ServerMessageEncoder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open connection, and the heartbeat that keeps them alive behind proxies and finds the dead ones.
 *
 * <p>Each heartbeat tick pings every connection and closes those silent for longer than the dead-peer timeout.
 * Silence is measured from what the peer sent (pongs included), not from what we wrote: on a half-open TCP connection
 * writes keep succeeding for minutes, so a write-based idle timer would never fire.
 */
@ApplicationScoped
public class ConnectionRegistry {
  private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

  private final Map<String, Entry> open = new ConcurrentHashMap<>();
  private final ServerMessageEncoder encoder = new ServerMessageEncoder();
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  @Inject HallSettings settings;
  @Inject Scheduling scheduling;
  @Inject Identities identities;
  @Inject Lobby lobby;
  @Inject TableRegistry tables;
  private final Map<String, Connection> byPlayer = new ConcurrentHashMap<>();
  private Conversation.Hall hall;
  private ScheduledFuture<?> heartbeat;

  /** A connection and the conversation that answers it. */
  private record Entry(Connection connection, Conversation conversation) {}

  @PostConstruct
  void start() {
    hall = new Conversation.Hall(settings, identities, lobby, tables, this);
    long period = settings.heartbeatSeconds();
    heartbeat = scheduling.scheduler().scheduleAtFixedRate(this::beat, period, period, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    open.values().forEach(e -> e.connection().close(CloseCodes.GOING_AWAY, "server stopping"));
  }

  public HallSettings settings() {
    return settings;
  }

  /** Registers a freshly opened WebSocket session. */
  public Connection open(Session session) {
    Connection connection = new Connection(session, encoder, settings.outboxCapacity());
    open.put(connection.id(), new Entry(connection, new Conversation(connection, hall)));
    return connection;
  }

  /** Handles one text message from {@code connection}. */
  public void receive(Connection connection, String text) {
    Entry entry = open.get(connection.id());
    if (entry == null) {
      return;
    }
    connection.heard();
    // Containers differ in enforcing the session's text buffer limit (Undertow does, Tyrus does not for a single
    // frame), so the limit is checked here as well, before any parsing.
    if (utf8LengthExceeds(text, settings.maxMessageBytes())) {
      connection.close(CloseCodes.TOO_BIG, "message larger than " + settings.maxMessageBytes() + " bytes");
      return;
    }
    decoder.decode(text).accept(entry.conversation());
  }

  /** True if {@code text} takes more than {@code limit} bytes in UTF-8, without encoding it. */
  static boolean utf8LengthExceeds(String text, int limit) {
    if (text.length() > limit) {
      return true;
    }
    if ((long) text.length() * 3 <= limit) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes > limit;
  }

  public void closed(Connection connection) {
    Entry entry = open.remove(connection.id());
    if (connection.player() != null) {
      byPlayer.remove(connection.playerId(), connection);
    }
    if (entry != null) {
      entry.conversation().closed();
    }
  }

  /** Makes {@code connection} the player's one live connection; returns the one it replaces, if any. */
  Connection bind(String playerId, Connection connection) {
    Connection previous = byPlayer.put(playerId, connection);
    return previous == connection ? null : previous;
  }

  public int size() {
    return open.size();
  }

  private void beat() {
    try {
      long now = System.nanoTime();
      long deadAfter = TimeUnit.SECONDS.toNanos(settings.deadPeerSeconds());
      for (Entry entry : open.values()) {
        Connection connection = entry.connection();
        if (connection.silentNanos(now) > deadAfter) {
          connection.close(CloseCodes.HEARTBEAT_TIMEOUT, "no answer to heartbeats");
        } else {
          connection.ping();
        }
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is cancelled for good; log and keep beating.
      LOG.log(Level.WARNING, "heartbeat tick failed", e);
    }
  }
}
