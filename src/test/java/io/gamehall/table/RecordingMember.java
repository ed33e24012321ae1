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

  /** The answer (ack or refusal) to command {@code cid}; later updates may follow it. */
  TableOutput answerTo(String cid) {
    for (TableOutput out : all()) {
      if (out instanceof Ack && cid.equals(((Ack) out).cid())) {
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

  /** The latest clock update for {@code seat}. */
  Update lastClock(int seat) {
    List<Update> clocks = updates("clock");
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
