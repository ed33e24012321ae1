package io.gamehall.game.doudizhu;

import java.util.Objects;

/**
 * What a seat can do on its turn: bid points, pass (in bidding or when following), or play cards.
 */
public sealed interface Action
    permits Action.Bid, Action.Call, Action.Rob, Action.Pass, Action.PlayCards {

  /** A bid of 1, 2 or 3 points; it must exceed the highest bid so far. */
  record Bid(int points) implements Action {
    public Bid {
      if (points < 1 || points > 3) {
        throw new IllegalArgumentException("bids are 1, 2 or 3 points");
      }
    }
  }

  /** 叫地主: claims the landlord seat in {@link BiddingMode#CALL_AND_ROB} while nobody has called. */
  record Call() implements Action {}

  /** 抢地主: takes the landlord claim over from the current claimant and doubles the stake. */
  record Rob() implements Action {}

  /** Declines to bid, or declines to beat the current play. The leader of a trick cannot pass. */
  record Pass() implements Action {}

  /**
   * Plays cards of the given ranks under the stated reading; the engine takes, for each rank, the
   * seat's cards of that rank with the lowest card indices, since suits never matter.
   */
  record PlayCards(Play play) implements Action {
    public PlayCards {
      Objects.requireNonNull(play);
    }
  }

  static Action pass() {
    return new Pass();
  }

  static Action call() {
    return new Call();
  }

  static Action rob() {
    return new Rob();
  }

  static Action bid(int points) {
    return new Bid(points);
  }

  static Action play(Play play) {
    return new PlayCards(play);
  }

  /**
   * Plays ranks given in the {@link Rank#ALPHABET} alphabet under their preferred reading.
   *
   * @throws IllegalArgumentException if the ranks are no valid play
   */
  static Action play(String ranks) {
    RankCounts rc = RankCounts.parse(ranks);
    return new PlayCards(
        PlayClassifier.classify(rc)
            .orElseThrow(() -> new IllegalArgumentException("not a valid play: " + rc)));
  }
}
