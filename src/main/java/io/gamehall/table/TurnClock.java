package io.gamehall.table;

import static io.gamehall.table.EventLog.data;

import io.gamehall.game.Event;
import io.gamehall.game.Step;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whose turn it is and how long it may take: the turn timer, each seat's time bank, 托管 (the table
 * plays a seat whose clock ran out, or, under {@link TrusteePolicy#DROP}, whose player is gone),
 * bots thinking off the queue, and a turn paused for a player not yet back after a restore. Timers
 * and bot answers carry the match version they were started for and are ignored once it moved on.
 */
final class TurnClock {
  // The table's logger: log configuration that names io.gamehall.table.Table keeps working.
  private static final Logger LOG = Logger.getLogger(Table.class.getName());

  private final Table t;
  private int turnSeat = -1;
  private long turnStartedAt;
  private long turnDeadline;
  private Cancellable turnTimer = Cancellable.NONE;
  private AtomicBoolean botCancelled;

  /**
   * Turn time already used by a seat whose turn waits for its player's return after a restore; -1
   * if none.
   */
  private long pausedElapsed = -1;

  TurnClock(Table table) {
    this.t = table;
  }

  /** The seat whose turn is running, or -1. */
  int seat() {
    return turnSeat;
  }

  long deadline() {
    return turnDeadline;
  }

  /** Turn time the seat to act has used, for a saved state. */
  long elapsed() {
    return turnSeat < 0 ? 0 : pausedElapsed >= 0 ? pausedElapsed : t.now() - turnStartedAt;
  }

  /**
   * Starts the turn of the seat to act. {@code carrier}, the last event of the move that led here
   * (null at the start of a match or after a restore), is emitted with that turn's clock folded in
   * as {@code data.clock}; without a carrier the clock is a {@code clock} event of its own.
   */
  void begin(Event carrier) {
    cancel();
    int s = t.match.toAct();
    Seat[] seats = t.seating.seats;
    if (s < 0 || s >= seats.length) {
      emitPlain(carrier);
      return;
    }
    Seat seat = seats[s];
    long v = t.version;
    TableSettings settings = t.settings;
    if (seat.bot) {
      turnSeat = s;
      turnStartedAt = t.now();
      turnDeadline = turnStartedAt + settings.turnTime().toMillis();
      announce(s, carrier);
      turnTimer = t.after(settings.turnTime().toMillis(), () -> timedOut(s, v));
      startBot(s, v);
    } else if (seat.awaitingReturn) {
      // Restored, and this player has not reconnected since: the turn waits (within the grace
      // window) instead of being played by 托管, because the server, not the player, was away.
      turnSeat = s;
      turnStartedAt = t.now();
      turnDeadline = turnStartedAt + settings.turnTime().toMillis();
      pausedElapsed = 0;
      emitPlain(carrier);
    } else if (seat.trustee
        || (seat.member == null && settings.trusteePolicy() == TrusteePolicy.DROP)) {
      turnSeat = s;
      turnStartedAt = t.now();
      turnDeadline = turnStartedAt + settings.trusteeDelay().toMillis();
      announce(s, carrier);
      if (!seat.trustee) {
        // Nobody is there to move: 托管 until the player comes back and takes control.
        setTrustee(s, true);
      }
      turnTimer = t.after(settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
    } else {
      startHumanTurn(s, v, carrier);
    }
  }

  private void emitPlain(Event carrier) {
    if (carrier != null) {
      t.events.emit(carrier, true);
    }
  }

  /** A restored turn of a seat awaiting its player continues with the time it had used. */
  void resumePaused(long turnElapsed) {
    if (pausedElapsed == 0) {
      pausedElapsed = Math.max(0, turnElapsed);
    }
  }

  private void startHumanTurn(int s, long v, Event carrier) {
    Seat seat = t.seating.seats[s];
    turnSeat = s;
    turnStartedAt = t.now();
    turnDeadline = turnStartedAt + t.settings.turnTime().toMillis();
    announce(s, carrier);
    turnTimer = t.after(t.settings.turnTime().toMillis() + seat.bankMillis, () -> timedOut(s, v));
  }

  /** A human's move took longer than the turn time: the excess comes off the seat's bank. */
  void chargeBank(int s) {
    if (turnSeat == s) {
      long over = t.now() - turnStartedAt - t.settings.turnTime().toMillis();
      if (over > 0) {
        Seat seat = t.seating.seats[s];
        seat.bankMillis = Math.max(0, seat.bankMillis - over);
      }
    }
  }

  /**
   * Announces whose turn it is, in {@code carrier} or else in a {@code clock} event; the acting
   * player's own copy also says what it may play, so a client needs no snapshot for that.
   */
  private void announce(int s, Event carrier) {
    Seat seat = t.seating.seats[s];
    Map<String, Object> hints = Map.of();
    if (!seat.bot) {
      try {
        hints = t.match.turnHints(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "table " + t.id() + ": the game failed to list the legal moves", e);
      }
    }
    Map<String, Object> clock = data("seat", s, "deadline", turnDeadline, "bank", seat.bankMillis);
    Map<String, Object> own = clock;
    if (!hints.isEmpty()) {
      own = new LinkedHashMap<>(clock);
      own.putAll(hints);
    }
    if (carrier == null) {
      t.events.emit(new Event("clock", clock, hints.isEmpty() ? Map.of() : Map.of(s, own)), false);
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>(carrier.data());
    data.put("clock", clock);
    Map<Integer, Map<String, Object>> secrets = carrier.secrets();
    if (!hints.isEmpty()) {
      // The acting seat's copy: its own clock, with the hints, replaces the public one.
      secrets = new HashMap<>(secrets);
      Map<String, Object> mine = new LinkedHashMap<>(secrets.getOrDefault(s, Map.of()));
      mine.put("clock", own);
      secrets.put(s, mine);
    }
    t.events.emit(new Event(carrier.kind(), data, secrets), true);
  }

  private boolean current(int s, long v) {
    return !t.suspended && t.phase == Phase.PLAYING && t.version == v && t.match.toAct() == s;
  }

  private void timedOut(int s, long v) {
    if (!current(s, v)) {
      return;
    }
    Seat seat = t.seating.seats[s];
    if (seat.bot) {
      autoPlay(s, v);
      return;
    }
    seat.bankMillis = 0;
    setTrustee(s, true);
    turnDeadline = t.now() + t.settings.trusteeDelay().toMillis();
    turnTimer = t.after(t.settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
  }

  /**
   * Plays the game's default action for {@code s}; if even that fails the game is broken and the
   * seat forfeits.
   */
  private void autoPlay(int s, long v) {
    if (!current(s, v)) {
      return;
    }
    Step step;
    String action = null;
    try {
      action = t.match.defaultAction(s);
      step = t.match.apply(s, action);
    } catch (RuntimeException e) {
      step = new Step.Rejected("failed", String.valueOf(e));
    }
    if (step instanceof Step.Accepted) {
      t.accepted(s, action, ((Step.Accepted) step).events(), false);
    } else {
      LOG.log(
          Level.SEVERE,
          "table {0}: the default action for seat {1} was refused: {2}",
          new Object[] {t.id(), s, step});
      t.abandonedBy = s;
      t.endMatch(t.match.abandon(s));
    }
  }

  private void startBot(int s, long v) {
    AtomicBoolean cancelled = new AtomicBoolean();
    botCancelled = cancelled;
    Callable<String> thinking;
    try {
      thinking = t.match.bot(s, t.settings.botBudget(), cancelled::get);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + t.id() + ": bot failed to start", e);
      t.post(() -> autoPlay(s, v));
      return;
    }
    try {
      // Thinking happens off the table's queue; only the answer comes back through it.
      t.botExecutor()
          .execute(
              () -> {
                String answer = null;
                try {
                  answer = thinking.call();
                } catch (Exception e) {
                  LOG.log(Level.WARNING, "table " + t.id() + ": bot failed", e);
                }
                String action = answer;
                t.post(() -> botAnswered(s, v, action));
              });
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "table {0}: bot executor full; playing the default action", t.id());
      t.post(() -> autoPlay(s, v));
    }
  }

  private void botAnswered(int s, long v, String action) {
    if (!current(s, v)) {
      // The match moved on while the bot was thinking (timeout, undo, resignation): the answer is
      // stale.
      return;
    }
    if (action == null) {
      autoPlay(s, v);
      return;
    }
    Step step = t.match.apply(s, action);
    if (step instanceof Step.Accepted) {
      t.accepted(s, action, ((Step.Accepted) step).events(), false);
    } else {
      LOG.log(
          Level.WARNING,
          "table {0}: bot played an illegal action {1}: {2}",
          new Object[] {t.id(), action, step});
      autoPlay(s, v);
    }
  }

  void cancel() {
    pausedElapsed = -1;
    turnTimer.cancel();
    turnTimer = Cancellable.NONE;
    if (botCancelled != null) {
      botCancelled.set(true);
      botCancelled = null;
    }
    turnSeat = -1;
  }

  /** For a shutdown: stops the timer and any thinking bot, keeping the turn for the saved state. */
  void freeze() {
    turnTimer.cancel();
    if (botCancelled != null) {
      botCancelled.set(true);
    }
  }

  /**
   * Ends 托管 for seat {@code s}; on its turn, with a fresh turn time and what is left of its bank.
   */
  void takeBack(int s) {
    setTrustee(s, false);
    if (t.phase == Phase.PLAYING && turnSeat == s) {
      cancel();
      startHumanTurn(s, t.version, null);
    }
  }

  void setTrustee(int s, boolean on) {
    Seat seat = t.seating.seats[s];
    boolean activated = on && !seat.trustee;
    seat.trustee = on;
    if (activated) {
      t.notifyListener(() -> t.listener.trusteeActivated(t.id(), s));
    }
    t.events.emitTable("trustee", data("seat", s, "on", on));
  }

  /**
   * The player of seat {@code s} dropped. Under {@link TrusteePolicy#CLOCK} nothing changes (the
   * clock and bank keep running, 托管 only if they run out); under {@link TrusteePolicy#DROP} a
   * dropped player's turn goes to 托管 at once, so nobody gone can freeze the table.
   */
  void seatDropped(int s) {
    if (t.settings.trusteePolicy() == TrusteePolicy.CLOCK) {
      return;
    }
    if (t.phase == Phase.PLAYING && turnSeat == s && !t.seating.seats[s].trustee) {
      long v = t.version;
      cancel();
      turnSeat = s;
      setTrustee(s, true);
      turnDeadline = t.now() + t.settings.trusteeDelay().toMillis();
      turnTimer = t.after(t.settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
    }
  }

  /**
   * The player whose turn waited for them after a restore is back: the turn clock runs on from
   * where it stopped.
   */
  void continuePaused(int s) {
    if (t.phase != Phase.PLAYING || turnSeat != s || pausedElapsed < 0) {
      return;
    }
    long elapsed = pausedElapsed;
    pausedElapsed = -1;
    long v = t.version;
    turnStartedAt = t.now() - elapsed;
    turnDeadline = turnStartedAt + t.settings.turnTime().toMillis();
    announce(s, null);
    turnTimer =
        t.after(
            t.settings.turnTime().toMillis() + t.seating.seats[s].bankMillis - elapsed,
            () -> timedOut(s, v));
  }
}
