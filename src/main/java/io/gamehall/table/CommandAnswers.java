package io.gamehall.table;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command de-duplication: the answers a table gave, per player and command id, so a resent command
 * is answered the same way instead of applied twice. Bounded (least recently used players and ids
 * go first); a saved state carries the newest few per player.
 */
final class CommandAnswers {
  /**
   * Answers kept per player in a snapshot: the ids a client could still be resending after a
   * restart.
   */
  static final int SNAPSHOT_REPLIES = 32;

  private final Map<String, Answers> byPlayer;
  private final int perPlayer;

  CommandAnswers(int players, int perPlayer) {
    this.byPlayer = lru(players);
    this.perPlayer = perPlayer;
  }

  /** The answers of {@code playerId}, created on first use (a lookup refreshes its recency). */
  Answers of(String playerId) {
    return byPlayer.computeIfAbsent(playerId, k -> new Answers(perPlayer));
  }

  /** The newest answers of every player, for a saved state. */
  Map<String, List<TableState.Reply>> newest() {
    Map<String, List<TableState.Reply>> out = new LinkedHashMap<>();
    byPlayer.forEach((player, mine) -> out.put(player, mine.newest()));
    return out;
  }

  /** Puts back the answers a saved state carried. */
  void restore(Map<String, List<TableState.Reply>> saved, String tableId) {
    saved.forEach(
        (player, answers) -> {
          Answers mine = new Answers(perPlayer);
          answers.forEach(r -> mine.put(r.cid(), r.toOutput(tableId)));
          byPlayer.put(player, mine);
        });
  }

  /**
   * One player's answered commands: by id, to answer a resent id the same way, and the newest
   * {@link #SNAPSHOT_REPLIES} in the order they were answered, which a saved state carries (kept as
   * they come, so taking a snapshot does not walk the whole map).
   */
  static final class Answers {
    private final Map<String, TableOutput> byCid;
    private final ArrayDeque<TableOutput> newest = new ArrayDeque<>();

    /**
     * {@link #newest} as saved replies, built by the first snapshot after a change (not on the
     * command path).
     */
    private List<TableState.Reply> newestView;

    Answers(int capacity) {
      byCid = lru(capacity);
    }

    TableOutput get(String cid) {
      return byCid.get(cid);
    }

    void put(String cid, TableOutput answer) {
      byCid.put(cid, answer);
      newest.addLast(answer);
      if (newest.size() > SNAPSHOT_REPLIES) {
        newest.removeFirst();
      }
      newestView = null;
    }

    List<TableState.Reply> newest() {
      if (newestView == null) {
        newestView = newest.stream().map(TableState.Reply::of).toList();
      }
      return newestView;
    }
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
