package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.game.GameRules;
import io.gamehall.games.Games;
import io.gamehall.table.TableOutput.Ack;
import io.gamehall.table.TableOutput.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One message per player per move: the move's event carries the next turn's clock and, on the
 * mover's copy, the answer to the command; replays show the same folded events; a resent id is
 * answered again and applied once.
 */
class TableOneMessageTest {

  private static TableFixture table(String game, int seats) {
    GameRules rules = Games.catalog().find(game).orElseThrow();
    return new TableFixture(
        rules, seats, false, TableSettings.defaults(), Runnable::run, Runnable::run, Map.of());
  }

  @Test
  void aGomokuMoveIsOneOutputPerMemberCarryingTheClockAndTheMoversAnswer() {
    TableFixture f = table("gomoku", 2);
    RecordingMember[] m = f.started("black", "white");
    RecordingMember watcher = f.spectator("watcher");
    long seq = m[0].lastSeq();
    for (RecordingMember member : List.of(m[0], m[1], watcher)) {
      member.clear();
    }
    f.send(m[0], new Command.Act("black", "m1", "H8", seq));

    for (RecordingMember member : List.of(m[0], m[1], watcher)) {
      assertEquals(1, member.all().size(), member.playerId + " got " + member.all());
      Update move = (Update) member.all().get(0);
      assertEquals("move", move.kind());
      assertEquals("H8", move.data().get("move"));
      Map<?, ?> clock = (Map<?, ?>) move.data().get("clock");
      assertEquals(1, clock.get("seat"), "white to act, in the move itself");
      assertEquals(f.clock.nowMillis() + 20_000, clock.get("deadline"));
      assertEquals(60_000L, clock.get("bank"));
    }
    Update answer = (Update) m[0].all().get(0);
    assertEquals("m1", answer.re(), "the mover's copy answers its act");
    assertNull(((Update) m[1].all().get(0)).re(), "the opponent's copy answers nothing");
    assertNull(((Update) watcher.all().get(0)).re());
    // Gomoku's clock has no secret: the opponent and the spectator share one copy, encoded once.
    assertSame(m[1].all().get(0), watcher.all().get(0), "one copy for the public audience");

    f.send(m[1], new Command.Act("white", "w1", "A1", m[1].lastSeq()));
    assertEquals(2, m[0].all().size(), "white's move is one more message for black");
    assertEquals(2, m[1].all().size(), "and one for white, its answer");
    assertEquals("w1", ((Update) m[1].last()).re());
  }

  @Test
  void theActingSeatsCopyCarriesItsLegalMovesAndOnlyThatCopyDiffers() {
    TableFixture f = table("xiangqi", 2);
    RecordingMember[] m = f.started("red", "black");
    RecordingMember watcher = f.spectator("watcher");
    long seq = m[0].lastSeq();
    for (RecordingMember member : List.of(m[0], m[1], watcher)) {
      member.clear();
    }
    f.send(m[0], new Command.Act("red", "r1", "h2e2", seq));
    Update blacks = (Update) m[1].all().get(0);
    Update reds = (Update) m[0].all().get(0);
    Update watchers = (Update) watcher.all().get(0);
    assertEquals(List.of(1, 1, 1), List.of(m[0].all().size(), m[1].all().size(), 1));
    assertTrue(((List<?>) clock(blacks).get("legal")).contains("h9g7"), "black may answer");
    assertFalse(clock(reds).containsKey("legal"), "the mover's copy has no list");
    assertFalse(clock(watchers).containsKey("legal"), "nor a spectator's");
    assertEquals(blacks.seq(), reds.seq(), "one event, rendered per member");
    assertEquals("r1", reds.re());
  }

  @Test
  void douDizhuBidsArePlaysOfOneMessageEachWithTheNextSeatsLegalActions() {
    TableFixture f = table("doudizhu", 3);
    RecordingMember[] m = f.started("ann", "ben", "cat");
    int toAct = ((Number) m[0].latestClock().data().get("seat")).intValue();
    long seq = m[toAct].lastSeq();
    for (RecordingMember member : m) {
      member.clear();
    }
    f.send(m[toAct], new Command.Act(m[toAct].playerId, "b1", "bid 1", seq));
    int next = (toAct + 1) % 3;
    for (RecordingMember member : m) {
      assertEquals(1, member.all().size(), member.playerId + " got " + member.all());
      assertEquals("bid", ((Update) member.all().get(0)).kind());
    }
    assertEquals("b1", ((Update) m[toAct].all().get(0)).re());
    assertTrue(clock((Update) m[next].all().get(0)).containsKey("legal"), "next seat's list");
  }

  @Test
  void aResumeReplaysTheFoldedEventsGaplessAndWithoutAnswers() {
    TableFixture f = table("gomoku", 2);
    RecordingMember[] m = f.started("black", "white");
    long whiteSaw = m[1].lastSeq();
    f.table.disconnected("white", m[1]);
    RecordingMember stays = f.spectator("stays");
    long from = m[0].lastSeq();
    f.act(m[0], "H8");
    List<Update> live = new ArrayList<>(stays.updates());

    RecordingMember white = new RecordingMember("white");
    f.table.resume("white", white, whiteSaw);
    List<Update> replayed = white.updates();
    long expected = whiteSaw + 1;
    for (Update u : replayed) {
      assertEquals(expected++, u.seq(), "gapless: " + white.kinds());
      assertNull(u.re(), "a replay answers nothing");
    }
    List<Update> afterJoin =
        replayed.stream().filter(u -> u.seq() > from && !u.kind().equals("online")).toList();
    assertEquals(live, afterJoin, "the same folded events as they were sent live");
    Update move = replayed.stream().filter(u -> u.kind().equals("move")).findFirst().orElseThrow();
    assertEquals(1, clock(move).get("seat"), "the replayed move still says whose turn it is");
    assertEquals("online", white.updates().get(replayed.size() - 1).kind());
    // White resends an act whose answer it never saw: the old answer, nothing applied twice.
    f.send(white, new Command.Act("white", "w1", "A1", white.lastSeq()));
    long applied = white.appliedSeq("w1");
    int blackSaw = m[0].updates().size();
    f.send(white, new Command.Act("white", "w1", "A1", white.lastSeq()));
    assertEquals(new Ack("t1", "w1", applied), white.last(), "a resend gets an ack at that seq");
    assertEquals(blackSaw, m[0].updates().size(), "and changes nothing");
  }

  @Test
  void aMoveThatEndsTheMatchAnswersWithTheResultAndCarriesNoClock() {
    TableFixture f = table("gomoku", 2);
    RecordingMember[] m = f.started("black", "white");
    String[] black = {"H8", "H9", "H10", "H11"};
    String[] white = {"A1", "A2", "A3", "A4"};
    for (int i = 0; i < 4; i++) {
      f.act(m[0], black[i]);
      f.act(m[1], white[i]);
    }
    long seq = m[0].lastSeq();
    m[0].clear();
    f.send(m[0], new Command.Act("black", "win", "H12", seq));
    assertEquals(List.of("move", "end", "result"), m[0].kinds());
    assertFalse(m[0].updates("move").get(0).data().containsKey("clock"), "no turn follows");
    assertEquals("win", ((Update) m[0].last()).re(), "the last event caused answers the act");
    assertNull(m[0].updates("move").get(0).re());
  }

  private static Map<?, ?> clock(Update u) {
    Object clock = u.data().get("clock");
    assertTrue(clock instanceof Map, u.kind() + " carries no clock: " + u.data());
    return (Map<?, ?>) clock;
  }
}
