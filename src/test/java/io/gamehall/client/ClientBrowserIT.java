package io.gamehall.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Browser;
import io.gamehall.support.Ports;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The H5 client in a real browser (headless Chromium) against the built WAR in the managed WildFly
 * over https/wss. Every wait is an explicit condition with a deadline; screenshots go to
 * target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientBrowserIT {
  private static final int PHONE_W = 390;
  private static final int PHONE_H = 844;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void twoPlayersQuickMatchAndPlayGomokuToAWinWhileASpectatorWatches() throws Exception {
    try (Browser a = Browser.open("player A (phone)", PHONE_W, PHONE_H);
        Browser b = Browser.open("player B (desktop)", 1280, 860);
        Browser watcher = Browser.open("spectator", PHONE_W, PHONE_H)) {
      Browser[] seats = quickMatchGomoku(a, b);
      Browser black = seats[0];
      Browser white = seats[1];
      String table = (String) black.js("return window.gamehall.ui.current");

      openLobby(watcher);
      watcher.click("spectate-" + table);
      watcher.waitFor(
          "the table view as a spectator",
          d ->
              watcher.visible("table-view")
                  && "-1".equals(watcher.attr("table-view", "data-seat")));

      List<Browser> all = List.of(black, white, watcher);
      String[] blackMoves = {"H8", "I8", "J8", "K8", "L8"};
      String[] whiteMoves = {"H9", "I9", "J9", "K9"};
      for (int i = 0; i < blackMoves.length; i++) {
        play(black, blackMoves[i], all);
        if (i == 1) {
          // 悔棋: black asks to take I8 back, white agrees in the prompt, every page loses the stone;
          // black replays it.
          black.click("undo-btn");
          white.click("answer-undo-yes");
          for (Browser x : all) {
            x.waitFor("I8 taken back", d -> !x.present("stone-I8") && x.present("stone-H8"));
          }
          play(black, "I8", all);
          white.click("phrase-good_game");
          for (Browser x : all) {
            x.waitFor(
                "the quick phrase in the chat", d -> x.text("chat-log").contains("Good game"));
          }
          black.screenshot("gomoku-phone");
          white.screenshot("gomoku-desktop");
        }
        if (i < whiteMoves.length) {
          play(white, whiteMoves[i], all);
        }
      }
      for (Browser x : all) {
        x.waitFor("the result dialog", d -> x.visible("result-dialog"));
        assertEquals(
            "0", x.attr("result-dialog", "data-winners"), x.name() + ": black (seat 0) won");
      }
      assertTrue(black.text("result-text").contains("You won"), "black is told it won");
      assertTrue(white.text("result-text").contains("You lost"), "white is told it lost");
      assertTrue(watcher.text("result-text").startsWith("Winner"), "the spectator is told who won");
      String winner = black.text("me");
      for (Browser x : all) {
        assertTrue(
            x.text("result-text").contains(winner),
            x.name() + ": the result names the winner " + winner + ": " + x.text("result-text"));
        assertWinningLineVisible(x);
      }
      assertEquals(9, watcher.testIdsWithPrefix("stone-").size(), "the spectator sees every stone");
      black.screenshot("gomoku-result-phone");

      // Closing the result keeps Rematch and Lobby reachable: both ask for a rematch from the
      // table.
      for (Browser x : List.of(black, white)) {
        x.click("result-close-btn");
        x.waitFor("the result closed", d -> !x.visible("result-dialog"));
        assertTrue(x.visible("leave-btn"), x.name() + ": the way back to the lobby stays");
        x.click("table-rematch-btn");
      }
      for (Browser x : List.of(black, white)) {
        x.waitFor(
            "the rematch to start",
            d ->
                "playing".equals(x.attr("table-view", "data-phase"))
                    && x.testIdsWithPrefix("stone-").isEmpty());
        assertTrue(!x.visible("table-rematch-btn"), x.name() + ": no rematch button while playing");
      }
      assertEquals(
          "0", white.attr("table-view", "data-seat"), "the rematch swaps colours: white now black");
    }
  }

  @Test
  void resignAndLeaveAskFirstAndLeavingSaysItResigns() throws Exception {
    try (Browser me = Browser.open("resigning player", PHONE_W, PHONE_H)) {
      openLobby(me);
      me.click("game-gomoku");
      me.click("practice");
      me.waitFor("the practice table", d -> me.visible("table-view"));
      me.click("ready-btn");
      me.waitFor("the game to start", d -> "playing".equals(me.attr("table-view", "data-phase")));

      // Resign: asked first; "keep playing" changes nothing.
      me.click("resign-btn");
      me.waitFor("the resign question", d -> me.visible("confirm-dialog"));
      assertTrue(me.text("confirm-text").contains("Resign"), me.text("confirm-text"));
      me.click("confirm-no");
      me.waitFor("the question closed", d -> !me.visible("confirm-dialog"));
      assertEquals("playing", me.attr("table-view", "data-phase"), "still playing after 'no'");

      // Leave during the match: the question says it counts as a resignation, in both languages.
      me.click("leave-btn");
      me.waitFor("the leave question", d -> me.visible("confirm-dialog"));
      assertTrue(
          me.text("confirm-text").contains("resignation"),
          "leaving is said to resign: " + me.text("confirm-text"));
      me.screenshot("leave-confirm-phone");
      me.click("confirm-no");
      me.click("lang-toggle");
      me.click("leave-btn");
      me.waitFor("the leave question in Chinese", d -> me.text("confirm-text").contains("认输"));
      me.click("confirm-no");
      me.click("lang-toggle");
      me.waitFor("English again", d -> "Resign".equals(me.text("resign-btn")));
      assertTrue(me.visible("table-view"), "still at the table after 'no'");
      assertEquals("playing", me.attr("table-view", "data-phase"));

      // Resign for real: the match ends, lost, and the result names the bot as the winner.
      me.click("resign-btn");
      me.waitFor("the resign question", d -> me.visible("confirm-dialog"));
      me.click("confirm-yes");
      me.waitFor("the result", d -> me.visible("result-dialog"));
      assertTrue(me.text("result-text").contains("You lost"), me.text("result-text"));
      assertTrue(me.text("result-text").contains("Winner"), me.text("result-text"));
      assertTrue(!me.visible("take-control-btn"), "no take-control after the end");
      assertTrue(me.testIdsWithPrefix("seat-").stream().noneMatch(id -> id.endsWith("-trustee")));

      // After the match, Leave goes straight to the lobby: nothing left to resign.
      me.click("result-close-btn");
      me.click("leave-btn");
      me.waitFor("the lobby", d -> me.visible("lobby"));
      assertTrue(!me.visible("confirm-dialog"), "no question after the match");
    }
  }

  @Test
  void douDizhuPracticeHandAgainstTwoBotsNeverShowsAnotherSeatsCards() throws Exception {
    try (Browser me = Browser.open("dou dizhu player", PHONE_W, PHONE_H)) {
      openLobby(me);
      me.click("game-doudizhu");
      me.click("practice");
      me.waitFor("the practice table", d -> me.visible("table-view"));
      // Bots are always ready; the human starts the hand.
      me.click("ready-btn");
      me.waitFor(
          "the deal",
          d -> "playing".equals(me.attr("table-view", "data-phase")) && me.visible("hand"));
      int mySeat = Integer.parseInt(me.attr("table-view", "data-seat"));
      boolean shot = false;
      long deadline = System.currentTimeMillis() + 120_000;
      while (!me.visible("result-dialog")) {
        assertTrue(System.currentTimeMillis() < deadline, "the hand did not finish in two minutes");
        me.waitFor(
            "my turn or the end of the hand",
            30,
            d -> me.visible("result-dialog") || me.visible("ddz-controls"));
        assertOnlyOwnCardsShown(me, mySeat);
        if (me.visible("result-dialog")) {
          break;
        }
        long before = seq(me);
        if (me.present("ddz-bid-3")) {
          me.click("ddz-bid-3");
        } else if (me.present("ddz-play")) {
          // The hint selects the next legal play, if there is one; with none, the only answer is to
          // pass.
          me.click("ddz-hint");
          if (me.attr("ddz-play", "disabled") == null) {
            if (!shot) {
              me.screenshot("doudizhu-phone");
              shot = true;
            }
            me.click("ddz-play");
          } else {
            me.click("ddz-pass");
          }
        } else {
          // Bidding without a bid-3 button: take whatever the first legal answer is.
          me.js("document.querySelector('#ddz-controls button').click()");
        }
        me.waitFor("the table to move on", d -> seq(me) > before || me.visible("result-dialog"));
      }
      assertOnlyOwnCardsShown(me, mySeat);
      me.screenshot("doudizhu-result-phone");
    }
  }

  @Test
  void aReloadMidGameResumesTheSameSeatWithTheBoardIntact() throws Exception {
    try (Browser me = Browser.open("reloading player", PHONE_W, PHONE_H)) {
      openLobby(me);
      me.click("game-gomoku");
      me.click("practice");
      me.waitFor("the practice table", d -> me.visible("table-view"));
      me.click("ready-btn");
      me.waitFor("the game to start", d -> "playing".equals(me.attr("table-view", "data-phase")));
      assertEquals(
          "0", me.attr("table-view", "data-seat"), "the creator sits first and plays black");
      String table = (String) me.js("return window.gamehall.ui.current");
      me.waitFor("my turn", d -> "true".equals(me.attr("turn-status", "data-mine")));
      me.click("pt-H8");
      me.waitFor("the bot's reply", d -> me.testIdsWithPrefix("stone-").size() == 2);
      Set<String> before = stones(me);

      me.driver().navigate().refresh();
      me.waitFor(
          "the same table after the reload",
          d ->
              me.visible("table-view") && table.equals(me.js("return window.gamehall.ui.current")));
      assertEquals("0", me.attr("table-view", "data-seat"), "the same seat after the reload");
      me.waitFor("every stone from before the reload", d -> stones(me).containsAll(before));
      me.screenshot("gomoku-after-reload-phone");
      // The seat still plays: a move after the reload is applied.
      me.waitFor(
          "my turn after the reload", d -> "true".equals(me.attr("turn-status", "data-mine")));
      int count = stones(me).size();
      String free = freePoint(me, "A1", "O15", "A15", "O1");
      me.click("pt-" + free);
      me.waitFor(
          "my move after the reload",
          d -> me.present("stone-" + free) && stones(me).size() >= count + 1);
    }
  }

  /**
   * Also covers a private table joined by its 6-digit code, and the opponent's offline badge with
   * its countdown.
   */
  @Test
  void aNetworkCutAndRestoreResumesWithoutLosingAMove() throws Exception {
    try (Browser a = Browser.open("player A", PHONE_W, PHONE_H);
        Browser b = Browser.open("player B", PHONE_W, PHONE_H)) {
      // A private table: A creates it, B joins with the 6-digit code A sees; both click ready.
      openLobby(a);
      openLobby(b);
      a.click("game-gomoku");
      a.click("create-private");
      String code =
          a.waitFor(
              "the private table's code",
              d -> {
                java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\d{6}").matcher(a.text("table-code"));
                return m.find() ? m.group() : null;
              });
      b.byTestId("join-code").sendKeys(code);
      b.click("join-code-btn");
      b.waitFor("the private table", d -> b.visible("table-view"));
      a.click("ready-btn");
      b.click("ready-btn");
      for (Browser x : List.of(a, b)) {
        x.waitFor("the game to start", d -> "playing".equals(x.attr("table-view", "data-phase")));
      }
      Browser black = "0".equals(a.attr("table-view", "data-seat")) ? a : b;
      Browser white = black == a ? b : a;
      List<Browser> both = List.of(black, white);
      play(black, "H8", both);
      // Black's network goes down while white is to move; white sees black offline with a grace
      // countdown.
      black.js("window.gamehall.hall.cut()");
      black.waitFor(
          "the reconnecting banner",
          d ->
              black.visible("conn-banner")
                  && "reconnecting".equals(black.attr("conn-banner", "data-state")));
      white.waitFor("black shown offline", d -> white.present("seat-0-offline"));
      assertTrue(
          white.text("seat-0-offline").matches(".*offline \\d+s.*"), "grace countdown shown");
      white.screenshot("gomoku-opponent-offline-phone");
      black.screenshot("gomoku-reconnecting-phone");
      white.click("pt-J10");
      white.waitFor("white's move on white's page", d -> white.present("stone-J10"));
      assertTrue(!black.present("stone-J10"), "black's page cannot see a move while cut off");

      black.js("window.gamehall.hall.restore()");
      black.waitFor(
          "the resumed banner", d -> "resumed".equals(black.attr("conn-banner", "data-state")));
      black.waitFor("white's move made during the cut", d -> black.present("stone-J10"));
      white.waitFor("black online again", d -> !white.present("seat-0-offline"));
      // Both pages agree on every stone (a 托管 move for black while away would show on both).
      black.waitFor("the same board as white", d -> stones(black).equals(stones(white)));
      black.waitFor("black to move", d -> "true".equals(black.attr("turn-status", "data-mine")));
      String free = freePoint(black, "A1", "O15", "A15", "O1");
      black.click("pt-" + free);
      white.waitFor("black's move after the resume", d -> white.present("stone-" + free));
    }
  }

  @Test
  void xiangqiShowsLegalMovesForTheSelectedPiece() throws Exception {
    try (Browser me = Browser.open("xiangqi player", 1280, 860)) {
      openLobby(me);
      me.click("game-xiangqi");
      me.click("practice");
      me.waitFor("the practice table", d -> me.visible("table-view"));
      me.click("ready-btn");
      me.waitFor("my turn as red", d -> "true".equals(me.attr("turn-status", "data-mine")));
      me.clickByScript("sq-h2");
      me.waitFor(
          "the cannon's legal targets", d -> me.present("legal-e2") && me.present("legal-h9"));
      assertTrue(!me.present("legal-i1"), "no target off the cannon's lines");
      me.screenshot("xiangqi-desktop");
      me.clickByScript("sq-e2");
      me.waitFor("the cannon on e2", d -> "C".equals(pieceAt(me, "e2")));
      me.waitFor(
          "the bot's reply and my turn again",
          d -> "true".equals(me.attr("turn-status", "data-mine")));
      me.waitFor("the last move marked", d -> !me.testIdsWithPrefix("last-").isEmpty());
    }
  }

  @Test
  void theSdkOnAnHttpsPageRefusesAPlainWsUrl() throws Exception {
    try (Browser me = Browser.open("sdk check", PHONE_W, PHONE_H)) {
      openLobby(me);
      Object derived = me.js("return window.gamehall.hall.url");
      assertEquals(
          "wss://localhost:" + Ports.https() + "/gamehall/ws", derived, "derived from the page");
      Object answer =
          me.asyncJs(
              "const done = arguments[arguments.length - 1];"
                  + "import(location.origin + '/gamehall/static/sdk/gamehall.js').then(m => {"
                  + "  const out = {};"
                  + "  try { new m.GameHall({url: 'ws://localhost:"
                  + Ports.http()
                  + "/gamehall/ws'}); out.built = true; }"
                  + "  catch (e) { out.name = e.name; out.message = e.message; }"
                  + "  try { m.checkUrl('ws://example.com/ws', location.protocol); out.checked = true; }"
                  + "  catch (e) { out.checkName = e.name; }"
                  + "  done(out);"
                  + "}, e => done({importFailed: String(e)}));");
      @SuppressWarnings("unchecked")
      Map<String, Object> out = (Map<String, Object>) answer;
      assertEquals("MixedContentError", out.get("name"), "GameHall refuses ws:// on https: " + out);
      assertTrue(
          String.valueOf(out.get("message")).contains("mixed content"), "a clear message: " + out);
      assertEquals(
          "MixedContentError", out.get("checkName"), "checkUrl refuses ws:// on https: " + out);

      // The same page in Chinese, switched by the language button.
      me.click("lang-toggle");
      me.waitFor("the Chinese lobby", d -> "快速匹配".equals(me.text("quick-match")));
      me.screenshot("lobby-zh-phone");
      me.click("lang-toggle");
      me.waitFor("the English lobby", d -> "Quick match".equals(me.text("quick-match")));
    }
  }

  // -----------------------------------------------------------------------------------------------------------------

  private static void openLobby(Browser x) {
    x.get(Browser.pageUrl());
    x.waitFor(
        "the lobby, connected",
        d -> x.visible("lobby") && !x.visible("conn-banner") && x.present("game-gomoku"));
  }

  /** Both players quick-match for Gomoku; returns {black, white}. */
  private static Browser[] quickMatchGomoku(Browser a, Browser b) {
    openLobby(a);
    openLobby(b);
    a.screenshot("lobby-phone");
    b.screenshot("lobby-desktop");
    for (Browser x : List.of(a, b)) {
      x.click("game-gomoku");
      x.click("quick-match");
    }
    for (Browser x : List.of(a, b)) {
      x.waitFor(
          "the matched table",
          20,
          d -> x.visible("table-view") && "playing".equals(x.attr("table-view", "data-phase")));
    }
    return "0".equals(a.attr("table-view", "data-seat"))
        ? new Browser[] {a, b}
        : new Browser[] {b, a};
  }

  private static void play(Browser mover, String point, List<Browser> watchers) {
    mover.waitFor(
        "my turn to play " + point, d -> "true".equals(mover.attr("turn-status", "data-mine")));
    mover.click("pt-" + point);
    for (Browser x : watchers) {
      x.waitFor("the stone on " + point, d -> x.present("stone-" + point));
      x.waitFor("the last-move mark on " + point, d -> x.present("last-move"));
    }
  }

  /**
   * Every stone of the winning line is in the viewport and on top at its centre: the result sheet
   * covers none of it.
   */
  private static void assertWinningLineVisible(Browser x) {
    @SuppressWarnings("unchecked")
    List<Object> covered =
        (List<Object>)
            x.js(
                "const wins = [...document.querySelectorAll('.stone.win')];"
                    + "if (wins.length < 5) return ['only ' + wins.length + ' winning stones'];"
                    + "return wins.filter(s => {"
                    + "  const r = s.getBoundingClientRect();"
                    + "  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                    + "  return !top || !top.closest('[data-testid=\"gomoku-board\"]');"
                    + "}).map(s => s.getAttribute('data-testid'));");
    assertTrue(covered.isEmpty(), x.name() + ": winning stones hidden or off screen: " + covered);
  }

  private static Set<String> stones(Browser x) {
    return new HashSet<>(x.testIdsWithPrefix("stone-"));
  }

  private static String freePoint(Browser x, String... candidates) {
    Set<String> taken = new HashSet<>(stones(x));
    for (String c : candidates) {
      if (!taken.contains("stone-" + c)) {
        return c;
      }
    }
    throw new AssertionError("no free corner");
  }

  private static String pieceAt(Browser x, String square) {
    return x.attr("piece-" + square, "data-piece");
  }

  private static long seq(Browser x) {
    Object v =
        x.js(
            "const h = window.gamehall.hall; const t = window.gamehall.ui.current;"
                + " return t ? (h.seqs.last(t) || 0) : 0;");
    return ((Number) v).longValue();
  }

  /**
   * Face-up cards only in the own hand: every card face on the page is in #hand and the other seats
   * show nothing but card backs (and their public plays).
   */
  private static void assertOnlyOwnCardsShown(Browser x, int mySeat) {
    @SuppressWarnings("unchecked")
    Map<String, Object> dom =
        (Map<String, Object>)
            x.js(
                "const faces = [...document.querySelectorAll('.cardface, [data-testid^=\"card-\"]')];"
                    + "const outside = faces.filter(f => !document.getElementById('hand').contains(f)).length;"
                    + "const others = [...document.querySelectorAll('[data-testid^=\"ddz-seat-\"]')];"
                    + "return {faces: faces.length, outside: outside,"
                    + " otherFaces: others.map(o => o.querySelectorAll('.cardface, [data-testid^=\"card-\"]').length)"
                    + "   .reduce((s, n) => s + n, 0),"
                    + " mine: others.filter(o => o.getAttribute('data-testid') === 'ddz-seat-"
                    + mySeat
                    + "').length,"
                    + " seats: others.length};");
    assertEquals(
        0L,
        ((Number) dom.get("outside")).longValue(),
        x.name() + ": a card face outside the own hand " + dom);
    assertEquals(
        0L,
        ((Number) dom.get("otherFaces")).longValue(),
        x.name() + ": another seat shows a card face " + dom);
    assertEquals(
        0L,
        ((Number) dom.get("mine")).longValue(),
        x.name() + ": the own seat is not among the others " + dom);
    assertEquals(
        2L,
        ((Number) dom.get("seats")).longValue(),
        x.name() + ": two other seats, as card backs " + dom);
  }
}
