package io.gamehall.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamehall.game.GameRules;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One table under test: a manual clock, a same-thread table executor (so every call has finished
 * its work when it returns), a chosen bot executor, and helpers that send commands with fresh
 * command ids.
 */
final class TableFixture {
  final ManualClock clock = new ManualClock(1_000_000L);
  final RecordingListener listener = new RecordingListener();

  /** The cluster's quorum gate as this table sees it; open unless a test closes it. */
  final java.util.concurrent.atomic.AtomicBoolean quorum =
      new java.util.concurrent.atomic.AtomicBoolean(true);

  final Table table;
  private int cids;

  TableFixture(
      GameRules rules,
      int seats,
      boolean practice,
      TableSettings settings,
      Executor executor,
      Executor bots,
      Map<String, String> options) {
    TableSpec spec = new TableSpec("t1", rules, options, seats, practice, true);
    table =
        new Table(spec, settings, new TableRuntime(executor, clock, bots, quorum::get), listener);
  }

  static TableFixture counting() {
    return counting(TableSettings.defaults());
  }

  static TableFixture counting(TableSettings settings) {
    return new TableFixture(
        new CountingGame(), 2, true, settings, Runnable::run, Runnable::run, Map.of());
  }

  static TableFixture secrets() {
    return new TableFixture(
        new SecretGame(),
        3,
        false,
        TableSettings.defaults(),
        Runnable::run,
        Runnable::run,
        Map.of());
  }

  String cid() {
    return "c" + (++cids);
  }

  void send(RecordingMember member, Command command) {
    table.submit(member, command);
  }

  RecordingMember sit(String playerId, int seat) {
    RecordingMember member = new RecordingMember(playerId);
    String cid = cid();
    send(member, new Command.Sit(playerId, cid, playerId.toUpperCase(), seat));
    member.ackTo(cid);
    return member;
  }

  void ready(RecordingMember member) {
    String cid = cid();
    send(member, new Command.Ready(member.playerId, cid, true));
    member.ackTo(cid);
  }

  /**
   * Acts on the latest sequence number the member has seen and expects it applied (answered by the
   * move's own event, or an ack).
   */
  void act(RecordingMember member, String action) {
    String cid = cid();
    send(member, new Command.Act(member.playerId, cid, action, member.lastSeq()));
    member.appliedSeq(cid);
  }

  /** Seats and readies one member per seat; the match is running when this returns. */
  RecordingMember[] started(String... players) {
    RecordingMember[] members = new RecordingMember[players.length];
    for (int i = 0; i < players.length; i++) {
      members[i] = sit(players[i], i);
    }
    for (RecordingMember member : members) {
      ready(member);
    }
    assertEquals(Phase.PLAYING, table.summary().phase(), "the match should have started");
    return members;
  }

  RecordingMember spectator(String playerId) {
    RecordingMember member = new RecordingMember(playerId);
    send(member, new Command.Spectate(playerId, cid(), playerId));
    return member;
  }
}
