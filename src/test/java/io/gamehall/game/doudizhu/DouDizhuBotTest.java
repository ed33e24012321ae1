package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DouDizhuBotTest {

  private static byte[] seed(int n) {
    return FairDeal.sha256(("bot-test-" + n).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Plays the game to the end with bots, asserting every action is legal; returns actions taken.
   */
  private static int playOut(DouDizhuGame g, DouDizhuBot[] bots) {
    int steps = 0;
    while (g.phase() != Phase.FINISHED) {
      int s = g.currentSeat().getAsInt();
      Action a = bots[s].choose(g.seatView(s));
      if (!g.isLegal(s, a)) {
        fail("seat " + s + " chose illegal " + a + " in " + g.seatView(s));
      }
      g.apply(s, a);
      if (++steps > 1_000) {
        fail("hand did not finish");
      }
    }
    return steps;
  }

  private static DouDizhuBot[] bots() {
    return new DouDizhuBot[] {new DouDizhuBot(), new DouDizhuBot(), new DouDizhuBot()};
  }

  @Test
  void threeBotsAlwaysPlayLegallyAndFinishManySeededHands() {
    DouDizhuBot[] bots = bots();
    int landlordWins = 0;
    int hands = 300;
    for (int h = 0; h < hands; h++) {
      int[] k = {h * 100};
      DouDizhuGame g =
          DouDizhuGame.start(GameOptions.DEFAULT, h % 3, DealSource.fair(() -> seed(k[0]++)));
      playOut(g, bots);
      Outcome o = g.outcome().orElseThrow();
      assertEquals(0, o.scores().stream().mapToInt(Integer::intValue).sum());
      if (o.landlordWon()) {
        landlordWins++;
      }
    }
    // Sanity on play quality: neither side should win (almost) every hand.
    assertTrue(
        landlordWins > hands / 10 && landlordWins < hands * 9 / 10, "landlord won " + landlordWins);
  }

  @Test
  void botsWinAnObviouslyWinningPosition() {
    for (int variant = 0; variant < 20; variant++) {
      // Rocket, the two highest bombs and one long chain: four plays nobody can stop. The farmers'
      // cards differ per variant.
      DouDizhuGame g =
          DouDizhuGame.start(
              GameOptions.DEFAULT,
              0,
              DealSource.fixed(TestDeals.of(variant, "BR2222AAAA3456789", "", "", "TJQ")));
      g.apply(0, Action.bid(3));
      DouDizhuBot[] bots = bots();
      playOut(g, bots);
      Outcome o = g.outcome().orElseThrow();
      assertTrue(o.landlordWon(), "variant " + variant);
    }
  }

  @Test
  void aHandThatIsOnePlayIsPlayedOutAtOnce() {
    DouDizhuGame g =
        DouDizhuGame.start(
            GameOptions.DEFAULT,
            0,
            DealSource.fixed(TestDeals.of("33344455566677789", "", "", "TTJ")));
    g.apply(0, Action.bid(3));
    // 333444555666777 + 8 9 T T J is 20 cards: airplane of five trios with five solo wings.
    Action a = new DouDizhuBot().choose(g.seatView(0));
    Play p = assertInstanceOf(Action.PlayCards.class, a).play();
    assertEquals(PlayType.AIRPLANE_SOLO, p.type());
    assertEquals(20, p.size());
  }

  @Test
  void farmerDoesNotOvertakeItsPartnerNeedlessly() {
    DouDizhuGame g =
        DouDizhuGame.start(
            GameOptions.DEFAULT, 0, DealSource.fixed(TestDeals.of("3", "5", "6789TJQKA22", "")));
    g.apply(0, Action.bid(3));
    g.apply(0, Action.play("3"));
    g.apply(1, Action.play("5"));
    assertEquals(Action.pass(), new DouDizhuBot().choose(g.seatView(2)));
  }

  @Test
  void farmerBeatsTheLandlordWithALooseCardThatCostsNothing() {
    // Seat 1 holds a pair chain 7..A and one loose 6: answering the landlord's 3 with the 6 is
    // free.
    DouDizhuGame g =
        DouDizhuGame.start(
            GameOptions.DEFAULT,
            0,
            DealSource.fixed(TestDeals.of("3", "6778899TTJJQQKKAA", "", "")));
    g.apply(0, Action.bid(3));
    g.apply(0, Action.play("3"));
    assertEquals(Action.play("6"), new DouDizhuBot().choose(g.seatView(1)));
  }

  @Test
  void bidsFollowHandStrength() {
    DouDizhuBot bot = new DouDizhuBot();
    assertEquals(3, bot.desiredBid(RankCounts.parse("BR2222AAA3456789T")));
    assertEquals(0, bot.desiredBid(RankCounts.parse("3344567899TJQQKA5")));
    DouDizhuGame g =
        DouDizhuGame.start(
            GameOptions.DEFAULT,
            0,
            DealSource.fixed(TestDeals.of("3344567899TJQQKA5", "BR2222AAA3", "", "")));
    assertEquals(Action.pass(), bot.choose(g.seatView(0)));
    g.apply(0, Action.pass());
    assertEquals(Action.bid(3), bot.choose(g.seatView(1)));
  }

  @Test
  void defaultActionsAlsoFinishHands() {
    DouDizhuGame g = DouDizhuGame.start(GameOptions.DEFAULT, 0, DealSource.fair(() -> seed(-1)));
    g.apply(0, Action.bid(1));
    while (g.phase() != Phase.FINISHED) {
      int s = g.currentSeat().getAsInt();
      Action a = g.defaultAction(s);
      assertTrue(g.isLegal(s, a));
      g.apply(s, a);
    }
    assertEquals(List.of(), g.legalActions(0));
  }
}
