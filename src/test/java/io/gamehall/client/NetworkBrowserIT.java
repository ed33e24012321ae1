package io.gamehall.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Browser;
import io.gamehall.support.StandaloneWildFly;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * The H5 client on real-world networks, in headless Chromium: a reload on the own turn, ten seconds
 * offline (DevTools network emulation), and a silent cut (a TCP proxy between the browser and
 * WildFly that stops forwarding without closing anything).
 *
 * <p>These run on a second WildFly with the production clock and grace settings (the managed one
 * has a 5 s grace window and a 1 s heartbeat, which would end a match during a 10 s outage or close
 * a silent socket before the client notices it) and a 2 s heartbeat, so a silent seat is shown
 * offline after two of them.
 */
class NetworkBrowserIT {
  private static final int PHONE_W = 390;
  private static final int PHONE_H = 844;
  private static final Pattern SECONDS = Pattern.compile("^(\\d+)s");

  private static StandaloneWildFly server;

  @BeforeAll
  static void start() throws Exception {
    server =
        StandaloneWildFly.start(
            "wildfly-network",
            Map.of(
                "gamehall.heartbeat.seconds", "2",
                "gamehall.dead.peer.seconds", "60",
                "gamehall.table.grace.seconds", "60"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String page(int port) {
    return "https://localhost:" + port + "/gamehall/";
  }

  @Test
  void aReloadOnTheOwnTurnMakesNoMoveForThePlayerAndKeepsTheTurnAndClock() throws Exception {
    try (Browser me = Browser.open("reloading player", PHONE_W, PHONE_H)) {
      openLobby(me, page(server.httpsPort()));
      me.click("game-gomoku");
      me.click("practice");
      me.waitFor("the practice table", d -> me.visible("table-view"));
      me.click("ready-btn");
      me.waitFor("my turn as black", d -> "true".equals(me.attr("turn-status", "data-mine")));
      me.click("pt-H8");
      me.waitFor(
          "the bot's reply and my turn again",
          d -> stones(me).size() == 2 && "true".equals(me.attr("turn-status", "data-mine")));
      String table = (String) me.js("return window.gamehall.ui.current");
      Set<String> before = stones(me);

      me.driver().navigate().refresh();
      me.waitFor(
          "the same table after the reload",
          d ->
              me.visible("table-view")
                  && table.equals(me.js("return window.gamehall.ui.current"))
                  && stones(me).size() >= 2);
      me.waitFor(
          "my turn with my clock after the reload",
          d -> "true".equals(me.attr("turn-status", "data-mine")) && clockSeconds(me, 0) > 0);
      int first = clockSeconds(me, 0);
      // The turn clock keeps running for the player: three seconds of it pass and nothing is
      // played.
      me.waitFor(
          "three seconds of my own clock with no move made for me",
          30,
          d -> {
            assertEquals(before, stones(me), "no stone placed for the reloading player");
            assertEquals("yours", me.attr("turn-status", "data-turn"), "still my own turn");
            return clockSeconds(me, 0) <= first - 3;
          });
      assertTrue(!me.present("seat-0-trustee"), "no 托管 badge");
      assertTrue(!me.visible("take-control-btn"), "nothing to take back");
      String free = "A1";
      me.click("pt-" + free);
      me.waitFor("my own move after the reload", d -> me.present("stone-" + free));
    }
  }

  @Test
  void tenSecondsOfflineShowTheBannerThenRecoverWithTheRightBoard() throws Exception {
    try (Browser a = Browser.open("player A", PHONE_W, PHONE_H);
        Browser b = Browser.open("player B", PHONE_W, PHONE_H)) {
      Browser[] seats = privateGame(a, page(server.httpsPort()), b, page(server.httpsPort()));
      Browser black = seats[0];
      Browser white = seats[1];
      play(black, "H8", List.of(black, white));

      // Black's browser goes offline (DevTools network emulation) while white is to move.
      ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
      offline.setOffline(true);
      long cutAt = System.nanoTime();
      chromium(black).setNetworkConditions(offline);
      black.waitFor(
          "the reconnecting banner",
          d -> black.visible("conn-banner") && "reconnecting".equals(banner(black)));
      black.screenshot("gomoku-offline-phone");
      white.waitFor("black shown offline", 20, d -> white.present("seat-0-offline"));
      play(white, "J10", List.of(white));
      // Ten seconds without a network, the banner up all the time.
      black.waitFor(
          "ten seconds offline",
          30,
          d -> {
            assertEquals("reconnecting", banner(black), "the banner stays while offline");
            return System.nanoTime() - cutAt >= 10_000_000_000L;
          });
      assertTrue(!black.present("stone-J10"), "nothing arrives while offline");

      chromium(black).deleteNetworkConditions();
      waitBackOnline(black);
      black.waitFor("white's move made while offline", d -> black.present("stone-J10"));
      black.waitFor(
          "black to move, with the board white sees",
          d ->
              "true".equals(black.attr("turn-status", "data-mine"))
                  && stones(black).equals(stones(white)));
      assertEquals(
          Set.of("stone-H8", "stone-J10"), stones(black), "no move was made for black meanwhile");
      white.waitFor("black online again", 20, d -> !white.present("seat-0-offline"));
      play(black, "A1", List.of(black, white));
    }
  }

  @Test
  void aSilentCutShowsReconnectingWithinTenSecondsAndTheOpponentSeesOffline() throws Exception {
    int proxyPort = 8443 + Integer.getInteger("gamehall.port.offset", 10000) + 700;
    try (SilentProxy proxy = SilentProxy.start(proxyPort, server.httpsPort());
        Browser a = Browser.open("player A (behind the proxy)", PHONE_W, PHONE_H);
        Browser b = Browser.open("player B", PHONE_W, PHONE_H)) {
      Browser[] seats = privateGame(a, page(proxy.port()), b, page(server.httpsPort()));
      int seatA = Integer.parseInt(a.attr("table-view", "data-seat"));
      play(seats[0], "H8", List.of(a, b));

      proxy.silence();
      long cutAt = System.nanoTime();
      a.waitFor(
          "the reconnecting banner within 10 s of a silent cut",
          10,
          d -> a.visible("conn-banner") && "reconnecting".equals(banner(a)));
      long noticedMs = (System.nanoTime() - cutAt) / 1_000_000;
      assertTrue(noticedMs <= 10_000, "noticed after " + noticedMs + " ms");
      assertTrue(a.visible("conn-reconnect-now"), "reconnect now is offered");
      a.screenshot("gomoku-silent-cut-phone");
      b.waitFor(
          "A shown offline to the opponent", 20, d -> b.present("seat-" + seatA + "-offline"));
      assertEquals(
          "silent",
          b.attr("seat-" + seatA + "-offline", "data-reason"),
          "shown offline because the server heard nothing, not because the socket closed");
      b.screenshot("gomoku-opponent-silent-phone");
      if (seatA == 0) {
        // B (white) is to move: the move goes on while A is cut off.
        play(b, "J10", List.of(b));
      }

      proxy.restore();
      // The button skips whatever wait or hanging attempt the client is in (checked and clicked in
      // one script: the client may have got back by itself in the meantime).
      a.js(
          "const b = document.querySelector('[data-testid=\"conn-reconnect-now\"]');"
              + " if (b && b.getClientRects().length > 0) b.click();");
      waitBackOnline(a);
      a.waitFor("the board B sees", d -> stones(a).equals(stones(b)));
      b.waitFor("A online again", 20, d -> !b.present("seat-" + seatA + "-offline"));
      Browser toMove = seatA == 0 ? a : seats[1];
      assertEquals(
          seatA == 0 ? Set.of("stone-H8", "stone-J10") : Set.of("stone-H8"),
          stones(a),
          "no move was made for A while cut off");
      play(toMove, "A1", List.of(a, b));
    }
  }

  // -----------------------------------------------------------------------------------------------------------------

  private static org.openqa.selenium.chromium.HasNetworkConditions chromium(Browser x) {
    return (org.openqa.selenium.chromium.HasNetworkConditions) x.driver();
  }

  /** The client is connected again and its banner no longer says it is reconnecting. */
  private static void waitBackOnline(Browser x) {
    x.waitFor(
        "the connection back",
        30,
        d ->
            "open".equals(x.js("return window.gamehall.hall.state"))
                && !"reconnecting".equals(banner(x)));
  }

  private static String banner(Browser x) {
    return x.attr("conn-banner", "data-state");
  }

  private static void openLobby(Browser x, String url) {
    x.get(url);
    x.waitFor(
        "the lobby, connected",
        30,
        d -> x.visible("lobby") && !x.visible("conn-banner") && x.present("game-gomoku"));
  }

  /**
   * A private Gomoku table: {@code a} creates it, {@code b} joins by code, both ready. Returns
   * {black, white}.
   */
  private static Browser[] privateGame(Browser a, String pageA, Browser b, String pageB) {
    openLobby(a, pageA);
    openLobby(b, pageB);
    a.click("game-gomoku");
    a.click("create-private");
    String code =
        a.waitFor(
            "the private table's code",
            d -> {
              Matcher m = Pattern.compile("\\d{6}").matcher(a.text("table-code"));
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
    }
  }

  private static Set<String> stones(Browser x) {
    return new HashSet<>(x.testIdsWithPrefix("stone-"));
  }

  /** The seconds of turn time the seat's clock shows, or -1 (no clock, or only bank time left). */
  private static int clockSeconds(Browser x, int seat) {
    if (!x.present("clock-" + seat)) {
      return -1;
    }
    Matcher m = SECONDS.matcher(x.text("clock-" + seat).strip());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
