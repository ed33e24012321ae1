package io.gamehall.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys a node derives from {@code gamehall.cluster.secret} and the cluster name: one
 * encrypts the traffic (JGroups SYM_ENCRYPT), one signs join requests ({@link ClusterToken}).
 * Deriving both from the name too means a node of another cluster with the same secret is refused
 * as well; keeping them apart means neither use weakens the other.
 */
record ClusterKeys(SecretKey encryption, byte[] authentication) {
  static ClusterKeys derive(String secret, String clusterName) {
    byte[] master = secret.getBytes(StandardCharsets.UTF_8);
    return new ClusterKeys(
        new SecretKeySpec(hmac(master, "gamehall-cluster-encrypt|" + clusterName), "AES"),
        hmac(master, "gamehall-cluster-join|" + clusterName));
  }

  static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
