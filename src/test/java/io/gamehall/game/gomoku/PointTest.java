package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Point notation parsing and formatting. */
class PointTest {

  @Test
  void centreIsH8() {
    assertEquals(Optional.of(Point.CENTER), Point.parse("H8"));
    assertEquals("H8", Point.CENTER.toString());
  }

  @Test
  void cornersFollowRenjuNotation() {
    assertEquals(Optional.of(Point.of(0, 0)), Point.parse("A1"));
    assertEquals(Optional.of(Point.of(14, 14)), Point.parse("O15"));
    assertEquals(Optional.of(Point.of(0, 14)), Point.parse("a15"));
    assertEquals("O1", Point.of(14, 0).toString());
  }

  @Test
  void everyPointRoundTrips() {
    for (int c = 0; c < Board.SIZE; c++) {
      for (int r = 0; r < Board.SIZE; r++) {
        Point p = Point.of(c, r);
        assertEquals(Optional.of(p), Point.parse(p.toString()));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "H", "8", "P1", "A0", "A16", "A-1", "A+1", "A01", "H8x", "HH8", "@1", "A\u0661"
      })
  void malformedOrOffBoardTextIsRejected(String text) {
    assertEquals(Optional.empty(), Point.parse(text));
  }

  @Test
  void nullIsRejected() {
    assertEquals(Optional.empty(), Point.parse(null));
  }

  @Test
  void offBoardPointsAreRepresentableButNotOnBoard() {
    assertFalse(Point.of(15, 0).isOnBoard());
    assertFalse(Point.of(0, -1).isOnBoard());
    assertTrue(Point.of(14, 14).isOnBoard());
    assertEquals("(15,0)", Point.of(15, 0).toString());
  }
}
