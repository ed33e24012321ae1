package io.gamehall.table;

import io.gamehall.game.Event;
import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import io.gamehall.table.TableView.ClockView;
import io.gamehall.table.TableView.SeatView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The table's sequenced event log and what each member sees of it: every event is logged with who
 * sat where, sent to each member rendered for them (a seat's secrets only to the player who held
 * that seat at the time), replayed on resume, or summed up in a snapshot when the log no longer
 * reaches back far enough.
 */
final class EventLog {
  // The table's logger: log configuration that names io.gamehall.table.Table keeps working.
  private static final Logger LOG = Logger.getLogger(Table.class.getName());

  private final Table t;
  private final ArrayDeque<Logged> log = new ArrayDeque<>();

  /**
   * How far a restore moves the sequence on. A table restored from a checkpoint at {@code n} may
   * have been played on past {@code n} before it was lost, and its clients may hold those numbers;
   * the restored table numbers its events from {@code n + RESTORE_JUMP}, so no number it sends can
   * be mistaken for one of the lost events, and a resume from any of those gets a snapshot.
   */
  static final long RESTORE_JUMP = 1L << 20;

  private long seq;
  private long lastGameSeq;

  /**
   * The checkpoint's number at the last restore, or -1: numbers after it up to the jump are lost.
   */
  private long restoredFrom = -1;

  /** The member whose command is being handled, whose last event is held back; or null. */
  private TableMember answering;

  private Update held;

  /**
   * An emitted event with who sat where when it happened, so it can be rendered for any member
   * later.
   */
  private record Logged(long seq, Event event, List<String> occupants) {}

  EventLog(Table table) {
    this.t = table;
  }

  /** The sequence number of the last event. */
  long seq() {
    return seq;
  }

  /** The sequence number of the last event that changed the game (a move, not a chat line). */
  long lastGameSeq() {
    return lastGameSeq;
  }

  /**
   * Numbers a restored table's events from past the checkpoint's number and the jump; its old
   * events are gone.
   */
  void restore(long seq, long lastGameSeq) {
    this.restoredFrom = seq;
    this.seq = seq + RESTORE_JUMP;
    this.lastGameSeq = lastGameSeq;
  }

  /**
   * Whether {@code seq} may name an event this table lost: played after its checkpoint, before it
   * was restored. A command based on such a number was decided on a position that no longer is.
   */
  boolean lost(long seq) {
    return restoredFrom >= 0 && seq > restoredFrom && seq < restoredFrom + RESTORE_JUMP;
  }

  void emitTable(String kind, Map<String, Object> data) {
    emit(Event.of(kind, data), false);
  }

  /**
   * Logs {@code event} under the next sequence number and sends it to every connected member,
   * rendered for each: one shared copy for everyone without a secret in it, so it is encoded once.
   */
  void emit(Event event, boolean changesGame) {
    Seating seating = t.seating;
    Logged logged = new Logged(++seq, event, seating.occupants());
    log.addLast(logged);
    while (log.size() > t.settings.logCapacity()) {
      log.removeFirst();
    }
    if (changesGame) {
      lastGameSeq = logged.seq;
    }
    Update shared = null;
    for (int s = 0; s < seating.seats.length; s++) {
      Seat seat = seating.seats[s];
      if (seat != null && seat.member != null) {
        Update out = secretFor(logged, s);
        if (out == null) {
          shared = shared == null ? publicCopy(logged) : shared;
          out = shared;
        }
        send(seat.member, out);
      }
    }
    if (!seating.spectators.isEmpty()) {
      shared = shared == null ? publicCopy(logged) : shared;
      for (Spectator spectator : seating.spectators.values()) {
        send(spectator.member(), shared);
      }
    }
  }

  /**
   * From now until {@link #endAnswer}, the last event that reaches {@code member} is held back
   * instead of sent, so it can go out as the answer to the command being handled (with {@code re})
   * rather than be followed by an {@code ack}. Anything else for that member (a later event, a
   * snapshot) sends the held one first, so the order stays as emitted.
   */
  void beginAnswer(TableMember member) {
    answering = member;
    held = null;
  }

  /** Stops holding; returns the held event (not yet sent), or null if none reached the member. */
  Update endAnswer() {
    Update last = held;
    answering = null;
    held = null;
    return last;
  }

  private void send(TableMember member, Update out) {
    if (member == answering) {
      Update before = held;
      held = out;
      if (before != null) {
        deliverNow(member, before);
      }
      return;
    }
    deliverNow(member, out);
  }

  void deliver(TableMember member, TableOutput out) {
    if (member == answering && held != null) {
      Update before = held;
      held = null;
      deliverNow(member, before);
    }
    deliverNow(member, out);
  }

  /**
   * Delivers at once, bypassing the answer being held: for a refusal sent off the table's queue
   * (busy), which must not touch the queue's state.
   */
  void deliverFromAnyThread(TableMember member, TableOutput out) {
    deliverNow(member, out);
  }

  private void deliverNow(TableMember member, TableOutput out) {
    try {
      member.deliver(out);
    } catch (RuntimeException e) {
      // A broken member must not break the table for everyone else.
      LOG.log(Level.WARNING, "table " + t.id() + ": member failed to take an output", e);
    }
  }

  /**
   * Replays what {@code playerId} missed after {@code lastSeq} if the log still has all of it, else
   * a snapshot.
   */
  void catchUp(TableMember member, String playerId, long lastSeq) {
    boolean replayable =
        lastSeq >= 0
            && lastSeq <= seq
            && (lastSeq == seq || (!log.isEmpty() && log.peekFirst().seq <= lastSeq + 1));
    if (!replayable) {
      deliver(member, snapshot(playerId));
      return;
    }
    for (Logged logged : log) {
      if (logged.seq > lastSeq) {
        deliver(member, render(logged, playerId));
      }
    }
  }

  /**
   * The event as {@code playerId} may see it: public data plus the secrets of the seat it held at
   * the time.
   */
  private Update render(Logged logged, String playerId) {
    Update secret = secretFor(logged, logged.occupants.indexOf(playerId));
    return secret != null ? secret : publicCopy(logged);
  }

  /** Seat {@code s}'s own copy if the event has a secret for it, else null. */
  private Update secretFor(Logged logged, int s) {
    Map<String, Object> secret = s >= 0 ? logged.event.secrets().get(s) : null;
    if (secret == null || secret.isEmpty()) {
      return null;
    }
    Map<String, Object> merged = new LinkedHashMap<>(logged.event.data());
    merged.putAll(secret);
    return new Update(t.id(), logged.seq, logged.event.kind(), Collections.unmodifiableMap(merged));
  }

  private Update publicCopy(Logged logged) {
    return new Update(t.id(), logged.seq, logged.event.kind(), logged.event.data());
  }

  /** The whole table as {@code playerId} may see it now. */
  Snapshot snapshot(String playerId) {
    Seat[] seats = t.seating.seats;
    int mine = t.seating.seatOf(playerId);
    List<SeatView> seatViews = new ArrayList<>();
    for (int s = 0; s < seats.length; s++) {
      Seat seat = seats[s];
      if (seat == null) {
        seatViews.add(new SeatView(s, null, null, false, false, false, false, false, 0, 0));
      } else {
        seatViews.add(
            new SeatView(
                s,
                seat.playerId,
                seat.nickname,
                seat.bot,
                seat.bot || (seat.member != null && !seat.silent),
                seat.trustee,
                seat.ready,
                seat.rematch,
                seat.bankMillis,
                seat.offlineDeadline));
      }
    }
    int turnSeat = t.turns.seat();
    ClockView clockView =
        t.phase == Phase.PLAYING && turnSeat >= 0
            ? new ClockView(turnSeat, t.turns.deadline(), seats[turnSeat].bankMillis)
            : null;
    Map<String, Object> matchView = null;
    if (t.match != null) {
      // A seat's own view only for whoever held that seat in this match; a newcomer sees what
      // spectators see.
      boolean ownView = mine >= 0 && playerId.equals(t.matchPlayers.get(mine));
      matchView = ownView ? t.match.view(mine) : t.match.publicView();
    }
    TableView view =
        new TableView(
            t.id(),
            t.spec.rules().id(),
            t.options,
            t.phase,
            mine,
            List.copyOf(seatViews),
            t.seating.spectators.size(),
            clockView,
            matchView,
            t.talks.drawOfferedBy(),
            t.talks.undoRequestedBy(),
            t.lastResult);
    return new Snapshot(t.id(), seq, view);
  }

  /** Event data in the order given: keys and values alternating. */
  static Map<String, Object> data(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
