package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answers cache on its own: same answer for a resent id, bounded, saved and restored. */
class CommandAnswersTest {

  private static TableOutput ack(String cid, long seq) {
    return new TableOutput.Ack("t1", cid, seq);
  }

  @Test
  void aResentIdGetsTheSameAnswerAndOtherPlayersDoNotSeeIt() {
    CommandAnswers answers = new CommandAnswers(4, 8);
    TableOutput answer = ack("c1", 3);
    answers.of("alice").put("c1", answer);
    assertSame(answer, answers.of("alice").get("c1"));
    assertNull(answers.of("bob").get("c1"), "ids are per player");
  }

  @Test
  void idsAndPlayersAreBoundedLeastRecentlyUsedFirst() {
    CommandAnswers answers = new CommandAnswers(2, 2);
    answers.of("alice").put("c1", ack("c1", 1));
    answers.of("alice").put("c2", ack("c2", 2));
    answers.of("alice").put("c3", ack("c3", 3));
    assertNull(answers.of("alice").get("c1"), "the oldest id of a player goes first");
    answers.of("bob").put("b1", ack("b1", 4));
    answers.of("carol").put("x", ack("x", 5));
    assertNull(answers.of("alice").get("c3"), "the least recently used player goes first");
  }

  @Test
  void aSavedStateCarriesTheNewestAnswersInOrderAndRestoresThem() {
    CommandAnswers answers = new CommandAnswers(4, 100);
    for (int i = 0; i < CommandAnswers.SNAPSHOT_REPLIES + 5; i++) {
      answers.of("alice").put("c" + i, ack("c" + i, i));
    }
    answers.of("alice").put("bad", new TableOutput.Refused("t1", "bad", "stale", "Look again."));
    List<TableState.Reply> saved = answers.newest().get("alice");
    assertEquals(CommandAnswers.SNAPSHOT_REPLIES, saved.size());
    assertEquals(new TableState.Reply("c6", 6, null, null), saved.get(0));
    assertEquals(
        new TableState.Reply("bad", 0, "stale", "Look again."), saved.get(saved.size() - 1));

    CommandAnswers restored = new CommandAnswers(4, 100);
    restored.restore(Map.of("alice", saved), "t2");
    assertEquals(new TableOutput.Ack("t2", "c20", 20), restored.of("alice").get("c20"));
    assertEquals(
        new TableOutput.Refused("t2", "bad", "stale", "Look again."),
        restored.of("alice").get("bad"));
    assertNull(restored.of("alice").get("c0"), "only the newest were saved");
  }
}
