package io.gamehall.game.doudizhu;

import java.util.Collection;

/**
 * Immutable multiset of ranks packed three bits per rank into a long, so it is a cheap value and
 * map key.
 */
public record RankCounts(long bits) {

  private static final int RANKS = 15;
  private static final long MASK = 7L;

  public static final RankCounts EMPTY = new RankCounts(0L);

  public RankCounts {
    for (int r = 0; r < RANKS; r++) {
      long c = (bits >>> (3 * r)) & MASK;
      if (c > Rank.of(r).copiesInDeck()) {
        throw new IllegalArgumentException(
            "more copies of " + Rank.of(r) + " than a deck holds: " + c);
      }
    }
    if ((bits >>> (3 * RANKS)) != 0) {
      throw new IllegalArgumentException("stray bits in rank counts");
    }
  }

  public static RankCounts fullDeck() {
    int[] c = new int[RANKS];
    for (int r = 0; r < RANKS; r++) {
      c[r] = Rank.of(r).copiesInDeck();
    }
    return of(c);
  }

  /** Builds from a 15-element count array indexed by rank ordinal. */
  public static RankCounts of(int[] counts) {
    if (counts.length != RANKS) {
      throw new IllegalArgumentException("need " + RANKS + " counts");
    }
    long b = 0;
    for (int r = 0; r < RANKS; r++) {
      if (counts[r] < 0 || counts[r] > Rank.of(r).copiesInDeck()) {
        throw new IllegalArgumentException(
            "invalid count "
                + counts[r]
                + " for "
                + Rank.of(r)
                + " (deck holds "
                + Rank.of(r).copiesInDeck()
                + ")");
      }
      b |= ((long) counts[r]) << (3 * r);
    }
    return new RankCounts(b);
  }

  public static RankCounts ofCards(Collection<Card> cards) {
    int[] c = new int[RANKS];
    for (Card card : cards) {
      c[card.rank().ordinal()]++;
    }
    return of(c);
  }

  /**
   * Parses symbols from {@link Rank#ALPHABET} in any order (case-insensitive).
   *
   * @throws IllegalArgumentException on an unknown symbol or more copies of a rank than the deck
   *     holds
   */
  public static RankCounts parse(String text) {
    int[] c = new int[RANKS];
    for (int i = 0; i < text.length(); i++) {
      c[Rank.fromSymbol(text.charAt(i)).ordinal()]++;
    }
    return of(c);
  }

  public int count(Rank rank) {
    return count(rank.ordinal());
  }

  public int count(int rankOrdinal) {
    return (int) ((bits >>> (3 * rankOrdinal)) & MASK);
  }

  public int[] toArray() {
    int[] c = new int[RANKS];
    for (int r = 0; r < RANKS; r++) {
      c[r] = count(r);
    }
    return c;
  }

  public int size() {
    int n = 0;
    for (int r = 0; r < RANKS; r++) {
      n += count(r);
    }
    return n;
  }

  public boolean isEmpty() {
    return bits == 0;
  }

  public boolean containsAll(RankCounts other) {
    for (int r = 0; r < RANKS; r++) {
      if (other.count(r) > count(r)) {
        return false;
      }
    }
    return true;
  }

  public RankCounts plus(RankCounts other) {
    int[] c = toArray();
    for (int r = 0; r < RANKS; r++) {
      c[r] += other.count(r);
    }
    return of(c);
  }

  public RankCounts minus(RankCounts other) {
    if (!containsAll(other)) {
      throw new IllegalArgumentException(other + " is not contained in " + this);
    }
    // Containment guarantees no field underflows, so plain subtraction cannot borrow across fields.
    return new RankCounts(bits - other.bits);
  }

  public RankCounts with(Rank rank, int count) {
    int[] c = toArray();
    c[rank.ordinal()] = count;
    return of(c);
  }

  /** Ranks in ascending order in the alphabet {@code 3456789TJQKA2BR}, e.g. "33344456". */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < RANKS; r++) {
      char s = Rank.of(r).symbol();
      for (int k = count(r); k > 0; k--) {
        sb.append(s);
      }
    }
    return sb.toString();
  }
}
