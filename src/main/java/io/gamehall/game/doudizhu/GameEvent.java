package io.gamehall.game.doudizhu;

import java.util.List;
import java.util.Optional;

/**
 * Things that happened at the table; all public (none carries a hand), so they may be broadcast.
 */
public sealed interface GameEvent {

  /** Cards were dealt; {@code commitment} is SHA-256(seed) in hex when the deal is seeded. */
  record Dealt(int dealNumber, int firstBidder, Optional<String> commitment) implements GameEvent {}

  record BidMade(int seat, int points) implements GameEvent {}

  record BidPassed(int seat) implements GameEvent {}

  /** 叫地主 in the call-and-rob variant. */
  record LandlordCalled(int seat) implements GameEvent {}

  /** 抢地主; {@code factor} is the auction multiplier after this rob (2, 4, 8, ...). */
  record LandlordRobbed(int seat, int factor) implements GameEvent {}

  /** Everyone passed; the seed of the abandoned deal is revealed and a new deal follows. */
  record Redeal(int dealNumber, Optional<String> revealedSeed) implements GameEvent {}

  /** The landlord takes the kitty, shown face up to everyone. */
  record LandlordChosen(int seat, int bid, List<Card> kitty) implements GameEvent {
    public LandlordChosen {
      kitty = List.copyOf(kitty);
    }
  }

  record Played(int seat, Play play, List<Card> cards, int cardsLeft) implements GameEvent {
    public Played {
      cards = List.copyOf(cards);
    }
  }

  record Passed(int seat) implements GameEvent {}

  /** Two passes in a row: the seat that made the last play leads a new trick. */
  record LeadRegained(int seat) implements GameEvent {}

  /** The hand is over; the seed is revealed so anyone can recompute and check the deal. */
  record Finished(Outcome outcome, Optional<String> revealedSeed) implements GameEvent {}
}
