package io.gamehall.table;

import io.gamehall.game.Result;
import java.util.List;
import java.util.Map;

/**
 * A finished match for history, replays and ratings: who sat where (bots marked), how it ended, and
 * everything needed to replay it exactly: the options, the seed the match started from and the
 * accepted actions in order.
 *
 * @param abandonedBy the seat whose player left for good and ended the match, or -1
 * @param seedHex the 32-byte seed given to {@code GameRules.start}, in hex
 * @param commitment Dou Dizhu: the deal commitment published at the start (null for other games)
 * @param revealedSeed Dou Dizhu: the deal seed revealed at the end, to check against the commitment
 */
public record MatchRecord(
    String tableId,
    String game,
    Map<String, String> options,
    List<String> players,
    List<String> nicknames,
    List<Boolean> bots,
    boolean practice,
    Result result,
    int abandonedBy,
    String seedHex,
    List<Move> moves,
    String commitment,
    String revealedSeed,
    long startedAtMillis,
    long endedAtMillis) {
  public MatchRecord {
    options = Map.copyOf(options);
    players = List.copyOf(players);
    nicknames = List.copyOf(nicknames);
    bots = List.copyOf(bots);
    moves = List.copyOf(moves);
  }

  /**
   * One accepted action: the seat, the action in the game's notation, and when, counted from the
   * match start.
   */
  public record Move(int seat, String action, long atMillis) {}

  public long durationMillis() {
    return endedAtMillis - startedAtMillis;
  }

  /** Rated only between people at a table that is not for practice. */
  public boolean rated() {
    return !practice && !bots.contains(Boolean.TRUE);
  }
}
