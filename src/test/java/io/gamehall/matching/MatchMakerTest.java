package io.gamehall.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.matching.MatchMaker.Group;
import io.gamehall.matching.MatchMaker.Ticket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quick match: same game only, rating bands that widen with waiting, bots after the fill delay. */
class MatchMakerTest {
  private final MatchMaker maker =
      new MatchMaker(new MatchMaker.Policy(100, 50, 1000, Duration.ofSeconds(20)));

  private static Ticket ticket(String id, String game, int seats, int rating, long at) {
    return new Ticket(id, game, seats, rating, at);
  }

  @Test
  void playersOfTheSameGameWithinTheBandAreSeatedTogether() {
    maker.enqueue(ticket("a", "gomoku", 2, 1500, 0));
    maker.enqueue(ticket("x", "xiangqi", 2, 1500, 0));
    maker.enqueue(ticket("b", "gomoku", 2, 1580, 0));
    List<Group> groups = maker.match(0);
    assertEquals(1, groups.size());
    assertEquals(
        List.of("a", "b"), groups.get(0).players().stream().map(Ticket::playerId).toList());
    assertEquals(0, groups.get(0).bots());
    assertEquals(1, maker.waitingFor("xiangqi"), "a lone xiangqi player keeps waiting");
  }

  @Test
  void aWideGapIsBridgedOnlyAfterBothHaveWaitedLongEnough() {
    maker.enqueue(ticket("a", "gomoku", 2, 1500, 0));
    maker.enqueue(ticket("b", "gomoku", 2, 1800, 0));
    assertTrue(maker.match(3_000).isEmpty(), "band 250 after 3 s does not cover 300");
    List<Group> later = maker.match(4_000);
    assertEquals(1, later.size(), "band 300 after 4 s does");
  }

  @Test
  void theClosestRatingIsPreferred() {
    maker.enqueue(ticket("a", "gomoku", 2, 1500, 0));
    maker.enqueue(ticket("far", "gomoku", 2, 1590, 0));
    maker.enqueue(ticket("near", "gomoku", 2, 1510, 0));
    Group group = maker.match(0).get(0);
    assertEquals("near", group.players().get(1).playerId());
  }

  @Test
  void threeSeatGamesWaitForThreeMutuallyCloseOrFillWithBots() {
    maker.enqueue(ticket("a", "doudizhu", 3, 1500, 0));
    maker.enqueue(ticket("b", "doudizhu", 3, 1550, 1_000));
    assertTrue(maker.match(5_000).isEmpty());
    List<Group> filled = maker.match(20_000);
    assertEquals(1, filled.size());
    assertEquals(2, filled.get(0).players().size());
    assertEquals(1, filled.get(0).bots());
    assertEquals(0, maker.waitingFor("doudizhu"));
  }

  @Test
  void aCancelledOrRequeuedTicketIsNotMatchedTwice() {
    maker.enqueue(ticket("a", "gomoku", 2, 1500, 0));
    maker.enqueue(ticket("a", "gomoku", 2, 1500, 5));
    assertEquals(1, maker.waitingFor("gomoku"));
    assertTrue(maker.cancel("a"));
    assertTrue(maker.match(60_000).isEmpty());
  }
}
