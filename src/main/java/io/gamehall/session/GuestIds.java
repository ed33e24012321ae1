package io.gamehall.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/** Issues guest player ids: "g-" and 16 lower-case base-32 characters (80 random bits), unguessable. */
@ApplicationScoped
public class GuestIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private final SecureRandom random = new SecureRandom();

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    char[] out = new char[18];
    out[0] = 'g';
    out[1] = '-';
    for (int i = 0; i < 16; i++) {
      out[i + 2] = ALPHABET[bytes[i] & 31];
    }
    return new String(out);
  }
}
