package io.gamehall.support;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Where a contract test's server runs: embedded Tyrus over ws, or the managed WildFly (or Payara)
 * over wss.
 *
 * @param socketUri the players' socket, {@code ws://.../ws} or {@code wss://.../ws}
 * @param sslContext the TLS context raw clients use, or null for plain ws
 * @param clientConfig how WebSocket API clients connect (extra handshake headers, for example)
 */
public record Tier(
    URI socketUri,
    WebSocketContainer container,
    SSLContext sslContext,
    ClientEndpointConfig clientConfig) {

  /** A tier whose clients connect with a default configuration. */
  public Tier(URI socketUri, WebSocketContainer container, SSLContext sslContext) {
    this(socketUri, container, sslContext, ClientEndpointConfig.Builder.create().build());
  }
}
