package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bot seats think on the bot executor; the table keeps serving meanwhile and drops answers that
 * come too late.
 */
class TableBotTest {

  private static TableFixture practice(ManualExecutor bots, String botMode) {
    return new TableFixture(
        new CountingGame(),
        2,
        true,
        TableSettings.defaults(),
        Runnable::run,
        bots,
        Map.of("bot", botMode));
  }

  @Test
  void aBotSeatPlaysThroughTheBotExecutor() {
    ManualExecutor bots = new ManualExecutor();
    TableFixture f = practice(bots, "good");
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), Command.Sit.ANY_SEAT));
    alice.lastAck();
    assertEquals(true, alice.last("seated").data().get("bot"));
    f.ready(alice);
    f.act(alice, "add 1");
    assertEquals(1, bots.pending(), "the bot is thinking off the table's queue");
    bots.runAll();
    assertEquals(Map.of("seat", 1, "n", 2, "total", 3), alice.game("added"));
    assertEquals(0, alice.latestClock().data().get("seat"), "back to alice");
  }

  @Test
  void theTableServesWhileTheBotThinksAndDropsAStaleAnswer() {
    ManualExecutor bots = new ManualExecutor();
    TableFixture f = practice(bots, "good");
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    f.ready(alice);
    f.act(alice, "add 1");
    assertEquals(1, bots.pending());

    f.send(alice, new Command.Chat("alice", f.cid(), "are you there?"));
    alice.lastAck();
    f.clock.advance(20_000);
    assertEquals(
        Map.of("seat", 1, "n", 1, "total", 2),
        alice.game("added"),
        "default move on the bot's timeout");

    long before = alice.lastSeq();
    bots.runAll();
    assertEquals(before, alice.lastSeq(), "the late answer was discarded");
  }

  @Test
  void aFailingBotFallsBackToTheDefaultAction() {
    ManualExecutor bots = new ManualExecutor();
    TableFixture f = practice(bots, "fail");
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    f.ready(alice);
    f.act(alice, "add 1");
    bots.runAll();
    assertEquals(Map.of("seat", 1, "n", 1, "total", 2), alice.game("added"));
  }

  @Test
  void anIllegalBotAnswerFallsBackToTheDefaultAction() {
    ManualExecutor bots = new ManualExecutor();
    TableFixture f = practice(bots, "illegal");
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    f.ready(alice);
    f.act(alice, "add 1");
    bots.runAll();
    assertEquals(Map.of("seat", 1, "n", 1, "total", 2), alice.game("added"));
  }

  @Test
  void botsJoinPracticeTablesOnlyByCommandButTheLobbyMayFillAnyTable() {
    TableFixture f =
        new TableFixture(
            new CountingGame(),
            2,
            false,
            TableSettings.defaults(),
            Runnable::run,
            Runnable::run,
            Map.of());
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.AddBot("alice", f.cid(), 1));
    assertEquals("not_practice", alice.lastRefused().code());
    f.table.addBot(1);
    assertEquals(true, alice.last("seated").data().get("bot"));
    f.ready(alice);
    f.act(alice, "add 1");
    assertEquals(
        Map.of("seat", 1, "n", 2, "total", 3), alice.game("added"), "same-thread bot answered");
    assertEquals(1, f.table.summary().humans());
  }
}
