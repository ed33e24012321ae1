package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.game.doudizhu.FairDeal;
import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * History, replays, ratings, leaderboards and accounts through the protocol, against a server with
 * a real database: the embedded H2 default in the managed WildFly (StoreIT) and PostgreSQL
 * (PostgresStoreIT).
 */
abstract class StoreContract {
  /**
   * Stores are written after the result, off the table's queue: give them a moment under a loaded
   * machine.
   */
  private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

  /** Password hashing under load on a shared 2-core machine can take seconds. */
  private static final Duration HASHED_WITHIN = Duration.ofSeconds(60);

  abstract Tier tier();

  @Test
  void aFinishedGameIsInHistoryWithItsMovesReplaysToTheEndAndMovesRatings() throws Exception {
    try (TestClient ann = TestClient.welcomed(tier(), "Ann");
        TestClient bob = TestClient.welcomed(tier(), "Bob")) {
      String table = privateGame(ann, bob, "gomoku");
      TestClient[] p = TableFlows.bySeat(ann, bob, table);
      List<String> moves = List.of("H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4");
      for (int i = 0; i < moves.size(); i++) {
        TableFlows.play(p[i % 2], table, moves.get(i), p[(i + 1) % 2]);
      }
      TableFlows.send(p[0], "win", table, new TableAction.Act("H12", null));
      TableFlows.result(table, ann, bob);

      Map<?, ?> listed = storedMatch(p[1], table);
      assertEquals("gomoku", listed.get("game"));
      assertEquals("win", listed.get("reason"));
      assertEquals(true, listed.get("rated"), "two people at a table that is not for practice");
      List<?> seats = (List<?>) listed.get("seats");
      assertSeat(seats.get(0), p[0].welcome().playerId(), "win", 1500, 1520);
      assertSeat(seats.get(1), p[1].welcome().playerId(), "loss", 1500, 1480);

      String matchId = (String) listed.get("match");
      p[1].send(new ClientMessage.GetMatch("get", matchId));
      ServerMessage.MatchRecord full =
          p[1].await(ServerMessage.MatchRecord.class, m -> "get".equals(m.re()), "match");
      List<?> log = (List<?>) full.match().get("moves");
      assertEquals(9, log.size(), "every accepted move: " + log);
      for (int i = 0; i < 9; i++) {
        Map<?, ?> move = (Map<?, ?>) log.get(i);
        assertEquals(i < 8 ? moves.get(i) : "H12", move.get("action"));
        assertEquals((long) (i % 2), move.get("seat"));
      }
      assertEquals(
          64, String.valueOf(full.match().get("seed")).length(), "the seed, to replay exactly");

      Map<?, ?> start = frame(p[0], matchId, 0);
      assertEquals(List.of(), view(start).get("moves"), "ply 0 is the empty board");
      Map<?, ?> end = frame(p[0], matchId, 9);
      assertEquals(9L, end.get("plies"));
      assertEquals("H12", ((Map<?, ?>) end.get("move")).get("action"));
      assertEquals(
          List.of("H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12"), view(end).get("moves"));
      assertEquals(
          List.of(0L),
          ((Map<?, ?>) view(end).get("result")).get("winners"),
          "the replay ends in the win");

      p[0].send(new ClientMessage.Replay("past", matchId, 10));
      assertEquals(ErrorCode.INVALID_FIELD, error(p[0], "past").code(), "no ply past the end");
      p[0].send(new ClientMessage.GetMatch("nope", "m-" + UUID.randomUUID()));
      assertEquals(ErrorCode.UNKNOWN_MATCH, error(p[0], "nope").code());

      Map<?, ?> winner = standing(p[0], "gomoku", p[0].welcome().playerId());
      assertEquals(1520L, winner.get("rating"));
      assertEquals(1L, winner.get("games"));
      assertEquals(1L, winner.get("wins"));

      // The seats' own lines, as a table shows them: the same as on the board, rank included; a
      // player without a rated match has none.
      Map<?, ?> loser = standing(p[0], "gomoku", p[1].welcome().playerId());
      String nobody = "g-never-played-" + UUID.randomUUID();
      p[0].send(
          ClientMessage.Leaderboard.of(
              "seats",
              "gomoku",
              List.of(p[1].welcome().playerId(), nobody, p[0].welcome().playerId())));
      Map<String, Object> lines =
          p[0].await(ServerMessage.Leaderboard.class, l -> "seats".equals(l.re()), "seats").page();
      assertEquals(
          List.of(p[1].welcome().playerId(), nobody, p[0].welcome().playerId()),
          lines.get("players"));
      assertEquals(List.of(winner, loser), lines.get("entries"), "board order, board ranks");
    }
  }

  @Test
  void theVictimOfAnAbandonmentKeepsItsRatingAndTheLeaverLosesIt() throws Exception {
    TestClient carl = TestClient.welcomed(tier(), "Carl");
    try (carl;
        TestClient dana = TestClient.welcomed(tier(), "Dana")) {
      String table = privateGame(carl, dana, "gomoku");
      TestClient[] p = TableFlows.bySeat(carl, dana, table);
      TableFlows.play(p[0], table, "H8", p[1]);
      TableFlows.play(p[1], table, "A1", p[0]);
      TestClient stays = p[0];
      p[1].close();
      // The table's reconnection grace runs out (5 s in the test servers) and the leaver forfeits.
      ServerMessage.Event result =
          stays.await(
              ServerMessage.Event.class,
              e -> e.kind().equals("result") && table.equals(e.table()),
              "abandonment result",
              Duration.ofSeconds(40));
      assertEquals("abandonment", result.data().get("reason"));
      Map<?, ?> listed = storedMatch(stays, table);
      assertEquals("abandonment", listed.get("reason"));
      List<?> seats = (List<?>) listed.get("seats");
      Map<?, ?> victim = (Map<?, ?>) seats.get(0);
      Map<?, ?> leaver = (Map<?, ?>) seats.get(1);
      assertTrue(
          ((Number) victim.get("ratingAfter")).intValue()
              >= ((Number) victim.get("ratingBefore")).intValue(),
          "the victim never loses rating: " + victim);
      assertTrue(
          ((Number) leaver.get("ratingAfter")).intValue()
              < ((Number) leaver.get("ratingBefore")).intValue(),
          "the leaver loses: " + leaver);
    }
  }

  @Test
  void aXiangqiGameExportsAsPgnAndADouDizhuHandCarriesItsVerifiableSeed() throws Exception {
    try (TestClient erin = TestClient.welcomed(tier(), "Erin");
        TestClient finn = TestClient.welcomed(tier(), "Finn")) {
      String table = privateGame(erin, finn, "xiangqi");
      TestClient[] p = TableFlows.bySeat(erin, finn, table);
      TableFlows.play(p[0], table, "h2e2", p[1]);
      TableFlows.play(p[1], table, "h9g7", p[0]);
      TableFlows.send(p[0], "bye", table, new TableAction.Resign());
      TableFlows.result(table, erin, finn);
      Map<?, ?> listed = storedMatch(p[1], table);
      p[1].send(new ClientMessage.GetMatch("pgn", (String) listed.get("match")));
      String pgn =
          String.valueOf(
              p[1].await(ServerMessage.MatchRecord.class, m -> "pgn".equals(m.re()), "match")
                  .match()
                  .get("pgn"));
      assertTrue(
          pgn.contains("[FEN \"rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w"),
          pgn);
      assertTrue(pgn.contains("[Result \"0-1\"]") && pgn.contains("1. H2-E2 H9-G7"), pgn);
    }
    try (TestClient gus = TestClient.welcomed(tier(), "Gus")) {
      String table = practiceTable(gus, "doudizhu");
      TableFlows.send(gus, "bye", table, new TableAction.Resign());
      gus.awaitEvent(table, "result", e -> true);
      Map<?, ?> listed = storedMatch(gus, table);
      assertEquals(false, listed.get("rated"), "bots and practice tables are unrated");
      gus.send(new ClientMessage.GetMatch("ddz", (String) listed.get("match")));
      Map<String, Object> hand =
          gus.await(ServerMessage.MatchRecord.class, m -> "ddz".equals(m.re()), "match").match();
      assertNotNull(hand.get("commitment"), "the deal commitment: " + hand);
      assertNotNull(hand.get("revealedSeed"), "the revealed seed: " + hand);
      // Throws unless SHA-256(seed) is the commitment published before the deal.
      FairDeal.verify((String) hand.get("revealedSeed"), (String) hand.get("commitment"));
    }
  }

  @Test
  void aGuestUpgradesToAnAccountKeepingItsHistoryAndLogsInForAToken() throws Exception {
    String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String password = "correct horse 9";
    String playerId;
    try (TestClient hal = TestClient.welcomed(tier(), "Hal");
        TestClient ida = TestClient.welcomed(tier(), "Ida")) {
      playerId = hal.welcome().playerId();
      String table = practiceTable(hal, "gomoku");
      TableFlows.send(hal, "bye", table, new TableAction.Resign());
      hal.awaitEvent(table, "result", e -> true);
      storedMatch(hal, table);

      hal.send(new ClientMessage.Register("weak", name, "password"));
      assertEquals(ErrorCode.WEAK_PASSWORD, error(hal, "weak").code());
      hal.send(new ClientMessage.Register("reg", name, password));
      ServerMessage.Account account =
          hal.await(
              ServerMessage.Account.class, a -> "reg".equals(a.re()), "account", HASHED_WITHIN);
      assertEquals(playerId, account.playerId(), "the guest keeps its id");
      assertEquals(name, account.name());
      hal.send(new ClientMessage.Register("again", name + "x", password));
      assertEquals(ErrorCode.ALREADY_REGISTERED, error(hal, "again").code());
      ida.send(
          new ClientMessage.Register("taken", name.toUpperCase(java.util.Locale.ROOT), password));
      assertEquals(ErrorCode.NAME_TAKEN, error(ida, "taken").code(), "names are case-insensitive");
    }
    String token;
    try (TestClient back = TestClient.connect(tier())) {
      back.send(new ClientMessage.Login("bad", 1, name, "wrong horse 9"));
      assertEquals(ErrorCode.BAD_CREDENTIALS, error(back, "bad").code());
      back.send(new ClientMessage.Login("in", 1, name, password));
      ServerMessage.Welcome welcome =
          back.await(
              ServerMessage.Welcome.class, w -> "in".equals(w.re()), "welcome", HASHED_WITHIN);
      assertEquals(playerId, welcome.playerId());
      assertEquals("Hal", welcome.nickname());
      token = welcome.token();
      back.send(new ClientMessage.History("h", 0, 10));
      ServerMessage.History history =
          back.await(ServerMessage.History.class, h -> "h".equals(h.re()), "history");
      assertEquals(
          1L, history.page().get("total"), "the guest's game is the account's: " + history.page());
    }
    try (TestClient resumed = TestClient.resumed(tier(), token)) {
      assertEquals(
          playerId, resumed.welcome().playerId(), "the login's token works like any session token");
    }
  }

  @Test
  void loginAttemptsAreRateLimitedPerConnection() throws Exception {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (TestClient guesser = TestClient.connect(tier())) {
      for (int i = 0; i < 5; i++) {
        String id = "g" + i;
        // Fresh names: failures per name are counted in the database and outlast a run.
        guesser.send(new ClientMessage.Login(id, 1, "nobody_" + run + i, "wrong horse 9"));
        assertEquals(ErrorCode.BAD_CREDENTIALS, error(guesser, id).code());
      }
      guesser.send(new ClientMessage.Login("g5", 1, "nobody_" + run + 5, "wrong horse 9"));
      assertEquals(ErrorCode.RATE_LIMITED, error(guesser, "g5").code());
    }
  }

  @Test
  void leaderboardPagesAreOrderedAndContiguous() throws Exception {
    try (TestClient jo = TestClient.welcomed(tier(), "Jo")) {
      jo.send(new ClientMessage.Leaderboard("all", "gomoku", 0, 50));
      Map<String, Object> all =
          jo.await(ServerMessage.Leaderboard.class, l -> "all".equals(l.re()), "board").page();
      List<?> entries = (List<?>) all.get("entries");
      for (int i = 0; i < entries.size(); i++) {
        Map<?, ?> e = (Map<?, ?>) entries.get(i);
        assertEquals((long) i + 1, e.get("rank"));
        if (i > 0) {
          assertTrue(
              ((Number) e.get("rating")).intValue()
                  <= ((Number) ((Map<?, ?>) entries.get(i - 1)).get("rating")).intValue(),
              "highest first: " + entries);
        }
      }
      if (entries.size() >= 2) {
        jo.send(new ClientMessage.Leaderboard("p2", "gomoku", 1, 1));
        Map<String, Object> second =
            jo.await(ServerMessage.Leaderboard.class, l -> "p2".equals(l.re()), "page 2").page();
        List<?> page = (List<?>) second.get("entries");
        assertEquals(1, page.size());
        assertEquals(2L, ((Map<?, ?>) page.get(0)).get("rank"));
        assertEquals(
            ((Map<?, ?>) entries.get(1)).get("playerId"),
            ((Map<?, ?>) page.get(0)).get("playerId"));
        assertEquals(all.get("total"), second.get("total"));
      }
      jo.send(new ClientMessage.Leaderboard("big", "gomoku", 0, 51));
      assertEquals(ErrorCode.INVALID_FIELD, error(jo, "big").code(), "pages hold at most 50");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * A private two-seat table for {@code a} and {@code b}, both ready: returns once the match
   * started.
   */
  static String privateGame(TestClient a, TestClient b, String game) throws Exception {
    String id = "new-" + game;
    a.send(new ClientMessage.CreateTable(id, game, Map.of(), true, false));
    ServerMessage.TableCreated created =
        a.await(ServerMessage.TableCreated.class, c -> id.equals(c.re()), "created");
    b.send(new ClientMessage.JoinTable("join", null, created.code()));
    b.await(ServerMessage.Snapshot.class, s -> created.table().equals(s.table()), "seated by code");
    TableFlows.send(a, "ra", created.table(), new TableAction.Ready());
    TableFlows.send(b, "rb", created.table(), new TableAction.Ready());
    return created.table();
  }

  /** A practice table where bots fill the other seats; returns once the match started. */
  static String practiceTable(TestClient c, String game) throws Exception {
    c.send(new ClientMessage.CreateTable("practice", game, Map.of(), false, true));
    String table =
        c.await(ServerMessage.TableCreated.class, t -> "practice".equals(t.re()), "created")
            .table();
    TableFlows.send(c, "ready", table, new TableAction.Ready());
    TableFlows.seatAtStart(c, table);
    return table;
  }

  /** The history entry of the match played at {@code table}, once the store has written it. */
  static Map<?, ?> storedMatch(TestClient c, String table) throws Exception {
    long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
    for (int n = 0; ; n++) {
      String id = "history-" + n;
      c.send(new ClientMessage.History(id, 0, 50));
      ServerMessage.History h =
          c.await(ServerMessage.History.class, x -> id.equals(x.re()), "history");
      for (Object m : (List<?>) h.page().get("matches")) {
        if (table.equals(((Map<?, ?>) m).get("table"))) {
          return (Map<?, ?>) m;
        }
      }
      if (System.nanoTime() > deadline) {
        fail("the match at " + table + " never appeared in history: " + h.page());
      }
      // Each round trip waits for the server's answer: this polls at the speed of the store, not in
      // a spin.
    }
  }

  private static Map<?, ?> frame(TestClient c, String matchId, int ply) throws Exception {
    String id = "ply-" + ply;
    c.send(new ClientMessage.Replay(id, matchId, ply));
    return c.await(ServerMessage.ReplayFrame.class, f -> id.equals(f.re()), "replay frame " + ply)
        .frame();
  }

  private static Map<?, ?> view(Map<?, ?> frame) {
    return (Map<?, ?>) frame.get("view");
  }

  private static ServerMessage.Error error(TestClient c, String re) throws Exception {
    return c.await(
        ServerMessage.Error.class, e -> re.equals(e.re()), "error for " + re, HASHED_WITHIN);
  }

  private static void assertSeat(
      Object seat, String playerId, String outcome, int before, int after) {
    Map<?, ?> s = (Map<?, ?>) seat;
    assertEquals(playerId, s.get("playerId"), "seat " + s);
    assertEquals(outcome, s.get("outcome"), "seat " + s);
    assertEquals((long) before, s.get("ratingBefore"), "seat " + s);
    assertEquals((long) after, s.get("ratingAfter"), "seat " + s);
  }

  /** The leaderboard line of {@code playerId}, paging through the board. */
  private static Map<?, ?> standing(TestClient c, String game, String playerId) throws Exception {
    for (int offset = 0; ; offset += 50) {
      String id = "board-" + offset;
      c.send(new ClientMessage.Leaderboard(id, game, offset, 50));
      Map<String, Object> page =
          c.await(ServerMessage.Leaderboard.class, l -> id.equals(l.re()), "board").page();
      for (Object e : (List<?>) page.get("entries")) {
        if (playerId.equals(((Map<?, ?>) e).get("playerId"))) {
          return (Map<?, ?>) e;
        }
      }
      if (offset + 50 >= ((Number) page.get("total")).longValue()) {
        fail(playerId + " is not on the " + game + " leaderboard");
      }
    }
  }
}
