package io.gamehall.table;

import io.gamehall.game.Event;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import io.gamehall.table.TableOutput.Ack;
import io.gamehall.table.TableOutput.Refused;
import io.gamehall.table.TableOutput.Snapshot;
import io.gamehall.table.TableOutput.Update;
import io.gamehall.table.TableView.ClockView;
import io.gamehall.table.TableView.SeatView;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One table: an actor that owns its seats, spectators, match, turn clock, reconnection grace timers
 * and event log.
 *
 * <p>The public methods only enqueue; all state below is touched by one task at a time on the
 * table's {@link SerialQueue}, so it needs no locks, and neither does the {@link Match}. Timers and
 * bot answers come back through the same queue and carry the match {@code version} they were
 * started for, so one that arrives after the match moved on is ignored. Everything sent to a member
 * is rendered for that member from the logged events: a seat's secrets go only to the player who
 * held that seat when the event happened.
 */
public final class Table {
  private static final Logger LOG = Logger.getLogger(Table.class.getName());
  private static final int MAX_NICKNAME = 24;

  private final TableSpec spec;
  private final String id;
  private final Map<String, String> options;
  private final TableSettings settings;
  private final TableClock clock;
  private final TableRuntime runtime;
  private final TableListener listener;
  private final SerialQueue queue;
  private final SecureRandom random = new SecureRandom();

  private final Seat[] seats;
  private final Map<String, Spectator> spectators = new LinkedHashMap<>();
  private final ArrayDeque<Logged> log = new ArrayDeque<>();
  private final Map<String, Answers> replies;
  private final Map<String, ChatBucket> chat = new HashMap<>();
  private volatile TableSummary summary;

  private Phase phase = Phase.FILLING;
  private long seq;
  private long lastGameSeq;
  private Match match;
  private List<String> matchPlayers = List.of();
  private long matchStartedAt;

  /**
   * History: the seed the match started from and its accepted actions in order (undone ones
   * removed).
   */
  private byte[] matchSeed;

  private final List<MatchRecord.Move> moveLog = new ArrayList<>();
  private int abandonedBy = -1;

  /**
   * Bumped by every change of the match; timers and bot answers for an older version are ignored.
   */
  private long version;

  private Result lastResult;

  /**
   * The last occupants list handed out; shared by every logged event while the seats stay the same.
   */
  private List<String> occupantsView;

  private int turnSeat = -1;
  private long turnStartedAt;
  private long turnDeadline;
  private Cancellable turnTimer = Cancellable.NONE;
  private AtomicBoolean botCancelled;
  private int drawOfferedBy = -1;
  private final long[] drawOfferVersion;
  private int undoRequestedBy = -1;
  private final Set<Integer> undoAccepted = new HashSet<>();
  private int botCount;
  private boolean hadHumans;
  private TableSummary reported;

  /**
   * Set on shutdown, from the stopping thread, before the table's queued tasks run: the state is
   * frozen for the snapshot writer; commands are answered busy, disconnections and timers change
   * nothing (the container may already have dropped the sockets, and those players did not leave).
   */
  private volatile boolean suspended;

  /**
   * The sequence number of the last state handed to the listener for saving, and whether one is
   * saved now.
   */
  private long checkpointedSeq = -1;

  private boolean checkpointed;

  /**
   * When the last state was handed to the listener, for {@link TableSettings#checkpointInterval()}.
   */
  private long checkpointedAt = Long.MIN_VALUE;

  /**
   * Saves the newest state once the interval is up, while changes come faster than it; NONE when
   * not armed.
   */
  private Cancellable checkpointTimer = Cancellable.NONE;

  /**
   * Turn time already used by a seat whose turn waits for its player's return after a restore; -1
   * if none.
   */
  private long pausedElapsed = -1;

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
    this.seats = new Seat[spec.seats()];
    this.drawOfferVersion = new long[spec.seats()];
    Arrays.fill(drawOfferVersion, -1);
    int rememberedPlayers = 2 * (spec.seats() + settings.spectatorCap()) + 16;
    this.replies = lru(rememberedPlayers);
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
      deliver(
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
    boolean queued = queue.offer(() -> inActor(() -> doResume(playerId, member, lastSeq)));
    if (!queued) {
      deliver(
          member, new Refused(id, null, TableError.BUSY.code(), "The table is busy; try again."));
    }
  }

  /**
   * The connection {@code member} of {@code playerId} is gone. A seat is kept for the reconnection
   * grace window; a spectator is dropped. Ignored if the player has already resumed on another
   * connection.
   */
  public void disconnected(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> doDisconnected(playerId, member)));
  }

  /**
   * Nothing, not even a pong, has come from {@code member} of {@code playerId} for a while: its
   * seat is shown offline (reason {@code silent}) though the socket is still open. Only a display:
   * the clock, 托管 and the grace window go on as if it were online until the socket closes.
   */
  public void silent(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> doSilent(playerId, member, true)));
  }

  /** {@code member}, earlier reported {@link #silent}, was heard from again: online once more. */
  public void heard(String playerId, TableMember member) {
    queue.post(() -> inActor(() -> doSilent(playerId, member, false)));
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
                  if (checkpointed && !suspended) {
                    checkpointed = false;
                    notifyListener(() -> listener.forget(id));
                  }
                  cancelTurn();
                  disarmCheckpoint();
                  for (Seat seat : seats) {
                    if (seat != null) {
                      seat.graceTimer.cancel();
                    }
                  }
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
                    checkpoint();
                  }
                  turnTimer.cancel();
                  disarmCheckpoint();
                  if (botCancelled != null) {
                    botCancelled.set(true);
                  }
                  for (Seat seat : seats) {
                    if (seat != null) {
                      seat.graceTimer.cancel();
                    }
                  }
                  done.complete(null);
                }));
    // The container may refuse the executor already: then the last tasks run here.
    queue.drainHere();
    return done;
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
    if (!suspended && seq != checkpointedSeq && listener.keepsCheckpoints()) {
      // After an event: the newest state of a running match is saved, and a match that ended
      // forgets its state.
      if (phase == Phase.PLAYING) {
        checkpointSoon();
      } else {
        disarmCheckpoint();
        if (checkpointed) {
          checkpointed = false;
          checkpointedSeq = seq;
          notifyListener(() -> listener.forget(id));
        }
      }
    }
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
    int taken = 0;
    int humans = 0;
    for (Seat seat : seats) {
      if (seat != null) {
        taken++;
        if (!seat.bot) {
          humans++;
        }
      }
    }
    return new TableSummary(
        id,
        spec.rules().id(),
        phase,
        seats.length,
        taken,
        humans,
        spectators.size(),
        spec.practice(),
        spec.spectatable());
  }

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + id + ": listener failed", e);
    }
  }

  private void deliver(TableMember member, TableOutput out) {
    try {
      member.deliver(out);
    } catch (RuntimeException e) {
      // A broken member must not break the table for everyone else.
      LOG.log(Level.WARNING, "table " + id + ": member failed to take an output", e);
    }
  }

  /** Runs {@code task} on the queue after {@code delayMillis} of table time. */
  private Cancellable after(long delayMillis, Runnable task) {
    return clock.schedule(delayMillis, () -> queue.post(() -> inActor(task)));
  }

  private long now() {
    return clock.nowMillis();
  }

  private void handle(TableMember from, Command command) {
    Answers mine =
        replies.computeIfAbsent(
            command.playerId(), k -> new Answers(settings.rememberedCommands()));
    TableOutput earlier = mine.get(command.cid());
    if (earlier != null) {
      deliver(from, earlier);
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
    TableOutput answer;
    try {
      if (phase == Phase.CLOSED) {
        throw refuse(TableError.CLOSED, "This table is closed.");
      }
      command.accept(new Handler(from));
      answer = new Ack(id, command.cid(), seq);
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
    mine.put(command.cid(), answer);
    deliver(from, answer);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Commands. Every check comes before the first change, so a refused command changes nothing.

  private final class Handler implements Command.Visitor<Void> {
    private final TableMember from;

    Handler(TableMember from) {
      this.from = from;
    }

    @Override
    public Void sit(Command.Sit c) {
      if (seatOf(c.playerId()) >= 0) {
        throw refuse(TableError.ALREADY_SEATED, "You already have a seat here.");
      }
      int s = freeSeat(c.seat());
      spectators.remove(c.playerId());
      Seat seat = new Seat(c.playerId(), nickname(c.nickname(), c.playerId()), false);
      seats[s] = seat;
      emitSeated(s);
      seat.member = from;
      deliver(from, snapshot(c.playerId()));
      return null;
    }

    @Override
    public Void leave(Command.Leave c) {
      if (spectators.remove(c.playerId()) != null) {
        chat.remove(c.playerId());
        return null;
      }
      int s = requireSeat(c.playerId());
      if (phase == Phase.PLAYING) {
        // Leaving a match in progress is resigning it.
        endMatch(match.resign(s));
      }
      vacate(s);
      return null;
    }

    @Override
    public Void ready(Command.Ready c) {
      int s = requireSeat(c.playerId());
      if (phase == Phase.PLAYING) {
        throw refuse(TableError.ALREADY_PLAYING, "The match has started.");
      }
      if (phase == Phase.FINISHED) {
        if (c.ready()) {
          requestRematch(s);
        }
        return null;
      }
      Seat seat = seats[s];
      if (seat.ready != c.ready()) {
        seat.ready = c.ready();
        emitTable("ready", data("seat", s, "ready", c.ready()));
        maybeStart();
      }
      return null;
    }

    @Override
    public Void act(Command.Act c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      if (match.toAct() != s) {
        throw refuse(TableError.NOT_YOUR_TURN, "It is not your turn.");
      }
      if (c.basedOnSeq() < lastGameSeq) {
        throw refuse(
            TableError.STALE,
            "The game has moved on since update " + c.basedOnSeq() + "; look again.");
      }
      Step step = match.apply(s, c.action());
      if (step instanceof Step.Rejected) {
        Step.Rejected rejected = (Step.Rejected) step;
        throw new Refusal(rejected.code(), rejected.message());
      }
      if (seats[s].trustee) {
        // Acting is taking control back from 托管.
        setTrustee(s, false);
      }
      accepted(s, c.action(), ((Step.Accepted) step).events(), true);
      return null;
    }

    @Override
    public Void resign(Command.Resign c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      endMatch(match.resign(s));
      return null;
    }

    @Override
    public Void offerDraw(Command.OfferDraw c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      if (seats.length != 2) {
        throw refuse(TableError.DRAW_UNAVAILABLE, "Draws by agreement are for two players.");
      }
      int other = 1 - s;
      if (drawOfferedBy == other) {
        acceptDraw();
        return null;
      }
      if (drawOfferedBy == s || drawOfferVersion[s] == version) {
        throw refuse(
            TableError.DRAW_PENDING, "You have offered a draw already; wait for the next move.");
      }
      drawOfferVersion[s] = version;
      drawOfferedBy = s;
      emitTable("draw_offered", data("seat", s));
      if (seats[other].bot) {
        // Bots play on.
        declineDraw(other);
      }
      return null;
    }

    @Override
    public Void answerDraw(Command.AnswerDraw c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      if (drawOfferedBy < 0 || drawOfferedBy == s) {
        throw refuse(TableError.NO_DRAW_OFFER, "No draw has been offered to you.");
      }
      if (c.accept()) {
        acceptDraw();
      } else {
        declineDraw(s);
      }
      return null;
    }

    @Override
    public Void requestUndo(Command.RequestUndo c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      if (undoRequestedBy >= 0) {
        throw refuse(TableError.UNDO_PENDING, "An undo request is waiting for an answer.");
      }
      undoRequestedBy = s;
      undoAccepted.clear();
      emitTable("undo_requested", data("seat", s));
      maybeUndo();
      return null;
    }

    @Override
    public Void answerUndo(Command.AnswerUndo c) {
      int s = requireSeat(c.playerId());
      requirePlaying();
      if (undoRequestedBy < 0 || undoRequestedBy == s || undoAccepted.contains(s)) {
        throw refuse(TableError.NO_UNDO_REQUEST, "No undo request is waiting for your answer.");
      }
      if (c.accept()) {
        undoAccepted.add(s);
        maybeUndo();
      } else {
        int requester = undoRequestedBy;
        clearUndo();
        emitTable("undo_declined", data("seat", requester, "by", s));
      }
      return null;
    }

    @Override
    public Void chat(Command.Chat c) {
      String name = requireMember(c.playerId());
      String text = ChatText.clean(c.text() == null ? "" : c.text());
      if (text.isEmpty()) {
        throw refuse(TableError.CHAT_EMPTY, "Nothing to say.");
      }
      if (ChatText.length(text) > settings.chatMaxCodePoints()) {
        throw refuse(
            TableError.CHAT_TOO_LONG, "At most " + settings.chatMaxCodePoints() + " characters.");
      }
      takeChatToken(c.playerId());
      emitTable("chat", data("from", c.playerId(), "nickname", name, "text", text));
      return null;
    }

    @Override
    public Void chatPhrase(Command.ChatPhrase c) {
      String name = requireMember(c.playerId());
      if (c.phraseId() == null || !settings.phrases().contains(c.phraseId())) {
        throw refuse(TableError.UNKNOWN_PHRASE, "No such quick phrase.");
      }
      takeChatToken(c.playerId());
      emitTable("chat", data("from", c.playerId(), "nickname", name, "phrase", c.phraseId()));
      return null;
    }

    @Override
    public Void spectate(Command.Spectate c) {
      if (!spec.spectatable()) {
        throw refuse(TableError.NOT_PUBLIC, "This table cannot be watched.");
      }
      if (seatOf(c.playerId()) >= 0) {
        throw refuse(TableError.ALREADY_SEATED, "You are playing at this table.");
      }
      if (!spectators.containsKey(c.playerId()) && spectators.size() >= settings.spectatorCap()) {
        throw refuse(TableError.SPECTATORS_FULL, "This table has as many spectators as it takes.");
      }
      spectators.put(
          c.playerId(), new Spectator(c.playerId(), nickname(c.nickname(), c.playerId()), from));
      deliver(from, snapshot(c.playerId()));
      return null;
    }

    @Override
    public Void rematch(Command.Rematch c) {
      int s = requireSeat(c.playerId());
      if (phase != Phase.FINISHED) {
        throw refuse(TableError.NOT_FINISHED, "A rematch can be asked for once a match is over.");
      }
      requestRematch(s);
      return null;
    }

    @Override
    public Void addBot(Command.AddBot c) {
      if (!spec.practice()) {
        throw refuse(TableError.NOT_PRACTICE, "Bots can be added at practice tables only.");
      }
      requireSeat(c.playerId());
      seatBot(c.seat());
      return null;
    }

    @Override
    public Void takeControl(Command.TakeControl c) {
      int s = requireSeat(c.playerId());
      if (!seats[s].trustee) {
        throw refuse(TableError.NOT_TRUSTEE, "Your seat is not under 托管.");
      }
      takeBack(s);
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Seats and lifecycle.

  private int freeSeat(int wanted) {
    if (phase == Phase.CLOSED) {
      throw refuse(TableError.CLOSED, "This table is closed.");
    }
    if (phase == Phase.PLAYING) {
      throw refuse(TableError.TABLE_FULL, "A match is in progress.");
    }
    if (wanted == Command.Sit.ANY_SEAT) {
      for (int s = 0; s < seats.length; s++) {
        if (seats[s] == null) {
          return s;
        }
      }
      throw refuse(TableError.TABLE_FULL, "Every seat is taken.");
    }
    if (wanted < 0 || wanted >= seats.length) {
      throw refuse(TableError.INVALID_SEAT, "Seats are numbered 0 to " + (seats.length - 1) + ".");
    }
    if (seats[wanted] != null) {
      throw refuse(TableError.SEAT_TAKEN, "That seat is taken.");
    }
    return wanted;
  }

  private void seatBot(int wanted) {
    int s = freeSeat(wanted);
    botCount++;
    Seat bot = new Seat("bot:" + id + ":" + botCount, "Bot " + botCount, true);
    seats[s] = bot;
    emitSeated(s);
    maybeStart();
  }

  private void emitSeated(int s) {
    Seat seat = seats[s];
    emitTable(
        "seated",
        data("seat", s, "player", seat.playerId, "nickname", seat.nickname, "bot", seat.bot));
  }

  private void vacate(int s) {
    Seat seat = seats[s];
    seat.graceTimer.cancel();
    seats[s] = null;
    chat.remove(seat.playerId);
    emitTable("left", data("seat", s, "player", seat.playerId));
    if (phase == Phase.FINISHED) {
      // Rematch requests were for these seats; the table fills again.
      phase = Phase.FILLING;
      for (Seat other : seats) {
        if (other != null) {
          other.rematch = false;
        }
      }
    }
  }

  private void maybeStart() {
    if (phase != Phase.FILLING) {
      return;
    }
    for (Seat seat : seats) {
      if (seat == null || !(seat.bot || seat.ready)) {
        return;
      }
    }
    startMatch();
  }

  private void requestRematch(int s) {
    Seat seat = seats[s];
    if (!seat.rematch) {
      seat.rematch = true;
      emitTable("rematch_requested", data("seat", s));
    }
    for (Seat other : seats) {
      if (other == null || !(other.bot || other.rematch)) {
        return;
      }
    }
    if (seats.length == 2) {
      // Swap seats so colours (and who moves first) alternate.
      Seat first = seats[0];
      seats[0] = seats[1];
      seats[1] = first;
    }
    startMatch();
  }

  private void startMatch() {
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
    clearDraw();
    clearUndo();
    Arrays.fill(drawOfferVersion, -1);
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
    matchPlayers = occupants();
    emit(
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
    afterMove();
  }

  private void endMatch(Result result) {
    cancelTurn();
    version++;
    phase = Phase.FINISHED;
    lastResult = result;
    clearDraw();
    clearUndo();
    for (Seat seat : seats) {
      if (seat != null) {
        seat.trustee = false;
        seat.rematch = false;
      }
    }
    emit(Event.of("result", resultData(result)), true);
    List<String> players = new ArrayList<>();
    List<String> nicknames = new ArrayList<>();
    List<Boolean> bots = new ArrayList<>();
    for (Seat seat : seats) {
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

  // ---------------------------------------------------------------------------------------------------------------
  // Turns, clock, 托管 and bots.

  private void accepted(int s, String action, List<Event> events, boolean byHuman) {
    moveLog.add(new MatchRecord.Move(s, action, now() - matchStartedAt));
    if (byHuman && turnSeat == s) {
      long over = now() - turnStartedAt - settings.turnTime().toMillis();
      if (over > 0) {
        seats[s].bankMillis = Math.max(0, seats[s].bankMillis - over);
      }
    }
    cancelTurn();
    version++;
    clearDraw();
    clearUndo();
    for (Event event : events) {
      emit(event, true);
    }
    afterMove();
  }

  private void afterMove() {
    Optional<Result> result = match.result();
    if (result.isPresent()) {
      endMatch(result.get());
    } else {
      beginTurn();
    }
  }

  private void beginTurn() {
    cancelTurn();
    int s = match.toAct();
    if (s < 0 || s >= seats.length) {
      return;
    }
    Seat seat = seats[s];
    long v = version;
    if (seat.bot) {
      turnSeat = s;
      turnStartedAt = now();
      turnDeadline = turnStartedAt + settings.turnTime().toMillis();
      emitClock(s);
      turnTimer = after(settings.turnTime().toMillis(), () -> timedOut(s, v));
      startBot(s, v);
    } else if (seat.awaitingReturn) {
      // Restored, and this player has not reconnected since: the turn waits (within the grace
      // window) instead of
      // being played by 托管, because the server, not the player, was away.
      turnSeat = s;
      turnStartedAt = now();
      turnDeadline = turnStartedAt + settings.turnTime().toMillis();
      pausedElapsed = 0;
    } else if (seat.trustee
        || (seat.member == null && settings.trusteePolicy() == TrusteePolicy.DROP)) {
      if (!seat.trustee) {
        // Nobody is there to move: 托管 until the player comes back and takes control.
        setTrustee(s, true);
      }
      turnSeat = s;
      turnStartedAt = now();
      turnDeadline = turnStartedAt + settings.trusteeDelay().toMillis();
      emitClock(s);
      turnTimer = after(settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
    } else {
      startHumanTurn(s, v);
    }
  }

  private void startHumanTurn(int s, long v) {
    Seat seat = seats[s];
    turnSeat = s;
    turnStartedAt = now();
    turnDeadline = turnStartedAt + settings.turnTime().toMillis();
    emitClock(s);
    turnTimer = after(settings.turnTime().toMillis() + seat.bankMillis, () -> timedOut(s, v));
  }

  /**
   * Announces whose turn it is; the acting player's own copy also says what it may play, so a
   * client needs no snapshot for that.
   */
  private void emitClock(int s) {
    Map<String, Object> hints = Map.of();
    if (!seats[s].bot) {
      try {
        hints = match.turnHints(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "table " + id + ": the game failed to list the legal moves", e);
      }
    }
    Map<String, Object> data =
        data("seat", s, "deadline", turnDeadline, "bank", seats[s].bankMillis);
    emit(new Event("clock", data, hints.isEmpty() ? Map.of() : Map.of(s, hints)), false);
  }

  private boolean current(int s, long v) {
    return !suspended && phase == Phase.PLAYING && version == v && match.toAct() == s;
  }

  private void timedOut(int s, long v) {
    if (!current(s, v)) {
      return;
    }
    Seat seat = seats[s];
    if (seat.bot) {
      autoPlay(s, v);
      return;
    }
    seat.bankMillis = 0;
    setTrustee(s, true);
    turnDeadline = now() + settings.trusteeDelay().toMillis();
    turnTimer = after(settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
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
      action = match.defaultAction(s);
      step = match.apply(s, action);
    } catch (RuntimeException e) {
      step = new Step.Rejected("failed", String.valueOf(e));
    }
    if (step instanceof Step.Accepted) {
      accepted(s, action, ((Step.Accepted) step).events(), false);
    } else {
      LOG.log(
          Level.SEVERE,
          "table {0}: the default action for seat {1} was refused: {2}",
          new Object[] {id, s, step});
      abandonedBy = s;
      endMatch(match.abandon(s));
    }
  }

  private void startBot(int s, long v) {
    AtomicBoolean cancelled = new AtomicBoolean();
    botCancelled = cancelled;
    Callable<String> thinking;
    try {
      thinking = match.bot(s, settings.botBudget(), cancelled::get);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + id + ": bot failed to start", e);
      queue.post(() -> inActor(() -> autoPlay(s, v)));
      return;
    }
    try {
      // Thinking happens off the table's queue; only the answer comes back through it.
      runtime
          .botExecutor()
          .execute(
              () -> {
                String answer = null;
                try {
                  answer = thinking.call();
                } catch (Exception e) {
                  LOG.log(Level.WARNING, "table " + id + ": bot failed", e);
                }
                String action = answer;
                queue.post(() -> inActor(() -> botAnswered(s, v, action)));
              });
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "table {0}: bot executor full; playing the default action", id);
      queue.post(() -> inActor(() -> autoPlay(s, v)));
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
    Step step = match.apply(s, action);
    if (step instanceof Step.Accepted) {
      accepted(s, action, ((Step.Accepted) step).events(), false);
    } else {
      LOG.log(
          Level.WARNING,
          "table {0}: bot played an illegal action {1}: {2}",
          new Object[] {id, action, step});
      autoPlay(s, v);
    }
  }

  private void cancelTurn() {
    pausedElapsed = -1;
    turnTimer.cancel();
    turnTimer = Cancellable.NONE;
    if (botCancelled != null) {
      botCancelled.set(true);
      botCancelled = null;
    }
    turnSeat = -1;
  }

  /**
   * Ends 托管 for seat {@code s}; on its turn, with a fresh turn time and what is left of its bank.
   */
  private void takeBack(int s) {
    setTrustee(s, false);
    if (phase == Phase.PLAYING && turnSeat == s) {
      cancelTurn();
      startHumanTurn(s, version);
    }
  }

  private void setTrustee(int s, boolean on) {
    boolean activated = on && !seats[s].trustee;
    seats[s].trustee = on;
    if (activated) {
      notifyListener(() -> listener.trusteeActivated(id, s));
    }
    emitTable("trustee", data("seat", s, "on", on));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Draws and undo.

  private void acceptDraw() {
    Optional<Result> result = match.agreeDraw();
    if (result.isEmpty()) {
      throw refuse(TableError.DRAW_UNAVAILABLE, "This game has no draw by agreement.");
    }
    endMatch(result.get());
  }

  private void declineDraw(int by) {
    int offeredBy = drawOfferedBy;
    clearDraw();
    emitTable("draw_declined", data("seat", offeredBy, "by", by));
  }

  private void clearDraw() {
    drawOfferedBy = -1;
  }

  /** Undoes once every other human seat has agreed; bots always agree. */
  private void maybeUndo() {
    for (int s = 0; s < seats.length; s++) {
      if (s != undoRequestedBy && !seats[s].bot && !undoAccepted.contains(s)) {
        return;
      }
    }
    int requester = undoRequestedBy;
    clearUndo();
    Optional<List<Event>> events = match.undo(requester);
    if (events.isEmpty()) {
      emitTable("undo_declined", data("seat", requester, "by", -1, "reason", "unavailable"));
      return;
    }
    popUndone(requester);
    cancelTurn();
    version++;
    clearDraw();
    for (Event event : events.get()) {
      emit(event, true);
    }
    afterMove();
  }

  /**
   * Mirrors {@link Match#undo}: the requester's last action and every reply after it leave the move
   * log.
   */
  private void popUndone(int requester) {
    while (!moveLog.isEmpty()) {
      if (moveLog.remove(moveLog.size() - 1).seat() == requester) {
        return;
      }
    }
  }

  private void clearUndo() {
    undoRequestedBy = -1;
    undoAccepted.clear();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Snapshots: saving after each event, and rebuilding a table from one.

  /**
   * Answers kept per player in a snapshot: the ids a client could still be resending after a
   * restart.
   */
  private static final int SNAPSHOT_REPLIES = 32;

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
    table.install(state);
    table.queue.post(() -> table.inActor(() -> table.rearm(state.turnElapsedMillis())));
    return table;
  }

  /** Runs before the table is published: nothing else can see it yet. */
  private void install(TableState state) {
    if (state.seats().size() != seats.length) {
      throw new IllegalArgumentException(
          "snapshot has " + state.seats().size() + " seats, the table " + seats.length);
    }
    match = spec.rules().restore(seats.length, options, state.match());
    phase = state.phase();
    seq = state.seq();
    lastGameSeq = state.lastGameSeq();
    version = state.version();
    botCount = state.botCount();
    matchPlayers = state.matchPlayers();
    matchStartedAt = state.matchStartedAtMillis();
    matchSeed = state.matchSeedHex() == null ? null : HexFormat.of().parseHex(state.matchSeedHex());
    abandonedBy = state.abandonedBy();
    moveLog.addAll(state.moveLog());
    drawOfferedBy = state.drawOfferedBy();
    for (int s = 0; s < seats.length && s < state.drawOfferVersions().size(); s++) {
      drawOfferVersion[s] = state.drawOfferVersions().get(s);
    }
    undoRequestedBy = state.undoRequestedBy();
    undoAccepted.addAll(state.undoAccepted());
    long offlineUntil = now() + settings.reconnectGrace().toMillis();
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
    state
        .replies()
        .forEach(
            (player, answers) -> {
              Answers mine = new Answers(settings.rememberedCommands());
              answers.forEach(r -> mine.put(r.cid(), r.toOutput(id)));
              replies.put(player, mine);
            });
    checkpointedSeq = seq;
    checkpointed = true;
    summary = computeSummary();
    reported = summary;
    hadHumans = summary.humans() > 0;
  }

  private void rearm(long turnElapsed) {
    for (Seat seat : seats) {
      if (seat != null && !seat.bot) {
        long token = ++seat.graceToken;
        String playerId = seat.playerId;
        seat.graceTimer = after(seat.offlineDeadline - now(), () -> graceExpired(playerId, token));
      }
    }
    if (phase != Phase.PLAYING) {
      return;
    }
    Optional<Result> over = match.result();
    if (over.isPresent()) {
      endMatch(over.get());
      return;
    }
    beginTurn();
    if (pausedElapsed == 0) {
      // The turn of a seat awaiting its player: continue with the time it had used.
      pausedElapsed = Math.max(0, turnElapsed);
    }
  }

  /**
   * The player whose turn waited for them after a restore is back: the turn clock runs on from
   * where it stopped.
   */
  private void continuePausedTurn(int s) {
    if (phase != Phase.PLAYING || turnSeat != s || pausedElapsed < 0) {
      return;
    }
    long elapsed = pausedElapsed;
    pausedElapsed = -1;
    long v = version;
    turnStartedAt = now() - elapsed;
    turnDeadline = turnStartedAt + settings.turnTime().toMillis();
    emitClock(s);
    turnTimer =
        after(settings.turnTime().toMillis() + seats[s].bankMillis - elapsed, () -> timedOut(s, v));
  }

  /**
   * Saves now if the last save is at least an interval old, else once it is: a table changing every
   * few seconds is saved after each event, a fast one at most once an interval (capturing and
   * writing a state costs far more than a move, docs/performance.md).
   */
  private void checkpointSoon() {
    if (checkpointTimer != Cancellable.NONE) {
      return;
    }
    long wait =
        checkpointedAt == Long.MIN_VALUE
            ? 0
            : settings.checkpointInterval().toMillis() - (now() - checkpointedAt);
    if (wait <= 0) {
      checkpoint();
      return;
    }
    checkpointTimer =
        after(
            wait,
            () -> {
              checkpointTimer = Cancellable.NONE;
              if (!suspended && phase == Phase.PLAYING && seq != checkpointedSeq) {
                checkpoint();
              }
            });
  }

  private void disarmCheckpoint() {
    checkpointTimer.cancel();
    checkpointTimer = Cancellable.NONE;
  }

  private void checkpoint() {
    disarmCheckpoint();
    checkpointedAt = now();
    Optional<String> matchState;
    try {
      matchState = match.snapshot();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "table " + id + ": the game failed to snapshot its match", e);
      return;
    }
    if (matchState.isEmpty()) {
      return;
    }
    checkpointedSeq = seq;
    checkpointed = true;
    TableState state = capture(matchState.get());
    notifyListener(() -> listener.checkpoint(state));
  }

  private TableState capture(String matchState) {
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
    long elapsed = turnSeat < 0 ? 0 : pausedElapsed >= 0 ? pausedElapsed : now() - turnStartedAt;
    List<Long> offers = new ArrayList<>(seats.length);
    for (long v : drawOfferVersion) {
      offers.add(v);
    }
    Map<String, List<TableState.Reply>> answers = new LinkedHashMap<>();
    replies.forEach((player, mine) -> answers.put(player, mine.newest()));
    return new TableState(
        id,
        spec.rules().id(),
        options,
        spec.practice(),
        spec.spectatable(),
        phase,
        seq,
        lastGameSeq,
        version,
        botCount,
        seatStates,
        matchPlayers,
        matchState,
        matchStartedAt,
        turnSeat,
        elapsed,
        drawOfferedBy,
        offers,
        undoRequestedBy,
        new ArrayList<>(undoAccepted),
        answers,
        now(),
        matchSeed == null ? null : HexFormat.of().formatHex(matchSeed),
        abandonedBy,
        moveLog);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Connections.

  private void doDisconnected(String playerId, TableMember member) {
    if (phase == Phase.CLOSED || suspended) {
      return;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator != null && (member == null || spectator.member == member)) {
      spectators.remove(playerId);
      chat.remove(playerId);
      return;
    }
    int s = seatOf(playerId);
    if (s < 0) {
      return;
    }
    Seat seat = seats[s];
    if (seat.member == null || (member != null && seat.member != member)) {
      return;
    }
    seat.member = null;
    seat.silent = false;
    long grace = settings.reconnectGrace().toMillis();
    seat.offlineDeadline = now() + grace;
    long token = ++seat.graceToken;
    seat.graceTimer = after(grace, () -> graceExpired(playerId, token));
    emitTable(
        "offline",
        data(
            "seat",
            s,
            "player",
            playerId,
            "reason",
            "closed",
            "graceSeconds",
            settings.reconnectGrace().toSeconds(),
            "deadline",
            seat.offlineDeadline));
    if (settings.trusteePolicy() == TrusteePolicy.CLOCK) {
      // The seat's own turn clock and bank keep running: 托管 only if they run out first.
      return;
    }
    if (phase == Phase.PLAYING && turnSeat == s && !seat.trustee) {
      // A player who is gone must not freeze the table: 托管 from now on.
      long v = version;
      cancelTurn();
      turnSeat = s;
      setTrustee(s, true);
      turnDeadline = now() + settings.trusteeDelay().toMillis();
      turnTimer = after(settings.trusteeDelay().toMillis(), () -> autoPlay(s, v));
    }
  }

  private void doSilent(String playerId, TableMember member, boolean silent) {
    int s = seatOf(playerId);
    if (phase == Phase.CLOSED || suspended || s < 0) {
      return;
    }
    Seat seat = seats[s];
    if (seat.member == null || seat.member != member || seat.silent == silent) {
      // Another connection holds the seat now, or the news is old.
      return;
    }
    seat.silent = silent;
    if (silent) {
      emitTable("offline", data("seat", s, "player", playerId, "reason", "silent"));
    } else {
      emitTable("online", data("seat", s, "player", playerId));
    }
  }

  private void graceExpired(String playerId, long token) {
    int s = seatOf(playerId);
    if (s < 0 || suspended) {
      return;
    }
    Seat seat = seats[s];
    if (seat.member != null || seat.graceToken != token) {
      return;
    }
    if (phase == Phase.PLAYING) {
      abandonedBy = s;
      endMatch(match.abandon(s));
    }
    vacate(s);
  }

  private void doResume(String playerId, TableMember member, long lastSeq) {
    if (phase == Phase.CLOSED) {
      deliver(member, new Refused(id, null, TableError.CLOSED.code(), "This table is closed."));
      return;
    }
    if (suspended) {
      deliver(
          member,
          new Refused(id, null, TableError.BUSY.code(), "The server is restarting; resume later."));
      return;
    }
    int s = seatOf(playerId);
    if (s >= 0) {
      Seat seat = seats[s];
      boolean wasOffline = seat.member == null;
      boolean wasSilent = seat.silent;
      // A resume on the seat's own live connection only refreshes the client's view; one on a new
      // connection (after a drop or a reload) is the player coming back.
      boolean cameBack = seat.member != member;
      // Catch up first: a snapshot is as of the last event, before the online update below.
      catchUp(member, playerId, lastSeq);
      seat.member = member;
      seat.silent = false;
      if (wasOffline) {
        seat.graceTimer.cancel();
        seat.graceToken++;
        seat.offlineDeadline = 0;
      }
      if (wasOffline || wasSilent) {
        emitTable("online", data("seat", s, "player", playerId));
      }
      if (cameBack && seat.trustee && settings.trusteePolicy() == TrusteePolicy.CLOCK) {
        // Coming back is taking control back: nothing to press, no 1 s to act in.
        takeBack(s);
      }
      if (seat.awaitingReturn) {
        seat.awaitingReturn = false;
        continuePausedTurn(s);
      }
      return;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator != null && phase != Phase.CLOSED) {
      spectators.put(playerId, new Spectator(playerId, spectator.nickname, member));
      catchUp(member, playerId, lastSeq);
      return;
    }
    deliver(
        member,
        new Refused(id, null, TableError.NOT_MEMBER.code(), "Sit or spectate to join this table."));
  }

  /**
   * Replays what {@code playerId} missed after {@code lastSeq} if the log still has all of it, else
   * a snapshot.
   */
  private void catchUp(TableMember member, String playerId, long lastSeq) {
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

  // ---------------------------------------------------------------------------------------------------------------
  // The event log and what each member sees.

  private void emitTable(String kind, Map<String, Object> data) {
    emit(Event.of(kind, data), false);
  }

  /**
   * Logs {@code event} under the next sequence number and sends it to every connected member,
   * rendered for each.
   */
  private void emit(Event event, boolean changesGame) {
    Logged logged = new Logged(++seq, event, occupants());
    log.addLast(logged);
    while (log.size() > settings.logCapacity()) {
      log.removeFirst();
    }
    if (changesGame) {
      lastGameSeq = logged.seq;
    }
    for (Seat seat : seats) {
      if (seat != null && seat.member != null) {
        deliver(seat.member, render(logged, seat.playerId));
      }
    }
    for (Spectator spectator : spectators.values()) {
      deliver(spectator.member, render(logged, spectator.playerId));
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
    return new Update(id, logged.seq, logged.event.kind(), data);
  }

  private Snapshot snapshot(String playerId) {
    int mine = seatOf(playerId);
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
    ClockView clockView =
        phase == Phase.PLAYING && turnSeat >= 0
            ? new ClockView(turnSeat, turnDeadline, seats[turnSeat].bankMillis)
            : null;
    Map<String, Object> matchView = null;
    if (match != null) {
      // A seat's own view only for whoever held that seat in this match; a newcomer sees what
      // spectators see.
      boolean ownView = mine >= 0 && playerId.equals(matchPlayers.get(mine));
      matchView = ownView ? match.view(mine) : match.publicView();
    }
    TableView view =
        new TableView(
            id,
            spec.rules().id(),
            options,
            phase,
            mine,
            List.copyOf(seatViews),
            spectators.size(),
            clockView,
            matchView,
            drawOfferedBy,
            undoRequestedBy,
            lastResult);
    return new Snapshot(id, seq, view);
  }

  /**
   * Who sits where, as of now. Every logged event keeps this list (to render it for each seat on a
   * replay), and the seats rarely change during a match, so an unchanged seating returns the same
   * immutable list instead of a new one per event: under game load the copies were about an eighth
   * of the live heap (docs/performance.md).
   */
  private List<String> occupants() {
    String[] ids = new String[seats.length];
    for (int s = 0; s < seats.length; s++) {
      ids[s] = seats[s] == null ? null : seats[s].playerId;
    }
    List<String> last = occupantsView;
    if (last != null && last.equals(Arrays.asList(ids))) {
      return last;
    }
    occupantsView = Collections.unmodifiableList(Arrays.asList(ids));
    return occupantsView;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Small helpers.

  private int seatOf(String playerId) {
    for (int s = 0; s < seats.length; s++) {
      if (seats[s] != null && seats[s].playerId.equals(playerId)) {
        return s;
      }
    }
    return -1;
  }

  private int requireSeat(String playerId) {
    int s = seatOf(playerId);
    if (s < 0) {
      throw refuse(TableError.NOT_SEATED, "You have no seat at this table.");
    }
    return s;
  }

  private void requirePlaying() {
    if (phase == Phase.FINISHED) {
      throw refuse(TableError.GAME_OVER, "The match is over.");
    }
    if (phase != Phase.PLAYING) {
      throw refuse(TableError.NOT_STARTED, "The match has not started.");
    }
  }

  /** The nickname of a seated player or spectator. */
  private String requireMember(String playerId) {
    int s = seatOf(playerId);
    if (s >= 0) {
      return seats[s].nickname;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator == null) {
      throw refuse(TableError.NOT_MEMBER, "Sit or spectate to chat here.");
    }
    return spectator.nickname;
  }

  private void takeChatToken(String playerId) {
    ChatBucket bucket =
        chat.computeIfAbsent(
            playerId,
            k -> new ChatBucket(settings.chatBurst(), settings.chatWindow().toMillis(), now()));
    if (!bucket.tryTake(now())) {
      throw refuse(TableError.CHAT_RATE_LIMITED, "Slow down a little.");
    }
  }

  private static String nickname(String requested, String playerId) {
    String cleaned = requested == null ? "" : ChatText.clean(requested);
    return cleaned.isEmpty() ? playerId : ChatText.truncate(cleaned, MAX_NICKNAME);
  }

  private static Map<String, Object> data(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * One player's answered commands: by id, to answer a resent id the same way, and the newest
   * {@link #SNAPSHOT_REPLIES} in the order they were answered, which a saved state carries (kept as
   * they come, so taking a snapshot does not walk the whole map).
   */
  private static final class Answers {
    private final Map<String, TableOutput> byCid;
    private final ArrayDeque<TableOutput> newest = new ArrayDeque<>();

    /**
     * {@link #newest} as saved replies, built by the first snapshot after a change (not on the
     * command path).
     */
    private List<TableState.Reply> newestView;

    Answers(int capacity) {
      byCid = lru(capacity);
    }

    TableOutput get(String cid) {
      return byCid.get(cid);
    }

    void put(String cid, TableOutput answer) {
      byCid.put(cid, answer);
      newest.addLast(answer);
      if (newest.size() > SNAPSHOT_REPLIES) {
        newest.removeFirst();
      }
      newestView = null;
    }

    List<TableState.Reply> newest() {
      if (newestView == null) {
        newestView = newest.stream().map(TableState.Reply::of).toList();
      }
      return newestView;
    }
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  private static Refusal refuse(TableError error, String message) {
    return new Refusal(error.code(), message);
  }

  /** A refused command; thrown before anything changed. Cheap: no stack trace. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    Refusal(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private static final class Seat {
    final String playerId;
    final String nickname;
    final boolean bot;

    /** Null while the player is disconnected, and always for a bot. */
    TableMember member;

    boolean ready;
    boolean rematch;
    boolean trustee;
    long bankMillis;
    long offlineDeadline;
    long graceToken;
    Cancellable graceTimer = Cancellable.NONE;

    /** Restored from a snapshot and not reconnected since. */
    boolean awaitingReturn;

    /** Connected, but nothing heard from its socket for two heartbeats: shown offline. */
    boolean silent;

    Seat(String playerId, String nickname, boolean bot) {
      this.playerId = playerId;
      this.nickname = nickname;
      this.bot = bot;
    }
  }

  private record Spectator(String playerId, String nickname, TableMember member) {}

  /**
   * An emitted event with who sat where when it happened, so it can be rendered for any member
   * later.
   */
  private record Logged(long seq, Event event, List<String> occupants) {}
}
