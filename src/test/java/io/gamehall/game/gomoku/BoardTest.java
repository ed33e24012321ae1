package io.gamehall.game.gomoku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Board text form, copying and raw placement. */
class BoardTest {

  private static final String EMPTY_ROW = "...............";

  @Test
  void parseMapsFirstRowToRow15() {
    String text = "X..............".concat(("/" + EMPTY_ROW).repeat(13)).concat("/..............O");
    Board b = Board.parse(text);
    assertEquals(Optional.of(Stone.BLACK), b.stoneAt(Point.parse("A15").orElseThrow()));
    assertEquals(Optional.of(Stone.WHITE), b.stoneAt(Point.parse("O1").orElseThrow()));
    assertEquals(2, b.stoneCount());
    assertEquals(text, b.toText());
  }

  @Test
  void wrongRowCountIsReported() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Board.parse((EMPTY_ROW + "/").repeat(13) + EMPTY_ROW));
    assertTrue(e.getMessage().contains("15 rows"), e.getMessage());
  }

  @Test
  void wrongRowLengthIsReported() {
    String text = "....".concat(("/" + EMPTY_ROW).repeat(14));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Board.parse(text));
    assertTrue(e.getMessage().contains("row 15"), e.getMessage());
  }

  @Test
  void badCellIsReported() {
    String text = "....x..........".concat(("/" + EMPTY_ROW).repeat(14));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Board.parse(text));
    assertTrue(
        e.getMessage().contains("'x'") && e.getMessage().contains("column E"), e.getMessage());
  }

  @Test
  void copiesAreIndependent() {
    Board a = new Board();
    Board b = a.copy();
    b.place(Point.CENTER, Stone.BLACK);
    assertTrue(a.isEmpty(Point.CENTER));
    assertEquals(1, b.stoneCount());
  }

  @Test
  void placeRefusesOccupiedAndOffBoardPoints() {
    Board b = new Board();
    b.place(Point.CENTER, Stone.BLACK);
    assertThrows(IllegalArgumentException.class, () -> b.place(Point.CENTER, Stone.WHITE));
    assertThrows(IllegalArgumentException.class, () -> b.place(Point.of(15, 15), Stone.WHITE));
  }
}
