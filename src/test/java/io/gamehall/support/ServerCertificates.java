package io.gamehall.support;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What a TLS server presents: the leaf certificate of a fresh handshake, and the one a keystore
 * holds.
 */
public final class ServerCertificates {
  private ServerCertificates() {}

  /**
   * Handshakes with 127.0.0.1:{@code port} presenting and verifying {@code host} (our truststore
   * only) and returns the server's leaf certificate. A new SSLContext each time, so no session is
   * resumed.
   */
  public static X509Certificate presented(String host, int port) throws Exception {
    SSLContext tls = Tls.trustingOurCa();
    Socket tcp = new Socket("127.0.0.1", port);
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket(tcp, host, port, true)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The serial number of the certificate under {@code alias} in a PKCS12 file. */
  public static BigInteger serialIn(Path keystore, String alias) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, Tls.password());
    }
    return ((X509Certificate) store.getCertificate(alias)).getSerialNumber();
  }
}
