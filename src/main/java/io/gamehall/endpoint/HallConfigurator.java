package io.gamehall.endpoint;

import io.gamehall.config.GuardSettings;
import io.gamehall.session.ConnectionRegistry;
import io.gamehall.session.Handshake;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates endpoint instances with their collaborators passed in, looked up through the portable
 * {@link CDI} API, and guards the handshake.
 *
 * <p>Containers disagree on injecting into endpoints (and a plain Tyrus server does not inject at
 * all), so the endpoint takes its dependencies in its constructor and this configurator is the one
 * place that finds them.
 *
 * <p>Order of the handshake callbacks, read from both implementations: Tyrus 2.1 ({@code
 * TyrusEndpointWrapper.upgrade}, then {@code onHandShakeResponse}) and Undertow 2.3 ({@code
 * JsrHybi13Handshake.matches}, then {@code HandshakeUtil.prepareUpgrade}) both call {@code
 * checkOrigin} before {@code modifyHandshake}, and {@code checkOrigin} sees only the Origin value.
 * So: an allow-list ({@code gamehall.allowed.origins}, the production path) is judged in {@code
 * checkOrigin} and a refused origin never gets the upgrade. The same-origin default needs the Host
 * header: under a servlet container {@link HandshakeFilter} supplies it and {@code checkOrigin}
 * refuses there too; where no filter ran, {@code modifyHandshake} compares Origin with Host and a
 * mismatch is closed with 1008 right after the upgrade (before any message is read).
 */
public class HallConfigurator extends ServerEndpointConfig.Configurator {

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != HallEndpoint.class) {
      throw new InstantiationException("no factory for " + endpointClass.getName());
    }
    ConnectionRegistry registry = CDI.current().select(ConnectionRegistry.class).get();
    return endpointClass.cast(new HallEndpoint(registry));
  }

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    HandshakeFilter.Peer peer = HandshakeFilter.CURRENT.get();
    return policy().originAllowed(originHeaderValue, peer == null ? null : peer.host());
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    // Header names are case-insensitive; containers differ in how they present them.
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.getHeaders());
    HandshakePolicy policy = policy();
    HandshakeFilter.Peer direct = HandshakeFilter.CURRENT.get();
    String origin = first(headers.get("Origin"));
    String refusal = null;
    if (!policy.originAllowed(origin, first(headers.get("Host")))) {
      refusal = "origin not allowed";
    } else if (!HandshakeFilter.VERSION.equals(
        String.valueOf(first(headers.get("Sec-WebSocket-Version"))).strip())) {
      // Only reached where HandshakeFilter did not run and the container upgraded a draft version
      // anyway.
      refusal = "WebSocket version 13 required";
    }
    String peer =
        policy.peer(headers.get("X-Forwarded-For"), direct == null ? null : direct.address());
    // Jakarta WebSocket 2.1: these user properties are this connection's own copy and become its
    // session's.
    config.getUserProperties().put(Handshake.KEY, new Handshake(peer, refusal));
  }

  private static HandshakePolicy policy() {
    return new HandshakePolicy(CDI.current().select(GuardSettings.class).get());
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
