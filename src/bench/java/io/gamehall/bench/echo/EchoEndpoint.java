package io.gamehall.bench.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Sends every text message straight back on the same connection: the cheapest path through the
 * container's TLS, WebSocket framing and dispatch, so game-path latency has its floor measured
 * beside it. Asynchronous send, as the hall's own outbox does, so a slow reader never blocks the
 * container's I/O thread.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {
  @OnMessage
  public void echo(String text, Session session) {
    session.getAsyncRemote().sendText(text);
  }
}
