package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Draw offers and undo requests between seats. */
class TableNegotiationTest {

  @Test
  void anAcceptedDrawEndsTheMatch() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.OfferDraw("alice", f.cid()));
    m[0].lastAck();
    assertEquals(Map.of("seat", 0), m[1].last("draw_offered").data());
    f.send(m[0], new Command.AnswerDraw("alice", f.cid(), true));
    assertEquals("no_draw_offer", m[0].lastRefused().code(), "nobody answers their own offer");

    RecordingMember bobAgain = new RecordingMember("bob");
    f.table.resume("bob", bobAgain, -1);
    Snapshot snapshot = bobAgain.lastSnapshot();
    assertEquals(0, snapshot.state().drawOfferedBy());

    f.send(bobAgain, new Command.AnswerDraw("bob", f.cid(), true));
    bobAgain.lastAck();
    assertEquals("agreed_draw", m[0].last("result").data().get("reason"));
    assertEquals(Phase.FINISHED, f.table.summary().phase());
  }

  @Test
  void aDeclinedDrawCannotBeRepeatedBeforeTheNextMove() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.send(m[0], new Command.OfferDraw("alice", f.cid()));
    f.send(m[1], new Command.AnswerDraw("bob", f.cid(), false));
    assertEquals(Map.of("seat", 0, "by", 1), m[0].last("draw_declined").data());
    f.send(m[0], new Command.OfferDraw("alice", f.cid()));
    assertEquals("draw_pending", m[0].lastRefused().code());
    f.act(m[0], "add 1");
    f.send(m[0], new Command.OfferDraw("alice", f.cid()));
    m[0].lastAck();
    f.act(m[1], "add 1");
    f.send(m[1], new Command.AnswerDraw("bob", f.cid(), true));
    assertEquals("no_draw_offer", m[1].lastRefused().code(), "a move lets a pending offer lapse");
  }

  @Test
  void drawsNeedTwoSeatsAndBotsDecline() {
    TableFixture three = TableFixture.secrets();
    RecordingMember[] m = three.started("p0", "p1", "p2");
    three.send(m[0], new Command.OfferDraw("p0", three.cid()));
    assertEquals("draw_unavailable", m[0].lastRefused().code());

    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    f.ready(alice);
    f.send(alice, new Command.OfferDraw("alice", f.cid()));
    alice.lastAck();
    assertEquals(Map.of("seat", 0, "by", 1), alice.last("draw_declined").data());
  }

  @Test
  void anAcceptedUndoTakesTheMoveBack() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 3");
    f.send(m[0], new Command.RequestUndo("alice", f.cid()));
    m[0].lastAck();
    assertEquals(Map.of("seat", 0), m[1].last("undo_requested").data());
    f.send(m[0], new Command.RequestUndo("alice", f.cid()));
    assertEquals("undo_pending", m[0].lastRefused().code());
    f.send(m[1], new Command.AnswerUndo("bob", f.cid(), true));
    m[1].lastAck();
    assertEquals(Map.of("seat", 0, "n", 3, "total", 0), m[0].game("undone"));
    assertEquals(0, m[0].latestClock().data().get("seat"), "alice moves again");
    f.act(m[0], "add 1");
    assertEquals(1, m[1].game("added").get("total"));
  }

  @Test
  void aDeclinedOrImpossibleUndoChangesNothing() {
    TableFixture f = TableFixture.counting();
    RecordingMember[] m = f.started("alice", "bob");
    f.act(m[0], "add 3");
    f.send(m[0], new Command.RequestUndo("alice", f.cid()));
    f.send(m[1], new Command.AnswerUndo("bob", f.cid(), false));
    assertEquals(Map.of("seat", 0, "by", 1), m[0].last("undo_declined").data());
    f.send(m[1], new Command.AnswerUndo("bob", f.cid(), true));
    assertEquals("no_undo_request", m[1].lastRefused().code());

    f.send(m[1], new Command.RequestUndo("bob", f.cid()));
    f.send(m[0], new Command.AnswerUndo("alice", f.cid(), true));
    assertEquals(
        "unavailable",
        m[0].last("undo_declined").data().get("reason"),
        "bob has no move to take back");
    assertTrue(m[0].updates("undone").isEmpty());
    f.act(m[1], "add 1");
  }

  @Test
  void botsAgreeToUndo() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    f.ready(alice);
    f.act(alice, "add 3");
    assertEquals(5, alice.game("added").get("total"), "the same-thread bot replied with add 2");
    f.send(alice, new Command.RequestUndo("alice", f.cid()));
    assertEquals(
        0, alice.game("undone").get("total"), "alice's move and the bot's reply are taken back");
  }
}
