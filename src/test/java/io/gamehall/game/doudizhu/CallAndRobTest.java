package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CallAndRobTest {

  private static final GameOptions ROB = new GameOptions(1, BiddingMode.CALL_AND_ROB);

  private static DouDizhuGame game(int firstBidder) {
    return DouDizhuGame.start(
        ROB,
        firstBidder,
        DealSource.fixed(FairDeal.deal(new byte[32]), FairDeal.deal(new byte[32])));
  }

  @Test
  void callerWhoIsRobbedGetsALastChanceAndEachRobDoubles() {
    DouDizhuGame g = game(0);
    assertEquals(List.of(Action.pass(), Action.call()), g.legalActions(0));
    g.apply(0, Action.call());
    assertEquals(List.of(Action.pass(), Action.rob()), g.legalActions(1));
    g.apply(1, Action.rob());
    g.apply(2, Action.rob());
    assertEquals(Phase.BIDDING, g.phase());
    assertEquals(OptionalInt.of(0), g.currentSeat(), "the caller may rob back");
    List<GameEvent> ev = g.apply(0, Action.rob());
    assertEquals(new GameEvent.LandlordRobbed(0, 8), ev.get(0));
    assertEquals(OptionalInt.of(0), g.landlord());
    assertEquals(8, g.publicView().highestBid());
    assertEquals(
        new GameEvent.LandlordChosen(0, 8, FairDeal.deal(new byte[32]).kitty()), ev.get(1));
  }

  @Test
  void callerPassingItsLastChanceLeavesTheLastRobber() {
    DouDizhuGame g = game(1);
    g.apply(1, Action.call());
    g.apply(2, Action.rob());
    g.apply(0, Action.pass());
    g.apply(1, Action.pass());
    assertEquals(OptionalInt.of(2), g.landlord());
    assertEquals(2, g.publicView().highestBid());
    assertEquals(Phase.PLAYING, g.phase());
  }

  @Test
  void unrobbedCallerBecomesLandlordAfterOneRoundAndEarlierPassersDoNotActAgain() {
    DouDizhuGame g = game(0);
    g.apply(0, Action.pass());
    g.apply(1, Action.call());
    g.apply(2, Action.pass());
    assertEquals(OptionalInt.of(1), g.landlord());
    assertEquals(1, g.publicView().highestBid());
  }

  @Test
  void nobodyCallingRedeals() {
    DouDizhuGame g = game(0);
    g.apply(0, Action.pass());
    g.apply(1, Action.pass());
    g.apply(2, Action.pass());
    assertEquals(Phase.BIDDING, g.phase());
    assertEquals(2, g.publicView().dealNumber());
    assertEquals(OptionalInt.of(1), g.currentSeat());
  }

  @Test
  void actionsOfTheOtherAuctionAreRejected() {
    DouDizhuGame g = game(0);
    assertFalse(g.isLegal(0, Action.bid(1)));
    assertFalse(g.isLegal(0, Action.rob()), "nothing to rob before a call");
    g.apply(0, Action.call());
    assertFalse(g.isLegal(1, Action.call()));
    assertThrows(IllegalActionException.class, () -> g.apply(1, Action.call()));
    DouDizhuGame points =
        DouDizhuGame.start(GameOptions.DEFAULT, 0, DealSource.fixed(FairDeal.deal(new byte[32])));
    assertFalse(points.isLegal(0, Action.call()));
  }

  @Test
  void scoringUsesTheAuctionFactorAndBotsPlayLegally() {
    DouDizhuBot[] bots = {new DouDizhuBot(), new DouDizhuBot(), new DouDizhuBot()};
    int robbed = 0;
    for (int h = 0; h < 60; h++) {
      int[] k = {h * 100};
      DouDizhuGame g =
          DouDizhuGame.start(
              ROB,
              h % 3,
              DealSource.fair(
                  () -> FairDeal.sha256(("rob-" + k[0]++).getBytes(StandardCharsets.UTF_8))));
      int steps = 0;
      while (g.phase() != Phase.FINISHED && steps++ < 1_000) {
        int s = g.currentSeat().getAsInt();
        Action a = bots[s].choose(g.seatView(s));
        assertTrue(g.isLegal(s, a), () -> a + " for seat " + s);
        g.apply(s, a);
      }
      Outcome o = g.outcome().orElseThrow();
      assertEquals(o.baseScore() * o.bid() * o.multiplier(), o.unit());
      assertEquals(Integer.bitCount(o.bid()), 1, "the factor is a power of two");
      if (o.bid() > 1) {
        robbed++;
      }
    }
    assertTrue(robbed > 0, "bots rob sometimes");
  }
}
