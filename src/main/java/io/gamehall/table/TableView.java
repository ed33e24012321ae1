package io.gamehall.table;

import io.gamehall.game.Result;
import java.util.List;
import java.util.Map;

/**
 * The full table as one member may see it, carried by a {@link TableOutput.Snapshot}. {@code match}
 * is the seat's own view for a seated member and the public view otherwise; null before the first
 * match.
 *
 * @param yourSeat the member's seat, or -1 for a spectator
 * @param clock whose turn it is and until when, or null when no match is running
 * @param drawOfferedBy seat with a pending draw offer, or -1
 * @param undoRequestedBy seat with a pending undo request, or -1
 * @param lastResult how the last match ended, or null
 */
public record TableView(
    String tableId,
    String game,
    Map<String, String> options,
    Phase phase,
    int yourSeat,
    List<SeatView> seats,
    int spectators,
    ClockView clock,
    Map<String, Object> match,
    int drawOfferedBy,
    int undoRequestedBy,
    Result lastResult) {

  /**
   * One seat; {@code playerId} is null for a free seat. {@code offlineDeadline} is 0 unless the
   * player is away.
   */
  public record SeatView(
      int seat,
      String playerId,
      String nickname,
      boolean bot,
      boolean online,
      boolean trustee,
      boolean ready,
      boolean rematch,
      long bankMillis,
      long offlineDeadline) {}

  /** The seat to act; after {@code deadline} its bank of {@code bankMillis} runs down. */
  public record ClockView(int seat, long deadline, long bankMillis) {}
}
