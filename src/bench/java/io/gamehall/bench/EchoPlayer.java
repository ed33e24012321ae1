package io.gamehall.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The baseline's client: sends a message the size of a Gomoku move command once per period and
 * times its echo on the same connection, so at the same number of players it loads the server with
 * the same inbound message rate as the game scenario.
 */
final class EchoPlayer implements WebSocket.Listener {
  // The same size as {"type":"act","id":"m12","table":"t-xxxxxxxxxx","move":"H8","seq":123}.
  private static final String PADDING = "x".repeat(44);

  private final Measurements measurements;
  private final CompletableFuture<Void> open = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closing;
  private ScheduledFuture<?> ticking;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

  EchoPlayer(Measurements measurements) {
    this.measurements = measurements;
  }

  CompletableFuture<Void> opened() {
    return open;
  }

  synchronized void start(ScheduledExecutorService scheduler, long periodNanos) {
    long first = ThreadLocalRandom.current().nextLong(periodNanos);
    ticking = scheduler.scheduleAtFixedRate(this::tick, first, periodNanos, TimeUnit.NANOSECONDS);
  }

  synchronized void close() {
    closing = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
    WebSocket ws = socket;
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench over");
    }
  }

  private synchronized void tick() {
    WebSocket ws = socket;
    if (ws == null || ws.isOutputClosed() || ws.isInputClosed()) {
      // A dead socket's sends reach no server: counting them would understate the floor's cost
      // per message.
      return;
    }
    String text = System.nanoTime() + "|" + PADDING;
    sending = sending.handle((p, e) -> ws).thenCompose(s -> s.sendText(text, true));
    measurements.count("echo messages sent");
  }

  @Override
  public void onOpen(WebSocket ws) {
    socket = ws;
    open.complete(null);
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      int bar = partial.indexOf("|");
      long sentAt = Long.parseLong(partial, 0, bar, 10);
      measurements.latency("echo").record(System.nanoTime() - sentAt);
      measurements.count("echo messages received");
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
    if (!closing) {
      measurements.problem("echo connection closed by the server: " + code + " " + reason);
    }
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    if (!closing) {
      measurements.problem("echo connection failed: " + error.getClass().getSimpleName());
      open.completeExceptionally(error);
    }
  }
}
