package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What a TLS listener on 127.0.0.1 accepts, for servers the tests start themselves: the JDK's
 * client for what it can offer, openssl for what the JDK refuses to offer (TLS 1.1, CBC suites).
 */
public final class TlsProbe {
  private TlsProbe() {}

  /**
   * The protocol negotiated by a client offering only {@code protocol}, trusting our CA and
   * verifying the name localhost.
   */
  public static String negotiated(int port, String protocol) throws Exception {
    SSLContext tls = Tls.trustingOurCa();
    try (SSLSocket socket =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(new Socket("127.0.0.1", port), "localhost", port, true)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(new String[] {protocol});
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  /** {@code openssl s_client} against 127.0.0.1:{@code port} (SNI localhost); its whole output. */
  public static String openssl(int port, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-servername",
                "localhost"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    boolean done = process.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assertTrue(done, "openssl s_client did not finish within 30 s");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Asserts that the listener offers no TLS 1.1 session (openssl at security level 0 offers it) and
   * no CBC suite on TLS 1.2.
   */
  public static void assertNoTls11AndAeadOnly(int port) throws Exception {
    String tls11 = openssl(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertTrue(
        tls11.contains("Cipher is (NONE)"), "no TLS 1.1 session may be established:\n" + tls11);
    String cbc =
        openssl(port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA");
    assertTrue(cbc.contains("Cipher is (NONE)"), "AEAD suites only on TLS 1.2:\n" + cbc);
  }
}
