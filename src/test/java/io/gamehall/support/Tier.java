package io.gamehall.support;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import javax.net.ssl.SSLContext;

/** Where a contract test's server runs: embedded Tyrus over ws, or the managed WildFly over wss. */
public interface Tier {
  /** The players' socket, {@code ws://.../ws} or {@code wss://.../ws}. */
  URI socketUri();

  WebSocketContainer container();

  ClientEndpointConfig clientConfig();

  /** The TLS context raw clients use, or null for plain ws. */
  SSLContext sslContext();
}
