package io.gamehall.table;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a table after its process died: what is played, the seats, the match
 * in its game's snapshot form, the clock as elapsed time, the sequence number and the answers to
 * recent commands (so a resent command id is still answered and never applied twice). Taken on the
 * table's queue after each event of a running match; immutable, so a writer may encode it on any
 * thread. Spectators and connections are not part of it.
 *
 * @param savedAtMillis table time when it was taken
 * @param turnElapsedMillis how much of the current turn had been used (0 if nobody is to act)
 * @param replies per player, remembered command answers, oldest first
 * @param matchSeedHex the seed the match started from (hex), for its history record; null if
 *     unknown
 * @param abandonedBy the seat that abandoned the match, or -1
 * @param moveLog every accepted action so far, so the match's history record is whole after a
 *     restore
 */
public record TableState(
    String tableId,
    String game,
    Map<String, String> options,
    boolean practice,
    boolean spectatable,
    Phase phase,
    long seq,
    long lastGameSeq,
    long version,
    int botCount,
    List<SeatState> seats,
    List<String> matchPlayers,
    String match,
    long matchStartedAtMillis,
    int turnSeat,
    long turnElapsedMillis,
    int drawOfferedBy,
    List<Long> drawOfferVersions,
    int undoRequestedBy,
    List<Integer> undoAccepted,
    Map<String, List<Reply>> replies,
    long savedAtMillis,
    String matchSeedHex,
    int abandonedBy,
    List<MatchRecord.Move> moveLog) {

  public TableState {
    options = Map.copyOf(options);
    // Empty seats are null, which List.copyOf refuses.
    seats = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(seats));
    matchPlayers = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(matchPlayers));
    drawOfferVersions = List.copyOf(drawOfferVersions);
    undoAccepted = List.copyOf(undoAccepted);
    Map<String, List<Reply>> copy = new java.util.LinkedHashMap<>();
    replies.forEach((player, list) -> copy.put(player, List.copyOf(list)));
    replies = java.util.Collections.unmodifiableMap(copy);
    moveLog = List.copyOf(moveLog);
  }

  /** A state without match history (no seed, nobody abandoned, no moves recorded). */
  public TableState(
      String tableId,
      String game,
      Map<String, String> options,
      boolean practice,
      boolean spectatable,
      Phase phase,
      long seq,
      long lastGameSeq,
      long version,
      int botCount,
      List<SeatState> seats,
      List<String> matchPlayers,
      String match,
      long matchStartedAtMillis,
      int turnSeat,
      long turnElapsedMillis,
      int drawOfferedBy,
      List<Long> drawOfferVersions,
      int undoRequestedBy,
      List<Integer> undoAccepted,
      Map<String, List<Reply>> replies,
      long savedAtMillis) {
    this(
        tableId,
        game,
        options,
        practice,
        spectatable,
        phase,
        seq,
        lastGameSeq,
        version,
        botCount,
        seats,
        matchPlayers,
        match,
        matchStartedAtMillis,
        turnSeat,
        turnElapsedMillis,
        drawOfferedBy,
        drawOfferVersions,
        undoRequestedBy,
        undoAccepted,
        replies,
        savedAtMillis,
        null,
        -1,
        List.of());
  }

  /** A taken seat; {@code bankMillis} is the time bank left in this match. */
  public record SeatState(
      String playerId,
      String nickname,
      boolean bot,
      boolean ready,
      boolean rematch,
      boolean trustee,
      long bankMillis) {}

  /**
   * An answer given to a command: an ack (code null) at {@code seq}, or a refusal with its code and
   * message.
   */
  public record Reply(String cid, long seq, String code, String message) {
    static Reply of(TableOutput output) {
      if (output instanceof TableOutput.Ack ack) {
        return new Reply(ack.cid(), ack.seq(), null, null);
      }
      TableOutput.Refused refused = (TableOutput.Refused) output;
      return new Reply(refused.cid(), 0, refused.code(), refused.message());
    }

    TableOutput toOutput(String tableId) {
      return code == null
          ? new TableOutput.Ack(tableId, cid, seq)
          : new TableOutput.Refused(tableId, cid, code, message);
    }
  }
}
