package io.gamehall.game.doudizhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.DrawableMatch;
import io.gamehall.game.Event;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import io.gamehall.game.UndoableMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dou Dizhu adapter driven only through the game SPI, with a hidden-information leak scan. */
class DouDizhuMatchTest {

  /**
   * A quoted card code such as "7H" or "BJ"; the adapter never publishes these except to the card's
   * owner.
   */
  private static final Pattern CARD_CODE = Pattern.compile("\"([3-9TJQKA2][SHCD]|BJ|RJ)\"");

  private final DouDizhuRules rules = new DouDizhuRules();

  private DouDizhuMatch start(String bidding, long seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return (DouDizhuMatch) rules.start(3, Map.of("bidding", bidding), bytes);
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<String, Object> view, String key) {
    return (List<String>) view.get(key);
  }

  /** JSON-like text of a view tree, so a leak is a substring whatever the nesting. */
  static String ser(Object o) {
    StringBuilder sb = new StringBuilder();
    ser(o, sb);
    return sb.toString();
  }

  private static void ser(Object o, StringBuilder sb) {
    if (o instanceof Map) {
      sb.append('{');
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        sb.append('"').append(e.getKey()).append("\":");
        ser(e.getValue(), sb);
        sb.append(',');
      }
      sb.append('}');
    } else if (o instanceof List) {
      sb.append('[');
      for (Object x : (List<?>) o) {
        ser(x, sb);
        sb.append(',');
      }
      sb.append(']');
    } else if (o instanceof String) {
      sb.append('"').append(o).append('"');
    } else {
      sb.append(o);
    }
  }

  private static Set<String> cardCodesIn(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = CARD_CODE.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void optionsDefaultAndRefuseUnknownKeysAndValues() {
    assertEquals(Map.of("bidding", "points", "base", "1"), rules.options(Map.of()));
    assertEquals("3", rules.options(Map.of("base", "+3")).get("base"));
    assertEquals("call_rob", rules.options(Map.of("bidding", "call_rob")).get("bidding"));
    for (String bad : new String[] {"0", "-1", "x", "", "\u0663", "99999999999"}) {
      assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("base", bad)), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("bidding", "auction")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rules.options(Map.of("jokers", "0")));
    assertTrue(e.getMessage().contains("jokers"));
    assertThrows(IllegalArgumentException.class, () -> rules.start(2, Map.of(), new byte[32]));
  }

  @Test
  void openingViewShowsOwnHandAndLegalBidsOnlyToTheSeatToAct() {
    DouDizhuMatch m = start("points", 1);
    int toAct = m.toAct();
    Map<String, Object> v = m.view(toAct);
    assertEquals(17, ((String) v.get("hand")).length());
    assertEquals(List.of(17, 17, 17), v.get("counts"));
    assertEquals("bidding", v.get("phase"));
    assertEquals(List.of("pass", "bid 1", "bid 2", "bid 3"), v.get("legal"));
    assertFalse(m.view((toAct + 1) % 3).containsKey("legal"));
    assertFalse(m.publicView().containsKey("hand"));
    assertEquals(64, ((String) m.publicView().get("commitment")).length());
    Event deal = m.openingEvents().get(0);
    assertEquals("deal", deal.kind());
    for (int s = 0; s < 3; s++) {
      assertEquals(m.view(s).get("cards"), deal.secrets().get(s).get("cards"));
    }
  }

  @Test
  void refusedActionsCarryStableCodesAndChangeNothing() {
    DouDizhuMatch m = start("points", 2);
    int seat = m.toAct();
    int other = (seat + 1) % 3;
    assertEquals("not_your_turn", reject(m, other, "pass"));
    assertEquals("not_your_turn", reject(m, 5, "pass"));
    assertEquals("malformed", reject(m, seat, "bid 4"));
    assertEquals("malformed", reject(m, seat, "dance"));
    assertEquals("malformed", reject(m, seat, "play 3X"));
    assertEquals("malformed", reject(m, seat, "play 33333"));
    assertEquals("malformed", reject(m, seat, null));
    assertEquals("malformed", reject(m, seat, "play " + "3".repeat(200)));
    assertEquals("malformed", reject(m, seat, "   "));
    assertEquals("illegal", reject(m, seat, "call"));
    assertEquals("illegal", reject(m, seat, "play 3"));
    accept(m, seat, "bid 2");
    assertEquals("illegal", reject(m, m.toAct(), "bid 1"));
  }

  private static List<Event> accept(Match m, int seat, String action) {
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Accepted.class, step, () -> action + " was refused: " + step);
    return ((Step.Accepted) step).events();
  }

  private static String reject(Match m, int seat, String action) {
    List<Map<String, Object>> before = allViews(m);
    Step step = m.apply(seat, action);
    assertInstanceOf(Step.Rejected.class, step, () -> action + " was accepted");
    assertEquals(before, allViews(m), "a refused action changed a view");
    return ((Step.Rejected) step).code();
  }

  private static List<Map<String, Object>> allViews(Match m) {
    return List.of(m.view(0), m.view(1), m.view(2), m.publicView());
  }

  @ParameterizedTest
  @ValueSource(strings = {"points", "call_rob"})
  void seededGamesNeverLeakAnotherSeatsCardsAndTheSeedVerifies(String bidding) throws Exception {
    for (long g = 0; g < 25; g++) {
      playCheckedGame(start(bidding, g * 31 + bidding.length()), new Random(g));
    }
  }

  private void playCheckedGame(DouDizhuMatch m, Random random) throws Exception {
    List<Event> events = new ArrayList<>(m.openingEvents());
    checkNoLeaks(m, events);
    Event lastDeal = events.get(0);
    int guard = 0;
    while (m.toAct() >= 0) {
      assertTrue(++guard < 2000, "the hand does not end");
      int seat = m.toAct();
      List<String> legal = list(m.view(seat), "legal");
      String action;
      int pick = random.nextInt(4);
      if (pick == 0) {
        action = m.defaultAction(seat);
      } else if (pick == 1 || legal.contains("bid 1") || legal.contains("call")) {
        // Bots in bidding, so that hands get played rather than redealt for ever.
        action = m.bot(seat, Duration.ofMillis(200), () -> false).call();
      } else {
        action = legal.get(random.nextInt(legal.size()));
      }
      assertTrue(legal.contains(action), action + " not in " + legal);
      List<Event> step = accept(m, seat, action);
      for (Event e : step) {
        if (e.kind().equals("deal")) {
          lastDeal = e;
          for (int s = 0; s < 3; s++) {
            assertEquals(m.view(s).get("cards"), e.secrets().get(s).get("cards"));
          }
        } else {
          assertTrue(e.secrets().isEmpty(), "only deals carry secrets");
        }
        if (e.kind().equals("play")) {
          int s = (Integer) e.data().get("seat");
          assertEquals(e.data().get("cardsLeft"), ((List<?>) m.publicView().get("counts")).get(s));
        }
      }
      events.addAll(step);
      checkNoLeaks(m, step);
    }
    List<Event> ends = events.stream().filter(e -> e.kind().equals("end")).toList();
    assertEquals(1, ends.size());
    assertEquals("end", events.get(events.size() - 1).kind());
    Map<String, Object> end = ends.get(0).data();
    Deal deal =
        FairDeal.verify((String) end.get("seed"), (String) lastDeal.data().get("commitment"));
    for (int s = 0; s < 3; s++) {
      List<String> dealt = deal.hand(s).stream().map(Card::toString).toList();
      assertEquals(
          dealt, lastDeal.secrets().get(s).get("cards"), "the revealed seed reproduces the deal");
    }
    Result r = m.result().orElseThrow();
    assertEquals(0, r.points().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(r.winners(), end.get("winners"));
    assertTrue(List.of("normal", "spring", "anti_spring").contains(r.detail()));
    assertEquals(end.get("seed"), m.publicView().get("seed"));
  }

  private static void checkNoLeaks(Match m, List<Event> newEvents) {
    List<Set<String>> hands = new ArrayList<>();
    List<String> handRanks = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      Map<String, Object> own = m.view(s);
      hands.add(new HashSet<>(list(own, "cards")));
      handRanks.add((String) own.get("hand"));
    }
    for (int s = 0; s < 3; s++) {
      String view = ser(m.view(s));
      // The scanner must see the seat's own cards, or a leak check with it would prove nothing.
      assertEquals(hands.get(s), cardCodesIn(view));
      for (int o = 0; o < 3; o++) {
        if (o != s && handRanks.get(o).length() >= 10) {
          assertFalse(
              view.contains("\"" + handRanks.get(o) + "\""), "seat " + o + "'s hand in " + s);
        }
      }
    }
    String spectator = ser(m.publicView());
    assertEquals(Set.of(), cardCodesIn(spectator));
    for (Event e : newEvents) {
      String data = ser(e.data());
      assertEquals(Set.of(), cardCodesIn(data), () -> "cards in public event data: " + data);
      for (Map.Entry<Integer, Map<String, Object>> secret : e.secrets().entrySet()) {
        Set<String> seen = cardCodesIn(ser(secret.getValue()));
        assertEquals(new HashSet<>(list(secret.getValue(), "cards")), seen);
        assertEquals(17, seen.size());
      }
      for (int o = 0; o < 3; o++) {
        if (handRanks.get(o).length() >= 10) {
          assertFalse(data.contains("\"" + handRanks.get(o) + "\""));
        }
      }
    }
    for (int o = 0; o < 3; o++) {
      if (handRanks.get(o).length() >= 10) {
        assertFalse(spectator.contains("\"" + handRanks.get(o) + "\""));
      }
    }
  }

  private static DouDizhuMatch inPlay(long seed) throws Exception {
    DouDizhuMatch m = new DouDizhuMatchTest().start("points", seed);
    while ("bidding".equals(m.publicView().get("phase"))) {
      int seat = m.toAct();
      accept(m, seat, m.bot(seat, Duration.ofMillis(100), () -> false).call());
    }
    return m;
  }

  @Test
  void abandoningSidesLoseAtTheCurrentStake() throws Exception {
    DouDizhuMatch a = inPlay(5);
    int landlord = (Integer) a.publicView().get("landlord");
    int stake = (Integer) a.publicView().get("multiplier");
    Result r = a.abandon(landlord);
    assertEquals(Result.EndReason.ABANDONMENT, r.reason());
    assertEquals(-2 * stake, r.points().get(landlord));
    assertEquals(2, r.winners().size());
    assertFalse(r.winners().contains(landlord));
    assertEquals(-1, a.toAct());
    assertEquals("game_over", reject(a, landlord, "pass"));
    assertNotNull(a.publicView().get("seed"), "the seed is revealed once the hand is over");

    DouDizhuMatch b = inPlay(5);
    Result farmerLeft = b.resign((landlord + 1) % 3);
    assertEquals(List.of(landlord), farmerLeft.winners());
    assertEquals(2 * stake, farmerLeft.points().get(landlord));

    DouDizhuMatch c = start("points", 9);
    Result early = c.abandon(2);
    assertEquals(Map.of(0, 1, 1, 1, 2, -2), early.points());
    Match plain = c;
    assertFalse(plain instanceof DrawableMatch, "Dou Dizhu has no draws");
    assertFalse(plain instanceof UndoableMatch, "played cards are not taken back");
  }

  @Test
  void botSeesASnapshotAndDoesNotTouchTheMatch() throws Exception {
    DouDizhuMatch m = inPlay(11);
    int seat = m.toAct();
    List<Map<String, Object>> before = allViews(m);
    Callable<String> bot = m.bot(seat, Duration.ofMillis(100), () -> false);
    long t0 = System.nanoTime();
    String action = bot.call();
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 100);
    assertEquals(before, allViews(m));
    assertTrue(list(m.view(seat), "legal").contains(action));
    assertThrows(
        IllegalStateException.class, () -> m.bot((seat + 1) % 3, Duration.ZERO, () -> false));
  }

  @Test
  void fuzzedInputNeverThrows() {
    Random random = new Random(17);
    DouDizhuMatch m = start("call_rob", 3);
    String[] words = {"play ", "bid ", "pass", "call", "rob", "PLAY", " ", "\t", ""};
    String alphabet = "3456789TJQKA2BRbrxz0 \u00e9";
    for (int i = 0; i < 4000 && m.toAct() >= 0; i++) {
      StringBuilder sb = new StringBuilder(words[random.nextInt(words.length)]);
      for (int k = random.nextInt(8); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String before = ser(m.publicView());
      Step step = m.apply(random.nextInt(4), sb.toString());
      if (step instanceof Step.Rejected) {
        assertEquals(before, ser(m.publicView()));
      }
    }
  }
}
