package io.gamehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.PostgresCluster;
import io.gamehall.support.TestClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gomoku game of the failover scenario, for a cluster IT whatever its servers: create and join
 * across nodes, play plies, resume after a failover, and the checks on PostgreSQL (the {@code
 * table_owner} row, one match record, one rating change each). The same steps as {@code
 * WildFlyClusterIT}'s step 3, taken from it so PayaraClusterIT asserts exactly the same.
 */
final class CrossNodeGame {
  private static final Logger LOG = Logger.getLogger(CrossNodeGame.class.getName());

  /** Black (seat 0) wins with five in column H while white plays down column A. */
  static final List<String> PLIES =
      List.of("H8", "A1", "H9", "A2", "H10", "A3", "H11", "A4", "H12");

  /** A node as the scenario sees it: its name in {@code table_owner} and its log so far. */
  record Node(String name, Supplier<String> log) {}

  private final PostgresCluster postgres;
  private final String database;

  CrossNodeGame(PostgresCluster postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  /**
   * {@code host} creates a public Gomoku table on its node, {@code guest} joins it by id from its
   * own, both are ready; returns the table once both saw the match start. {@code black} gets
   * whether the host sits in seat 0 (black, moves first).
   */
  static String createAndJoin(TestClient host, TestClient guest, String id, boolean[] black)
      throws Exception {
    host.send(new ClientMessage.CreateTable(id, "gomoku", Map.of(), false, false));
    String table =
        host.await(ServerMessage.TableCreated.class, c -> id.equals(c.re()), "table_created")
            .table();
    guest.send(new ClientMessage.JoinTable(id + "-join", table, null));
    ServerMessage joined = guest.awaitAnswer(id + "-join", "answer to join_table " + table);
    assertTrue(joined instanceof ServerMessage.Ack, "join_table from the other node: " + joined);
    for (TestClient player : List.of(host, guest)) {
      player.send(new ClientMessage.TableRequest(id + "-ready", table, new TableAction.Ready()));
    }
    for (TestClient player : List.of(host, guest)) {
      ServerMessage.Event start = player.awaitEvent(table, "started", e -> true);
      List<?> players = (List<?>) start.data().get("players");
      assertTrue(
          players.contains(host.welcome().playerId())
              && players.contains(guest.welcome().playerId()),
          "both players in " + players);
      black[0] = host.welcome().playerId().equals(players.get(0));
    }
    return table;
  }

  /**
   * Plays {@link #PLIES} from index {@code from} (inclusive) to {@code to}; black moves the even
   * ones. Command ids carry {@code tag}, so a move replayed after a failover is a new command.
   */
  static void playPlies(
      String table,
      String tag,
      int from,
      int to,
      boolean hostBlack,
      TestClient host,
      TestClient guest)
      throws Exception {
    TestClient black = hostBlack ? host : guest;
    TestClient white = hostBlack ? guest : host;
    for (int i = from; i < to; i++) {
      String move = PLIES.get(i);
      TestClient mover = i % 2 == 0 ? black : white;
      TestClient other = mover == black ? white : black;
      String id = tag + "-" + move;
      mover.send(new ClientMessage.TableRequest(id, table, new TableAction.Act(move, null)));
      ServerMessage answer = mover.awaitAnswer(id, "answer to " + move + " (ply " + i + ")");
      assertTrue(TestClient.applied(answer), move + " (ply " + i + ") not applied: " + answer);
      other.awaitEvent(table, "move", e -> move.equals(e.data().get("move")));
    }
  }

  /** Resumes a table on a new connection, checking the replay continues at {@code lastSeq} + 1. */
  static void resume(TestClient c, String table, long lastSeq) throws Exception {
    c.expectSeqAfter(table, lastSeq);
    c.send(new ClientMessage.TableRequest("resume", table, new TableAction.Resume(lastSeq)));
    c.awaitEvent(table, "online", e -> true);
    assertEquals(List.of(), c.seqViolations(), "replay after seq " + lastSeq);
  }

  /**
   * Null if a fresh lobby answer on every watcher's node lists {@code table}, otherwise what was
   * wrong.
   */
  static String lobbyShows(String table, TestClient... watchers) throws Exception {
    List<String> missing = new ArrayList<>();
    for (TestClient w : watchers) {
      String id = "lobby-" + table;
      w.send(new ClientMessage.SubscribeLobby(id, "gomoku", true));
      ServerMessage.Lobby again = w.await(ServerMessage.Lobby.class, l -> id.equals(l.re()), id);
      if (!String.valueOf(again.state().get("tables")).contains(table)) {
        missing.add(w.welcome().nickname() + ": " + again.state().get("tables"));
      }
    }
    return missing.isEmpty() ? null : "the lobby did not list " + table + ": " + missing;
  }

  /**
   * Resumes, on {@code c}, a table that {@code heir} has taken over since {@code before} (the
   * player's earlier connections, the last one last) last saw it, after {@code played} plies. The
   * heir restored the table at its saved seq S (its log says {@code running table <id> at seq S}).
   * A replay of the heir's own events after S when the old owner's later moves were lost is added
   * to {@code problems} (only a snapshot tells the client then, docs/protocol.md). Returns the
   * plies the table has.
   */
  static int resumeAfterFailover(
      TestClient c,
      List<TestClient> before,
      String table,
      int played,
      Node heir,
      List<String> problems)
      throws Exception {
    long lastSeq = before.get(before.size() - 1).lastSeq(table);
    Matcher restored =
        Pattern.compile("running table " + table + " at seq (\\d+)").matcher(heir.log().get());
    long saved = -1;
    while (restored.find()) {
      saved = Long.parseLong(restored.group(1));
    }
    String me = c.welcome().playerId();
    c.send(new ClientMessage.TableRequest("resume", table, new TableAction.Resume(lastSeq)));
    ServerMessage answer =
        c.await(
            ServerMessage.class,
            m ->
                m instanceof ServerMessage.Snapshot s && table.equals(s.table())
                    || m instanceof ServerMessage.Event e
                        && table.equals(e.table())
                        && "online".equals(e.kind())
                        && me.equals(e.data().get("player")),
            "snapshot or replay of " + table + " answering resume from seq " + lastSeq);
    List<ServerMessage> all = c.received();
    List<ServerMessage> early =
        all.subList(0, all.indexOf(answer)).stream()
            .filter(m -> m instanceof ServerMessage.Event e && table.equals(e.table()))
            .toList();
    int plies;
    String how;
    ServerMessage.Snapshot seen = heirSnapshot(before, table, saved);
    if (answer instanceof ServerMessage.Snapshot snapshot) {
      plies = stones(snapshot.state());
      how = "snapshot at seq " + snapshot.seq() + " with " + plies + " plies";
    } else if (seen != null) {
      // An earlier connection on a surviving node was already moved to the heir by its node (the
      // relay's transparent resume) and got the heir's snapshot; the replay goes on from there.
      List<TestClient> connections = new ArrayList<>(before);
      connections.add(c);
      plies =
          stones(seen.state())
              + (int)
                  connections.stream()
                      .flatMap(b -> b.events(table).stream())
                      .filter(e -> "move".equals(e.kind()) && e.seq() > seen.seq())
                      .map(ServerMessage.Event::seq)
                      .distinct()
                      .count();
      how = "replay after the heir's snapshot at seq " + seen.seq() + "; " + plies + " plies";
    } else {
      // The moves this player saw up to the saved seq, numbered by the old owner: the heir's board.
      long savedSeq = saved;
      plies =
          (int)
              before.stream()
                  .flatMap(b -> b.events(table).stream())
                  .filter(e -> "move".equals(e.kind()) && e.seq() <= savedSeq)
                  .map(ServerMessage.Event::seq)
                  .distinct()
                  .count();
      how = "replay " + early + "; " + plies + " plies at the saved seq";
      if (plies < played) {
        problems.add(
            c.welcome().nickname()
                + " resumed "
                + table
                + " from seq "
                + lastSeq
                + " but the heir restored it at seq "
                + saved
                + " ("
                + plies
                + " of "
                + played
                + " plies) and replayed its own later events instead of a snapshot: "
                + early);
      }
    }
    LOG.info(
        "resume of "
            + table
            + " by "
            + c.welcome().nickname()
            + " from seq "
            + lastSeq
            + " (restored at seq "
            + saved
            + ", "
            + played
            + " plies played): "
            + how);
    assertTrue(plies >= 0 && plies <= played, "not a prefix: " + plies + " of " + played);
    return plies;
  }

  /**
   * The last snapshot of {@code table} an earlier connection received from the heir, which numbers
   * from its saved seq plus 2^20 (docs/protocol.md), or null.
   */
  private static ServerMessage.Snapshot heirSnapshot(
      List<TestClient> before, String table, long saved) {
    ServerMessage.Snapshot last = null;
    for (TestClient b : before) {
      for (ServerMessage m : b.received()) {
        if (m instanceof ServerMessage.Snapshot s
            && table.equals(s.table())
            && saved >= 0
            && s.seq() >= saved + (1L << 20)) {
          last = s;
        }
      }
    }
    return last;
  }

  /** The stones on a Gomoku board anywhere in a snapshot's state ('X' black, 'O' white). */
  static int stones(Object state) {
    if (state instanceof Map<?, ?> map) {
      Object board = map.get("board");
      if (board instanceof List<?> rows) {
        int n = 0;
        for (Object row : rows) {
          n += (int) String.valueOf(row).chars().filter(ch -> ch == 'X' || ch == 'O').count();
        }
        return n;
      }
      for (Object v : map.values()) {
        int n = stones(v);
        if (n >= 0) {
          return n;
        }
      }
    }
    return -1;
  }

  Optional<Object[]> owner(String table) throws Exception {
    try (Connection c = postgres.connect(database);
        PreparedStatement s =
            c.prepareStatement("SELECT owner_node, epoch FROM table_owner WHERE table_id = ?")) {
      s.setString(1, table);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Object[] {r.getString(1), r.getLong(2)})
            : Optional.empty();
      }
    }
  }

  void assertOwner(String table, String node, long epoch) throws Exception {
    Object[] row =
        owner(table)
            .orElseThrow(() -> new AssertionError("no table_owner row for new table " + table));
    assertEquals(node, row[0], "owner of " + table);
    assertEquals(epoch, row[1], "epoch of " + table);
  }

  /**
   * Waits until {@code node} owns {@code table} at {@code epoch} (PostgreSQL is the truth about
   * ownership) and runs it (its log says {@code running table <id>}, after the adoption restored
   * it), at most {@code within} from {@code since}; {@code diagnosis} explains a miss.
   */
  void awaitOwnerWithin(
      String table, Node node, long epoch, long since, Duration within, Supplier<String> diagnosis)
      throws Exception {
    long deadline = since + within.toNanos();
    Object[] last = null;
    boolean running = false;
    // Each round is a query to the database and a read of the log: this polls at their pace.
    while (System.nanoTime() < deadline) {
      last = owner(table).orElse(null);
      boolean owned = last != null && node.name().equals(last[0]) && ((Long) last[1]) >= epoch;
      running = owned && node.log().get().contains("running table " + table + " ");
      if (running) {
        assertEquals(epoch, last[1], "claimed exactly once");
        return;
      }
    }
    fail(
        table
            + " not owned and run by "
            + node.name()
            + " at epoch "
            + epoch
            + " within "
            + within
            + "; row: "
            + (last == null ? "none" : last[0] + " epoch " + last[1])
            + ", running: "
            + running
            + "\n"
            + diagnosis.get());
  }

  /**
   * Exactly one match record of {@code table}, each player in it once with a changed rating and
   * {@code gamesEach} rated Gomoku games; returns the match id.
   */
  String assertOneMatchAndOneRatingChangeEach(
      String table, String black, String white, int gamesEach, Duration wait) throws Exception {
    try (Connection c = postgres.connect(database)) {
      String match = null;
      long deadline = System.nanoTime() + wait.toNanos();
      // The match is recorded asynchronously after the result: poll until it lands.
      while (match == null && System.nanoTime() < deadline) {
        try (PreparedStatement s =
            c.prepareStatement("SELECT id FROM match_record WHERE table_id = ?")) {
          s.setString(1, table);
          try (ResultSet r = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (r.next()) {
              ids.add(r.getString(1));
            }
            assertTrue(ids.size() <= 1, "more than one match record for " + table + ": " + ids);
            match = ids.isEmpty() ? null : ids.get(0);
          }
        }
      }
      assertNotNull(match, "no match record for " + table + " within " + wait);
      for (String player : List.of(black, white)) {
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT rating_before, rating_after FROM match_seat WHERE match_id = ? AND"
                    + " player_id = ?")) {
          s.setString(1, match);
          s.setString(2, player);
          try (ResultSet r = s.executeQuery()) {
            assertTrue(r.next(), player + " not in match " + match);
            assertNotEquals(
                r.getInt(1), r.getInt(2), player + "'s rating did not change in " + match);
            assertFalse(r.next(), player + " twice in match " + match);
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT games FROM rating WHERE player_id = ? AND game = 'gomoku'")) {
          s.setString(1, player);
          try (ResultSet r = s.executeQuery()) {
            assertTrue(r.next(), "no gomoku rating for " + player);
            assertEquals(gamesEach, r.getInt(1), "rated games of " + player);
          }
        }
      }
      return match;
    }
  }
}
