package io.gamehall.game.doudizhu;

import io.gamehall.game.Event;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.SnapshotText;
import io.gamehall.game.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A Dou Dizhu hand behind the SPI. Actions: {@code bid 1|2|3}, {@code call}, {@code rob}, {@code
 * pass}, {@code play <ranks>}. Hands travel only in per-seat event secrets and in that seat's own
 * view.
 */
public final class DouDizhuMatch implements Match {

  private static final int SEATS = DouDizhuGame.SEATS;
  // "play " plus at most 20 rank symbols and some blanks; longer input is refused before parsing.
  private static final int MAX_ACTION_LENGTH = 40;
  private static final byte[] DEAL_LABEL =
      "gamehall/doudizhu/deal".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OPENER_LABEL =
      "gamehall/doudizhu/opener".getBytes(StandardCharsets.US_ASCII);

  private final GameOptions options;
  private final DouDizhuGame game;

  /** Seed of every deal so far, in hex; the last one is the deal in play. */
  private final List<String> dealSeeds = new ArrayList<>();

  private final List<Event> opening;
  private final byte[] matchSeed;

  /** Every accepted action as "seat:text", in order: with the match seed, the whole state. */
  private final List<String> applied = new ArrayList<>();

  /** Set when the hand ended early (resignation or abandonment). */
  private Result forcedEnd;

  DouDizhuMatch(GameOptions options, byte[] matchSeed) {
    this.options = options;
    this.matchSeed = matchSeed.clone();
    // Each deal's seed is derived from the match seed, so revealing one deal's seed (at a redeal or
    // the end)
    // reveals nothing about the next deal.
    int[] dealIndex = {0};
    DealSource deals =
        DealSource.fair(
            () -> {
              byte[] seed = FairDeal.sha256(DEAL_LABEL, matchSeed, intBytes(dealIndex[0]++));
              dealSeeds.add(HexFormat.of().formatHex(seed));
              return seed;
            });
    int opener = (FairDeal.sha256(OPENER_LABEL, matchSeed)[0] & 0xFF) % SEATS;
    this.game = DouDizhuGame.start(options, opener, deals);
    this.opening = translate(game.events());
  }

  /**
   * The events of the first deal (with each seat's hand in its secrets); the SPI has no
   * start-of-match events.
   */
  public List<Event> openingEvents() {
    return opening;
  }

  @Override
  public int toAct() {
    return isOver() ? -1 : game.currentSeat().orElse(-1);
  }

  @Override
  public Step apply(int seat, String action) {
    if (isOver()) {
      return new Step.Rejected("game_over", "The hand is already over.");
    }
    if (seat != toAct()) {
      return new Step.Rejected("not_your_turn", "It is not your turn.");
    }
    if (action == null || action.length() > MAX_ACTION_LENGTH) {
      return malformed();
    }
    Object parsed = parse(action);
    if (parsed instanceof Step.Rejected) {
      return (Step.Rejected) parsed;
    }
    Action a = (Action) parsed;
    if (a instanceof Action.PlayCards) {
      RankCounts ranks = ((Action.PlayCards) a).play().ranks();
      if (game.phase() == Phase.PLAYING && !game.seatView(seat).handRanks().containsAll(ranks)) {
        return new Step.Rejected("not_held", "You do not hold " + ranks + ".");
      }
    }
    List<GameEvent> raw;
    try {
      raw = game.apply(seat, a);
    } catch (IllegalActionException e) {
      return new Step.Rejected("illegal", e.getMessage());
    }
    applied.add(seat + ":" + text(a));
    return new Step.Accepted(translate(raw));
  }

  private static Step.Rejected malformed() {
    return new Step.Rejected(
        "malformed",
        "Actions are: bid 1|2|3, call, rob, pass, play <ranks> (ranks from 3456789TJQKA2BR, e.g. play 33344).");
  }

  /** The engine action for the text, or a rejection; never throws. */
  private Object parse(String action) {
    String[] words = action.strip().split("\\s+");
    String verb = words[0].toLowerCase(Locale.ROOT);
    switch (verb) {
      case "pass":
        return words.length == 1 ? Action.pass() : malformed();
      case "call":
        return words.length == 1 ? Action.call() : malformed();
      case "rob":
        return words.length == 1 ? Action.rob() : malformed();
      case "bid":
        if (words.length != 2 || !words[1].matches("[123]")) {
          return new Step.Rejected("malformed", "A bid is 'bid 1', 'bid 2' or 'bid 3'.");
        }
        return Action.bid(Integer.parseInt(words[1]));
      case "play":
        return parsePlay(String.join("", Arrays.asList(words).subList(1, words.length)));
      default:
        return malformed();
    }
  }

  private Object parsePlay(String text) {
    if (text.isEmpty()) {
      return new Step.Rejected("malformed", "Say which cards to play, e.g. 'play 33344'.");
    }
    RankCounts ranks;
    try {
      ranks = RankCounts.parse(text);
    } catch (IllegalArgumentException e) {
      return new Step.Rejected(
          "malformed",
          "Cards are written with 3456789TJQKA2BR (T=10, B/R=jokers), "
              + "at most four of a rank and one of each joker.");
    }
    List<Play> readings = PlayClassifier.readings(ranks);
    if (readings.isEmpty()) {
      return new Step.Rejected("illegal", ranks + " is not a valid combination.");
    }
    Optional<Play> last = game.publicView().lastPlay();
    // Should a multiset ever read two ways, take the reading that can follow the play on the table.
    for (Play p : readings) {
      if (last.isEmpty() || p.beats(last.get())) {
        return Action.play(p);
      }
    }
    return Action.play(readings.get(0));
  }

  @Override
  public Optional<Result> result() {
    if (forcedEnd != null) {
      return Optional.of(forcedEnd);
    }
    return game.outcome().map(DouDizhuMatch::toResult);
  }

  private static Result toResult(Outcome o) {
    Map<Integer, Integer> points = new LinkedHashMap<>();
    for (int s = 0; s < SEATS; s++) {
      points.put(s, o.scores().get(s));
    }
    String detail = o.spring() ? "spring" : o.antiSpring() ? "anti_spring" : "normal";
    return new Result(o.winners(), points, Result.EndReason.WIN, detail);
  }

  @Override
  public Map<String, Object> view(int seat) {
    Map<String, Object> v = publicView();
    if (seat < 0 || seat >= SEATS) {
      return v;
    }
    SeatView sv = game.seatView(seat);
    v.put("seat", seat);
    v.put("hand", sv.handRanks().toString());
    v.put("cards", cardCodes(sv.hand()));
    if (seat == toAct()) {
      List<String> legal = new ArrayList<>();
      for (Action a : game.legalActions(seat)) {
        legal.add(text(a));
      }
      v.put("legal", legal);
    }
    return v;
  }

  @Override
  public Map<String, Object> publicView() {
    PublicView t = game.publicView();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("game", "doudizhu");
    v.put("bidding", t.bidding() == BiddingMode.POINTS ? "points" : "call_rob");
    v.put("base", options.baseScore());
    v.put("phase", isOver() ? "finished" : t.phase().name().toLowerCase(Locale.ROOT));
    v.put("deal", t.dealNumber());
    v.put("toAct", toAct());
    v.put("firstBidder", t.firstBidder());
    v.put("counts", new ArrayList<>(t.cardCounts()));
    v.put("bids", bids(t.history()));
    v.put("stake", t.highestBid());
    v.put("multiplier", t.multiplier());
    v.put("landlord", t.landlord().isPresent() ? t.landlord().getAsInt() : null);
    v.put("kitty", t.landlord().isPresent() ? RankCounts.ofCards(t.kitty()).toString() : null);
    v.put(
        "lastPlay",
        t.lastPlay().isPresent()
            ? playTree(t.lastPlaySeat().getAsInt(), t.lastPlay().get())
            : null);
    v.put("plays", plays(t.history()));
    v.put("commitment", t.commitment().orElse(null));
    // The seed is safe to show once the hand is over, however it ended.
    v.put("seed", isOver() ? currentSeed() : null);
    v.put("result", result().map(Result::toTree).orElse(null));
    return v;
  }

  @Override
  public String defaultAction(int seat) {
    requireToAct(seat);
    return text(game.defaultAction(seat));
  }

  /**
   * The bot sees only the seat's own view, snapshotted now; it answers in well under a millisecond
   * typically.
   */
  @Override
  public Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled) {
    requireToAct(seat);
    SeatView snapshot = game.seatView(seat);
    return () -> text(new DouDizhuBot().choose(snapshot));
  }

  @Override
  public Result resign(int seat) {
    return forfeit(seat, Result.EndReason.RESIGN, "resign");
  }

  @Override
  public Result abandon(int seat) {
    return forfeit(seat, Result.EndReason.ABANDONMENT, "abandon");
  }

  /**
   * The leaver's side loses at the current stake (base x bid x doublings so far), scored as a
   * normal hand: landlord 2 units, each farmer 1. Before a landlord exists the leaver pays 2 units
   * and the other two seats get 1 each.
   */
  private Result forfeit(int seat, Result.EndReason reason, String detail) {
    if (seat < 0 || seat >= SEATS) {
      throw new IllegalArgumentException("Dou Dizhu seats are 0, 1 and 2, not " + seat);
    }
    if (isOver()) {
      return result().orElseThrow();
    }
    PublicView t = game.publicView();
    int unit = options.baseScore() * t.multiplier();
    Map<Integer, Integer> points = new LinkedHashMap<>();
    List<Integer> winners = new ArrayList<>();
    int landlord = t.landlord().orElse(-1);
    boolean landlordWins = landlord >= 0 && seat != landlord;
    for (int s = 0; s < SEATS; s++) {
      int p;
      if (landlord < 0) {
        p = s == seat ? -2 * unit : unit;
      } else if (s == landlord) {
        p = landlordWins ? 2 * unit : -2 * unit;
      } else {
        p = landlordWins ? -unit : unit;
      }
      points.put(s, p);
      if (p > 0) {
        winners.add(s);
      }
    }
    forcedEnd = new Result(winners, points, reason, detail);
    return forcedEnd;
  }

  static final int SNAPSHOT_VERSION = 1;

  /**
   * {@code doudizhu/1|<match seed, hex>|<seat:action,...>}. Every deal, hand, kitty, commitment and
   * opener derives from the match seed, and the accepted actions then rebuild the bidding and play
   * exactly, so the hidden hands need not be written out separately (and cannot drift from the
   * commitment that was published).
   */
  @Override
  public Optional<String> snapshot() {
    if (forcedEnd != null) {
      return Optional.empty();
    }
    return Optional.of(
        SnapshotText.join(
            "doudizhu",
            SNAPSHOT_VERSION,
            HexFormat.of().formatHex(matchSeed),
            String.join(",", applied)));
  }

  static DouDizhuMatch restore(GameOptions options, String snapshot) {
    List<String> fields = SnapshotText.split(snapshot, "doudizhu", SNAPSHOT_VERSION, 2);
    DouDizhuMatch match = new DouDizhuMatch(options, HexFormat.of().parseHex(fields.get(0)));
    for (String entry : SnapshotText.words(fields.get(1), ",")) {
      int colon = entry.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("malformed dou dizhu snapshot action");
      }
      Step step =
          match.apply(Integer.parseInt(entry.substring(0, colon)), entry.substring(colon + 1));
      if (!(step instanceof Step.Accepted)) {
        throw new IllegalArgumentException(
            "the snapshot's action " + entry + " does not replay: " + step);
      }
    }
    return match;
  }

  private boolean isOver() {
    return forcedEnd != null || game.phase() == Phase.FINISHED;
  }

  private void requireToAct(int seat) {
    if (seat != toAct()) {
      throw new IllegalStateException("seat " + seat + " is not to act (to act: " + toAct() + ")");
    }
  }

  private String currentSeed() {
    return dealSeeds.get(dealSeeds.size() - 1);
  }

  /** Engine events as SPI events; a deal's hands go only into each seat's own secrets. */
  private List<Event> translate(List<GameEvent> raw) {
    List<Event> out = new ArrayList<>(raw.size());
    for (GameEvent e : raw) {
      Map<String, Object> d = new LinkedHashMap<>();
      if (e instanceof GameEvent.Dealt) {
        GameEvent.Dealt x = (GameEvent.Dealt) e;
        d.put("deal", x.dealNumber());
        d.put("firstBidder", x.firstBidder());
        x.commitment().ifPresent(c -> d.put("commitment", c));
        // Dealing is always the last thing an action does, so the current hands are the ones just
        // dealt.
        Map<Integer, Map<String, Object>> secrets = new LinkedHashMap<>();
        for (int s = 0; s < SEATS; s++) {
          List<Card> hand = game.seatView(s).hand();
          secrets.put(
              s, Map.of("hand", RankCounts.ofCards(hand).toString(), "cards", cardCodes(hand)));
        }
        out.add(new Event("deal", d, secrets));
        continue;
      }
      String kind;
      if (e instanceof GameEvent.BidMade
          || e instanceof GameEvent.BidPassed
          || e instanceof GameEvent.LandlordCalled
          || e instanceof GameEvent.LandlordRobbed) {
        kind = "bid";
        d.putAll(bidTree(e));
      } else if (e instanceof GameEvent.LandlordChosen) {
        GameEvent.LandlordChosen x = (GameEvent.LandlordChosen) e;
        kind = "landlord";
        d.put("seat", x.seat());
        d.put("stake", x.bid());
        d.put("kitty", RankCounts.ofCards(x.kitty()).toString());
      } else if (e instanceof GameEvent.Played) {
        GameEvent.Played x = (GameEvent.Played) e;
        kind = "play";
        d.putAll(playTree(x.seat(), x.play()));
        d.put("cardsLeft", x.cardsLeft());
      } else if (e instanceof GameEvent.Passed) {
        kind = "pass";
        d.put("seat", ((GameEvent.Passed) e).seat());
      } else if (e instanceof GameEvent.LeadRegained) {
        kind = "lead";
        d.put("seat", ((GameEvent.LeadRegained) e).seat());
      } else if (e instanceof GameEvent.Redeal) {
        GameEvent.Redeal x = (GameEvent.Redeal) e;
        kind = "redeal";
        d.put("deal", x.dealNumber());
        x.revealedSeed().ifPresent(s -> d.put("seed", s));
      } else {
        GameEvent.Finished x = (GameEvent.Finished) e;
        kind = "end";
        d.putAll(toResult(x.outcome()).toTree());
        d.put("landlord", x.outcome().landlord());
        d.put("multiplier", x.outcome().multiplier());
        d.put("unit", x.outcome().unit());
        x.revealedSeed().ifPresent(s -> d.put("seed", s));
        game.publicView().commitment().ifPresent(c -> d.put("commitment", c));
      }
      out.add(Event.of(kind, d));
    }
    return List.copyOf(out);
  }

  private static Map<String, Object> bidTree(GameEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e instanceof GameEvent.BidMade) {
      m.put("seat", ((GameEvent.BidMade) e).seat());
      m.put("action", "bid");
      m.put("points", ((GameEvent.BidMade) e).points());
    } else if (e instanceof GameEvent.BidPassed) {
      m.put("seat", ((GameEvent.BidPassed) e).seat());
      m.put("action", "pass");
    } else if (e instanceof GameEvent.LandlordCalled) {
      m.put("seat", ((GameEvent.LandlordCalled) e).seat());
      m.put("action", "call");
      m.put("points", 1);
    } else {
      m.put("seat", ((GameEvent.LandlordRobbed) e).seat());
      m.put("action", "rob");
      m.put("points", ((GameEvent.LandlordRobbed) e).factor());
    }
    return m;
  }

  /** Bids of the deal in play (earlier, redealt deals are over and done). */
  private static List<Object> bids(List<GameEvent> history) {
    List<Object> out = new ArrayList<>();
    for (GameEvent e : currentDeal(history)) {
      if (e instanceof GameEvent.BidMade
          || e instanceof GameEvent.BidPassed
          || e instanceof GameEvent.LandlordCalled
          || e instanceof GameEvent.LandlordRobbed) {
        out.add(bidTree(e));
      }
    }
    return out;
  }

  private static List<Object> plays(List<GameEvent> history) {
    List<Object> out = new ArrayList<>();
    for (GameEvent e : currentDeal(history)) {
      if (e instanceof GameEvent.Played) {
        out.add(playTree(((GameEvent.Played) e).seat(), ((GameEvent.Played) e).play()));
      } else if (e instanceof GameEvent.Passed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seat", ((GameEvent.Passed) e).seat());
        m.put("action", "pass");
        out.add(m);
      }
    }
    return out;
  }

  private static List<GameEvent> currentDeal(List<GameEvent> history) {
    int start = 0;
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof GameEvent.Dealt) {
        start = i;
        break;
      }
    }
    return history.subList(start, history.size());
  }

  private static Map<String, Object> playTree(int seat, Play play) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seat", seat);
    m.put("action", "play");
    m.put("ranks", play.ranks().toString());
    m.put("type", play.type().id());
    return m;
  }

  private static List<String> cardCodes(List<Card> cards) {
    List<String> out = new ArrayList<>(cards.size());
    for (Card c : cards) {
      out.add(c.toString());
    }
    return out;
  }

  /** The action in this adapter's notation. */
  static String text(Action a) {
    if (a instanceof Action.Bid) {
      return "bid " + ((Action.Bid) a).points();
    }
    if (a instanceof Action.Call) {
      return "call";
    }
    if (a instanceof Action.Rob) {
      return "rob";
    }
    if (a instanceof Action.Pass) {
      return "pass";
    }
    return "play " + ((Action.PlayCards) a).play().ranks();
  }

  private static byte[] intBytes(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }
}
