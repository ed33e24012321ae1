package io.gamehall.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A guest who says hello and then only keeps the socket alive: the JDK's WebSocket answers the
 * server's ping frames with pongs by itself, as a browser does. Any close it did not ask for is a
 * dropped connection.
 */
final class IdlePlayer implements WebSocket.Listener {
  private final Measurements measurements;
  private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closing;

  private final Supplier<CompletableFuture<WebSocket>> open;

  /**
   * @param open opens a socket with this player as its listener (again after a {@code hello
   *     required} close)
   */
  IdlePlayer(
      Measurements measurements,
      java.util.function.Function<IdlePlayer, CompletableFuture<WebSocket>> open) {
    this.measurements = measurements;
    this.open = () -> open.apply(this);
  }

  CompletableFuture<WebSocket> connect() {
    return open.get();
  }

  CompletableFuture<Void> welcomed() {
    return welcomed;
  }

  void close() {
    closing = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench over");
    }
  }

  @Override
  public void onOpen(WebSocket ws) {
    socket = ws;
    ws.sendText("{\"type\":\"hello\",\"id\":\"h\",\"nickname\":\"idle\"}", true);
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      if (text.contains("\"type\":\"welcome\"")) {
        measurements.count("idle players welcomed");
        welcomed.complete(null);
      } else if (text.contains("\"type\":\"error\"")) {
        measurements.problem("error to an idle player");
      }
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
    measurements.count("pings answered");
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
    if (!closing) {
      if (code == 1008 && "hello required".equals(reason) && !welcomed.isDone()) {
        // The server was too busy to read the hello in time; the SDK reconnects after such a close,
        // so does this.
        measurements.count("reconnects after 1008 hello required");
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
            .execute(
                () ->
                    connect()
                        .exceptionally(
                            e -> {
                              measurements.problem(
                                  "idle reconnect failed: " + e.getClass().getSimpleName());
                              return null;
                            }));
      } else {
        measurements.problem("idle connection closed by the server: " + code + " " + reason);
      }
    }
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    if (!closing) {
      measurements.problem("idle connection failed: " + error.getClass().getSimpleName());
      welcomed.completeExceptionally(error);
    }
  }
}
