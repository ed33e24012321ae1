package io.gamehall.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which "player seen" writes to skip: one this node made for the same player and nickname within
 * the refresh interval. Every reconnect welcomes its player again, and in a reconnect storm those
 * writes were a sixth of the server's samples (docs/performance.md); the first welcome after a
 * start, and any nickname change, is still written at once. Bounded: when full it forgets
 * everything, which only costs writes.
 */
final class SeenThrottle {
  private record Written(String nickname, long atMillis) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();
  private final long refreshMillis;
  private final int maxPlayers;
  private final LongSupplier clock;

  SeenThrottle(long refreshMillis, int maxPlayers, LongSupplier clock) {
    this.refreshMillis = refreshMillis;
    this.maxPlayers = maxPlayers;
    this.clock = clock;
  }

  /** Whether to write this sighting; if so, it counts as written from now. */
  boolean shouldWrite(String playerId, String nickname) {
    long now = clock.getAsLong();
    Written last = written.get(playerId);
    if (last != null && last.nickname().equals(nickname) && now - last.atMillis() < refreshMillis) {
      return false;
    }
    if (written.size() >= maxPlayers) {
      written.clear();
    }
    written.put(playerId, new Written(nickname, now));
    return true;
  }
}
