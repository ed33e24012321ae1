package io.gamehall.bench;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * WebSocket clients over TLS trusting only the build's dev CA, spread over source addresses
 * 127.0.0.1..N. Loopback gives about 28k ephemeral ports per source address, so a large run needs
 * several; the JDK's HttpClient binds a local address only from Java 19 on ({@code
 * Builder.localAddress}), called reflectively so this code still compiles for Java 17, where every
 * client falls back to the default address (enough for a smoke run). Without session resumption all
 * clients share one context that never resumes (every connection a full handshake); with it, 64
 * clients each keep their own sessions, so a reconnect resumes the ticket its client's last
 * connection received, nearly as a browser's does.
 */
final class Wss {
  private static final Logger LOG = Logger.getLogger(Wss.class.getName());

  private final TrustManager[] trust;
  private final List<HttpClient> clients = new ArrayList<>();
  private final List<InetAddress> addresses = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final boolean spread;
  private final boolean resumeSessions;

  /** Client contexts when reconnects resume: at least the ramp's default handshakes in flight. */
  private static final int RESUMING_CONTEXTS = 64;

  Wss(
      Path truststore,
      char[] password,
      int sourceAddresses,
      Executor executor,
      boolean resumeSessions)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(truststore)) {
      store.load(in, password);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    trust = tmf.getTrustManagers();
    Method localAddress = localAddressMethod();
    spread = localAddress != null && sourceAddresses > 1;
    SSLContext shared = NoResumption.wrap(newContext());
    this.resumeSessions = resumeSessions;
    int spreadCount = spread ? sourceAddresses : 1;
    // The JDK's client keeps one TLS session per host and port in each context and uses a TLS 1.3
    // ticket once: in one shared context a burst of reconnects finds one ticket between them.
    // A browser keeps its own; many contexts (about one per handshake in flight) come close.
    int count = resumeSessions ? Math.max(spreadCount, RESUMING_CONTEXTS) : spreadCount;
    for (int i = 0; i < count; i++) {
      InetAddress address =
          InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i % spreadCount + 1)});
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .sslContext(resumeSessions ? newContext() : shared)
              .executor(executor)
              .connectTimeout(Duration.ofSeconds(30));
      if (spread) {
        localAddress.invoke(builder, address);
      }
      clients.add(builder.build());
      if (i < spreadCount) {
        addresses.add(address);
      }
    }
    if (!spread && sourceAddresses > 1) {
      LOG.warning(
          "Java "
              + Runtime.version().feature()
              + " cannot bind a source address: all sockets from 127.0.0.1");
    }
  }

  /** Whether reconnecting sockets may resume an earlier TLS session (a browser does). */
  boolean resumesSessions() {
    return resumeSessions;
  }

  /** How many distinct source addresses the connections really use. */
  int sourceAddresses() {
    return spread ? addresses.size() : 1;
  }

  /**
   * A fresh context: its empty session cache forces a full handshake on the next connection made
   * with it.
   */
  SSLContext newContext() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    return context;
  }

  /**
   * The source address the next connection will use, round robin, for raw sockets that bind it
   * themselves.
   */
  InetAddress nextAddress() {
    return addresses.get(Math.floorMod(next.get(), addresses.size()));
  }

  /**
   * Opens a socket on the next source address, round robin; when sessions resume, a listener (a
   * player) always goes through the same client, whose context holds the ticket of its last
   * connection, as a browser's reconnect does.
   */
  CompletableFuture<WebSocket> open(URI uri, WebSocket.Listener listener) {
    int index = resumeSessions ? System.identityHashCode(listener) : next.getAndIncrement();
    HttpClient client = clients.get(Math.floorMod(index, clients.size()));
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
    if ("ws".equals(uri.getScheme())) {
      // Plain ws only ever stands for a TLS-terminating proxy's hop: say https, as nginx does.
      builder.header("X-Forwarded-Proto", "https");
    }
    return builder.buildAsync(uri, listener);
  }

  private static Method localAddressMethod() {
    try {
      return HttpClient.Builder.class.getMethod("localAddress", InetAddress.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
