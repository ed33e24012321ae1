package io.gamehall.game.doudizhu;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Provably fair deal from a 32-byte seed and its SHA-256 commitment, as specified in
 * docs/rules-doudizhu.md.
 */
public final class FairDeal {

  public static final int SEED_BYTES = 32;

  private FairDeal() {}

  /** A fresh 32-byte seed from the given randomness source. */
  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  /** Lower-case hex of SHA-256(seed): published at the deal, before any card is seen. */
  public static String commitment(byte[] seed) {
    return HexFormat.of().formatHex(sha256(seed));
  }

  /** The 54 card indices in dealt order, as specified in the rules document. */
  public static List<Card> shuffledOrder(byte[] seed) {
    checkSeed(seed);
    ByteStream stream = new ByteStream(seed);
    int[] deck = new int[Card.DECK_SIZE];
    for (int i = 0; i < deck.length; i++) {
      deck[i] = i;
    }
    for (int i = deck.length - 1; i >= 1; i--) {
      int j = stream.uniform(i + 1);
      int t = deck[i];
      deck[i] = deck[j];
      deck[j] = t;
    }
    List<Card> order = new ArrayList<>(deck.length);
    for (int idx : deck) {
      order.add(new Card(idx));
    }
    return order;
  }

  public static Deal deal(byte[] seed) {
    return Deal.fromOrder(shuffledOrder(seed));
  }

  /**
   * Checks a revealed seed against the commitment published at the deal and, if it matches, returns
   * the deal it produces.
   *
   * @throws IllegalArgumentException if the seed is malformed or does not hash to the commitment
   */
  public static Deal verify(byte[] seed, String commitmentHex) {
    checkSeed(seed);
    String actual = commitment(seed);
    if (!actual.equals(commitmentHex.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "seed does not match commitment: SHA-256(seed) = " + actual);
    }
    return deal(seed);
  }

  /** Hex convenience overload of {@link #verify(byte[], String)}. */
  public static Deal verify(String seedHex, String commitmentHex) {
    return verify(HexFormat.of().parseHex(seedHex.trim().toLowerCase(Locale.ROOT)), commitmentHex);
  }

  private static void checkSeed(byte[] seed) {
    if (seed == null || seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("seed must be exactly " + SEED_BYTES + " bytes");
    }
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  /**
   * Bytes of SHA-256(seed || uint32_be(0)), SHA-256(seed || uint32_be(1)), ... consumed in order.
   */
  private static final class ByteStream {
    private final byte[] seed;
    private int counter;
    private byte[] block = new byte[0];
    private int pos;

    ByteStream(byte[] seed) {
      this.seed = seed.clone();
    }

    int nextByte() {
      if (pos == block.length) {
        byte[] ctr = {
          (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
        };
        block = sha256(seed, ctr);
        counter++;
        pos = 0;
      }
      return block[pos++] & 0xFF;
    }

    /**
     * Uniform in [0, n) for 1 <= n <= 256: bytes at or above the largest multiple of n are
     * discarded.
     */
    int uniform(int n) {
      int limit = 256 - (256 % n);
      while (true) {
        int b = nextByte();
        if (b < limit) {
          return b % n;
        }
      }
    }
  }
}
