package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spectators and chat. */
class TableAudienceTest {

  @Test
  void spectatorsAreCappedAndSeePublicViews() {
    TableFixture f = TableFixture.counting(TableSettings.defaults().withSpectatorCap(1));
    RecordingMember[] m = f.started("alice", "bob");
    RecordingMember watcher = f.spectator("watcher");
    Snapshot snapshot = watcher.lastSnapshot();
    assertEquals(Map.of("total", 0, "toAct", 0), snapshot.state().match());
    assertEquals(1, snapshot.state().spectators());
    assertEquals(1, f.table.summary().spectators());

    RecordingMember second = f.spectator("second");
    assertEquals("spectators_full", second.lastRefused().code());
    f.send(m[0], new Command.Spectate("alice", f.cid(), "Alice"));
    assertEquals("already_seated", m[0].lastRefused().code());

    f.act(m[0], "add 2");
    assertEquals(Map.of("seat", 0, "n", 2, "total", 2), watcher.game("added"));
    f.send(watcher, new Command.Act("watcher", f.cid(), "add 1", watcher.lastSeq()));
    assertEquals("not_seated", watcher.lastRefused().code());

    f.send(watcher, new Command.Leave("watcher", f.cid()));
    watcher.lastAck();
    assertEquals(0, f.table.summary().spectators());
    RecordingMember third = f.spectator("third");
    third.lastSnapshot();
  }

  @Test
  void privateTablesCannotBeWatched() {
    TableSpec spec = new TableSpec("p", new CountingGame(), Map.of(), 2, false, false);
    Table table =
        new Table(
            spec,
            TableSettings.defaults(),
            new TableRuntime(Runnable::run, new ManualClock(0), Runnable::run),
            new RecordingListener());
    RecordingMember watcher = new RecordingMember("watcher");
    table.submit(watcher, new Command.Spectate("watcher", "w1", "W"));
    assertEquals("not_public", watcher.lastRefused().code());
  }

  @Test
  void aDisconnectedSpectatorIsDropped() {
    TableFixture f = TableFixture.counting();
    RecordingMember watcher = f.spectator("watcher");
    f.table.disconnected("watcher", watcher);
    assertEquals(0, f.table.summary().spectators());
    RecordingMember again = new RecordingMember("watcher");
    f.table.resume("watcher", again, 0);
    assertEquals("not_member", again.lastRefused().code());
  }

  @Test
  void chatIsCleanedAndLimitedInLength() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    RecordingMember watcher = f.spectator("watcher");

    f.send(watcher, new Command.Chat("watcher", f.cid(), "  good\u202E luck\u0007 \u200B "));
    watcher.lastAck();
    Map<String, Object> line = alice.last("chat").data();
    assertEquals(Map.of("from", "watcher", "nickname", "watcher", "text", "good luck"), line);

    f.send(alice, new Command.Chat("alice", f.cid(), "\u0000\u200B "));
    assertEquals("chat_empty", alice.lastRefused().code());
    String tooLong = "棋".repeat(201);
    f.send(alice, new Command.Chat("alice", f.cid(), tooLong));
    assertEquals("chat_too_long", alice.lastRefused().code());
    String longest = "😀".repeat(200);
    f.send(alice, new Command.Chat("alice", f.cid(), longest));
    alice.lastAck();
    assertEquals(
        longest,
        alice.last("chat").data().get("text"),
        "length counts code points, not UTF-16 units");

    RecordingMember stranger = new RecordingMember("eve");
    f.send(stranger, new Command.Chat("eve", f.cid(), "hi"));
    assertEquals("not_member", stranger.lastRefused().code());
  }

  @Test
  void chatIsRateLimitedOnTheTableClock() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    for (int i = 0; i < 5; i++) {
      f.send(alice, new Command.Chat("alice", f.cid(), "line " + i));
      alice.lastAck();
    }
    f.send(alice, new Command.ChatPhrase("alice", f.cid(), "hello"));
    assertEquals("chat_rate_limited", alice.lastRefused().code());
    int lines = alice.updates("chat").size();
    f.clock.advance(2_000);
    f.send(alice, new Command.ChatPhrase("alice", f.cid(), "hello"));
    alice.lastAck();
    f.send(alice, new Command.Chat("alice", f.cid(), "again"));
    assertEquals("chat_rate_limited", alice.lastRefused().code(), "one token refilled per 2 s");
    assertEquals(lines + 1, alice.updates("chat").size());
    assertEquals(
        Map.of("from", "alice", "nickname", "ALICE", "phrase", "hello"), alice.last("chat").data());
  }

  @Test
  void onlyKnownPhrasesAreAccepted() {
    TableFixture f = TableFixture.counting();
    RecordingMember alice = f.sit("alice", 0);
    f.send(alice, new Command.ChatPhrase("alice", f.cid(), "insult"));
    assertEquals("unknown_phrase", alice.lastRefused().code());
    for (String phrase : TableSettings.defaults().phrases()) {
      f.clock.advance(10_000);
      f.send(alice, new Command.ChatPhrase("alice", f.cid(), phrase));
      alice.lastAck();
    }
    assertTrue(TableSettings.defaults().phrases().contains("good_game"));
    assertFalse(alice.updates("chat").isEmpty());
  }
}
