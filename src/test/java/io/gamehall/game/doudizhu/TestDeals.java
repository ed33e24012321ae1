package io.gamehall.game.doudizhu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Builds fixed deals from rank strings for tests; suits are assigned from whatever is left. */
final class TestDeals {

  private TestDeals() {}

  /**
   * Hands for seats 0..2 given explicitly; the kitty and any short hand are filled with leftovers.
   */
  static Deal of(String seat0, String seat1, String seat2, String kitty) {
    return of(-1, seat0, seat1, seat2, kitty);
  }

  /**
   * As {@link #of(String, String, String, String)}, but leftovers are shuffled with {@code seed}
   * (unless negative).
   */
  static Deal of(long seed, String seat0, String seat1, String seat2, String kitty) {
    List<Card> pool = new ArrayList<>(Card.fullDeck());
    if (seed >= 0) {
      Collections.shuffle(pool, new Random(seed));
    }
    List<List<Card>> parts = new ArrayList<>();
    for (String s : new String[] {seat0, seat1, seat2, kitty}) {
      parts.add(take(pool, s));
    }
    int[] sizes = {17, 17, 17, 3};
    for (int i = 0; i < 4; i++) {
      while (parts.get(i).size() < sizes[i]) {
        parts.get(i).add(pool.remove(0));
      }
    }
    return new Deal(parts.subList(0, 3), parts.get(3));
  }

  private static List<Card> take(List<Card> pool, String ranks) {
    List<Card> out = new ArrayList<>();
    for (char ch : ranks.toCharArray()) {
      Rank r = Rank.fromSymbol(ch);
      Card c =
          pool.stream()
              .filter(x -> x.rank() == r)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no " + r + " left"));
      pool.remove(c);
      out.add(c);
    }
    return out;
  }
}
