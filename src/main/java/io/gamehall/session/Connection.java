package io.gamehall.session;

import io.gamehall.config.GuardSettings;
import io.gamehall.lobby.LobbyMember;
import io.gamehall.lobby.TableOutputs;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageEncoder;
import io.gamehall.table.TableMember;
import io.gamehall.table.TableOutput;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket: its outbox, when the peer was last heard from, and the player it speaks for.
 */
public final class Connection implements LobbyMember {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  private static final ByteBuffer PING_PAYLOAD =
      ByteBuffer.wrap(new byte[] {'g', 'h'}).asReadOnlyBuffer();

  private final Session session;
  private final ServerMessageEncoder encoder;
  private final Outbox outbox;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final long openedNanos = System.nanoTime();
  private volatile long lastHeardNanos = openedNanos;
  private final String peer;
  private final ConnectionStats stats;
  private final TokenBucket messages;
  private final TokenBucket createTables;

  /**
   * register and login: each hashes a password (about 0.1 s of CPU) and a login guesses one; few
   * are needed.
   */
  private final TokenBucket accountAttempts;

  private static final int ACCOUNT_ATTEMPTS_PER_MINUTE = 5;

  /** Whether this connection holds one of its address's slots, so it is given back exactly once. */
  private final AtomicBoolean counted = new AtomicBoolean();

  private volatile PlayerIdentity player;
  private final TableMember tableMember = this::deliver;

  /**
   * Tables this connection sat at or watched, to tell them when it goes. Touched only on its
   * message thread.
   */
  private final Set<String> tables = ConcurrentHashMap.newKeySet();

  Connection(
      Session session,
      ServerMessageEncoder encoder,
      int outboxCapacity,
      String peer,
      GuardSettings guard,
      ConnectionStats stats) {
    this.session = session;
    this.encoder = encoder;
    this.peer = peer;
    this.stats = stats;
    this.messages =
        new TokenBucket(
            guard.messagesPerSecond(), 1_000_000_000L, guard.messageBurst(), openedNanos);
    this.createTables =
        new TokenBucket(
            guard.createTablesPerMinute(),
            60_000_000_000L,
            guard.createTablesPerMinute(),
            openedNanos);
    this.accountAttempts =
        new TokenBucket(
            ACCOUNT_ATTEMPTS_PER_MINUTE, 60_000_000_000L, ACCOUNT_ATTEMPTS_PER_MINUTE, openedNanos);
    this.outbox =
        new Outbox(
            (text, done) -> {
              try {
                session.getAsyncRemote().sendText(text, done::accept);
              } catch (RuntimeException closedMeanwhile) {
                // The peer went away while a table or the lobby was sending to it (Tyrus:
                // IllegalStateException or
                // "Socket is not connected"): that is a failed send, not a server failure.
                done.accept(new SendResult(closedMeanwhile));
              }
            },
            outboxCapacity,
            () -> close(CloseCodes.SLOW_CONSUMER, "outbox overflow: the client is not reading"),
            failure -> close(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
  }

  public String id() {
    return session.getId();
  }

  /** Queues a message for this client; never blocks. */
  @Override
  public void send(ServerMessage message) {
    if (outbox.offer(encoder.encode(message))) {
      stats.sent();
    }
  }

  /**
   * Queues text already encoded for several recipients (a public table event, a lobby update), so
   * each is encoded once for its whole audience; never blocks.
   */
  @Override
  public void sendEncoded(String text) {
    if (outbox.offer(text)) {
      stats.sent();
    }
  }

  private void deliver(TableOutput out) {
    // The table hands one update instance to every member of an audience: the first encodes it.
    sendEncoded(TableOutputs.render(out, encoder));
  }

  /** A relay could not keep up with this socket's remote table: the same close as a full outbox. */
  @Override
  public void relayDropped() {
    close(CloseCodes.SLOW_CONSUMER, "relay overflow: the client is not reading");
  }

  /**
   * Sends {@code message} as the last one and closes once it (and everything queued before it) has
   * been written, so the answer is not overtaken by the close frame.
   */
  void sendThenClose(ServerMessage message, CloseCode code, String reason) {
    send(message);
    outbox.finish(() -> close(code, reason));
  }

  /** The client address the connection policies count, or null if the container did not tell. */
  String peer() {
    return peer;
  }

  long openedNanos() {
    return openedNanos;
  }

  /** Takes one token from the connection's message bucket; false means the client is flooding. */
  boolean allowMessage(long now) {
    return messages.tryTake(now);
  }

  /** Takes one token from the per-minute {@code create_table} bucket. */
  boolean allowCreateTable() {
    return createTables.tryTake(System.nanoTime());
  }

  /** Takes one token from the per-minute {@code register}/{@code login} bucket. */
  boolean allowAccountAttempt() {
    return accountAttempts.tryTake(System.nanoTime());
  }

  /** Messages waiting in the outbox behind the one in flight. */
  int outboxDepth() {
    return outbox.depth();
  }

  void counted() {
    counted.set(true);
  }

  /** Gives back the address slot; true only the first time, and only if one was held. */
  boolean uncount() {
    return counted.compareAndSet(true, false);
  }

  boolean isClosing() {
    return closing.get();
  }

  /**
   * Guards {@link #silent} so that "silent" and "heard again" reach the tables in the order they
   * happened.
   */
  private final Object silence = new Object();

  private volatile boolean silent;
  private volatile Liveness liveness = Liveness.NONE;

  /** Told when the peer falls silent and when it is heard from again; called on any thread. */
  interface Liveness {
    Liveness NONE =
        new Liveness() {
          @Override
          public void silent() {}

          @Override
          public void heardAgain() {}
        };

    void silent();

    void heardAgain();
  }

  void watch(Liveness liveness) {
    this.liveness = liveness;
  }

  /** Records that the peer is alive (any frame, pongs included, counts). */
  public void heard() {
    lastHeardNanos = System.nanoTime();
    if (silent) {
      synchronized (silence) {
        if (silent) {
          silent = false;
          liveness.heardAgain();
        }
      }
    }
  }

  /**
   * Marks the connection silent (and says so) if nothing came for longer than {@code
   * thresholdNanos}. The flag is set before the time is read again, so a {@link #heard} racing this
   * either sees the flag and reports the peer back, or its time is seen here and nothing is
   * reported.
   */
  void checkSilence(long thresholdNanos) {
    synchronized (silence) {
      if (silent || closing.get() || silentNanos(System.nanoTime()) <= thresholdNanos) {
        return;
      }
      silent = true;
      if (silentNanos(System.nanoTime()) <= thresholdNanos) {
        silent = false;
        return;
      }
      liveness.silent();
    }
  }

  long silentNanos(long now) {
    return now - lastHeardNanos;
  }

  PlayerIdentity player() {
    return player;
  }

  @Override
  public String playerId() {
    return player.playerId();
  }

  @Override
  public String nickname() {
    return player.nickname();
  }

  @Override
  public TableMember tableMember() {
    return tableMember;
  }

  Set<String> tables() {
    return tables;
  }

  void welcome(PlayerIdentity identity) {
    this.player = identity;
  }

  /** A WebSocket ping frame; browsers answer it with a pong by themselves. */
  void ping() {
    if (!session.isOpen() || closing.get()) {
      return;
    }
    try {
      session.getAsyncRemote().sendPing(PING_PAYLOAD.duplicate());
    } catch (IOException | RuntimeException e) {
      // A socket that went away between the isOpen check and the send: Undertow says IOException or
      // IllegalStateException, Tyrus a bare RuntimeException ("Socket is not connected"). All mean
      // the same.
      close(CloseCodes.UNEXPECTED_CONDITION, "ping failed");
    }
  }

  /**
   * Closes once with {@code code}; later calls do nothing. The reason must fit the 123-byte close
   * frame.
   */
  public void close(CloseCode code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    outbox.stop();
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "close of connection {0} failed: {1}", new Object[] {id(), e.toString()});
    }
  }
}
