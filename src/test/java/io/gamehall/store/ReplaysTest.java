package io.gamehall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.games.Games;
import io.gamehall.table.MatchRecord;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays rebuild positions from seed, options and moves with the real rules engines. */
class ReplaysTest {
  private static final String SEED = "00".repeat(32);

  private static StoredMatch stored(
      String game, int seats, List<Integer> winners, String... actions) {
    List<MatchRecord.Move> moves = new ArrayList<>();
    for (int i = 0; i < actions.length; i++) {
      moves.add(new MatchRecord.Move(i % seats, actions[i], 1000L * i));
    }
    List<StoredMatch.Seat> seatRows = new ArrayList<>();
    for (int s = 0; s < seats; s++) {
      seatRows.add(new StoredMatch.Seat(s, "p" + s, "P" + s, false, 0, "loss", null, null));
    }
    return new StoredMatch(
        "m-test", "t", game, Map.of(), seats, SEED, null, null, "win", null, winners, false, 0L, 1L,
        1L, seatRows, moves);
  }

  @Test
  void aGomokuReplayStepsFromTheEmptyBoardToTheWinningLine() {
    GameRules rules = Games.catalog().find("gomoku").orElseThrow();
    StoredMatch m =
        stored("gomoku", 2, List.of(0), "H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12");
    Map<String, Object> start = Replays.frame(rules, m, 0);
    assertEquals(List.of(), ((Map<?, ?>) start.get("view")).get("moves"));
    assertEquals(null, start.get("move"));
    Map<String, Object> end = Replays.frame(rules, m, 9);
    assertEquals(9, end.get("plies"));
    assertEquals("H12", ((Map<?, ?>) end.get("move")).get("action"));
    Match live = rules.start(2, Map.of(), HexFormat.of().parseHex(SEED));
    for (MatchRecord.Move move : m.moves()) {
      live.apply(move.seat(), move.action());
    }
    assertEquals(
        live.publicView(),
        end.get("view"),
        "the replay's last frame is the match's final position");
    assertTrue(live.result().isPresent());
    assertThrows(IllegalArgumentException.class, () -> Replays.frame(rules, m, 10));
  }

  @Test
  void aLogTheRulesRefuseIsReported() {
    GameRules rules = Games.catalog().find("gomoku").orElseThrow();
    StoredMatch m = stored("gomoku", 2, List.of(0), "H8", "H8");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Replays.frame(rules, m, 2));
    assertTrue(e.getMessage().contains("move 2"), e.getMessage());
  }

  @Test
  void xiangqiExportsAsPgnWithTheStartFen() {
    GameRules rules = Games.catalog().find("xiangqi").orElseThrow();
    StoredMatch m = stored("xiangqi", 2, List.of(0), "h2e2", "h9g7", "h0g2");
    String pgn = Replays.xiangqiPgn(rules, m);
    assertTrue(
        pgn.contains("[FEN \"rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w"), pgn);
    assertTrue(pgn.contains("[Format \"ICCS\"]"), pgn);
    assertTrue(pgn.contains("[Result \"1-0\"]"), pgn);
    assertTrue(pgn.contains("1. H2-E2 H9-G7\n2. H0-G2\n1-0\n"), pgn);
  }
}
