package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableOutput.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads at one table on a real pool: every command answered once, every member sees one
 * gapless sequence.
 */
class TableConcurrencyTest {

  @Test
  void commandsFromManyThreadsAreSerialised() throws InterruptedException {
    int watchers = 40;
    int linesEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      TableSettings settings = TableSettings.defaults().withQueueCapacity(10_000);
      Table table =
          new Table(
              new TableSpec("busy", new CountingGame(), Map.of(), 2, false, true),
              settings,
              new TableRuntime(pool, new ManualClock(0), pool),
              new RecordingListener());
      CountDownLatch answered = new CountDownLatch(1 + watchers * (1 + linesEach));
      RecordingMember alice = new RecordingMember("alice", answered);
      table.submit(alice, new Command.Sit("alice", "sit", "Alice", 0));
      List<RecordingMember> members = new ArrayList<>();
      for (int w = 0; w < watchers; w++) {
        members.add(new RecordingMember("w" + w, answered));
      }
      for (RecordingMember member : members) {
        senders.execute(
            () -> {
              table.submit(member, new Command.Spectate(member.playerId, "s", member.playerId));
              for (int i = 0; i < linesEach; i++) {
                table.submit(member, new Command.Chat(member.playerId, "c" + i, "line " + i));
              }
            });
      }
      assertTrue(
          answered.await(10, TimeUnit.SECONDS), "every command should be answered within 10 s");

      List<Long> seqs = alice.updates().stream().map(Update::seq).collect(Collectors.toList());
      // Alice's own seating (seq 1) reached her as a snapshot; every chat line follows it.
      assertEquals(1, alice.lastSnapshot().seq());
      assertEquals(watchers * linesEach, seqs.size(), "every chat line");
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(i + 2, seqs.get(i), "gap or reordering at " + i);
      }
      for (RecordingMember member : members) {
        List<String> ownLines =
            member.updates("chat").stream()
                .filter(u -> member.playerId.equals(u.data().get("from")))
                .map(u -> (String) u.data().get("text"))
                .collect(Collectors.toList());
        assertEquals(
            List.of("line 0", "line 1", "line 2", "line 3", "line 4"),
            ownLines,
            "per-sender order");
      }
    } finally {
      senders.shutdownNow();
      pool.shutdownNow();
    }
  }
}
