package io.gamehall.game.doudizhu;

import java.util.List;

/**
 * Fast hand-splitting heuristic player that sees only its {@link SeatView}; one instance per
 * thread.
 */
public final class DouDizhuBot {

  private static final int BIG = 1_000;

  private final HandSplitter splitter = new HandSplitter();

  /** A legal action for the seat whose turn it is in {@code view}. */
  public Action choose(SeatView view) {
    PublicView t = view.table();
    if (!view.myTurn()) {
      throw new IllegalArgumentException("not seat " + view.seat() + "'s turn");
    }
    if (t.phase() == Phase.BIDDING) {
      return bid(view);
    }
    return t.leading() ? lead(view) : follow(view);
  }

  /** Bids the strength-justified amount if it beats the highest bid so far, else passes. */
  Action bid(SeatView view) {
    int want = desiredBid(view.handRanks());
    if (view.table().bidding() == BiddingMode.CALL_AND_ROB) {
      // Calling commits at the lowest stake; robbing doubles it, so it takes a stronger hand.
      if (view.table().highestBid() == 0) {
        return want >= 1 ? Action.call() : Action.pass();
      }
      return want >= 2 ? Action.rob() : Action.pass();
    }
    return want > view.table().highestBid() ? Action.bid(want) : Action.pass();
  }

  /** 0 to 3 points, from high cards, bombs and how few combinations the hand splits into. */
  int desiredBid(RankCounts hand) {
    int strength = 0;
    strength += hand.count(Rank.RED_JOKER) * 4 + hand.count(Rank.BLACK_JOKER) * 3;
    strength += hand.count(Rank.TWO) * 2;
    if (hand.count(Rank.ACE) >= 3) {
      strength += 1;
    }
    for (Rank r : Rank.values()) {
      if (hand.count(r) == 4) {
        strength += 4;
      }
    }
    int hands = splitter.minHands(hand);
    strength += Math.max(0, 8 - hands);
    if (strength >= 11) {
      return 3;
    }
    if (strength >= 9) {
      return 2;
    }
    return strength >= 7 ? 1 : 0;
  }

  private Action lead(SeatView view) {
    RankCounts hand = view.handRanks();
    PublicView t = view.table();
    List<Play> plays = PlayEnumerator.playsWithin(hand);
    int danger = enemyMinCards(view);
    int next = (view.seat() + 1) % 3;
    boolean partnerNextNearlyOut =
        !view.isLandlord() && !isLandlord(t, next) && t.cardCounts().get(next) == 1;
    Play best = null;
    int bestCost = Integer.MAX_VALUE;
    for (Play p : plays) {
      if (p.size() == hand.size()) {
        return Action.play(p);
      }
      RankCounts rest = hand.minus(p.ranks());
      // Bombs and the rocket win their trick whenever needed, so only the other combinations count.
      int cost =
          BIG * (splitter.minHands(rest) - controls(rest))
              + 10 * p.main().ordinal()
              + controlWaste(p);
      if (p.doubles() || breaksBomb(p)) {
        cost += BIG / 2;
      }
      if (partnerNextNearlyOut && p.type() == PlayType.SOLO) {
        // Feed the partner: the lowest single is the likeliest to let them go out.
        cost = -BIG + p.main().ordinal();
      } else if (danger == 1 && p.type() == PlayType.SOLO) {
        // An enemy with one card wins on any lower single, so singles go last and highest first.
        cost += 3 * BIG - 20 * p.main().ordinal();
      } else if (danger == 2 && p.type() == PlayType.PAIR) {
        cost += BIG;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
      }
    }
    return Action.play(best);
  }

  private Action follow(SeatView view) {
    RankCounts hand = view.handRanks();
    PublicView t = view.table();
    Play last = t.lastPlay().orElseThrow();
    int lastSeat = t.lastPlaySeat().orElseThrow();
    boolean partnerLed = !view.isLandlord() && !isLandlord(t, lastSeat);
    int danger = enemyMinCards(view);
    int before = splitter.minHands(hand);
    Play best = null;
    int bestCost = Integer.MAX_VALUE;
    for (Play p : PlayEnumerator.playsWithin(hand)) {
      if (!p.beats(last)) {
        continue;
      }
      if (p.size() == hand.size()) {
        return Action.play(p);
      }
      RankCounts rest = hand.minus(p.ranks());
      int after = splitter.minHands(rest);
      int delta = after - before;
      boolean worthIt;
      if (p.doubles()) {
        // Bomb when an enemy is close to going out, or when the rest is all but won already.
        worthIt = danger <= 4 || after - controls(rest) <= 1;
      } else if (breaksBomb(p)) {
        worthIt = danger <= 4;
      } else if (delta <= -1) {
        worthIt = true;
      } else {
        worthIt = delta == 0 && danger <= 6;
      }
      if (partnerLed) {
        // Never overtake the partner unless it wins the hand next turn.
        worthIt = after <= 1 && !p.doubles();
      }
      if (!worthIt) {
        continue;
      }
      int cost =
          BIG * delta + 10 * p.main().ordinal() + controlWaste(p) + (p.doubles() ? BIG / 2 : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
      }
    }
    return best == null ? Action.pass() : Action.play(best);
  }

  /** Four-with-two spends a bomb as an ordinary play. */
  private static boolean breaksBomb(Play p) {
    return p.type() == PlayType.FOUR_TWO_SOLO || p.type() == PlayType.FOUR_TWO_PAIR;
  }

  /** Bombs and the rocket held: each can take back the lead whatever was played. */
  private static int controls(RankCounts hand) {
    int n = hand.count(Rank.BLACK_JOKER) + hand.count(Rank.RED_JOKER) == 2 ? 1 : 0;
    for (Rank r : Rank.values()) {
      if (hand.count(r) == 4) {
        n++;
      }
    }
    return n;
  }

  /**
   * Spending 2s and jokers as kickers or in low combinations gives away control of later tricks.
   */
  private static int controlWaste(Play p) {
    if (p.type() == PlayType.SOLO || p.type() == PlayType.PAIR || p.doubles()) {
      return 0;
    }
    RankCounts r = p.ranks();
    return 30 * (r.count(Rank.TWO) + r.count(Rank.BLACK_JOKER) + r.count(Rank.RED_JOKER));
  }

  private static boolean isLandlord(PublicView t, int seat) {
    return t.landlord().isPresent() && t.landlord().getAsInt() == seat;
  }

  /**
   * The fewest cards any opponent holds (both farmers for the landlord, the landlord for a farmer).
   */
  private static int enemyMinCards(SeatView view) {
    PublicView t = view.table();
    int min = Integer.MAX_VALUE;
    for (int s = 0; s < 3; s++) {
      if (s == view.seat()) {
        continue;
      }
      boolean enemy = view.isLandlord() || isLandlord(t, s);
      if (enemy) {
        min = Math.min(min, t.cardCounts().get(s));
      }
    }
    return min;
  }
}
