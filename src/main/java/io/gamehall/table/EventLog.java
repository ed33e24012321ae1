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
  private long seq;
  private long lastGameSeq;

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

  /** Continues the numbering of a restored table; its old events are gone. */
  void restore(long seq, long lastGameSeq) {
    this.seq = seq;
    this.lastGameSeq = lastGameSeq;
  }

  void emitTable(String kind, Map<String, Object> data) {
    emit(Event.of(kind, data), false);
  }

  /**
   * Logs {@code event} under the next sequence number and sends it to every connected member,
   * rendered for each.
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
    for (Seat seat : seating.seats) {
      if (seat != null && seat.member != null) {
        deliver(seat.member, render(logged, seat.playerId));
      }
    }
    for (Spectator spectator : seating.spectators.values()) {
      deliver(spectator.member(), render(logged, spectator.playerId()));
    }
  }

  void deliver(TableMember member, TableOutput out) {
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
    Map<String, Object> data = logged.event.data();
    int s = logged.occupants.indexOf(playerId);
    Map<String, Object> secret = s >= 0 ? logged.event.secrets().get(s) : null;
    if (secret != null && !secret.isEmpty()) {
      Map<String, Object> merged = new LinkedHashMap<>(data);
      merged.putAll(secret);
      data = Collections.unmodifiableMap(merged);
    }
    return new Update(t.id(), logged.seq, logged.event.kind(), data);
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
