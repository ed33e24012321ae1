package io.gamehall.game.doudizhu;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Dou Dizhu hand for seats 0, 1, 2 (in that cyclic order): bidding, play, scoring; not
 * thread-safe.
 */
public final class DouDizhuGame {

  public static final int SEATS = 3;

  private final GameOptions options;
  private final DealSource deals;
  private final List<GameEvent> log = new ArrayList<>();

  private Phase phase;
  private int dealNumber;
  private DealSource.DealtCards dealt;
  private final List<List<Card>> hands = new ArrayList<>();
  private int firstBidder;
  private int current;

  private int bidTurns;
  private int highestBid;
  private int highestBidder;
  private int caller;
  private int robs;
  private boolean callerLastChance;

  private int landlord = -1;
  private Play lastPlay;
  private int lastPlaySeat = -1;
  private int passesInRow;
  private final int[] playsBySeat = new int[SEATS];
  private int bombsAndRockets;
  private Outcome outcome;

  private DouDizhuGame(GameOptions options, int firstBidder, DealSource deals) {
    this.options = Objects.requireNonNull(options);
    this.deals = Objects.requireNonNull(deals);
    checkSeat(firstBidder);
    this.firstBidder = firstBidder;
    startDeal();
  }

  /** A game whose deals come from {@code deals}; {@code firstBidder} opens the bidding. */
  public static DouDizhuGame start(GameOptions options, int firstBidder, DealSource deals) {
    return new DouDizhuGame(options, firstBidder, deals);
  }

  /** A game with provably fair deals seeded from {@code random}. */
  public static DouDizhuGame start(GameOptions options, int firstBidder, SecureRandom random) {
    return new DouDizhuGame(options, firstBidder, DealSource.fair(random));
  }

  public Phase phase() {
    return phase;
  }

  /** The seat to act, empty once finished. */
  public OptionalInt currentSeat() {
    return phase == Phase.FINISHED ? OptionalInt.empty() : OptionalInt.of(current);
  }

  public OptionalInt landlord() {
    return landlord < 0 ? OptionalInt.empty() : OptionalInt.of(landlord);
  }

  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** The whole public event log since the first deal. */
  public List<GameEvent> events() {
    return List.copyOf(log);
  }

  /** Every action {@code seat} may take now; empty when it is not that seat's turn. */
  public List<Action> legalActions(int seat) {
    checkSeat(seat);
    List<Action> out = new ArrayList<>();
    if (phase == Phase.FINISHED || seat != current) {
      return out;
    }
    if (phase == Phase.BIDDING) {
      out.add(Action.pass());
      if (robMode()) {
        out.add(caller < 0 ? Action.call() : Action.rob());
      } else {
        for (int p = highestBid + 1; p <= 3; p++) {
          out.add(Action.bid(p));
        }
      }
      return out;
    }
    List<Play> plays = PlayEnumerator.playsWithin(RankCounts.ofCards(hands.get(seat)));
    if (lastPlay != null) {
      out.add(Action.pass());
    }
    for (Play p : plays) {
      if (lastPlay == null || p.beats(lastPlay)) {
        out.add(Action.play(p));
      }
    }
    return out;
  }

  public boolean isLegal(int seat, Action action) {
    return whyIllegal(seat, action) == null;
  }

  private String whyIllegal(int seat, Action action) {
    if (seat < 0 || seat >= SEATS) {
      return "no such seat " + seat;
    }
    if (phase == Phase.FINISHED) {
      return "the hand is finished";
    }
    if (seat != current) {
      return "it is seat " + current + "'s turn, not seat " + seat + "'s";
    }
    if (action instanceof Action.Bid bid) {
      if (phase != Phase.BIDDING || robMode()) {
        return phase != Phase.BIDDING
            ? "bidding is over"
            : "this table calls and robs instead of bidding points";
      }
      return bid.points() > highestBid ? null : "a bid must exceed the current " + highestBid;
    }
    if (action instanceof Action.Call || action instanceof Action.Rob) {
      if (phase != Phase.BIDDING || !robMode()) {
        return phase != Phase.BIDDING
            ? "bidding is over"
            : "this table bids points instead of calling";
      }
      boolean calling = action instanceof Action.Call;
      if (calling != (caller < 0)) {
        return calling ? "the landlord was already called; rob instead" : "nobody has called yet";
      }
      return null;
    }
    if (action instanceof Action.Pass) {
      if (phase == Phase.PLAYING && lastPlay == null) {
        return "the leader must play";
      }
      return null;
    }
    Play play = ((Action.PlayCards) action).play();
    if (phase != Phase.PLAYING) {
      return "cards are played only after bidding";
    }
    if (!PlayClassifier.isValid(play)) {
      return play.ranks()
          + " cannot be read as "
          + play.type().id()
          + " with main rank "
          + play.main();
    }
    if (!RankCounts.ofCards(hands.get(seat)).containsAll(play.ranks())) {
      return "seat " + seat + " does not hold " + play.ranks();
    }
    if (lastPlay != null && !play.beats(lastPlay)) {
      return play + " does not beat " + lastPlay;
    }
    return null;
  }

  /**
   * Performs {@code action} for {@code seat} and returns the events it caused (all public).
   *
   * @throws IllegalActionException if it is not the seat's turn or the action is not legal; state
   *     is unchanged
   */
  public List<GameEvent> apply(int seat, Action action) {
    Objects.requireNonNull(action);
    String why = whyIllegal(seat, action);
    if (why != null) {
      throw new IllegalActionException(why);
    }
    int before = log.size();
    if (action instanceof Action.Bid bid) {
      onBid(seat, bid.points());
    } else if (action instanceof Action.Call || action instanceof Action.Rob) {
      onCallOrRob(seat, action instanceof Action.Rob);
    } else if (action instanceof Action.Pass) {
      if (phase == Phase.BIDDING && robMode()) {
        onCallOrRobPass(seat);
      } else if (phase == Phase.BIDDING) {
        onBid(seat, 0);
      } else {
        onPass(seat);
      }
    } else {
      onPlay(seat, ((Action.PlayCards) action).play());
    }
    return List.copyOf(log.subList(before, log.size()));
  }

  /**
   * The action to take for a seat whose clock ran out: pass in bidding and when following,
   * otherwise lead the single lowest card.
   */
  public Action defaultAction(int seat) {
    if (phase == Phase.PLAYING && seat == current && lastPlay == null) {
      Rank lowest = hands.get(seat).get(0).rank();
      return Action.play(new Play(PlayType.SOLO, RankCounts.EMPTY.with(lowest, 1), lowest));
    }
    return Action.pass();
  }

  /** The seat's own hand plus public information. */
  public SeatView seatView(int seat) {
    checkSeat(seat);
    return new SeatView(seat, hands.get(seat), publicView());
  }

  /** Public information only, for spectators. */
  public PublicView publicView() {
    List<Integer> counts = new ArrayList<>(SEATS);
    for (List<Card> h : hands) {
      counts.add(h.size());
    }
    boolean revealed = landlord >= 0;
    return new PublicView(
        phase,
        options.bidding(),
        dealNumber,
        currentSeat(),
        firstBidder,
        highestBid,
        landlord(),
        revealed ? dealt.deal().kitty() : List.of(),
        counts,
        Optional.ofNullable(lastPlay),
        lastPlay == null ? OptionalInt.empty() : OptionalInt.of(lastPlaySeat),
        Math.max(highestBid, 1) << bombsAndRockets,
        dealt.commitment(),
        phase == Phase.FINISHED ? dealt.seedHex() : Optional.empty(),
        outcome(),
        log);
  }

  private void startDeal() {
    dealNumber++;
    dealt = deals.next();
    hands.clear();
    for (int s = 0; s < SEATS; s++) {
      hands.add(new ArrayList<>(dealt.deal().hand(s)));
    }
    phase = Phase.BIDDING;
    current = firstBidder;
    bidTurns = 0;
    highestBid = 0;
    highestBidder = -1;
    caller = -1;
    robs = 0;
    callerLastChance = false;
    log.add(new GameEvent.Dealt(dealNumber, firstBidder, dealt.commitment()));
  }

  private void onBid(int seat, int points) {
    bidTurns++;
    if (points > 0) {
      highestBid = points;
      highestBidder = seat;
      log.add(new GameEvent.BidMade(seat, points));
    } else {
      log.add(new GameEvent.BidPassed(seat));
    }
    if (highestBid == 3 || bidTurns == SEATS) {
      if (highestBidder < 0) {
        redeal();
      } else {
        becomeLandlord(highestBidder);
      }
    } else {
      current = (seat + 1) % SEATS;
    }
  }

  private boolean robMode() {
    return options.bidding() == BiddingMode.CALL_AND_ROB;
  }

  private void redeal() {
    log.add(new GameEvent.Redeal(dealNumber, dealt.seedHex()));
    // Rotating the opener spreads the first-bid advantage across redeals.
    firstBidder = (firstBidder + 1) % SEATS;
    startDeal();
  }

  private void onCallOrRob(int seat, boolean rob) {
    if (rob) {
      robs++;
      highestBid = 1 << robs;
      log.add(new GameEvent.LandlordRobbed(seat, highestBid));
    } else {
      caller = seat;
      highestBid = 1;
      log.add(new GameEvent.LandlordCalled(seat));
    }
    highestBidder = seat;
    afterCallOrRobTurn(seat);
  }

  private void onCallOrRobPass(int seat) {
    log.add(new GameEvent.BidPassed(seat));
    afterCallOrRobTurn(seat);
  }

  /** Every seat acts once; then, if anyone robbed, the original caller may rob back once. */
  private void afterCallOrRobTurn(int seat) {
    if (callerLastChance) {
      becomeLandlord(highestBidder);
      return;
    }
    bidTurns++;
    if (bidTurns < SEATS) {
      current = (seat + 1) % SEATS;
    } else if (caller < 0) {
      redeal();
    } else if (robs > 0 && highestBidder != caller) {
      callerLastChance = true;
      current = caller;
    } else {
      becomeLandlord(highestBidder);
    }
  }

  private void becomeLandlord(int seat) {
    landlord = seat;
    List<Card> kitty = dealt.deal().kitty();
    hands.get(seat).addAll(kitty);
    hands.get(seat).sort(null);
    phase = Phase.PLAYING;
    current = seat;
    log.add(new GameEvent.LandlordChosen(seat, highestBid, kitty));
  }

  private void onPass(int seat) {
    log.add(new GameEvent.Passed(seat));
    passesInRow++;
    current = (seat + 1) % SEATS;
    if (passesInRow == 2) {
      lastPlay = null;
      lastPlaySeat = -1;
      passesInRow = 0;
      log.add(new GameEvent.LeadRegained(current));
    }
  }

  private void onPlay(int seat, Play play) {
    List<Card> hand = hands.get(seat);
    List<Card> taken = new ArrayList<>(play.size());
    int[] need = play.ranks().toArray();
    // The hand is sorted, so this takes the lowest-index cards of each rank.
    for (Iterator<Card> it = hand.iterator(); it.hasNext(); ) {
      Card c = it.next();
      if (need[c.rank().ordinal()] > 0) {
        need[c.rank().ordinal()]--;
        taken.add(c);
        it.remove();
      }
    }
    playsBySeat[seat]++;
    if (play.doubles()) {
      bombsAndRockets++;
    }
    lastPlay = play;
    lastPlaySeat = seat;
    passesInRow = 0;
    log.add(new GameEvent.Played(seat, play, taken, hand.size()));
    if (hand.isEmpty()) {
      finish(seat);
    } else {
      current = (seat + 1) % SEATS;
    }
  }

  private void finish(int winner) {
    boolean landlordWon = winner == landlord;
    int farmerPlays = 0;
    for (int s = 0; s < SEATS; s++) {
      if (s != landlord) {
        farmerPlays += playsBySeat[s];
      }
    }
    boolean spring = landlordWon && farmerPlays == 0;
    boolean antiSpring = !landlordWon && playsBySeat[landlord] == 1;
    int multiplier = (1 << bombsAndRockets) * (spring || antiSpring ? 2 : 1);
    int unit = options.baseScore() * highestBid * multiplier;
    List<Integer> scores = new ArrayList<>(SEATS);
    for (int s = 0; s < SEATS; s++) {
      int sign = landlordWon ? 1 : -1;
      scores.add(s == landlord ? 2 * unit * sign : -unit * sign);
    }
    outcome =
        new Outcome(
            landlord,
            landlordWon,
            options.baseScore(),
            highestBid,
            bombsAndRockets,
            spring,
            antiSpring,
            multiplier,
            unit,
            scores);
    phase = Phase.FINISHED;
    lastPlay = null;
    lastPlaySeat = -1;
    log.add(new GameEvent.Finished(outcome, dealt.seedHex()));
  }

  private static void checkSeat(int seat) {
    if (seat < 0 || seat >= SEATS) {
      throw new IllegalArgumentException("seats are 0, 1 and 2, not " + seat);
    }
  }
}
