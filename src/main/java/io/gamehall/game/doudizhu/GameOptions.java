package io.gamehall.game.doudizhu;

import java.util.Objects;

/** Table settings: the base score that bids and doublings multiply, and the bidding variant. */
public record GameOptions(int baseScore, BiddingMode bidding) {

  public static final GameOptions DEFAULT = new GameOptions(1, BiddingMode.POINTS);

  public GameOptions {
    if (baseScore < 1) {
      throw new IllegalArgumentException("base score must be positive");
    }
    Objects.requireNonNull(bidding);
  }

  /** The 1/2/3-point auction with the given base score. */
  public GameOptions(int baseScore) {
    this(baseScore, BiddingMode.POINTS);
  }
}
