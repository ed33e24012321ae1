package io.gamehall.game.doudizhu;

import java.util.List;

/**
 * What one seat may know: its own hand plus the public table; other hands are not reachable from
 * it.
 */
public record SeatView(int seat, List<Card> hand, PublicView table) {

  public SeatView {
    hand = List.copyOf(hand);
  }

  public RankCounts handRanks() {
    return RankCounts.ofCards(hand);
  }

  public boolean isLandlord() {
    return table.landlord().isPresent() && table.landlord().getAsInt() == seat;
  }

  public boolean myTurn() {
    return table.currentSeat().isPresent() && table.currentSeat().getAsInt() == seat;
  }
}
