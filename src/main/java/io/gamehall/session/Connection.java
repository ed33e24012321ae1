package io.gamehall.session;

import io.gamehall.lobby.LobbyMember;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageEncoder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.Session;
import java.io.IOException;
import io.gamehall.table.TableMember;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One open WebSocket: its outbox, when the peer was last heard from, and the player it speaks for. */
public final class Connection implements LobbyMember {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  private static final TableOutputs TABLE_OUTPUTS = new TableOutputs();
  private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap(new byte[] {'g', 'h'}).asReadOnlyBuffer();

  private final Session session;
  private final ServerMessageEncoder encoder;
  private final Outbox outbox;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile PlayerIdentity player;
  private final TableMember tableMember = out -> send(out.accept(TABLE_OUTPUTS));
  /** Tables this connection sat at or watched, to tell them when it goes. Touched only on its message thread. */
  private final Set<String> tables = ConcurrentHashMap.newKeySet();

  Connection(Session session, ServerMessageEncoder encoder, int outboxCapacity) {
    this.session = session;
    this.encoder = encoder;
    this.outbox =
        new Outbox(
            (text, done) -> session.getAsyncRemote().sendText(text, done::accept),
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
    outbox.offer(encoder.encode(message));
  }

  /** Records that the peer is alive (any frame, pongs included, counts). */
  public void heard() {
    lastHeardNanos = System.nanoTime();
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
    } catch (IOException | IllegalStateException e) {
      close(CloseCodes.UNEXPECTED_CONDITION, "ping failed");
    }
  }

  /** Closes once with {@code code}; later calls do nothing. The reason must fit the 123-byte close frame. */
  public void close(CloseCode code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    outbox.stop();
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "close of connection {0} failed: {1}", new Object[] {id(), e.toString()});
    }
  }
}
