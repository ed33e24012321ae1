package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlayCatalogueTest {

  private static List<Play> all;
  private static Set<RankCounts> enumerated;

  @BeforeAll
  static void enumerate() {
    all = PlayEnumerator.allPlays();
    enumerated = new HashSet<>();
    for (Play p : all) {
      enumerated.add(p.ranks());
    }
  }

  @Test
  void fullDeckHasTheRlcardNumberOfDistinctPlays() {
    assertEquals(27_471, all.size());
    assertEquals(27_471, enumerated.size(), "no multiset is produced twice");
  }

  @Test
  void perTypeCountsMatchTheReferenceBreakdown() {
    Map<PlayType, Integer> expected = new EnumMap<>(PlayType.class);
    expected.put(PlayType.SOLO, 15);
    expected.put(PlayType.PAIR, 13);
    expected.put(PlayType.TRIO, 13);
    expected.put(PlayType.TRIO_SOLO, 182);
    expected.put(PlayType.TRIO_PAIR, 156);
    expected.put(PlayType.SOLO_CHAIN, 36);
    expected.put(PlayType.PAIR_CHAIN, 52);
    expected.put(PlayType.AIRPLANE, 45);
    expected.put(PlayType.AIRPLANE_SOLO, 21_822);
    expected.put(PlayType.AIRPLANE_PAIR, 2_939);
    expected.put(PlayType.FOUR_TWO_SOLO, 1_326);
    expected.put(PlayType.FOUR_TWO_PAIR, 858);
    expected.put(PlayType.BOMB, 13);
    expected.put(PlayType.ROCKET, 1);
    Map<PlayType, Integer> actual = new EnumMap<>(PlayType.class);
    for (Play p : all) {
      actual.merge(p.type(), 1, Integer::sum);
    }
    assertEquals(expected, actual);
  }

  @Test
  void everyEnumeratedPlayHasExactlyOneReadingAndItIsTheEnumeratedOne() {
    for (Play p : all) {
      List<Play> readings = PlayClassifier.readings(p.ranks());
      assertEquals(List.of(p), readings, () -> "readings of " + p.ranks());
    }
  }

  @Test
  void exhaustiveSweepOfSmallMultisetsFindsNothingMissing() {
    // Every multiset of at most 8 cards from the deck (about 300k) is classified.
    int[] counts = new int[15];
    int[] found = new int[1];
    sweep(counts, 0, 8, found);
    long expectedSmall = all.stream().filter(p -> p.size() <= 8).count();
    assertEquals(expectedSmall, found[0]);
  }

  private void sweep(int[] counts, int rank, int room, int[] found) {
    if (rank == 15) {
      RankCounts rc = RankCounts.of(counts);
      if (PlayClassifier.classify(rc).isPresent()) {
        if (!enumerated.contains(rc)) {
          fail("classifier accepts " + rc + " but enumeration lacks it");
        }
        found[0]++;
      }
      return;
    }
    int max = Math.min(room, Rank.of(rank).copiesInDeck());
    for (int k = 0; k <= max; k++) {
      counts[rank] = k;
      sweep(counts, rank + 1, room - k, found);
    }
    counts[rank] = 0;
  }

  @Test
  void structuredSweepOfLargeCandidatesFindsNothingMissing() {
    // Beyond 8 cards only chains and airplanes exist, so sweep every pure run shape and every trio
    // run plus ANY remainder of k or 2k cards (no wing rules applied here), and compare.
    Set<RankCounts> accepted = new HashSet<>();
    for (int width = 1; width <= 3; width++) {
      for (int mask = 1; mask < (1 << 15); mask++) {
        int[] c = new int[15];
        boolean ok = true;
        for (int r = 0; r < 15; r++) {
          if ((mask & (1 << r)) != 0) {
            if (Rank.of(r).copiesInDeck() < width) {
              ok = false;
            }
            c[r] = width;
          }
        }
        if (ok) {
          check(RankCounts.of(c), accepted);
        }
      }
    }
    for (int k = 2; k <= 6; k++) {
      for (int lo = 0; lo + k - 1 <= Rank.ACE.ordinal(); lo++) {
        int[] body = new int[15];
        for (int r = lo; r < lo + k; r++) {
          body[r] = 3;
        }
        for (int extra : new int[] {k, 2 * k}) {
          if (3 * k + extra <= 20) {
            remainders(body, 0, extra, accepted);
          }
        }
      }
    }
    long expectedLarge = all.stream().filter(p -> p.size() > 8).count();
    long acceptedLarge = accepted.stream().filter(rc -> rc.size() > 8).count();
    assertEquals(expectedLarge, acceptedLarge);
  }

  private void remainders(int[] c, int rank, int left, Set<RankCounts> accepted) {
    if (left == 0) {
      check(RankCounts.of(c), accepted);
      return;
    }
    if (rank == 15) {
      return;
    }
    int room = Rank.of(rank).copiesInDeck() - c[rank];
    for (int k = 0; k <= Math.min(room, left); k++) {
      c[rank] += k;
      remainders(c, rank + 1, left - k, accepted);
      c[rank] -= k;
    }
  }

  private void check(RankCounts rc, Set<RankCounts> accepted) {
    if (PlayClassifier.classify(rc).isPresent()) {
      assertTrue(
          enumerated.contains(rc), () -> "classifier accepts " + rc + " but enumeration lacks it");
      accepted.add(rc);
    }
  }

  @Test
  void enumerationWithinAHandIsTheFullCatalogueFilteredByContainment() {
    RankCounts hand = RankCounts.parse("33344455566789TTJJQKA2BR");
    Set<RankCounts> within = new HashSet<>();
    for (Play p : PlayEnumerator.playsWithin(hand)) {
      within.add(p.ranks());
    }
    Set<RankCounts> filtered = new HashSet<>();
    for (Play p : all) {
      if (hand.containsAll(p.ranks())) {
        filtered.add(p.ranks());
      }
    }
    assertEquals(filtered, within);
  }
}
