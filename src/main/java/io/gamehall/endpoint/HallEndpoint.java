package io.gamehall.endpoint;

import io.gamehall.protocol.CloseCodes;
import io.gamehall.session.Connection;
import io.gamehall.session.ConnectionRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The players' socket at {@code /ws}: one instance per connection, delegating everything to the
 * registry.
 */
@ServerEndpoint(value = "/ws", configurator = HallConfigurator.class)
public class HallEndpoint {
  private static final Logger LOG = Logger.getLogger(HallEndpoint.class.getName());

  /**
   * Binary frames are refused whatever their size; keep the container from buffering big ones
   * first.
   */
  private static final int MAX_BINARY_BYTES = 1024;

  private static final int CONTAINER_BUFFER_FACTOR = 4;

  private final ConnectionRegistry registry;
  private Connection connection;

  public HallEndpoint(ConnectionRegistry registry) {
    this.registry = registry;
  }

  @OnOpen
  public void open(Session session) {
    // The registry enforces the configured limit and closes with 1009. The container's own buffer
    // limit is a
    // backstop set well above it, because Undertow drops the TCP connection without a close frame
    // when its limit
    // is hit, and with no limit at all it would buffer a message of any size.
    session.setMaxTextMessageBufferSize(
        registry.settings().maxMessageBytes() * CONTAINER_BUFFER_FACTOR);
    session.setMaxBinaryMessageBufferSize(MAX_BINARY_BYTES);
    connection = registry.open(session);
  }

  @OnMessage
  public void text(String text) {
    registry.receive(connection, text);
  }

  @OnMessage
  public void binary(ByteBuffer data) {
    connection.close(CloseCodes.CANNOT_ACCEPT, "binary frames are not part of the protocol");
  }

  @OnMessage
  public void pong(PongMessage pong) {
    connection.heard();
  }

  @OnClose
  public void close(CloseReason reason) {
    if (connection != null) {
      registry.closed(connection, reason.getCloseCode().getCode());
    }
  }

  /**
   * Errors the container reports: vanished peers (IOException), and protocol violations it already
   * answers with a close frame (invalid UTF-8, oversized fragments, frames after close; Tyrus
   * reports these as IllegalStateException, Error or its own exception types). They are the peer's
   * doing, so a fine-level line. Failures of our own code are caught and logged where they happen
   * (ConnectionRegistry), never here.
   */
  @OnError
  public void error(Throwable failure) {
    LOG.log(Level.FINE, "connection error: {0}", failure.toString());
  }
}
