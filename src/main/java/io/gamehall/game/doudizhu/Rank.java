package io.gamehall.game.doudizhu;

import java.util.List;

/** The fifteen Dou Dizhu ranks in ascending strength, with their one-character symbols. */
public enum Rank {
  THREE('3'),
  FOUR('4'),
  FIVE('5'),
  SIX('6'),
  SEVEN('7'),
  EIGHT('8'),
  NINE('9'),
  TEN('T'),
  JACK('J'),
  QUEEN('Q'),
  KING('K'),
  ACE('A'),
  TWO('2'),
  BLACK_JOKER('B'),
  RED_JOKER('R');

  /** Symbols in rank order; the CLI and {@link RankCounts#toString()} use this alphabet. */
  public static final String ALPHABET = "3456789TJQKA2BR";

  private static final List<Rank> VALUES = List.of(values());

  private final char symbol;

  Rank(char symbol) {
    this.symbol = symbol;
  }

  public char symbol() {
    return symbol;
  }

  /** How many cards of this rank a full deck holds. */
  public int copiesInDeck() {
    return isJoker() ? 1 : 4;
  }

  public boolean isJoker() {
    return this == BLACK_JOKER || this == RED_JOKER;
  }

  /** Chains (straights, pair chains, airplanes) may only use ranks 3 through A. */
  public boolean isChainable() {
    return ordinal() <= ACE.ordinal();
  }

  public static Rank of(int ordinal) {
    return VALUES.get(ordinal);
  }

  public static Rank fromSymbol(char c) {
    int i = ALPHABET.indexOf(Character.toUpperCase(c));
    if (i < 0) {
      throw new IllegalArgumentException(
          "not a rank symbol: '" + c + "' (alphabet " + ALPHABET + ")");
    }
    return VALUES.get(i);
  }
}
