package io.gamehall.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A player's rating in one game, with the counts the leaderboard shows and the provisional K-factor
 * needs.
 */
@Entity
@Table(name = "rating")
@IdClass(RatingEntity.Key.class)
public class RatingEntity {
  @Id
  @Column(name = "player_id", length = 64)
  String playerId;

  @Id
  @Column(name = "game", length = 32)
  String game;

  @Column(name = "rating", nullable = false)
  int rating;

  @Column(name = "games", nullable = false)
  int games;

  @Column(name = "wins", nullable = false)
  int wins;

  @Column(name = "losses", nullable = false)
  int losses;

  @Column(name = "draws", nullable = false)
  int draws;

  @Column(name = "updated_at", nullable = false)
  long updatedAt;

  protected RatingEntity() {}

  RatingEntity(String playerId, String game) {
    this.playerId = playerId;
    this.game = game;
    this.rating = Elo.START;
  }

  /** The composite key (player, game). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String playerId;
    String game;

    public Key() {}

    Key(String playerId, String game) {
      this.playerId = playerId;
      this.game = game;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).playerId.equals(playerId) && ((Key) o).game.equals(game);
    }

    @Override
    public int hashCode() {
      return Objects.hash(playerId, game);
    }
  }
}
