package io.gamehall.table;

import io.gamehall.game.Result;
import java.util.List;
import java.util.Map;

/** A finished match for history and ratings: who sat where (bots marked), how it ended, and when. */
public record MatchRecord(
    String tableId,
    String game,
    Map<String, String> options,
    List<String> players,
    List<Boolean> bots,
    Result result,
    long startedAtMillis,
    long endedAtMillis) {
  public MatchRecord {
    options = Map.copyOf(options);
    players = List.copyOf(players);
    bots = List.copyOf(bots);
  }
}
