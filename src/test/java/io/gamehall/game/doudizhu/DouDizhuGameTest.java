package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DouDizhuGameTest {

  private static DouDizhuGame fixed(int firstBidder, Deal... deals) {
    return DouDizhuGame.start(GameOptions.DEFAULT, firstBidder, DealSource.fixed(deals));
  }

  private static Deal someDeal() {
    return FairDeal.deal(new byte[32]);
  }

  @Test
  void biddingRunsInTurnFromTheFirstBidderAndHighestBidderBecomesLandlord() {
    DouDizhuGame g = fixed(1, someDeal());
    assertEquals(Phase.BIDDING, g.phase());
    assertEquals(OptionalInt.of(1), g.currentSeat());
    assertThrows(IllegalActionException.class, () -> g.apply(0, Action.bid(1)));
    g.apply(1, Action.bid(1));
    assertFalse(g.isLegal(2, Action.bid(1)), "a bid must exceed the highest");
    assertEquals(List.of(Action.pass(), Action.bid(2), Action.bid(3)), g.legalActions(2));
    g.apply(2, Action.bid(2));
    List<GameEvent> ev = g.apply(0, Action.pass());
    assertEquals(Phase.PLAYING, g.phase());
    assertEquals(OptionalInt.of(2), g.landlord());
    assertEquals(OptionalInt.of(2), g.currentSeat(), "the landlord leads");
    GameEvent.LandlordChosen chosen = (GameEvent.LandlordChosen) ev.get(1);
    assertEquals(someDeal().kitty(), chosen.kitty());
    assertEquals(20, g.seatView(2).hand().size());
    assertTrue(g.seatView(2).hand().containsAll(someDeal().kitty()));
    assertEquals(someDeal().kitty(), g.publicView().kitty());
  }

  @Test
  void aBidOfThreeEndsBiddingAtOnce() {
    DouDizhuGame g = fixed(0, someDeal());
    g.apply(0, Action.bid(3));
    assertEquals(Phase.PLAYING, g.phase());
    assertEquals(OptionalInt.of(0), g.landlord());
  }

  @Test
  void allPassingRedealsWithTheNextSeedAndRevealsTheOldOne() {
    byte[][] seeds = {new byte[32], new byte[32]};
    seeds[1][0] = 7;
    int[] next = {0};
    DouDizhuGame g =
        DouDizhuGame.start(GameOptions.DEFAULT, 0, DealSource.fair(() -> seeds[next[0]++].clone()));
    assertEquals(Optional.of(FairDeal.commitment(seeds[0])), g.publicView().commitment());
    g.apply(0, Action.pass());
    g.apply(1, Action.pass());
    List<GameEvent> ev = g.apply(2, Action.pass());
    assertEquals(
        new GameEvent.Redeal(1, Optional.of(HexFormat.of().formatHex(seeds[0]))), ev.get(1));
    assertEquals(new GameEvent.Dealt(2, 1, Optional.of(FairDeal.commitment(seeds[1]))), ev.get(2));
    assertEquals(Phase.BIDDING, g.phase());
    assertEquals(OptionalInt.of(1), g.currentSeat(), "the opener rotates");
    assertEquals(FairDeal.deal(seeds[1]).hand(0), g.seatView(0).hand());
  }

  @Test
  void leaderCannotPassAndTwoPassesGiveTheLeadBack() {
    DouDizhuGame g = fixed(0, TestDeals.of("3456", "", "", ""));
    g.apply(0, Action.bid(3));
    assertFalse(g.isLegal(0, Action.pass()));
    assertFalse(g.legalActions(0).contains(Action.pass()));
    g.apply(0, Action.play("3"));
    assertFalse(g.isLegal(1, Action.play("3")), "equal rank does not beat");
    g.apply(1, Action.pass());
    List<GameEvent> ev = g.apply(2, Action.pass());
    assertEquals(new GameEvent.LeadRegained(0), ev.get(1));
    assertEquals(OptionalInt.of(0), g.currentSeat());
    assertTrue(g.publicView().leading());
    assertFalse(g.isLegal(0, Action.pass()));
  }

  @Test
  void followersMustMatchTypeAndLengthOrBomb() {
    DouDizhuGame g = fixed(0, TestDeals.of("34567", "679TJ8888", "BR", ""));
    g.apply(0, Action.bid(1));
    g.apply(1, Action.pass());
    g.apply(2, Action.pass());
    g.apply(0, Action.play("34567"));
    assertFalse(g.isLegal(1, Action.play("6789TJ")), "longer chain");
    assertFalse(g.isLegal(1, Action.play("6")), "other type");
    assertTrue(g.isLegal(1, Action.play("6789T")));
    assertTrue(g.isLegal(1, Action.play("8888")));
    g.apply(1, Action.play("8888"));
    assertTrue(g.isLegal(2, Action.play("BR")));
    assertTrue(g.legalActions(2).stream().allMatch(a -> g.isLegal(2, a)));
  }

  @Test
  void playsMustBeHeldAndCorrectlyRead() {
    DouDizhuGame g = fixed(0, TestDeals.of("333444", "", "", ""));
    g.apply(0, Action.bid(3));
    Rank absent =
        java.util.Arrays.stream(Rank.values())
            .filter(r -> g.seatView(0).handRanks().count(r) == 0)
            .findFirst()
            .orElseThrow();
    assertFalse(g.isLegal(0, Action.play(String.valueOf(absent.symbol()))), "not held");
    Play misread = new Play(PlayType.AIRPLANE, RankCounts.parse("333444"), Rank.FOUR);
    assertFalse(g.isLegal(0, Action.play(misread)), "wrong main rank");
    IllegalActionException e =
        assertThrows(IllegalActionException.class, () -> g.apply(0, Action.play(misread)));
    assertTrue(e.getMessage().contains("cannot be read"));
    assertEquals(20, g.seatView(0).hand().size(), "a rejected action changes nothing");
  }

  @Test
  void springDoublesAndEveryBombAndRocketDoubles() {
    // Landlord: rocket, three bombs and four-with-two; the farmers never get to play.
    DouDizhuGame g = fixed(0, TestDeals.of("2222AAAAKKKKQQQQB", "", "", "R33"));
    g.apply(0, Action.bid(3));
    for (String p : List.of("BR", "2222", "AAAA", "KKKK", "QQQQ33")) {
      g.apply(0, Action.play(p));
      if (g.phase() == Phase.PLAYING) {
        g.apply(1, Action.pass());
        g.apply(2, Action.pass());
      }
    }
    Outcome o = g.outcome().orElseThrow();
    assertTrue(o.landlordWon());
    assertTrue(o.spring());
    assertFalse(o.antiSpring());
    assertEquals(4, o.bombsAndRockets());
    assertEquals(32, o.multiplier());
    assertEquals(96, o.unit());
    assertEquals(List.of(192, -96, -96), o.scores());
    assertEquals(List.of(0), o.winners());
  }

  @Test
  void antiSpringWhenTheLandlordOnlyMadeTheFirstLead() {
    DouDizhuGame g =
        DouDizhuGame.start(
            new GameOptions(2),
            0,
            DealSource.fixed(TestDeals.of("3", "BR2222AAAAKKKKQQQ", "", "")));
    g.apply(0, Action.bid(1));
    g.apply(1, Action.pass());
    g.apply(2, Action.pass());
    g.apply(0, Action.play("3"));
    g.apply(1, Action.play("BR"));
    for (String p : List.of("2222", "AAAA", "KKKK", "QQQ")) {
      g.apply(2, Action.pass());
      g.apply(0, Action.pass());
      g.apply(1, Action.play(p));
    }
    Outcome o = g.outcome().orElseThrow();
    assertFalse(o.landlordWon());
    assertTrue(o.antiSpring());
    assertEquals(4, o.bombsAndRockets());
    assertEquals(32, o.multiplier());
    assertEquals(2 * 1 * 32, o.unit());
    assertEquals(List.of(-128, 64, 64), o.scores());
    assertEquals(List.of(1, 2), o.winners());
    assertEquals(Phase.FINISHED, g.phase());
    assertTrue(g.legalActions(1).isEmpty());
  }

  @Test
  void plainWinScoresBidTimesBase() {
    DouDizhuGame g = fixed(0, TestDeals.of("3", "4", "5", ""));
    g.apply(0, Action.bid(2));
    g.apply(1, Action.pass());
    g.apply(2, Action.pass());
    g.apply(0, Action.play("3"));
    g.apply(1, Action.play("4"));
    g.apply(2, Action.pass());
    g.apply(0, Action.play(String.valueOf(g.seatView(0).hand().get(18).rank().symbol())));
    // Whatever follows, the farmers played, so no spring: play out with default actions.
    while (g.phase() != Phase.FINISHED) {
      int s = g.currentSeat().getAsInt();
      g.apply(s, g.defaultAction(s));
    }
    Outcome o = g.outcome().orElseThrow();
    assertFalse(o.spring());
    assertEquals(2, o.bid());
    assertEquals((1 << o.bombsAndRockets()) * (o.antiSpring() ? 2 : 1), o.multiplier());
    assertEquals(2 * o.multiplier(), o.unit());
    assertEquals(0, o.scores().stream().mapToInt(Integer::intValue).sum());
    assertEquals(o.landlordWon() ? 2 * o.unit() : -2 * o.unit(), o.scores().get(0));
  }

  @Test
  void defaultActionPassesInBiddingAndFollowingAndLeadsTheLowestCard() {
    DouDizhuGame g = fixed(0, TestDeals.of("", "", "", ""));
    assertEquals(Action.pass(), g.defaultAction(0));
    g.apply(0, Action.bid(3));
    Action lead = g.defaultAction(0);
    Rank lowest = g.seatView(0).hand().get(0).rank();
    assertEquals(Action.play(String.valueOf(lowest.symbol())), lead);
    g.apply(0, lead);
    assertEquals(Action.pass(), g.defaultAction(1));
    assertTrue(g.isLegal(1, g.defaultAction(1)));
  }

  @Test
  void finishedHandRevealsTheSeedWhichVerifiesAgainstTheCommitment() {
    DouDizhuGame g =
        DouDizhuGame.start(GameOptions.DEFAULT, 0, DealSource.fair(() -> new byte[32]));
    String commitment = g.publicView().commitment().orElseThrow();
    Map<Integer, List<Card>> dealt =
        Map.of(0, g.seatView(0).hand(), 1, g.seatView(1).hand(), 2, g.seatView(2).hand());
    assertTrue(g.publicView().revealedSeed().isEmpty(), "seed stays secret during play");
    while (g.phase() != Phase.FINISHED) {
      int s = g.currentSeat().getAsInt();
      g.apply(s, g.phase() == Phase.BIDDING && s == 0 ? Action.bid(1) : g.defaultAction(s));
    }
    String seed = g.publicView().revealedSeed().orElseThrow();
    Deal d = FairDeal.verify(seed, commitment);
    for (int s = 0; s < 3; s++) {
      assertEquals(dealt.get(s), d.hand(s));
    }
    GameEvent last = g.events().get(g.events().size() - 1);
    assertEquals(
        Optional.of(seed), assertInstanceOf(GameEvent.Finished.class, last).revealedSeed());
  }

  @Test
  void viewsNeverReachAnotherSeatsCards() {
    DouDizhuGame g =
        DouDizhuGame.start(GameOptions.DEFAULT, 0, DealSource.fair(() -> new byte[32]));
    Deal deal = FairDeal.deal(new byte[32]);
    assertTrue(
        reachableCards(g.publicView()).isEmpty(), "no card is public before the kitty is shown");
    assertEquals(new HashSet<>(deal.hand(1)), reachableCards(g.seatView(1)));
    g.apply(0, Action.bid(3));
    assertEquals(new HashSet<>(deal.kitty()), reachableCards(g.publicView()));
    // Play the whole hand out; at every step a seat sees exactly its hand plus what was made
    // public.
    while (g.phase() != Phase.FINISHED) {
      int s = g.currentSeat().getAsInt();
      g.apply(s, g.defaultAction(s));
      Set<Card> pub = reachableCards(g.publicView());
      for (int seat = 0; seat < 3; seat++) {
        Set<Card> expected = new HashSet<>(pub);
        expected.addAll(g.seatView(seat).hand());
        assertEquals(expected, reachableCards(g.seatView(seat)));
        for (Card c : g.seatView((seat + 1) % 3).hand()) {
          // Kitty cards stay public knowledge while in the landlord's hand; nothing else may be.
          assertFalse(
              pub.contains(c) && !deal.kitty().contains(c), "unplayed card " + c + " is public");
        }
      }
    }
  }

  /** Walks records, collections and optionals reflectively, collecting every Card reachable. */
  private static Set<Card> reachableCards(Object root) {
    Set<Card> found = new HashSet<>();
    walk(root, found);
    return found;
  }

  private static void walk(Object o, Set<Card> found) {
    if (o instanceof Card c) {
      found.add(c);
    } else if (o instanceof Iterable<?> it) {
      it.forEach(x -> walk(x, found));
    } else if (o instanceof Optional<?> opt) {
      opt.ifPresent(x -> walk(x, found));
    } else if (o != null && o.getClass().isRecord()) {
      for (RecordComponent rc : o.getClass().getRecordComponents()) {
        try {
          walk(rc.getAccessor().invoke(o), found);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
