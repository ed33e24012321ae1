package io.gamehall.table;

import io.gamehall.table.TableOutput.Ack;
import io.gamehall.table.TableOutput.Refused;
import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** A fake connection that keeps everything the table delivered to it. */
final class RecordingMember implements TableMember {
  final String playerId;
  private final List<TableOutput> outputs = new ArrayList<>();
  private final CountDownLatch answers;

  RecordingMember(String playerId) {
    this(playerId, null);
  }

  /** Also counts every ack or refusal down on {@code answers}, for tests on real threads. */
  RecordingMember(String playerId, CountDownLatch answers) {
    this.playerId = playerId;
    this.answers = answers;
  }

  @Override
  public void deliver(TableOutput out) {
    synchronized (this) {
      outputs.add(out);
    }
    if (answers != null && (out instanceof Ack || out instanceof Refused)) {
      answers.countDown();
    }
  }

  synchronized List<TableOutput> all() {
    return List.copyOf(outputs);
  }

  synchronized void clear() {
    outputs.clear();
  }

  List<Update> updates() {
    return all().stream()
        .filter(o -> o instanceof Update)
        .map(o -> (Update) o)
        .collect(Collectors.toList());
  }

  List<String> kinds() {
    return updates().stream().map(Update::kind).collect(Collectors.toList());
  }

  List<Update> updates(String kind) {
    return updates().stream().filter(u -> u.kind().equals(kind)).collect(Collectors.toList());
  }

  Update last(String kind) {
    List<Update> matching = updates(kind);
    if (matching.isEmpty()) {
      throw new AssertionError(playerId + " got no '" + kind + "' update; got " + kinds());
    }
    return matching.get(matching.size() - 1);
  }

  /** The sequence number of the latest update or snapshot seen, as a client would track it. */
  long lastSeq() {
    long seq = 0;
    for (TableOutput out : all()) {
      if (out instanceof Update) {
        seq = ((Update) out).seq();
      } else if (out instanceof Snapshot) {
        seq = ((Snapshot) out).seq();
      }
    }
    return seq;
  }

  TableOutput last() {
    List<TableOutput> all = all();
    if (all.isEmpty()) {
      throw new AssertionError(playerId + " got nothing");
    }
    return all.get(all.size() - 1);
  }

  Refused lastRefused() {
    TableOutput out = last();
    if (!(out instanceof Refused)) {
      throw new AssertionError(playerId + " expected a refusal last, got " + out);
    }
    return (Refused) out;
  }

  Ack lastAck() {
    TableOutput out = last();
    if (!(out instanceof Ack)) {
      throw new AssertionError(playerId + " expected an ack last, got " + out);
    }
    return (Ack) out;
  }

  /**
   * The answer (ack, refusal, or for an act the last event it caused, carrying {@code re}) to
   * command {@code cid}; later updates may follow it.
   */
  TableOutput answerTo(String cid) {
    for (TableOutput out : all()) {
      if (out instanceof Ack && cid.equals(((Ack) out).cid())) {
        return out;
      }
      if (out instanceof Update && cid.equals(((Update) out).re())) {
        return out;
      }
      if (out instanceof Refused && cid.equals(((Refused) out).cid())) {
        return out;
      }
    }
    throw new AssertionError(playerId + " got no answer to " + cid + "; got " + all());
  }

  Ack ackTo(String cid) {
    TableOutput out = answerTo(cid);
    if (!(out instanceof Ack)) {
      throw new AssertionError(playerId + " expected an ack to " + cid + ", got " + out);
    }
    return (Ack) out;
  }

  /**
   * The sequence number after command {@code cid} was applied: its ack's, or the seq of the event
   * that answered it.
   */
  long appliedSeq(String cid) {
    TableOutput out = answerTo(cid);
    if (out instanceof Ack) {
      return ((Ack) out).seq();
    }
    if (out instanceof Update) {
      return ((Update) out).seq();
    }
    throw new AssertionError(playerId + " expected " + cid + " applied, got " + out);
  }

  /**
   * Every clock announced, in order, as {@code clock} updates: standalone ones, and those folded
   * into a move's event as {@code data.clock} (given that event's seq).
   */
  List<Update> clocks() {
    List<Update> clocks = new java.util.ArrayList<>();
    for (Update u : updates()) {
      if (u.kind().equals("clock")) {
        clocks.add(u);
      } else if (u.data().get("clock") instanceof java.util.Map<?, ?> folded) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> data = (java.util.Map<String, Object>) folded;
        clocks.add(new Update(u.tableId(), u.seq(), "clock", data));
      }
    }
    return clocks;
  }

  /** The latest clock announced (standalone, or folded into a move's event). */
  Update latestClock() {
    List<Update> clocks = clocks();
    if (clocks.isEmpty()) {
      throw new AssertionError(playerId + " got no clock; got " + kinds());
    }
    return clocks.get(clocks.size() - 1);
  }

  /**
   * The data of the latest {@code kind} event without the clock a move's last event carries: what
   * the game said.
   */
  java.util.Map<String, Object> game(String kind) {
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>(last(kind).data());
    data.remove("clock");
    return data;
  }

  /** The latest clock (standalone or folded into a move) for {@code seat}. */
  Update lastClock(int seat) {
    List<Update> clocks = clocks();
    for (int i = clocks.size() - 1; i >= 0; i--) {
      if (((Number) clocks.get(i).data().get("seat")).intValue() == seat) {
        return clocks.get(i);
      }
    }
    throw new AssertionError(playerId + " got no clock for seat " + seat);
  }

  Snapshot lastSnapshot() {
    List<TableOutput> all = all();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i) instanceof Snapshot) {
        return (Snapshot) all.get(i);
      }
    }
    throw new AssertionError(playerId + " got no snapshot");
  }
}
