package io.gamehall.game.doudizhu;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable snapshot of public information only, for spectators and as the shared part of a seat
 * view.
 */
public record PublicView(
    Phase phase,
    BiddingMode bidding,
    int dealNumber,
    OptionalInt currentSeat,
    int firstBidder,
    int highestBid,
    OptionalInt landlord,
    List<Card> kitty,
    List<Integer> cardCounts,
    Optional<Play> lastPlay,
    OptionalInt lastPlaySeat,
    int multiplier,
    Optional<String> commitment,
    Optional<String> revealedSeed,
    Optional<Outcome> outcome,
    List<GameEvent> history) {

  public PublicView {
    kitty = List.copyOf(kitty);
    cardCounts = List.copyOf(cardCounts);
    history = List.copyOf(history);
  }

  /** Whether the seat to act leads a fresh trick (and so may not pass). */
  public boolean leading() {
    return phase == Phase.PLAYING && lastPlay.isEmpty();
  }
}
