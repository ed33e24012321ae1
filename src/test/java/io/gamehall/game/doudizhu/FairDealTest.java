package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairDealTest {

  private static final String SEED =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  private static final String COMMITMENT =
      "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";

  @Test
  void workedExampleFromTheRulesDocument() {
    byte[] seed = HexFormat.of().parseHex(SEED);
    assertEquals(COMMITMENT, FairDeal.commitment(seed));
    List<Card> order = FairDeal.shuffledOrder(seed);
    assertEquals("[7S, JH, AS, 2D, 8S, 2C, TS, QS, KS, 9D]", order.subList(0, 10).toString());
    assertEquals(
        List.of(
            16, 33, 44, 51, 20, 50, 28, 36, 40, 27, 11, 43, 48, 5, 47, 52, 18, 13, 6, 10, 46, 29,
            53, 34, 49, 26, 21, 8, 24, 45, 2, 19, 42, 17, 35, 12, 38, 22, 25, 14, 7, 23, 37, 15, 1,
            41, 30, 3, 39, 32, 31, 9, 0, 4),
        order.stream().map(Card::index).toList());
    Deal deal = FairDeal.deal(seed);
    assertEquals("457789TJQKKAA222B", RankCounts.ofCards(deal.hand(0)).toString());
    assertEquals("3455677899TJKAA2R", RankCounts.ofCards(deal.hand(1)).toString());
    assertEquals("334666889TTJJQQQK", RankCounts.ofCards(deal.hand(2)).toString());
    assertEquals("[3S, 4S, 5H]", deal.kitty().toString());
  }

  @Test
  void verifierRecomputesTheDealFromARevealedSeed() {
    Deal deal = FairDeal.verify(SEED, COMMITMENT.toUpperCase());
    assertEquals(FairDeal.deal(HexFormat.of().parseHex(SEED)), deal);
  }

  @Test
  void verifierRejectsASeedThatDoesNotMatchTheCommitment() {
    String other = "ff" + SEED.substring(2);
    assertThrows(IllegalArgumentException.class, () -> FairDeal.verify(other, COMMITMENT));
  }

  @Test
  void seedsMustBe32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> FairDeal.deal(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> FairDeal.verify(new byte[33], COMMITMENT));
  }

  @Test
  void dealIsDeterministicAndDependsOnTheSeed() {
    byte[] a = HexFormat.of().parseHex(SEED);
    byte[] b = a.clone();
    b[31] ^= 1;
    assertEquals(FairDeal.shuffledOrder(a), FairDeal.shuffledOrder(a.clone()));
    assertNotEquals(FairDeal.shuffledOrder(a), FairDeal.shuffledOrder(b));
    assertEquals(54, new HashSet<>(FairDeal.shuffledOrder(b)).size());
  }

  @Test
  void cardPositionsAreRoughlyUniform() {
    // 27,000 seeded shuffles; the red joker should land in each of 54 slots about 500 times.
    int trials = 27_000;
    int[] slot = new int[54];
    byte[] seed = new byte[32];
    for (int t = 0; t < trials; t++) {
      seed[0] = (byte) t;
      seed[1] = (byte) (t >>> 8);
      List<Card> order = FairDeal.shuffledOrder(seed);
      slot[order.indexOf(new Card(53))]++;
    }
    double chi2 = 0;
    double expected = trials / 54.0;
    for (int s : slot) {
      chi2 += (s - expected) * (s - expected) / expected;
    }
    // 53 degrees of freedom: the 99.99th percentile is about 100.
    assertTrue(chi2 < 100, "chi-square " + chi2);
  }
}
