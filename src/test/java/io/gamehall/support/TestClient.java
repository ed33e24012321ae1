package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ClientMessageEncoder;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A protocol client for tests: every server message lands in a queue that tests wait on with a
 * deadline.
 */
public final class TestClient implements AutoCloseable {
  /**
   * How long a test waits for a message it expects. Only a failure waits this long, so it is sized
   * for a machine at load 40 (the fuzz test missed 10 s waits there), not for an idle one.
   */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();

  /** Everything received, in order, for awaits that pick messages out of order. */
  private final List<ServerMessage> history = new ArrayList<>();

  private final Set<Integer> taken = new HashSet<>();
  private final Map<String, Long> lastSeq = new HashMap<>();
  private final List<String> seqViolations = new ArrayList<>();
  private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final ServerMessageDecoder decoder = new ServerMessageDecoder();
  private final ClientMessageEncoder encoder = new ClientMessageEncoder();
  private final Session session;
  private ServerMessage.Welcome welcome;

  private TestClient(WebSocketContainer container, ClientEndpointConfig config, URI uri)
      throws Exception {
    this.session = container.connectToServer(new Listener(), config, uri);
  }

  public static TestClient connect(Tier tier) throws Exception {
    return new TestClient(tier.container(), tier.clientConfig(), tier.socketUri());
  }

  /** Connects and says hello with a stored token; the welcome must resume the same identity. */
  public static TestClient resumed(Tier tier, String token) throws Exception {
    TestClient client = connect(tier);
    client.send(new ClientMessage.Hello("h", 1, null, token));
    client.welcome = client.await(ServerMessage.Welcome.class, w -> w.resumed(), "resumed welcome");
    return client;
  }

  /** Connects without saying anything; for tests that mix welcome and other waits. */
  public static TestClient raw(Tier tier) throws Exception {
    return new TestClient(tier.container(), tier.clientConfig(), tier.socketUri());
  }

  /** Connects and completes hello/welcome. */
  public static TestClient welcomed(Tier tier, String nickname) throws Exception {
    TestClient client = connect(tier);
    client.send(new ClientMessage.Hello("h", 1, nickname, null));
    client.welcome = client.expect(ServerMessage.Welcome.class);
    return client;
  }

  public void send(ClientMessage message) throws IOException, EncodeException {
    sendText(encoder.encode(message));
  }

  public void sendText(String text) throws IOException {
    try {
      session.getBasicRemote().sendText(text);
    } catch (IllegalStateException e) {
      // Say why the server closed us, not just that the session is closed.
      throw new IllegalStateException("cannot send, connection closed: " + closed.getNow(null), e);
    }
  }

  public void sendBinary(byte[] data) throws IOException {
    session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
  }

  /** Records sequence numbers so a test can assert that events arrived gapless and never twice. */
  private void track(ServerMessage message) {
    if (message instanceof ServerMessage.Event) {
      ServerMessage.Event e = (ServerMessage.Event) message;
      synchronized (lastSeq) {
        Long last = lastSeq.get(e.table());
        if (last != null && e.seq() != last + 1) {
          seqViolations.add(
              e.table() + ": got " + e.seq() + " after " + last + " (" + e.kind() + ")");
        }
        lastSeq.put(e.table(), e.seq());
      }
    } else if (message instanceof ServerMessage.Snapshot) {
      ServerMessage.Snapshot snap = (ServerMessage.Snapshot) message;
      synchronized (lastSeq) {
        lastSeq.put(snap.table(), snap.seq());
      }
    }
  }

  /** The last sequence number seen for {@code table}, 0 if none. */
  public long lastSeq(String table) {
    synchronized (lastSeq) {
      return lastSeq.getOrDefault(table, 0L);
    }
  }

  /** Continues sequence checking from {@code seq}, as a resumed client would. */
  public void expectSeqAfter(String table, long seq) {
    synchronized (lastSeq) {
      lastSeq.put(table, seq);
    }
  }

  /** Out-of-order or repeated table events seen so far (should stay empty). */
  public List<String> seqViolations() {
    synchronized (lastSeq) {
      return List.copyOf(seqViolations);
    }
  }

  /**
   * The first message received so far or within {@link #WAIT} that is a {@code type} matching
   * {@code test} and was not taken by an earlier await; other messages stay available.
   */
  public <T extends ServerMessage> T await(Class<T> type, Predicate<T> test, String what)
      throws InterruptedException {
    return await(type, test, what, WAIT);
  }

  /** As {@link #await(Class, Predicate, String)}, waiting at most {@code within}. */
  public <T extends ServerMessage> T await(
      Class<T> type, Predicate<T> test, String what, Duration within) throws InterruptedException {
    return await(type, test, what, within, true);
  }

  private <T extends ServerMessage> T await(
      Class<T> type, Predicate<T> test, String what, Duration within, boolean take)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (history) {
      int scanned = 0;
      while (true) {
        for (int i = scanned; i < history.size(); i++) {
          ServerMessage m = history.get(i);
          if (!taken.contains(i) && type.isInstance(m) && test.test(type.cast(m))) {
            if (take) {
              taken.add(i);
            }
            return type.cast(m);
          }
        }
        scanned = 0;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return fail("no " + what + " within " + within + "; received: " + history);
        }
        history.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /**
   * Whether {@code m} answers command {@code id}: its ack, refusal or error, or (an applied act)
   * the event that carries the id as {@code re}.
   */
  public static boolean answers(ServerMessage m, String id) {
    return (m instanceof ServerMessage.Ack a && id.equals(a.re()))
        || (m instanceof ServerMessage.Refused r && id.equals(r.re()))
        || (m instanceof ServerMessage.Error e && id.equals(e.re()))
        || (m instanceof ServerMessage.Event e2 && id.equals(e2.re()));
  }

  /** Whether {@code answer} says its command was applied: an ack, or an event answering it. */
  public static boolean applied(ServerMessage answer) {
    return answer instanceof ServerMessage.Ack || answer instanceof ServerMessage.Event;
  }

  /** The table's sequence number after the applied command that {@code answer} answers. */
  public static long appliedSeq(ServerMessage answer) {
    if (answer instanceof ServerMessage.Ack a) {
      return a.seq();
    }
    if (answer instanceof ServerMessage.Event e) {
      return e.seq();
    }
    return fail("expected the command applied, got " + answer);
  }

  /**
   * The answer to command {@code id} (see {@link #answers}). Not taken: an event that answers a
   * command (a move's, a result) stays there for {@link #awaitEvent}.
   */
  public ServerMessage awaitAnswer(String id, String what) throws InterruptedException {
    return awaitAnswer(id, what, WAIT);
  }

  /** As {@link #awaitAnswer(String, String)}, waiting at most {@code within}. */
  public ServerMessage awaitAnswer(String id, String what, Duration within)
      throws InterruptedException {
    return await(ServerMessage.class, m -> answers(m, id), what, within, false);
  }

  /** The first untaken table event of {@code kind} on {@code table} matching {@code test}. */
  public ServerMessage.Event awaitEvent(
      String table, String kind, Predicate<ServerMessage.Event> test) throws InterruptedException {
    return await(
        ServerMessage.Event.class,
        e -> e.table().equals(table) && e.kind().equals(kind) && test.test(e),
        "event '" + kind + "' on " + table);
  }

  /** Every message received so far, in order. */
  public List<ServerMessage> received() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /** All events received for {@code table} so far, in order. */
  public List<ServerMessage.Event> events(String table) {
    synchronized (history) {
      List<ServerMessage.Event> out = new ArrayList<>();
      for (ServerMessage m : history) {
        if (m instanceof ServerMessage.Event && ((ServerMessage.Event) m).table().equals(table)) {
          out.add((ServerMessage.Event) m);
        }
      }
      return out;
    }
  }

  /** The next message, which must be of {@code type}, within {@link #WAIT}. */
  public <T extends ServerMessage> T expect(Class<T> type) throws InterruptedException {
    ServerMessage message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(
        message,
        "no "
            + type.getSimpleName()
            + " within "
            + WAIT
            + (closed.isDone() ? "; closed: " + closed.join() : ""));
    assertTrue(
        type.isInstance(message), "expected " + type.getSimpleName() + " but got " + message);
    return type.cast(message);
  }

  /** Waits for the server to close this connection and returns why. */
  public CloseReason awaitClose(Duration within) throws InterruptedException {
    try {
      return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("connection still open after " + within + "; inbox: " + inbox);
    } catch (ExecutionException e) {
      return fail("close failed", e.getCause());
    }
  }

  /** The welcome of {@link #welcomed} or {@link #resumed}. */
  public ServerMessage.Welcome welcome() {
    return welcome;
  }

  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public void close() throws IOException {
    if (session.isOpen()) {
      session.close();
    }
  }

  private final class Listener extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(
          String.class,
          (MessageHandler.Whole<String>)
              text -> {
                try {
                  ServerMessage message = decoder.decode(text);
                  track(message);
                  inbox.add(message);
                  synchronized (history) {
                    history.add(message);
                    history.notifyAll();
                  }
                } catch (DecodeException e) {
                  closed.completeExceptionally(
                      new AssertionError("server sent an undecodable frame: " + text, e));
                }
              });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closed.complete(reason);
    }
  }
}
