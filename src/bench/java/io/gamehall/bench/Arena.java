package io.gamehall.bench;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the game players of one run share: where to connect, the clock of sent moves (so the
 * opponent's client can time a move from its sender's send to its own receipt, on one JVM clock),
 * and each table's move log as the first of its two players saw it, against which the second
 * player's view is checked.
 */
final class Arena {
  final URI uri;
  final Wss wss;
  final Measurements measurements;
  final ScheduledExecutorService scheduler;
  final long movePeriodNanos;

  /**
   * "table|point" to System.nanoTime() at send; removed by the opponent when the move event reaches
   * it.
   */
  final Map<String, Long> sentMoves = new ConcurrentHashMap<>();

  /** "table|seq" to the move that seq carried, as first seen by either player. */
  private final Map<String, String> movesBySeq = new ConcurrentHashMap<>();

  Arena(
      URI uri,
      Wss wss,
      Measurements measurements,
      ScheduledExecutorService scheduler,
      long movePeriodNanos) {
    this.uri = uri;
    this.wss = wss;
    this.measurements = measurements;
    this.scheduler = scheduler;
    this.movePeriodNanos = movePeriodNanos;
  }

  /**
   * Both players of a table see every move event: the second to arrive must name the same move at
   * the same seq, or the table told its two players different stories (a lost or repeated move).
   */
  void agree(String table, long seq, String move) {
    String key = table + "|" + seq;
    String first = movesBySeq.putIfAbsent(key, move);
    if (first != null) {
      movesBySeq.remove(key);
      if (!first.equals(move)) {
        measurements.problem("players disagree on a move");
      }
    }
  }
}
