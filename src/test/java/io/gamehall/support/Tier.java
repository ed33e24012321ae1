package io.gamehall.support;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Where a contract test's server runs: embedded Tyrus over ws, or the managed WildFly over wss.
 *
 * @param socketUri the players' socket, {@code ws://.../ws} or {@code wss://.../ws}
 * @param sslContext the TLS context raw clients use, or null for plain ws
 */
public record Tier(URI socketUri, WebSocketContainer container, SSLContext sslContext) {
  public ClientEndpointConfig clientConfig() {
    return ClientEndpointConfig.Builder.create().build();
  }
}
