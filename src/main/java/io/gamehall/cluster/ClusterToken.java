package io.gamehall.cluster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;

/**
 * Proof, sent with every JGroups join and merge request, that the sender knows the cluster's secret
 * and speaks this GameHall cluster protocol: the protocol version, the send time and an HMAC of
 * both under the join key. The secret itself never travels. The time bounds how long a captured
 * request can be replayed.
 */
public final class ClusterToken extends AuthToken {
  /**
   * Raised whenever what nodes send each other changes incompatibly; nodes of different versions
   * refuse each other (a rolling upgrade across such a change needs a drain, docs/clustering.md).
   */
  public static final int PROTOCOL_VERSION = 1;

  private static final long MAX_SKEW_MILLIS = 5 * 60_000L;
  private static final int MAC_LENGTH = 32;

  private final byte[] key;
  private final Clock clock;
  private int version;
  private long sentAt;
  private byte[] mac;

  /** The receiving side's empty instance, which JGroups fills from the wire. */
  public ClusterToken() {
    this(null, Clock.systemUTC(), PROTOCOL_VERSION);
  }

  ClusterToken(byte[] key, Clock clock, int version) {
    this.key = key;
    this.clock = clock;
    this.version = version;
  }

  @Override
  public String getName() {
    return ClusterToken.class.getName();
  }

  @Override
  public int size() {
    return Integer.BYTES + Long.BYTES + MAC_LENGTH;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    long now = clock.millis();
    out.writeInt(version);
    out.writeLong(now);
    out.write(sign(version, now));
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    version = in.readInt();
    sentAt = in.readLong();
    mac = new byte[MAC_LENGTH];
    in.readFully(mac);
  }

  @Override
  public boolean authenticate(AuthToken token, Message msg) {
    return refusal(token) == null;
  }

  /** Why {@code token} is refused, or null when it proves the secret and the version. */
  String refusal(AuthToken token) {
    if (token == this) {
      // A request this node sends itself (a merge it coordinates) is delivered without
      // serialisation: the header holds this very token, which never carries a received MAC.
      return null;
    }
    if (!(token instanceof ClusterToken other) || other.mac == null) {
      return "not a GameHall cluster node (no GameHall join token)";
    }
    if (other.version != PROTOCOL_VERSION) {
      return "incompatible GameHall cluster protocol version "
          + other.version
          + " (this cluster speaks "
          + PROTOCOL_VERSION
          + ")";
    }
    if (!MessageDigest.isEqual(sign(other.version, other.sentAt), other.mac)) {
      return "wrong cluster secret (gamehall.cluster.secret differs, or the cluster name does)";
    }
    if (Math.abs(clock.millis() - other.sentAt) > MAX_SKEW_MILLIS) {
      return "join token too old or clocks more than 5 minutes apart";
    }
    return null;
  }

  private byte[] sign(int v, long at) {
    if (key == null) {
      throw new IllegalStateException("a received token cannot sign");
    }
    return ClusterKeys.hmac(key, ByteBuffer.allocate(12).putInt(v).putLong(at).array());
  }

  @Override
  public String toString() {
    return "GameHall cluster token v" + version;
  }
}
