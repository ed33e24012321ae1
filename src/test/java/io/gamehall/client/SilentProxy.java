package io.gamehall.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP proxy between a browser and the server (TLS passes through untouched) that can go silent
 * the way a dead mobile network or a NAT that forgot the mapping does: after {@link #silence()}
 * every byte of the existing connections is swallowed in both directions, and no close, FIN or
 * reset reaches either end; new connections are accepted and swallowed too. {@link #restore()}
 * forwards new connections again; the silenced ones stay dead, as they would on a real network.
 */
final class SilentProxy implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SilentProxy.class.getName());

  private final ServerSocket listener;
  private final int targetPort;
  private final ExecutorService pumps = Executors.newCachedThreadPool();
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean silent;

  private SilentProxy(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
  }

  /** Listens on 127.0.0.1:{@code port} and forwards to 127.0.0.1:{@code targetPort}. */
  static SilentProxy start(int port, int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    SilentProxy proxy = new SilentProxy(listener, targetPort);
    proxy.pumps.execute(proxy::acceptLoop);
    return proxy;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** From now on nothing gets through, on old and new connections alike. */
  void silence() {
    silent = true;
    for (Link link : links) {
      link.dead = true;
    }
  }

  /** New connections are forwarded again; the ones silenced stay silent. */
  void restore() {
    silent = false;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        client.setTcpNoDelay(true);
        Link link = new Link(client);
        links.add(link);
        if (silent) {
          link.dead = true;
          pumps.execute(() -> link.pump(client, null));
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        server.setTcpNoDelay(true);
        link.server = server;
        pumps.execute(() -> link.pump(client, server));
        pumps.execute(() -> link.pump(server, client));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          LOG.log(Level.FINE, "proxy accept failed", e);
        }
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    listener.close();
    for (Link link : links) {
      link.closeBoth();
    }
    pumps.shutdownNow();
    if (!pumps.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warning("proxy pumps still running after close");
    }
  }

  /** One browser connection and its upstream connection. */
  private static final class Link {
    final Socket client;
    volatile Socket server;
    volatile boolean dead;

    Link(Socket client) {
      this.client = client;
    }

    /**
     * Copies {@code from} to {@code to} while the link lives; once dead it reads and drops
     * everything, and an end of stream is not passed on (a silent path tells nobody anything).
     */
    void pump(Socket from, Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to == null ? null : to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (!dead && out != null) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
        if (!dead) {
          closeBoth();
        }
      } catch (IOException e) {
        if (!dead) {
          closeBoth();
        }
      }
    }

    void closeBoth() {
      closeQuietly(client);
      closeQuietly(server);
    }

    private static void closeQuietly(Socket s) {
      if (s == null) {
        return;
      }
      try {
        s.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "proxy socket close", e);
      }
    }
  }
}
