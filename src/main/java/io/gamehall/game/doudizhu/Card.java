package io.gamehall.game.doudizhu;

import java.util.ArrayList;
import java.util.List;

/**
 * One card by canonical index: rank * 4 + suit (S, H, C, D) for 3..2, 52 black joker, 53 red joker.
 */
public record Card(int index) implements Comparable<Card> {

  public static final int DECK_SIZE = 54;

  public Card {
    if (index < 0 || index >= DECK_SIZE) {
      throw new IllegalArgumentException("card index out of range: " + index);
    }
  }

  public Rank rank() {
    if (index == 52) {
      return Rank.BLACK_JOKER;
    }
    if (index == 53) {
      return Rank.RED_JOKER;
    }
    return Rank.of(index / 4);
  }

  public Suit suit() {
    return index >= 52 ? Suit.JOKER : Suit.values()[index % 4];
  }

  /** All 54 cards in canonical order. */
  public static List<Card> fullDeck() {
    List<Card> deck = new ArrayList<>(DECK_SIZE);
    for (int i = 0; i < DECK_SIZE; i++) {
      deck.add(new Card(i));
    }
    return List.copyOf(deck);
  }

  @Override
  public int compareTo(Card o) {
    return Integer.compare(index, o.index);
  }

  /** Two characters: rank symbol then suit symbol, e.g. "TH", "3S", "BJ", "RJ". */
  @Override
  public String toString() {
    return "" + rank().symbol() + suit().symbol();
  }
}
