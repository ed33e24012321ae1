package io.gamehall.endpoint;

import io.gamehall.session.ConnectionRegistry;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates endpoint instances with their collaborators passed in, looked up through the portable {@link CDI} API.
 *
 * <p>Containers disagree on injecting into endpoints (and a plain Tyrus server does not inject at all), so the
 * endpoint takes its dependencies in its constructor and this configurator is the one place that finds them.
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
}
