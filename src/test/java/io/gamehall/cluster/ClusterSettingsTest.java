package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster settings, start preconditions and the join token, without a network. */
class ClusterSettingsTest {
  private static final String SECRET = "0123456789abcdef-secret";

  @Test
  void offByDefaultAndReadsNothingElse() {
    assertFalse(ClusterSettings.enabled(Map.<String, String>of()::get));
    // A single node with a broken cluster setting still starts: nothing but the switch is read.
    assertFalse(ClusterSettings.enabled(Map.of("gamehall.cluster.size", "x")::get));
  }

  @Test
  void clusterModeNeedsALongEnoughSecret() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterSettings.from(Map.of("gamehall.cluster.enabled", "true")::get));
    assertTrue(missing.getMessage().contains("gamehall.cluster.secret"), missing.getMessage());
    IllegalArgumentException shortOne =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClusterSettings.from(
                    Map.of("gamehall.cluster.enabled", "true", "gamehall.cluster.secret", "short")
                        ::get));
    assertFalse(shortOne.getMessage().contains("short"), "never echoes the secret");
  }

  @Test
  void quorumIsAMajorityOfTheSizeUnlessSet() {
    Map<String, String> base =
        Map.of(
            "gamehall.cluster.enabled",
            "true",
            "gamehall.cluster.secret",
            SECRET,
            "gamehall.cluster.node.name",
            "a",
            "gamehall.cluster.initial.hosts",
            "10.0.0.1[7800], 10.0.0.2[7800]");
    ClusterSettings three = ClusterSettings.from(base::get);
    assertEquals(2, three.quorum());
    assertEquals(
        List.of(
            new ClusterSettings.HostPort("10.0.0.1", 7800),
            new ClusterSettings.HostPort("10.0.0.2", 7800)),
        three.initialHosts());
    assertFalse(three.toString().contains(SECRET), "toString hides the secret");
    Map<String, String> five = new java.util.HashMap<>(base);
    five.put("gamehall.cluster.size", "5");
    assertEquals(3, ClusterSettings.from(five::get).quorum());
    five.put("gamehall.cluster.quorum", "1");
    assertEquals(1, ClusterSettings.from(five::get).quorum());
    five.put("gamehall.cluster.discovery", "multicast");
    assertThrows(IllegalArgumentException.class, () -> ClusterSettings.from(five::get));
  }

  @Test
  void refusesH2AndMissingTokenKeysWithClearMessages() {
    IllegalStateException h2 =
        assertThrows(
            IllegalStateException.class, () -> ClusterPreconditions.check("H2", "k1:c2VjcmV0"));
    assertTrue(h2.getMessage().contains("PostgreSQL") && h2.getMessage().contains("H2"));
    IllegalStateException keys =
        assertThrows(
            IllegalStateException.class, () -> ClusterPreconditions.check("PostgreSQL", null));
    assertTrue(keys.getMessage().contains("gamehall.token.keys"), keys.getMessage());
    ClusterPreconditions.check("PostgreSQL", "k1:c2VjcmV0");
  }

  @Test
  void theJoinTokenProvesSecretVersionAndFreshness() throws Exception {
    Clock now = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    byte[] key = ClusterKeys.derive(SECRET, "gamehall").authentication();
    ClusterToken receiver = new ClusterToken(key, now, ClusterToken.PROTOCOL_VERSION);

    assertNull(receiver.refusal(sent(new ClusterToken(key, now, ClusterToken.PROTOCOL_VERSION))));
    assertNull(receiver.refusal(receiver), "a request to itself arrives unserialised, and passes");
    assertTrue(
        receiver.refusal(new ClusterToken()).contains("no GameHall join token"),
        "an empty token (never read off the wire) is refused");
    byte[] otherName = ClusterKeys.derive(SECRET, "other").authentication();
    assertTrue(
        receiver
            .refusal(sent(new ClusterToken(otherName, now, ClusterToken.PROTOCOL_VERSION)))
            .contains("wrong cluster secret"));
    assertTrue(
        receiver
            .refusal(sent(new ClusterToken(key, now, ClusterToken.PROTOCOL_VERSION + 1)))
            .contains("incompatible GameHall cluster protocol version"));
    Clock old = Clock.offset(now, Duration.ofMinutes(-10));
    assertTrue(
        receiver
            .refusal(sent(new ClusterToken(key, old, ClusterToken.PROTOCOL_VERSION)))
            .contains("too old"));
  }

  /** The token as the receiving node reads it off the wire. */
  private static ClusterToken sent(ClusterToken token) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    token.writeTo(new DataOutputStream(bytes));
    assertEquals(token.size(), bytes.size());
    ClusterToken read = new ClusterToken();
    read.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return read;
  }
}
