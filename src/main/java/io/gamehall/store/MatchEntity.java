package io.gamehall.store;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished match: its seats with rating changes and its move log, enough to list, show and replay
 * it.
 */
@Entity
@Table(name = "match_record")
public class MatchEntity {
  @Id
  @Column(name = "id", length = 64)
  String id;

  @Column(name = "table_id", nullable = false, length = 64)
  String tableId;

  @Column(name = "game", nullable = false, length = 32)
  String game;

  @Column(name = "options", nullable = false, length = 1000)
  String options;

  @Column(name = "seat_count", nullable = false)
  int seatCount;

  @Column(name = "seed", nullable = false, length = 64)
  String seed;

  @Column(name = "commitment", length = 64)
  String commitment;

  @Column(name = "revealed_seed", length = 64)
  String revealedSeed;

  @Column(name = "reason", nullable = false, length = 16)
  String reason;

  @Column(name = "detail", length = 64)
  String detail;

  @Column(name = "winners", nullable = false, length = 32)
  String winners;

  @Column(name = "rated", nullable = false)
  boolean rated;

  @Column(name = "started_at", nullable = false)
  long startedAt;

  @Column(name = "ended_at", nullable = false)
  long endedAt;

  @Column(name = "duration_ms", nullable = false)
  long durationMs;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "match_seat", joinColumns = @JoinColumn(name = "match_id"))
  @OrderColumn(name = "seat")
  List<SeatRow> seats = new ArrayList<>();

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "match_move", joinColumns = @JoinColumn(name = "match_id"))
  @OrderColumn(name = "ply")
  List<MoveRow> moves = new ArrayList<>();

  protected MatchEntity() {}

  MatchEntity(String id) {
    this.id = id;
  }

  /** One seat of a finished match; the seat number is its position in the list. */
  @Embeddable
  public static class SeatRow {
    @Column(name = "player_id", length = 64)
    String playerId;

    @Column(name = "nickname", nullable = false, length = 64)
    String nickname;

    @Column(name = "bot", nullable = false)
    boolean bot;

    @Column(name = "points", nullable = false)
    int points;

    @Column(name = "outcome", nullable = false, length = 8)
    String outcome;

    @Column(name = "rating_before")
    Integer ratingBefore;

    @Column(name = "rating_after")
    Integer ratingAfter;

    protected SeatRow() {}
  }

  /** One accepted action; the ply is its position in the list. */
  @Embeddable
  public static class MoveRow {
    @Column(name = "seat", nullable = false)
    int seat;

    @Column(name = "action", nullable = false, length = 200)
    String action;

    @Column(name = "at_ms", nullable = false)
    long atMs;

    protected MoveRow() {}

    MoveRow(int seat, String action, long atMs) {
      this.seat = seat;
      this.action = action;
      this.atMs = atMs;
    }
  }
}
