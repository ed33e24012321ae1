package io.gamehall.session;

import io.gamehall.account.AccountService;
import io.gamehall.account.PlayerRecords;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.GuardSettings;
import io.gamehall.config.HallSettings;
import io.gamehall.identity.Identities;
import io.gamehall.lobby.Lobby;
import io.gamehall.lobby.TableRegistry;
import io.gamehall.protocol.ClientMessageDecoder;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ServerMessage;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open connection, and the heartbeat that keeps them alive behind proxies and finds the dead
 * ones.
 *
 * <p>Each heartbeat tick pings every connection and closes those silent for longer than the
 * dead-peer timeout. Silence is measured from what the peer sent (pongs included), not from what we
 * wrote: on a half-open TCP connection writes keep succeeding for minutes, so a write-based idle
 * timer would never fire.
 */
@ApplicationScoped
public class ConnectionRegistry {
  private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

  private final Map<String, Entry> open = new ConcurrentHashMap<>();
  private final ServerMessageEncoder encoder = new ServerMessageEncoder();
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  @Inject HallSettings settings;
  @Inject GuardSettings guard;
  @Inject ConnectionStats stats;
  @Inject Scheduling scheduling;
  @Inject Identities identities;
  @Inject Lobby lobby;
  @Inject TableRegistry tables;
  @Inject AccountService accounts;
  @Inject PlayerRecords records;
  private final Map<String, Connection> byPlayer = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private volatile Drain drain;
  private Conversation.Hall hall;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> silenceWatch;

  /** A connection and the conversation that answers it. */
  private record Entry(Connection connection, Conversation conversation) {}

  @PostConstruct
  void start() {
    hall = new Conversation.Hall(settings, identities, lobby, tables, this, accounts, records);
    long period = settings.heartbeatSeconds();
    heartbeat =
        scheduling.scheduler().scheduleAtFixedRate(this::beat, period, period, TimeUnit.SECONDS);
    // Checked five times a heartbeat, so a silent seat is shown offline soon after two heartbeats
    // without a frame, well before the dead-peer close (which runs on the heartbeat tick).
    long watchMillis = Math.max(100, TimeUnit.SECONDS.toMillis(period) / 5);
    silenceWatch =
        scheduling
            .scheduler()
            .scheduleAtFixedRate(
                this::watchSilence, watchMillis, watchMillis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (silenceWatch != null) {
      silenceWatch.cancel(false);
    }
    open.values().forEach(e -> e.connection().close(CloseCodes.GOING_AWAY, "server stopping"));
  }

  public HallSettings settings() {
    return settings;
  }

  public ConnectionStats stats() {
    return stats;
  }

  /**
   * Registers a freshly opened WebSocket session, and closes it at once with 1008 if the handshake
   * was refused (same-origin check where the container runs it after {@code checkOrigin}) or its
   * address has too many sockets.
   */
  public Connection open(Session session) {
    Object info = session.getUserProperties().get(Handshake.KEY);
    Handshake handshake = info instanceof Handshake ? (Handshake) info : new Handshake(null, null);
    Connection connection =
        new Connection(session, encoder, settings.outboxCapacity(), handshake.peer(), guard, stats);
    Conversation conversation = new Conversation(connection, hall);
    connection.watch(
        new Connection.Liveness() {
          @Override
          public void silent() {
            conversation.silence(true);
          }

          @Override
          public void heardAgain() {
            conversation.silence(false);
          }
        });
    open.put(connection.id(), new Entry(connection, conversation));
    stats.opened();
    if (handshake.refusal() != null) {
      connection.close(CloseCodes.POLICY_VIOLATION, handshake.refusal());
    } else if (!countAddress(connection)) {
      connection.close(CloseCodes.POLICY_VIOLATION, "too many connections from your address");
    } else if (drain != null) {
      connection.send(drain.notice());
    }
    // The hello deadline: a socket that never identifies itself only costs us memory and a
    // heartbeat slot.
    scheduling
        .scheduler()
        .schedule(
            () -> {
              if (connection.player() == null) {
                connection.close(CloseCodes.POLICY_VIOLATION, "hello required");
              }
            },
            guard.helloTimeoutSeconds(),
            TimeUnit.SECONDS);
    return connection;
  }

  /**
   * Counts the connection against its address; false (and not counted) if the address is at its
   * cap.
   */
  private boolean countAddress(Connection connection) {
    if (connection.peer() == null) {
      return true;
    }
    AtomicInteger count = perAddress.computeIfAbsent(connection.peer(), a -> new AtomicInteger());
    if (count.incrementAndGet() > guard.maxConnectionsPerAddress()) {
      uncount(connection.peer());
      return false;
    }
    connection.counted();
    return true;
  }

  private void uncount(String peer) {
    perAddress.computeIfPresent(peer, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** Handles one text message from {@code connection}. */
  public void receive(Connection connection, String text) {
    Entry entry = open.get(connection.id());
    if (entry == null) {
      return;
    }
    connection.heard();
    stats.received();
    if (!connection.allowMessage(System.nanoTime())) {
      connection.close(CloseCodes.POLICY_VIOLATION, "message rate limit exceeded");
      return;
    }
    // Containers differ in enforcing the session's text buffer limit (Undertow does, Tyrus does not
    // for a single
    // frame), so the limit is checked here as well, before any parsing.
    if (utf8LengthExceeds(text, settings.maxMessageBytes())) {
      connection.close(
          CloseCodes.TOO_BIG, "message larger than " + settings.maxMessageBytes() + " bytes");
      return;
    }
    try {
      decoder.decode(text).accept(entry.conversation());
    } catch (RuntimeException e) {
      // Our own failure, logged once here; container-reported errors reach the endpoint's @OnError
      // instead.
      LOG.log(Level.SEVERE, "failure while handling a message", e);
      connection.close(CloseCodes.UNEXPECTED_CONDITION, "server error");
    }
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

  /** The container reports the connection closed with {@code code} (sent by us or by the peer). */
  public void closed(Connection connection, int code) {
    Entry entry = open.remove(connection.id());
    if (entry == null) {
      return;
    }
    stats.closedWith(code);
    if (connection.peer() != null && connection.uncount()) {
      uncount(connection.peer());
    }
    if (connection.player() != null) {
      byPlayer.remove(connection.playerId(), connection);
    }
    entry.conversation().closed();
  }

  /**
   * Makes {@code connection} the player's one live connection; returns the one it replaces, if any.
   */
  Connection bind(String playerId, Connection connection) {
    Connection previous = byPlayer.put(playerId, connection);
    return previous == connection ? null : previous;
  }

  /**
   * Closes the player's live connection on this node with 4004 unless it is {@code keep}: its token
   * was just revoked (logout of every device, password change).
   */
  void closeRevoked(String playerId, Connection keep) {
    Connection live = byPlayer.get(playerId);
    if (live != null && live != keep) {
      live.close(CloseCodes.TOKEN_REVOKED, "token revoked");
    }
  }

  public int size() {
    return open.size();
  }

  /** The deepest outbox right now (messages waiting behind the one in flight). */
  public int maxOutboxDepth() {
    int max = 0;
    for (Entry entry : open.values()) {
      max = Math.max(max, entry.connection().outboxDepth());
    }
    return max;
  }

  void resumed() {
    stats.resumed();
  }

  /** True once an operator started a drain. */
  public boolean draining() {
    return drain != null;
  }

  /**
   * Starts a graceful drain: the lobby stops opening tables and quick matches, every client gets a
   * {@code notice}, and once no game is running (or after {@code gamehall.drain.seconds}) every
   * socket is closed with 1001.
   */
  public synchronized void drain(String message) {
    if (drain != null) {
      return;
    }
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(guard.drainSeconds());
    drain = new Drain(message, deadline);
    lobby.drain();
    broadcastNotice(drain.notice());
    drain.watcher =
        scheduling.scheduler().scheduleWithFixedDelay(this::drainTick, 1, 1, TimeUnit.SECONDS);
  }

  private void drainTick() {
    try {
      Drain d = drain;
      if (d == null) {
        return;
      }
      if (tables.playing() == 0 || System.currentTimeMillis() >= d.deadline) {
        open.values().forEach(e -> e.connection().close(CloseCodes.GOING_AWAY, "server draining"));
        if (open.isEmpty()) {
          d.watcher.cancel(false);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "drain tick failed", e);
    }
  }

  /** Sends {@code notice} to every welcomed connection. */
  public void broadcastNotice(ServerMessage.Notice notice) {
    open.values().stream()
        .map(Entry::connection)
        .filter(c -> c.player() != null)
        .forEach(c -> c.send(notice));
  }

  /**
   * Closes the player's connection with 1008 after telling it why; false if the player is not
   * connected.
   */
  public boolean kick(String playerId, String reason) {
    Connection connection = byPlayer.get(playerId);
    if (connection == null) {
      return false;
    }
    connection.send(new ServerMessage.Notice("kicked", reason, null));
    connection.close(CloseCodes.POLICY_VIOLATION, "kicked by an operator");
    return true;
  }

  /** A drain in progress: its message, deadline and the task that finishes it. */
  private static final class Drain {
    final String message;
    final long deadline;
    volatile ScheduledFuture<?> watcher;

    Drain(String message, long deadline) {
      this.message = message;
      this.deadline = deadline;
    }

    ServerMessage.Notice notice() {
      return new ServerMessage.Notice("drain", message, deadline / 1000);
    }
  }

  private void watchSilence() {
    try {
      long threshold = TimeUnit.SECONDS.toNanos(2L * settings.heartbeatSeconds());
      for (Entry entry : open.values()) {
        if (entry.connection().player() != null) {
          entry.connection().checkSilence(threshold);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "silence watch failed", e);
    }
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
