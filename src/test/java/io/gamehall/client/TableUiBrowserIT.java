package io.gamehall.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Browser;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The table UI (issue 18) in Chromium on a phone (390x844, and landscape) and a desktop (1366x768):
 * each game played to its end through the new controls, the settlement, "my games", a replay
 * stepped forward and back, the leaderboard, and no horizontal overflow anywhere. Screenshots go to
 * target/screenshots/ (the README's come from here).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TableUiBrowserIT {
  private static final int PHONE_W = 390;
  private static final int PHONE_H = 844;
  private static final int DESK_W = 1366;
  private static final int DESK_H = 768;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  /**
   * Two people at a private Gomoku table: the phone confirms each stone with a second tap (落子确认),
   * black makes five, both see the winning line and the settlement; then the phone replays the
   * match from "my games" and the rated result is on the leaderboard.
   */
  @Test
  void gomokuToFiveWithConfirmTapThenReplayAndLeaderboard() throws Exception {
    try (Browser phone = Browser.open("gomoku phone", PHONE_W, PHONE_H);
        Browser desk = Browser.open("gomoku desktop", DESK_W, DESK_H)) {
      openLobby(phone);
      openLobby(desk);
      assertNoOverflow(phone, "lobby");
      assertNoOverflow(desk, "lobby");
      phone.click("lang-toggle");
      phone.waitFor("the Chinese lobby", d -> "快速匹配".equals(phone.text("quick-match")));
      assertTrue(
          phone.text("gomoku-variant").contains("自由"),
          "variant names translated: " + phone.text("gomoku-variant"));
      shot(phone, "ui-lobby-zh-phone");
      phone.click("lang-toggle");
      phone.waitFor("the English lobby", d -> "Quick match".equals(phone.text("quick-match")));
      shot(desk, "ui-lobby-desktop");
      shot(phone, "ui-lobby-phone");

      phone.click("game-gomoku");
      if (!Boolean.TRUE.equals(
          phone.js("return document.getElementById('confirm-stone').checked"))) {
        phone.click("confirm-stone");
      }
      phone.click("create-private");
      String code =
          phone.waitFor(
              "the private table's code",
              d -> {
                java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\d{6}").matcher(phone.text("table-code"));
                return m.find() ? m.group() : null;
              });
      desk.byTestId("join-code").sendKeys(code);
      desk.click("join-code-btn");
      desk.waitFor("the private table", d -> desk.visible("table-view"));
      phone.click("ready-btn");
      desk.click("ready-btn");
      for (Browser x : List.of(phone, desk)) {
        x.waitFor("the game", d -> "playing".equals(x.attr("table-view", "data-phase")));
        x.waitFor("avatars on both seats", d -> x.testIdsWithPrefix("seat-").size() >= 2);
        // Two new guests: on no leaderboard page at all, so both are at the starting rating.
        x.waitFor(
            "a rating on both seats",
            d -> x.text("rating-0").contains("1500") && x.text("rating-1").contains("1500"));
      }
      Browser black = "0".equals(phone.attr("table-view", "data-seat")) ? phone : desk;
      Browser white = black == phone ? desk : phone;
      String[] blackMoves = {"H8", "I8", "J8", "K8", "L8"};
      String[] whiteMoves = {"H9", "I9", "J9", "K9"};
      for (int i = 0; i < blackMoves.length; i++) {
        if (black == desk && i == 1) {
          placeByKeys(desk, blackMoves[i], phone, desk);
        } else {
          place(black, blackMoves[i], phone, desk);
        }
        if (i == 2) {
          white.click("phrase-hello");
          for (Browser x : List.of(phone, desk)) {
            x.waitFor(
                "the phrase as a bubble over white's seat",
                d -> x.text("bubble-1").contains("Hello"));
          }
          assertTrue(phone.text("chat-log").contains("Hello"), "the log keeps the phrase");
          shot(phone, "ui-gomoku-phone");
          shot(desk, "ui-gomoku-desktop");
        }
        if (i < whiteMoves.length) {
          if (white == desk && i == 0) {
            placeByKeys(desk, whiteMoves[i], phone, desk);
          } else {
            place(white, whiteMoves[i], phone, desk);
          }
        }
      }
      for (Browser x : List.of(phone, desk)) {
        x.waitFor("the settlement", d -> x.visible("result-dialog"));
        x.waitFor("the winning line", d -> x.present("win-line"));
        x.waitFor("points for both seats", d -> x.testIdsWithPrefix("points-").size() == 2);
        assertNoOverflow(x, "gomoku result");
      }
      assertEquals("won", black.attr("result-dialog", "data-head"));
      assertTrue(black.text("points-0").contains("+"), "black's points: " + black.text("points-0"));
      shot(phone, "ui-gomoku-result-phone");
      shot(desk, "ui-gomoku-result-desktop");

      // My games -> the replay: forward to the end (nine stones), back one step, to the start.
      phone.click("result-lobby-btn");
      phone.click("nav-history");
      phone.waitFor(
          "the finished match in my games",
          30,
          d -> !phone.testIdsWithPrefix("replay-m-").isEmpty());
      assertNoOverflow(phone, "history");
      shot(phone, "ui-history-phone");
      phone.click(phone.testIdsWithPrefix("replay-m-").get(0));
      phone.waitFor(
          "the replay at its start", d -> "0".equals(phone.attr("replay-view", "data-ply")));
      assertEquals("9", phone.attr("replay-view", "data-plies"));
      for (int ply = 1; ply <= 5; ply++) {
        int want = ply;
        phone.click("replay-next");
        phone.waitFor(
            "ply " + want, d -> String.valueOf(want).equals(phone.attr("replay-view", "data-ply")));
        phone.waitFor(want + " stones", d -> replayStones(phone).size() == want);
      }
      shot(phone, "ui-replay-phone");
      phone.click("replay-prev");
      phone.waitFor(
          "a step back",
          d ->
              "4".equals(phone.attr("replay-view", "data-ply")) && replayStones(phone).size() == 4);
      phone.click("replay-last");
      phone.waitFor(
          "the end",
          d ->
              "9".equals(phone.attr("replay-view", "data-ply"))
                  && Boolean.TRUE.equals(
                      phone.js(
                          "return !!document.querySelector('#replay-board [data-testid=\"win-line\"]')")));
      phone.click("replay-first");
      phone.waitFor(
          "the start",
          d -> "0".equals(phone.attr("replay-view", "data-ply")) && replayStones(phone).isEmpty());
      assertNoOverflow(phone, "replay");

      // The rated result is on the Gomoku leaderboard, in the desktop's view too.
      for (Browser x : List.of(phone, desk)) {
        if (x == desk) {
          x.click("result-lobby-btn");
        }
        x.click("nav-leaderboard");
        x.click("lb-tab-gomoku");
        x.waitFor("two ranked players", 30, d -> x.present("lb-row-1") && x.present("lb-row-2"));
        assertNoOverflow(x, "leaderboard");
      }
      assertNoCspViolation(phone);
      assertNoCspViolation(desk);
      shot(phone, "ui-leaderboard-phone");
      shot(desk, "ui-leaderboard-desktop");
    }
  }

  /**
   * Xiangqi on a phone and a desktop: last move marked on both squares, a capture listed, resign
   * ends it with a settlement.
   */
  @Test
  void xiangqiMarksTheLastMoveShowsCapturesAndEndsWithASettlement() throws Exception {
    for (int[] size : new int[][] {{PHONE_W, PHONE_H}, {DESK_W, DESK_H}}) {
      String tag = size[0] < 600 ? "phone" : "desktop";
      xiangqi(tag, size[0], size[1]);
    }
  }

  private static void xiangqi(String tag, int width, int height) throws Exception {
    try (Browser me = Browser.open("xiangqi " + tag, width, height)) {
      openLobby(me);
      startPractice(me, "xiangqi");
      myTurn(me);
      if ("desktop".equals(tag)) {
        cannonTakesKnightByKeys(me);
      } else {
        me.clickByScript("sq-h2");
        me.clickByScript("sq-h9");
      }
      me.waitFor("the cannon took the knight", d -> "C".equals(me.attr("piece-h9", "data-piece")));
      me.waitFor(
          "both squares of the last move marked",
          d ->
              me.present("last-h2")
                  || me.present("last-h9")
                  || me.testIdsWithPrefix("last-").size() == 2);
      me.waitFor(
          "the knight in black's captured row", d -> me.text("captured-black").contains("马"));
      myTurn(me);
      assertEquals(2, me.testIdsWithPrefix("last-").size(), "from and to of the bot's move");
      assertNoOverflow(me, "xiangqi");
      shot(me, "ui-xiangqi-" + tag);
      snapshotWhileOnRecordsKeepsThePlayerThere(me);
      me.click("resign-btn");
      me.click("confirm-yes");
      me.waitFor(
          "the settlement",
          d -> me.visible("result-dialog") && me.testIdsWithPrefix("points-").size() == 2);
      assertEquals("lost", me.attr("result-dialog", "data-head"));
      assertNoCspViolation(me);
      assertNoOverflow(me, "xiangqi result");
      shot(me, "ui-xiangqi-result-" + tag);
    }
  }

  /**
   * Two people at a private Xiangqi table: red's central cannon and a pawn that takes black's
   * central pawn give check (炮二平五, then the pawn up the file as the screen). Both see the checked
   * general ringed (将军) and the check in the turn line; black's board is flipped (its own general
   * at the bottom), red's is not.
   */
  @Test
  void xiangqiCheckRingsTheGeneralAndBlackSeesTheBoardFlipped() throws Exception {
    try (Browser phone = Browser.open("xiangqi check phone", PHONE_W, PHONE_H);
        Browser desk = Browser.open("xiangqi check desktop", DESK_W, DESK_H)) {
      openLobby(phone);
      openLobby(desk);
      phone.click("game-xiangqi");
      phone.click("create-private");
      String code =
          phone.waitFor(
              "the private table's code",
              d -> {
                java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\d{6}").matcher(phone.text("table-code"));
                return m.find() ? m.group() : null;
              });
      desk.byTestId("join-code").sendKeys(code);
      desk.click("join-code-btn");
      desk.waitFor("the private table", d -> desk.visible("table-view"));
      phone.click("ready-btn");
      desk.click("ready-btn");
      for (Browser x : List.of(phone, desk)) {
        x.waitFor("the game", d -> "playing".equals(x.attr("table-view", "data-phase")));
      }
      Browser red = mySeat(phone) == 0 ? phone : desk;
      Browser black = red == phone ? desk : phone;
      String[][] moves = {
        {"h2e2", "a9a8"}, {"e3e4", "a8a9"}, {"e4e5", "a9a8"}, {"e5e6", null},
      };
      for (String[] pair : moves) {
        actAndSee(red, pair[0], phone, desk);
        if (pair[1] != null) {
          actAndSee(black, pair[1], phone, desk);
        }
      }
      for (Browser x : List.of(phone, desk)) {
        x.waitFor("the checked general ringed", d -> x.present("checked-general"));
        x.waitFor(
            "the check on black's general",
            d -> String.valueOf(x.attr("piece-e9", "class")).contains("checked"));
        @SuppressWarnings("unchecked")
        Map<String, Object> at =
            (Map<String, Object>)
                x.js(
                    "const c = r => { const b = r.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2]; };"
                        + "const q = id => document.querySelector(`#board [data-testid='${id}']`);"
                        + "const ring = c(q('checked-general')), k = c(q('piece-e9')), K = c(q('piece-e0'));"
                        + "return {dx: Math.abs(ring[0] - k[0]), dy: Math.abs(ring[1] - k[1]), blackY: k[1], redY: K[1]};");
        assertTrue(
            ((Number) at.get("dx")).doubleValue() < 3 && ((Number) at.get("dy")).doubleValue() < 3,
            x.name() + ": the ring is on black's general " + at);
        boolean blackBelow =
            ((Number) at.get("blackY")).doubleValue() > ((Number) at.get("redY")).doubleValue();
        assertEquals(
            x == black,
            blackBelow,
            x.name() + ": own general at the bottom (flipped for black) " + at);
      }
      black.waitFor(
          "the check in black's turn line", d -> black.text("turn-status").contains("Check"));
      assertNoOverflow(black, "xiangqi check");
      assertNoCspViolation(red);
      assertNoCspViolation(black);
      shot(black, "ui-xiangqi-check-black");
    }
  }

  /**
   * Dou Dizhu against two bots on a phone in portrait: bid buttons say 不叫/N分, the fan fits the
   * screen, the table shows counts and the multiplier, the hand ends with a settlement of three
   * seats, and its replay steps forward and back; then a hand in landscape and on a desktop.
   */
  @Test
  void douDizhuOnAPhoneInBothOrientationsToTheSettlementThenItsReplay() throws Exception {
    for (int[] size : new int[][] {{PHONE_W, PHONE_H}, {PHONE_H, PHONE_W}, {DESK_W, DESK_H}}) {
      String tag = size[0] < size[1] ? "phone" : size[0] < 1000 ? "landscape" : "desktop";
      try (Browser me = Browser.open("dou dizhu " + tag, size[0], size[1])) {
        if ("landscape".equals(tag)) {
          // A phone turned sideways: the viewport itself is 844 x 390 (a desktop window of that
          // size would lose its height to the window's own bars).
          ((org.openqa.selenium.chrome.ChromeDriver) me.driver())
              .executeCdpCommand(
                  "Emulation.setDeviceMetricsOverride",
                  Map.of(
                      "width", size[0], "height", size[1], "deviceScaleFactor", 1, "mobile", true));
        }
        openLobby(me);
        startPractice(me, "doudizhu");
        me.waitFor(
            "the hand", d -> me.visible("hand") && me.testIdsWithPrefix("card-").size() >= 17);
        boolean shotBid = false;
        boolean shotPlay = false;
        long deadline = System.currentTimeMillis() + 180_000;
        while (!me.visible("result-dialog")) {
          assertTrue(
              System.currentTimeMillis() < deadline, "the hand did not finish in three minutes");
          me.waitFor(
              "my turn or the end",
              40,
              d -> me.visible("result-dialog") || me.visible("ddz-controls"));
          if (me.visible("result-dialog")) {
            break;
          }
          assertFanFits(me);
          long before = seq(me);
          if (me.present("ddz-bid-3")) {
            if (!shotBid) {
              assertTrue(me.text("ddz-controls").contains("3 pt"), me.text("ddz-controls"));
              assertTrue(
                  !me.present("ddz-pass") || me.text("ddz-pass").equals("No bid"),
                  "declining a bid is 'No bid', not 'Pass': " + me.text("ddz-controls"));
              shot(me, "ui-doudizhu-bid-" + tag);
              shotBid = true;
            }
            me.click("ddz-bid-3");
          } else if (me.present("ddz-play")) {
            me.click("ddz-hint");
            if (me.attr("ddz-play", "disabled") == null) {
              if (!shotPlay && me.present("ddz-multiplier")) {
                shot(me, "ui-doudizhu-" + tag);
                shotPlay = true;
              }
              me.click("ddz-play");
            } else {
              me.click("ddz-pass");
            }
          } else {
            me.js("document.querySelector('#ddz-controls button').click()");
          }
          me.waitFor(
              "the table to move on", 30, d -> seq(me) > before || me.visible("result-dialog"));
        }
        me.waitFor(
            "three seats in the settlement", d -> me.testIdsWithPrefix("points-").size() == 3);
        assertNoCspViolation(me);
        assertNoOverflow(me, "dou dizhu result");
        shot(me, "ui-doudizhu-result-" + tag);
        if (!"phone".equals(tag)) {
          continue;
        }
        me.click("result-lobby-btn");
        me.click("nav-history");
        me.waitFor("the hand in my games", 30, d -> !me.testIdsWithPrefix("replay-m-").isEmpty());
        me.click(me.testIdsWithPrefix("replay-m-").get(0));
        me.waitFor(
            "the replay's three hands",
            d -> me.present("replay-ddz") && "0".equals(me.attr("replay-view", "data-ply")));
        for (int i = 1; i <= 6; i++) {
          int want = i;
          me.click("replay-next");
          me.waitFor(
              "ply " + want, d -> String.valueOf(want).equals(me.attr("replay-view", "data-ply")));
        }
        me.click("replay-prev");
        me.waitFor("a step back", d -> "5".equals(me.attr("replay-view", "data-ply")));
        assertNoOverflow(me, "dou dizhu replay");
        shot(me, "ui-replay-doudizhu-phone");
      }
    }
  }

  // -----------------------------------------------------------------------------------------------------------------

  private static void openLobby(Browser x) {
    x.get(Browser.pageUrl());
    x.waitFor(
        "the lobby, connected",
        d -> x.visible("lobby") && !x.visible("conn-banner") && x.present("game-gomoku"));
  }

  private static void startPractice(Browser x, String game) {
    x.click("game-" + game);
    x.click("practice");
    x.waitFor("the practice table", d -> x.visible("table-view"));
    x.click("ready-btn");
    x.waitFor("the game to start", d -> "playing".equals(x.attr("table-view", "data-phase")));
  }

  private static void myTurn(Browser x) {
    x.waitFor("my turn", 30, d -> "true".equals(x.attr("turn-status", "data-mine")));
  }

  private static int mySeat(Browser x) {
    return Integer.parseInt(x.attr("table-view", "data-seat"));
  }

  /** A stone placed the way the page asks: with 落子确认 on, a preview first, then the second tap. */
  private static void place(Browser mover, String point, Browser... all) {
    myTurn(mover);
    mover.click("pt-" + point);
    if (Boolean.TRUE.equals(mover.js("return document.getElementById('confirm-stone').checked"))) {
      mover.waitFor("the preview on " + point, d -> mover.present("preview-" + point));
      assertTrue(!mover.present("stone-" + point), "a preview is not a move");
      mover.click("pt-" + point);
    }
    for (Browser x : all) {
      x.waitFor("the stone on " + point, d -> x.present("stone-" + point));
    }
  }

  /**
   * A stone placed with the keyboard: the board takes focus, the arrows walk the preview from where
   * it starts (the last stone) to {@code point}, Escape takes a preview back, Enter places.
   */
  private static void placeByKeys(Browser mover, String point, Browser... all) {
    myTurn(mover);
    String cols = "ABCDEFGHIJKLMNO";
    WebElement board = mover.byTestId("board");
    board.sendKeys(Keys.ARROW_UP);
    mover.waitFor(
        "a preview from the keyboard", d -> !mover.testIdsWithPrefix("preview-").isEmpty());
    board.sendKeys(Keys.ESCAPE);
    mover.waitFor(
        "Escape takes the preview back", d -> mover.testIdsWithPrefix("preview-").isEmpty());
    assertEquals("board", mover.js("return document.activeElement.id"), "the board has the focus");
    String from =
        (String)
            mover.js(
                "const u = window.gamehall.ui, st = u.tables.get(u.current);"
                    + " return u.preview || (st.match && st.match.lastMove) || 'H8';");
    int dx = cols.indexOf(point.charAt(0)) - cols.indexOf(from.charAt(0));
    int dy = Integer.parseInt(point.substring(1)) - Integer.parseInt(from.substring(1));
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < Math.abs(dx); i++) {
      keys.append(dx > 0 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
    }
    for (int i = 0; i < Math.abs(dy); i++) {
      keys.append(dy > 0 ? Keys.ARROW_UP : Keys.ARROW_DOWN);
    }
    if (keys.length() > 0) {
      board.sendKeys(keys);
    } else {
      // Already there: one step away and back shows the preview on it.
      board.sendKeys(Keys.ARROW_UP, Keys.ARROW_DOWN);
    }
    mover.waitFor("the preview on " + point, d -> mover.present("preview-" + point));
    board.sendKeys(Keys.ENTER);
    for (Browser x : all) {
      x.waitFor("the stone on " + point, d -> x.present("stone-" + point));
    }
  }

  /**
   * Red's first move with the keyboard: the cursor starts on red's general (e0), Enter picks up the
   * cannon on h2, Escape puts it down, Enter picks it up again, and Enter on h9 takes the knight.
   */
  private static void cannonTakesKnightByKeys(Browser me) {
    WebElement board = me.byTestId("board");
    board.sendKeys(
        Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_UP, Keys.ARROW_UP);
    me.waitFor("the cursor on h2", d -> me.present("cursor-h2"));
    assertEquals("board", me.js("return document.activeElement.id"), "the board has the focus");
    assertTrue(
        !"none"
            .equals(
                me.js(
                    "return getComputedStyle(document.querySelector(\"[data-testid='cursor-h2']\")).stroke")),
        "the cursor is drawn");
    board.sendKeys(Keys.ENTER);
    me.waitFor(
        "the cannon picked up",
        d ->
            String.valueOf(me.attr("piece-h2", "class")).contains("selected")
                && me.present("legal-h9"));
    board.sendKeys(Keys.ESCAPE);
    me.waitFor(
        "Escape puts it down",
        d ->
            !String.valueOf(me.attr("piece-h2", "class")).contains("selected")
                && !me.present("legal-h9"));
    board.sendKeys(Keys.ENTER);
    me.waitFor("the cannon picked up again", d -> me.present("legal-h9"));
    for (int i = 0; i < 7; i++) {
      board.sendKeys(Keys.ARROW_UP);
    }
    me.waitFor("the cursor on h9", d -> me.present("cursor-h9"));
    board.sendKeys(Keys.ENTER);
  }

  /**
   * A snapshot of the table while the player reads "my games" does not pull them back: the records
   * stay, a bar leads back to the table, and the table view shows the game as it went on.
   */
  private static void snapshotWhileOnRecordsKeepsThePlayerThere(Browser me) {
    me.js(
        "window.__snapshots = 0; window.gamehall.hall.on('snapshot', () => window.__snapshots++);");
    me.click("nav-history");
    me.waitFor("my games", d -> me.visible("history-view"));
    me.js("window.gamehall.hall.refresh(window.gamehall.ui.current)");
    me.waitFor(
        "a snapshot while on my games",
        d -> ((Number) me.js("return window.__snapshots")).intValue() > 0);
    me.waitFor("the back bar", d -> me.visible("back-to-table"));
    assertTrue(me.visible("history-view"), "still on my games after the snapshot");
    assertTrue(!me.visible("table-view"), "the table stays in the background");
    me.click("nav-leaderboard");
    me.js("window.gamehall.hall.refresh(window.gamehall.ui.current)");
    me.waitFor(
        "a second snapshot while on the rankings",
        d -> ((Number) me.js("return window.__snapshots")).intValue() > 1);
    assertTrue(me.visible("leaderboard-view"), "still on the rankings after the snapshot");
    me.click("back-to-table");
    me.waitFor("back at the table", d -> me.visible("table-view") && !me.visible("back-bar"));
    assertTrue(me.present("piece-h9"), "the board as it went on");
  }

  /** One move sent through the page's connection, seen on every browser as the last move. */
  private static void actAndSee(Browser mover, String move, Browser... all) {
    myTurn(mover);
    mover.js(
        "window.gamehall.hall.act(window.gamehall.ui.current, arguments[0])"
            + ".catch(e => window.__refused = String(e.code))",
        move);
    for (Browser x : all) {
      x.waitFor(
          move + " on the board",
          d ->
              x.present("last-" + move.substring(2, 4))
                  && x.present("piece-" + move.substring(2, 4)));
    }
  }

  /**
   * A screenshot once the page's finite animations (deal, plays, the result sheet rising) have
   * ended, so the picture shows the settled table.
   */
  private static void shot(Browser x, String name) {
    x.waitFor(
        "animations to settle before the screenshot " + name,
        d ->
            Boolean.TRUE.equals(
                x.js(
                    "return document.getAnimations().every(a => !(a instanceof CSSAnimation)"
                        + " || a.playState !== 'running'"
                        + " || a.effect.getComputedTiming().iterations === Infinity"
                        + " || a.effect.getComputedTiming().duration > 4000)")));
    x.screenshot(name);
  }

  /** The stones on the replay's board (the table's own board stays in the page, hidden). */
  private static List<Object> replayStones(Browser x) {
    @SuppressWarnings("unchecked")
    List<Object> ids =
        (List<Object>)
            x.js(
                "return [...document.querySelectorAll('#replay-board [data-testid^=\"stone-\"]')]"
                    + ".map(e => e.getAttribute('data-testid'))");
    return ids;
  }

  private static long seq(Browser x) {
    Object v =
        x.js(
            "const h = window.gamehall.hall; const t = window.gamehall.ui.current;"
                + " return t ? (h.seqs.last(t) || 0) : 0;");
    return ((Number) v).longValue();
  }

  /** The table, its effects and the records pages run under the Content-Security-Policy. */
  private static void assertNoCspViolation(Browser x) {
    List<String> csp =
        x.consoleMessages().stream()
            .filter(line -> line.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), csp, x.name() + ": CSP violations");
  }

  private static void assertNoOverflow(Browser x, String where) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>)
            x.js("return {w: document.scrollingElement.scrollWidth, inner: innerWidth}");
    long w = ((Number) m.get("w")).longValue();
    long inner = ((Number) m.get("inner")).longValue();
    assertTrue(
        w <= inner, x.name() + ": " + where + " overflows horizontally: " + w + " > " + inner);
  }

  /**
   * Every card of the fan lies inside the viewport (across and down, with the page at its top) and
   * shows its corner (no card fully covered).
   */
  private static void assertFanFits(Browser x) {
    // Where the page opens, with the dealing animation over (it flies the cards in from above).
    x.js("window.scrollTo(0, 0)");
    x.waitFor(
        "the dealt cards to land",
        d ->
            Boolean.TRUE.equals(
                x.js(
                    "return document.getAnimations().every(a => a.playState !== 'running'"
                        + " || !(a.effect && a.effect.target && a.effect.target.closest && a.effect.target.closest('#hand')))")));
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>)
            x.js(
                "const cs = [...document.querySelectorAll('#hand .cardface')].map(c => c.getBoundingClientRect());"
                    + "const out = cs.filter(r => r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight).length;"
                    + "let minStep = 1e9; for (let i = 1; i < cs.length; i++) minStep = Math.min(minStep, cs[i].left - cs[i-1].left);"
                    + "return {n: cs.length, out: out, minStep: cs.length > 1 ? minStep : 99};");
    assertEquals(0L, ((Number) m.get("out")).longValue(), x.name() + ": cards off screen " + m);
    assertTrue(((Number) m.get("minStep")).doubleValue() >= 14, x.name() + ": corner hidden " + m);
  }
}
