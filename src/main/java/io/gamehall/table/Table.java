package io.gamehall.table;

import static io.gamehall.table.EventLog.data;

import io.gamehall.game.Event;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.table.TableOutput.Ack;
import io.gamehall.table.TableOutput.Refused;
import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One table: an actor over its seats, spectators, match, turn clock, reconnection grace timers and
 * event log.
 *
 * <p>The public methods only enqueue; all state is touched by one task at a time on the table's
 * {@link SerialQueue}, so it needs no locks, and neither does the {@link Match}. This class keeps
 * the match's lifecycle (start, moves, end) and hands each other concern to a collaborator that
 * runs on the same queue: {@link Seating} (seats, spectators, the grace window, resume), {@link
 * TurnClock} (turn timer, time bank, 托管, bots), {@link Negotiations} (draws, undo, rematch), {@link
 * EventLog} (sequenced events rendered per member, snapshots), {@link Checkpointer} (saved states)
 * and {@link CommandAnswers} (resent commands). Timers and bot answers come back through the queue
 * and carry the match {@code version} they were started for, so one that arrives after the match
 * moved on is ignored.
 */
public final class Table {
  private static final Logger LOG = Logger.getLogger(Table.class.getName());

  final TableSpec spec;
  private final String id;
  final Map<String, String> options;
  final TableSettings settings;
  private final TableClock clock;
  private final TableRuntime runtime;
  final TableListener listener;
  private final SerialQueue queue;
  private final SecureRandom random = new SecureRandom();

  final Seating seating;
  final EventLog events;
  final TurnClock turns;
  final Negotiations talks;
  final Checkpointer checkpoints;
  final CommandAnswers answers;
  private volatile TableSummary summary;

  Phase phase = Phase.FILLING;
  Match match;
  List<String> matchPlayers = List.of();
  long matchStartedAt;

  /**
   * History: the seed the match started from and its accepted actions in order (undone ones
   * removed).
   */
  byte[] matchSeed;

  final List<MatchRecord.Move> moveLog = new ArrayList<>();
  int abandonedBy = -1;

  /**
   * Bumped by every change of the match; timers and bot answers for an older version are ignored.
   */
  long version;

  Result lastResult;
  private boolean hadHumans;
  private TableSummary reported;

  /**
   * Set on shutdown, from the stopping thread, before the table's queued tasks run: the state is
   * frozen for the snapshot writer; commands are answered busy, disconnections and timers change
   * nothing (the container may already have dropped the sockets, and those players did not leave).
   */
  volatile boolean suspended;

  /**
   * Set (with {@link #suspended}) when this node lost the table to another node: commands are
   * refused {@code moved} instead of {@code busy}, since retrying here can never succeed.
   */
  volatile boolean frozen;

  /**
   * Creates an empty table in {@link Phase#FILLING}. Options are checked by the game now, so a bad
   * request fails here with an {@link IllegalArgumentException} whose message can be shown.
   */
  public Table(
      TableSpec spec, TableSettings settings, TableRuntime runtime, TableListener listener) {
    this.spec = spec;
    this.id = spec.tableId();
    this.options = Map.copyOf(spec.rules().options(spec.options()));
    this.settings = settings;
    this.clock = runtime.clock();
    this.runtime = runtime;
    this.listener = listener;
    this.queue = new SerialQueue(runtime.executor(), settings.queueCapacity());
    this.seating = new Seating(this, spec.seats());
    this.events = new EventLog(this);
    this.turns = new TurnClock(this);
    this.talks = new Negotiations(this, spec.seats());
    this.checkpoints = new Checkpointer(this);
    int rememberedPlayers = 2 * (spec.seats() + settings.spectatorCap()) + 16;
    this.answers = new CommandAnswers(rememberedPlayers, settings.rememberedCommands());
    this.summary = computeSummary();
    this.reported = summary;
  }

  public String id() {
    return id;
  }

  /** The latest summary; safe to read from any thread. */
  public TableSummary summary() {
    return summary;
  }

  /**
   * Queues {@code command} from {@code from}, which receives the answer ({@link Ack} or {@link
   * Refused}) and, after a successful sit or spectate, all further updates. Never blocks: if the
   * queue is full, {@code from} gets a {@code busy} refusal at once and this returns false; the
   * command was not applied and may be retried with the same cid.
   */
  public boolean submit(TableMember from, Command command) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(command.playerId(), "playerId");
    Objects.requireNonNull(command.cid(), "cid");
    boolean queued = queue.offer(() -> inActor(() -> handle(from, command)));
    if (!queued) {
      events.deliverFromAnyThread(
          from,
          new Refused(id, command.cid(), TableError.BUSY.code(), "The table is busy; try again."));
    }
    return queued;
  }

  /**
   * Reattaches a player after a reconnection: a seated player gets {@code member} as its connection
   * (ending the grace window with an {@code online} update), then every update after {@code
   * lastSeq} if the log still holds them all, else a {@link Snapshot}. A spectator is caught up the
   * same way. Anyone else is refused {@code not_member} and should sit or spectate.
   */
  public void resume(String playerId, TableMember member, long lastSeq) {
    boolean queued = queue.offer(() -> inActor(() -> seating.resume(playerId, member, lastSeq)));
    if (!queued) {
      events.deliverFromAnyThread(
          member, new Refused(id, null, TableError.BUSY.code(), "The table is busy; try again."));
    }
  }

  /**
   * The connection {@code member} of {@code playerId} is gone. A seat is kept for the reconnection
   * grace window; a spectator is dropped. Ignored if the player has already resumed on another
   * connection.
   */
  public void disconnected(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> seating.disconnected(playerId, member)));
  }

  /**
   * Nothing, not even a pong, has come from {@code member} of {@code playerId} for a while: its
   * seat is shown offline (reason {@code silent}) though the socket is still open. Only a display:
   * the clock, 托管 and the grace window go on as if it were online until the socket closes.
   */
  public void silent(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> seating.silent(playerId, member, true)));
  }

  /** {@code member}, earlier reported {@link #silent}, was heard from again: online once more. */
  public void heard(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> seating.silent(playerId, member, false)));
  }

  /**
   * Seats a bot at {@code seat} (or any free seat for {@link Command.Sit#ANY_SEAT}) on any table:
   * quick-match fill.
   */
  public void addBot(int seat) {
    queue.post(
        () ->
            inActor(
                () -> {
                  try {
                    seatBot(seat);
                  } catch (Refusal r) {
                    LOG.log(
                        Level.FINE,
                        "table {0}: bot not seated: {1}",
                        new Object[] {id, r.getMessage()});
                  }
                }));
  }

  /**
   * Stops every timer and refuses all further commands; for disposal after {@link
   * TableListener#emptied}.
   */
  public void close() {
    if (suspended) {
      // Frozen for a shutdown: its saved state must stay, and its executor may be gone already.
      return;
    }
    queue.post(
        () ->
            inActor(
                () -> {
                  checkpoints.closed();
                  turns.cancel();
                  seating.cancelGraceTimers();
                  phase = Phase.CLOSED;
                }));
  }

  /**
   * For a server that stops: hands a last state (with the clock as of now) to the listener, then
   * freezes the table. Commands are answered {@code busy} from then on, so a client resends them
   * after it reconnected to the restarted server; timers, bots and disconnections change nothing
   * any more. Completes once that is done.
   */
  public java.util.concurrent.CompletableFuture<Void> suspend() {
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    suspended = true;
    queue.post(
        () ->
            inActor(
                () -> {
                  if (phase == Phase.PLAYING && listener.keepsCheckpoints()) {
                    checkpoints.checkpoint();
                  }
                  turns.freeze();
                  checkpoints.disarm();
                  seating.cancelGraceTimers();
                  done.complete(null);
                }));
    // The container may refuse the executor already: then the last tasks run here.
    queue.drainHere();
    return done;
  }

  /**
   * Cluster mode: another node owns this table now (a fenced write was refused). Freezes it like
   * {@link #suspend} without a last checkpoint (the state is the new owner's to write), and tells
   * every member {@code moved}, so its client reconnects and resumes where the table runs now.
   */
  public void freeze() {
    suspended = true;
    frozen = true;
    queue.post(
        () ->
            inActor(
                () -> {
                  turns.freeze();
                  checkpoints.disarm();
                  seating.cancelGraceTimers();
                  Refused moved =
                      new Refused(
                          id,
                          null,
                          TableError.MOVED.code(),
                          "This table is run by another server now; reconnect and resume.");
                  seating.forEachMember(m -> deliver(m, moved));
                }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Actor plumbing: everything below runs on the serial queue.

  private void inActor(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "table " + id + ": task failed", e);
    } finally {
      afterTask();
    }
  }

  private void afterTask() {
    checkpoints.afterTask();
    TableSummary now = computeSummary();
    summary = now;
    if (!now.equals(reported)) {
      reported = now;
      notifyListener(() -> listener.stateChanged(now));
    }
    boolean humans = now.humans() + now.spectators() > 0;
    if (hadHumans && !humans && phase != Phase.CLOSED) {
      notifyListener(() -> listener.emptied(id));
    }
    hadHumans = humans;
  }

  private TableSummary computeSummary() {
    return new TableSummary(
        id,
        spec.rules().id(),
        phase,
        seating.seats.length,
        seating.taken(),
        seating.humans(),
        seating.spectators.size(),
        spec.practice(),
        spec.spectatable());
  }

  void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + id + ": listener failed", e);
    }
  }

  private void deliver(TableMember member, TableOutput out) {
    events.deliver(member, out);
  }

  /** Runs {@code task} on the queue after {@code delayMillis} of table time. */
  Cancellable after(long delayMillis, Runnable task) {
    return clock.schedule(delayMillis, () -> queue.post(() -> inActor(task)));
  }

  /** Runs {@code task} on the queue after what is queued now. */
  void post(Runnable task) {
    queue.post(() -> inActor(task));
  }

  Executor botExecutor() {
    return runtime.botExecutor();
  }

  long now() {
    return clock.nowMillis();
  }

  private void handle(TableMember from, Command command) {
    CommandAnswers.Answers mine = answers.of(command.playerId());
    TableOutput earlier = mine.get(command.cid());
    if (earlier != null) {
      deliver(from, earlier);
      return;
    }
    if (frozen) {
      deliver(
          from,
          new Refused(
              id,
              command.cid(),
              TableError.MOVED.code(),
              "This table is run by another server now; reconnect and resume."));
      return;
    }
    if (suspended) {
      // Not remembered: after the restart the same id must still be applicable.
      deliver(
          from,
          new Refused(
              id,
              command.cid(),
              TableError.BUSY.code(),
              "The server is restarting; resend later."));
      return;
    }
    if (!runtime.acceptsCommands().getAsBoolean()) {
      // Not remembered either: the same id must apply once the node sees a quorum again.
      deliver(
          from,
          new Refused(
              id,
              command.cid(),
              TableError.NO_QUORUM.code(),
              "The server is cut off from its cluster; try again shortly."));
      return;
    }
    // An act is answered by the last event it caused, carrying its id, instead of that event and
    // an ack: one message per player per move. Every other command keeps its ack.
    boolean act = command instanceof Command.Act;
    if (act) {
      events.beginAnswer(from);
    }
    TableOutput answer;
    try {
      if (phase == Phase.CLOSED) {
        throw Refusal.of(TableError.CLOSED, "This table is closed.");
      }
      command.accept(new TableCommands(this, from));
      answer = new Ack(id, command.cid(), events.seq());
    } catch (Refusal r) {
      answer = new Refused(id, command.cid(), r.code, r.getMessage());
    } catch (RuntimeException e) {
      // A bug (most likely in a game): answer the client instead of leaving it waiting, and keep
      // the table going.
      LOG.log(
          Level.SEVERE,
          "table " + id + ": command " + command.getClass().getSimpleName() + " failed",
          e);
      answer =
          new Refused(
              id,
              command.cid(),
              TableError.INTERNAL_ERROR.code(),
              "Something went wrong at the table.");
    }
    // A resend of the id is answered with this ack (or refusal): the event has passed by then.
    mine.put(command.cid(), answer);
    Update last = act ? events.endAnswer() : null;
    if (last != null && answer instanceof Ack) {
      deliver(from, last.answering(command.cid()));
    } else {
      if (last != null) {
        // Events, then a failure: they are sent as they were, and the answer after them.
        deliver(from, last);
      }
      deliver(from, answer);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Seats and the match's lifecycle.

  void seatBot(int wanted) {
    int s = seating.freeSeat(wanted);
    seating.seats[s] = seating.newBot();
    emitSeated(s);
    maybeStart();
  }

  void emitSeated(int s) {
    Seat seat = seating.seats[s];
    events.emitTable(
        "seated",
        data("seat", s, "player", seat.playerId, "nickname", seat.nickname, "bot", seat.bot));
  }

  void vacate(int s) {
    Seat seat = seating.seats[s];
    seat.graceTimer.cancel();
    seating.seats[s] = null;
    seating.forgetChat(seat.playerId);
    events.emitTable("left", data("seat", s, "player", seat.playerId));
    if (phase == Phase.FINISHED) {
      // Rematch requests were for these seats; the table fills again.
      phase = Phase.FILLING;
      for (Seat other : seating.seats) {
        if (other != null) {
          other.rematch = false;
        }
      }
    }
  }

  void maybeStart() {
    if (phase != Phase.FILLING) {
      return;
    }
    for (Seat seat : seating.seats) {
      if (seat == null || !(seat.bot || seat.ready)) {
        return;
      }
    }
    startMatch();
  }

  void startMatch() {
    Seat[] seats = seating.seats;
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    Match started;
    try {
      started = spec.rules().start(seats.length, options, seed);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "table " + id + ": the game failed to start", e);
      return;
    }
    match = started;
    matchSeed = seed;
    moveLog.clear();
    abandonedBy = -1;
    phase = Phase.PLAYING;
    version++;
    lastResult = null;
    matchStartedAt = now();
    talks.reset();
    List<Object> players = new ArrayList<>();
    List<Object> nicknames = new ArrayList<>();
    List<Object> bots = new ArrayList<>();
    Map<Integer, Map<String, Object>> secrets = new HashMap<>();
    for (int s = 0; s < seats.length; s++) {
      Seat seat = seats[s];
      seat.ready = false;
      seat.rematch = false;
      seat.trustee = false;
      seat.bankMillis = settings.timeBank().toMillis();
      players.add(seat.playerId);
      nicknames.add(seat.nickname);
      bots.add(seat.bot);
      // Merged over data.view when rendered for this seat's player: its own view replaces the
      // public one.
      secrets.put(s, Map.of("view", match.view(s)));
    }
    matchPlayers = seating.occupants();
    events.emit(
        new Event(
            "started",
            data(
                "players",
                players,
                "nicknames",
                nicknames,
                "bots",
                bots,
                "view",
                match.publicView()),
            secrets),
        true);
    afterMove(null);
  }

  void endMatch(Result result) {
    turns.cancel();
    version++;
    phase = Phase.FINISHED;
    lastResult = result;
    talks.clear();
    for (Seat seat : seating.seats) {
      if (seat != null) {
        seat.trustee = false;
        seat.rematch = false;
      }
    }
    events.emit(Event.of("result", resultData(result)), true);
    List<String> players = new ArrayList<>();
    List<String> nicknames = new ArrayList<>();
    List<Boolean> bots = new ArrayList<>();
    for (Seat seat : seating.seats) {
      players.add(seat == null ? "" : seat.playerId);
      nicknames.add(seat == null ? "" : seat.nickname);
      bots.add(seat != null && seat.bot);
    }
    Map<String, Object> end = match.publicView();
    MatchRecord record =
        new MatchRecord(
            id,
            spec.rules().id(),
            options,
            players,
            nicknames,
            bots,
            spec.practice(),
            result,
            abandonedBy,
            matchSeed == null ? null : HexFormat.of().formatHex(matchSeed),
            moveLog,
            stringOrNull(end.get("commitment")),
            stringOrNull(end.get("seed")),
            matchStartedAt,
            now());
    notifyListener(() -> listener.matchEnded(record));
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }

  private static Map<String, Object> resultData(Result result) {
    Map<String, Object> points = new LinkedHashMap<>();
    result.points().forEach((seat, p) -> points.put(String.valueOf(seat), p));
    return data(
        "winners",
        List.copyOf(result.winners()),
        "points",
        points,
        "reason",
        result.reason().name().toLowerCase(Locale.ROOT),
        "detail",
        result.detail() == null ? "" : result.detail());
  }

  /** Seat {@code s}'s action was applied (by its player if {@code byHuman}, else by the table). */
  void accepted(int s, String action, List<Event> applied, boolean byHuman) {
    moveLog.add(new MatchRecord.Move(s, action, now() - matchStartedAt));
    if (byHuman) {
      turns.chargeBank(s);
    }
    turns.cancel();
    version++;
    talks.clear();
    afterMove(emitAllButLast(applied));
  }

  /**
   * An agreed undo was applied to the match: the requester's last action and every reply after it
   * leave the move log (as {@link io.gamehall.game.UndoableMatch#undo} took them back), and the
   * turn starts over.
   */
  void undone(int requester, List<Event> applied) {
    while (!moveLog.isEmpty()) {
      if (moveLog.remove(moveLog.size() - 1).seat() == requester) {
        break;
      }
    }
    turns.cancel();
    version++;
    talks.clearDraw();
    afterMove(emitAllButLast(applied));
  }

  /**
   * Emits a move's events but the last, which is returned: it goes out with the clock of the turn
   * that follows folded in, so a move costs one message per member, not a move and a clock.
   */
  private Event emitAllButLast(List<Event> applied) {
    for (int i = 0; i < applied.size() - 1; i++) {
      events.emit(applied.get(i), true);
    }
    return applied.isEmpty() ? null : applied.get(applied.size() - 1);
  }

  /**
   * Ends the match or starts the next turn; {@code carrier} (the move's last event, or null) is
   * emitted first, with the new turn's clock in it if there is one.
   */
  private void afterMove(Event carrier) {
    Optional<Result> result = match.result();
    if (result.isPresent()) {
      if (carrier != null) {
        events.emit(carrier, true);
      }
      endMatch(result.get());
    } else {
      turns.begin(carrier);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Restoring a saved table.

  /**
   * Rebuilds a table from {@code state} (taken by an earlier process) and arms its timers. Every
   * human seat starts offline with a fresh reconnection grace window; the seat to act keeps the
   * turn time it had left, counted again only from its player's return, since the server and not
   * the player was away. Throws {@link IllegalArgumentException} if the game cannot read the match
   * back.
   */
  public static Table restore(
      TableState state,
      TableSpec spec,
      TableSettings settings,
      TableRuntime runtime,
      TableListener listener) {
    Table table = new Table(spec, settings, runtime, listener);
    table.checkpoints.install(state);
    table.summary = table.computeSummary();
    table.reported = table.summary;
    table.hadHumans = table.summary.humans() > 0;
    table.post(() -> table.checkpoints.rearm(state.turnElapsedMillis()));
    return table;
  }
}
