package io.gamehall.game.doudizhu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A card layout: three 17-card hands (seats 0, 1, 2) and the 3-card kitty, each sorted by card
 * index.
 */
public record Deal(List<List<Card>> hands, List<Card> kitty) {

  public static final int HAND_SIZE = 17;
  public static final int KITTY_SIZE = 3;

  public Deal {
    if (hands.size() != 3) {
      throw new IllegalArgumentException("need three hands");
    }
    List<List<Card>> copy = new ArrayList<>(3);
    Set<Card> seen = new HashSet<>();
    for (List<Card> h : hands) {
      if (h.size() != HAND_SIZE) {
        throw new IllegalArgumentException("each hand holds " + HAND_SIZE + " cards");
      }
      copy.add(sorted(h));
      seen.addAll(h);
    }
    if (kitty.size() != KITTY_SIZE) {
      throw new IllegalArgumentException("the kitty holds " + KITTY_SIZE + " cards");
    }
    seen.addAll(kitty);
    if (seen.size() != Card.DECK_SIZE) {
      throw new IllegalArgumentException("a deal must use each of the 54 cards exactly once");
    }
    hands = List.copyOf(copy);
    kitty = sorted(kitty);
  }

  /**
   * Splits a full 54-card order: seat 0 gets positions 0-16, seat 1 17-33, seat 2 34-50, kitty
   * 51-53.
   */
  public static Deal fromOrder(List<Card> order) {
    if (order.size() != Card.DECK_SIZE) {
      throw new IllegalArgumentException("need 54 cards");
    }
    return new Deal(
        List.of(order.subList(0, 17), order.subList(17, 34), order.subList(34, 51)),
        order.subList(51, 54));
  }

  public List<Card> hand(int seat) {
    return hands.get(seat);
  }

  private static List<Card> sorted(List<Card> cards) {
    List<Card> s = new ArrayList<>(cards);
    s.sort(null);
    return List.copyOf(s);
  }
}
