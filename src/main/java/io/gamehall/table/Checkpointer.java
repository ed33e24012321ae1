package io.gamehall.table;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saving a running table: hands its newest {@link TableState} to the listener after events, at most
 * once per {@link TableSettings#checkpointInterval()}, tells it to forget the state once the match
 * is over, and rebuilds a table from a saved state.
 */
final class Checkpointer {
  // The table's logger: log configuration that names io.gamehall.table.Table keeps working.
  private static final Logger LOG = Logger.getLogger(Table.class.getName());

  private final Table t;

  /**
   * The sequence number of the last state handed to the listener for saving, and whether one is
   * saved now.
   */
  private long checkpointedSeq = -1;

  private boolean checkpointed;

  /** When the last state was handed to the listener. */
  private long checkpointedAt = Long.MIN_VALUE;

  /**
   * Saves the newest state once the interval is up, while changes come faster than it; NONE when
   * not armed.
   */
  private Cancellable checkpointTimer = Cancellable.NONE;

  Checkpointer(Table table) {
    this.t = table;
  }

  /**
   * After each task: the newest state of a running match is saved, and a match that ended forgets
   * its state.
   */
  void afterTask() {
    long seq = t.events.seq();
    if (t.suspended || seq == checkpointedSeq || !t.listener.keepsCheckpoints()) {
      return;
    }
    if (t.phase == Phase.PLAYING) {
      soon();
    } else {
      disarm();
      if (checkpointed) {
        checkpointed = false;
        checkpointedSeq = seq;
        t.notifyListener(() -> t.listener.forget(t.id()));
      }
    }
  }

  /** The table closes: its saved state, if any, is forgotten. */
  void closed() {
    if (checkpointed && !t.suspended) {
      checkpointed = false;
      t.notifyListener(() -> t.listener.forget(t.id()));
    }
    disarm();
  }

  /**
   * Saves now if the last save is at least an interval old, else once it is: a table changing every
   * few seconds is saved after each event, a fast one at most once an interval (capturing and
   * writing a state costs far more than a move, docs/performance.md).
   */
  private void soon() {
    if (checkpointTimer != Cancellable.NONE) {
      return;
    }
    long wait =
        checkpointedAt == Long.MIN_VALUE
            ? 0
            : t.settings.checkpointInterval().toMillis() - (t.now() - checkpointedAt);
    if (wait <= 0) {
      checkpoint();
      return;
    }
    checkpointTimer =
        t.after(
            wait,
            () -> {
              checkpointTimer = Cancellable.NONE;
              if (!t.suspended && t.phase == Phase.PLAYING && t.events.seq() != checkpointedSeq) {
                checkpoint();
              }
            });
  }

  void disarm() {
    checkpointTimer.cancel();
    checkpointTimer = Cancellable.NONE;
  }

  void checkpoint() {
    disarm();
    checkpointedAt = t.now();
    Optional<String> matchState;
    try {
      matchState = t.match.snapshot();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + t.id() + ": the game failed to snapshot its match", e);
      return;
    }
    if (matchState.isEmpty()) {
      return;
    }
    checkpointedSeq = t.events.seq();
    checkpointed = true;
    TableState state = capture(matchState.get());
    t.notifyListener(() -> t.listener.checkpoint(state));
  }

  private TableState capture(String matchState) {
    Seat[] seats = t.seating.seats;
    List<TableState.SeatState> seatStates = new ArrayList<>(seats.length);
    for (Seat seat : seats) {
      seatStates.add(
          seat == null
              ? null
              : new TableState.SeatState(
                  seat.playerId,
                  seat.nickname,
                  seat.bot,
                  seat.ready,
                  seat.rematch,
                  seat.trustee,
                  seat.bankMillis));
    }
    return new TableState(
        t.id(),
        t.spec.rules().id(),
        t.options,
        t.spec.practice(),
        t.spec.spectatable(),
        t.phase,
        t.events.seq(),
        t.events.lastGameSeq(),
        t.version,
        t.seating.botCount,
        seatStates,
        t.matchPlayers,
        matchState,
        t.matchStartedAt,
        t.turns.seat(),
        t.turns.elapsed(),
        t.talks.drawOfferedBy(),
        t.talks.drawOfferVersions(),
        t.talks.undoRequestedBy(),
        t.talks.undoAccepted(),
        t.answers.newest(),
        t.now(),
        t.matchSeed == null ? null : HexFormat.of().formatHex(t.matchSeed),
        t.abandonedBy,
        t.moveLog);
  }

  /** Runs before the table is published: nothing else can see it yet. */
  void install(TableState state) {
    Seat[] seats = t.seating.seats;
    if (state.seats().size() != seats.length) {
      throw new IllegalArgumentException(
          "snapshot has " + state.seats().size() + " seats, the table " + seats.length);
    }
    t.match = t.spec.rules().restore(seats.length, t.options, state.match());
    t.phase = state.phase();
    t.events.restore(state.seq(), state.lastGameSeq());
    t.version = state.version();
    t.seating.botCount = state.botCount();
    t.matchPlayers = state.matchPlayers();
    t.matchStartedAt = state.matchStartedAtMillis();
    t.matchSeed =
        state.matchSeedHex() == null ? null : HexFormat.of().parseHex(state.matchSeedHex());
    t.abandonedBy = state.abandonedBy();
    t.moveLog.addAll(state.moveLog());
    t.talks.restore(state);
    long offlineUntil = t.now() + t.settings.reconnectGrace().toMillis();
    for (int s = 0; s < seats.length; s++) {
      TableState.SeatState saved = state.seats().get(s);
      if (saved == null) {
        continue;
      }
      Seat seat = new Seat(saved.playerId(), saved.nickname(), saved.bot());
      seat.ready = saved.ready();
      seat.rematch = saved.rematch();
      seat.bankMillis = saved.bankMillis();
      // 托管 is not carried over: whoever comes back within the grace window plays their own moves
      // again.
      seat.trustee = false;
      if (!saved.bot()) {
        seat.awaitingReturn = true;
        seat.offlineDeadline = offlineUntil;
      }
      seats[s] = seat;
    }
    t.answers.restore(state.replies(), t.id());
    checkpointedSeq = state.seq();
    checkpointed = true;
  }

  /**
   * On the queue, once restored: every human seat gets its grace window, and a running match its
   * turn (a seat awaiting its player keeps the turn time it had used).
   */
  void rearm(long turnElapsed) {
    for (Seat seat : t.seating.seats) {
      if (seat != null && !seat.bot) {
        t.seating.startGrace(seat, seat.offlineDeadline - t.now());
      }
    }
    if (t.phase != Phase.PLAYING) {
      return;
    }
    var over = t.match.result();
    if (over.isPresent()) {
      t.endMatch(over.get());
      return;
    }
    t.turns.begin(null);
    t.turns.resumePaused(turnElapsed);
  }
}
