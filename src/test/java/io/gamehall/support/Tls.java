package io.gamehall.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for tests: trust only the build's dev CA (from the generated truststore), nothing from the
 * JDK's cacerts.
 */
public final class Tls {
  private Tls() {}

  public static Path truststore() {
    String path =
        System.getProperty("gamehall.truststore", "target/keystore/gamehall-truststore.p12");
    return Path.of(path);
  }

  public static char[] password() {
    String password = System.getenv("GAMEHALL_KEYSTORE_PASSWORD");
    return (password != null ? password : "changeit").toCharArray();
  }

  /** An SSLContext trusting only our truststore. */
  public static SSLContext trustingOurCa() throws Exception {
    return trustingOurCa("TLS");
  }

  public static SSLContext trustingOurCa(String protocol) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(truststore())) {
      trust.load(in, password());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance(protocol);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
