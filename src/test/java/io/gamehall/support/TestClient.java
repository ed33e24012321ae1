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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A protocol client for tests: every server message lands in a queue that tests wait on with a deadline. */
public final class TestClient implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final ServerMessageDecoder decoder = new ServerMessageDecoder();
  private final ClientMessageEncoder encoder = new ClientMessageEncoder();
  private final Session session;

  private TestClient(WebSocketContainer container, ClientEndpointConfig config, URI uri) throws Exception {
    this.session = container.connectToServer(new Listener(), config, uri);
  }

  public static TestClient connect(Tier tier) throws Exception {
    return new TestClient(tier.container(), tier.clientConfig(), tier.socketUri());
  }

  /** Connects and completes hello/welcome. */
  public static TestClient welcomed(Tier tier, String nickname) throws Exception {
    TestClient client = connect(tier);
    client.send(new ClientMessage.Hello("h", 1, nickname, null));
    client.expect(ServerMessage.Welcome.class);
    return client;
  }

  public void send(ClientMessage message) throws IOException, EncodeException {
    sendText(encoder.encode(message));
  }

  public void sendText(String text) throws IOException {
    session.getBasicRemote().sendText(text);
  }

  public void sendBinary(byte[] data) throws IOException {
    session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
  }

  /** The next message, which must be of {@code type}, within {@link #WAIT}. */
  public <T extends ServerMessage> T expect(Class<T> type) throws InterruptedException {
    ServerMessage message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(message, "no " + type.getSimpleName() + " within " + WAIT + (closed.isDone() ? "; closed: " + closed.join() : ""));
    assertTrue(type.isInstance(message), "expected " + type.getSimpleName() + " but got " + message);
    return type.cast(message);
  }

  /**
   * The first message of {@code type} that satisfies {@code match} within {@code within}; messages before it (lobby
   * updates, events of no interest) are skipped.
   */
  public <T extends ServerMessage> T awaitMatching(Class<T> type, Predicate<T> match, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<ServerMessage> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      ServerMessage message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      if (message == null) {
        return fail("no matching " + type.getSimpleName() + " within " + within + "; skipped: " + skipped
            + (closed.isDone() ? "; closed: " + closed.join() : ""));
      }
      if (type.isInstance(message) && match.test(type.cast(message))) {
        return type.cast(message);
      }
      skipped.add(message);
    }
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
                  inbox.add(decoder.decode(text));
                } catch (DecodeException e) {
                  closed.completeExceptionally(new AssertionError("server sent an undecodable frame: " + text, e));
                }
              });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closed.complete(reason);
    }
  }
}
