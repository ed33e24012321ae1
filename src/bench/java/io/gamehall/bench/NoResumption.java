package io.gamehall.bench;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A client TLS context that never resumes: JSSE looks a cached session up by the engine's peer host
 * and port, so engines made without them always do a full handshake. The JDK's HttpClient still
 * sends the host name as SNI and verifies the certificate against it (the trust manager checks the
 * SNI name when the engine has no peer host), so nothing but resumption changes.
 */
final class NoResumption extends SSLContextSpi {
  private final SSLContext delegate;

  private NoResumption(SSLContext delegate) {
    this.delegate = delegate;
  }

  static SSLContext wrap(SSLContext delegate) {
    return new SSLContext(new NoResumption(delegate), delegate.getProvider(), "TLS") {};
  }

  @Override
  protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
      throws KeyManagementException {
    delegate.init(km, tm, random);
  }

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    return delegate.getSocketFactory();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    return delegate.getServerSocketFactory();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    return delegate.createSSLEngine();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String host, int port) {
    return delegate.createSSLEngine();
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    return delegate.getServerSessionContext();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    return delegate.getClientSessionContext();
  }

  @Override
  protected javax.net.ssl.SSLParameters engineGetDefaultSSLParameters() {
    return delegate.getDefaultSSLParameters();
  }

  @Override
  protected javax.net.ssl.SSLParameters engineGetSupportedSSLParameters() {
    return delegate.getSupportedSSLParameters();
  }
}
