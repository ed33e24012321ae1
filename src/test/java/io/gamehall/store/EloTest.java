package io.gamehall.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EloTest {
  @Test
  void equalNewPlayersMoveByHalfTheProvisionalK() {
    assertArrayEquals(
        new int[] {1520, 1480},
        Elo.update(new int[] {1500, 1500}, new int[] {0, 0}, Set.of(0), Set.of()));
  }

  @Test
  void establishedPlayersUseTheSmallerK() {
    int[] after = Elo.update(new int[] {1500, 1500}, new int[] {30, 30}, Set.of(1), Set.of());
    assertArrayEquals(new int[] {1490, 1510}, after);
  }

  @Test
  void anUpsetMovesMoreThanAnExpectedWin() {
    int[] upset = Elo.update(new int[] {1300, 1700}, new int[] {30, 30}, Set.of(0), Set.of());
    int[] expected = Elo.update(new int[] {1300, 1700}, new int[] {30, 30}, Set.of(1), Set.of());
    assertEquals(18, upset[0] - 1300, "an outsider's win: 20 x (1 - 0.09)");
    assertEquals(2, expected[1] - 1700, "the favourite's win: 20 x (1 - 0.91)");
  }

  @Test
  void aDrawBetweenUnequalPlayersFavoursTheWeaker() {
    int[] after = Elo.update(new int[] {1400, 1600}, new int[] {30, 30}, Set.of(), Set.of());
    assertTrue(after[0] > 1400 && after[1] < 1600, "draw: " + after[0] + " " + after[1]);
  }

  @Test
  void doudizhuTeammatesDoNotPlayEachOther() {
    // Seat 1 is the landlord and wins against both farmers.
    int[] after =
        Elo.update(new int[] {1500, 1500, 1500}, new int[] {0, 0, 0}, Set.of(1), Set.of());
    assertArrayEquals(
        new int[] {1480, 1520, 1480}, after, "the landlord's two pairings count as one game");
    int[] farmersWin =
        Elo.update(new int[] {1500, 1500, 1500}, new int[] {0, 0, 0}, Set.of(0, 2), Set.of());
    assertArrayEquals(new int[] {1520, 1480, 1520}, farmersWin);
  }

  @Test
  void aProtectedSeatNeverLoses() {
    // Farmer 2 abandoned; farmer 0 loses with them but is protected, the landlord still gains.
    int[] after =
        Elo.update(new int[] {1500, 1500, 1500}, new int[] {0, 0, 0}, Set.of(1), Set.of(0, 1));
    assertArrayEquals(new int[] {1500, 1520, 1480}, after);
  }

  @Test
  void ratingsStayAboveTheFloor() {
    int[] after = Elo.update(new int[] {Elo.FLOOR, 1500}, new int[] {0, 0}, Set.of(1), Set.of());
    assertEquals(Elo.FLOOR, after[0]);
  }
}
