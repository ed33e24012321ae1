package io.gamehall.store;

import io.gamehall.table.MatchRecord;
import java.util.List;
import java.util.Map;

/**
 * A finished match as stored, detached from the persistence context. {@code moves} is empty in
 * history listings.
 */
public record StoredMatch(
    String id,
    String tableId,
    String game,
    Map<String, String> options,
    int seatCount,
    String seed,
    String commitment,
    String revealedSeed,
    String reason,
    String detail,
    List<Integer> winners,
    boolean rated,
    long startedAt,
    long endedAt,
    long durationMs,
    List<Seat> seats,
    List<MatchRecord.Move> moves) {

  /**
   * One seat: who (null player for a bot), the points scored, win/loss/draw, and the rating before
   * and after.
   */
  public record Seat(
      int seat,
      String playerId,
      String nickname,
      boolean bot,
      int points,
      String outcome,
      Integer ratingBefore,
      Integer ratingAfter) {}
}
