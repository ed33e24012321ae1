package io.gamehall.table;

import static io.gamehall.table.EventLog.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seats, spectators and their connections: who sits where, the reconnection grace window of a seat
 * whose player dropped, silent seats, resuming, and each member's chat allowance. Runs on its
 * table's queue only.
 */
final class Seating {
  private static final int MAX_NICKNAME = 24;

  private final Table t;
  final Seat[] seats;
  final Map<String, Spectator> spectators = new LinkedHashMap<>();
  private final Map<String, ChatBucket> chat = new HashMap<>();
  int botCount;

  /**
   * The last occupants list handed out; shared by every logged event while the seats stay the same.
   */
  private List<String> occupantsView;

  Seating(Table table, int seatCount) {
    this.t = table;
    this.seats = new Seat[seatCount];
  }

  int seatOf(String playerId) {
    for (int s = 0; s < seats.length; s++) {
      if (seats[s] != null && seats[s].playerId.equals(playerId)) {
        return s;
      }
    }
    return -1;
  }

  int requireSeat(String playerId) {
    int s = seatOf(playerId);
    if (s < 0) {
      throw Refusal.of(TableError.NOT_SEATED, "You have no seat at this table.");
    }
    return s;
  }

  /** The nickname of a seated player or spectator. */
  String requireMember(String playerId) {
    int s = seatOf(playerId);
    if (s >= 0) {
      return seats[s].nickname;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator == null) {
      throw Refusal.of(TableError.NOT_MEMBER, "Sit or spectate to chat here.");
    }
    return spectator.nickname();
  }

  int freeSeat(int wanted) {
    if (t.phase == Phase.CLOSED) {
      throw Refusal.of(TableError.CLOSED, "This table is closed.");
    }
    if (t.phase == Phase.PLAYING) {
      throw Refusal.of(TableError.TABLE_FULL, "A match is in progress.");
    }
    if (wanted == Command.Sit.ANY_SEAT) {
      for (int s = 0; s < seats.length; s++) {
        if (seats[s] == null) {
          return s;
        }
      }
      throw Refusal.of(TableError.TABLE_FULL, "Every seat is taken.");
    }
    if (wanted < 0 || wanted >= seats.length) {
      throw Refusal.of(
          TableError.INVALID_SEAT, "Seats are numbered 0 to " + (seats.length - 1) + ".");
    }
    if (seats[wanted] != null) {
      throw Refusal.of(TableError.SEAT_TAKEN, "That seat is taken.");
    }
    return wanted;
  }

  /** A new bot, named by how many this table has seated. */
  Seat newBot() {
    botCount++;
    return new Seat("bot:" + t.id() + ":" + botCount, "Bot " + botCount, true);
  }

  int taken() {
    int taken = 0;
    for (Seat seat : seats) {
      if (seat != null) {
        taken++;
      }
    }
    return taken;
  }

  int humans() {
    int humans = 0;
    for (Seat seat : seats) {
      if (seat != null && !seat.bot) {
        humans++;
      }
    }
    return humans;
  }

  void takeChatToken(String playerId) {
    long now = t.now();
    ChatBucket bucket =
        chat.computeIfAbsent(
            playerId,
            k -> new ChatBucket(t.settings.chatBurst(), t.settings.chatWindow().toMillis(), now));
    if (!bucket.tryTake(now)) {
      throw Refusal.of(TableError.CHAT_RATE_LIMITED, "Slow down a little.");
    }
  }

  void forgetChat(String playerId) {
    chat.remove(playerId);
  }

  /** Every connected member: seated players online now, then spectators. */
  void forEachMember(java.util.function.Consumer<TableMember> action) {
    for (Seat seat : seats) {
      if (seat != null && seat.member != null) {
        action.accept(seat.member);
      }
    }
    for (Spectator spectator : spectators.values()) {
      action.accept(spectator.member());
    }
  }

  void cancelGraceTimers() {
    for (Seat seat : seats) {
      if (seat != null) {
        seat.graceTimer.cancel();
      }
    }
  }

  /**
   * Who sits where, as of now. Every logged event keeps this list (to render it for each seat on a
   * replay), and the seats rarely change during a match, so an unchanged seating returns the same
   * immutable list instead of a new one per event: under game load the copies were about an eighth
   * of the live heap (docs/performance.md).
   */
  List<String> occupants() {
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

  static String nickname(String requested, String playerId) {
    String cleaned = requested == null ? "" : ChatText.clean(requested);
    return cleaned.isEmpty() ? playerId : ChatText.truncate(cleaned, MAX_NICKNAME);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Connections: drops, the grace window, silence and resuming.

  void disconnected(String playerId, TableMember member) {
    if (t.phase == Phase.CLOSED || t.suspended) {
      return;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator != null && (member == null || spectator.member() == member)) {
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
    long grace = t.settings.reconnectGrace().toMillis();
    seat.offlineDeadline = t.now() + grace;
    startGrace(seat, grace);
    t.events.emitTable(
        "offline",
        data(
            "seat",
            s,
            "player",
            playerId,
            "reason",
            "closed",
            "graceSeconds",
            t.settings.reconnectGrace().toSeconds(),
            "deadline",
            seat.offlineDeadline));
    t.turns.seatDropped(s);
  }

  /** Arms the grace timer of {@code seat}; a later resume or drop outdates it by its token. */
  void startGrace(Seat seat, long millis) {
    long token = ++seat.graceToken;
    String playerId = seat.playerId;
    seat.graceTimer = t.after(millis, () -> graceExpired(playerId, token));
  }

  void silent(String playerId, TableMember member, boolean silent) {
    int s = seatOf(playerId);
    if (t.phase == Phase.CLOSED || t.suspended || s < 0) {
      return;
    }
    Seat seat = seats[s];
    if (seat.member == null || seat.member != member || seat.silent == silent) {
      // Another connection holds the seat now, or the news is old.
      return;
    }
    seat.silent = silent;
    if (silent) {
      t.events.emitTable("offline", data("seat", s, "player", playerId, "reason", "silent"));
    } else {
      t.events.emitTable("online", data("seat", s, "player", playerId));
    }
  }

  private void graceExpired(String playerId, long token) {
    int s = seatOf(playerId);
    if (s < 0 || t.suspended) {
      return;
    }
    Seat seat = seats[s];
    if (seat.member != null || seat.graceToken != token) {
      return;
    }
    if (t.phase == Phase.PLAYING) {
      t.abandonedBy = s;
      t.endMatch(t.match.abandon(s));
    }
    t.vacate(s);
  }

  void resume(String playerId, TableMember member, long lastSeq) {
    EventLog events = t.events;
    if (t.phase == Phase.CLOSED) {
      events.deliver(
          member,
          new TableOutput.Refused(t.id(), null, TableError.CLOSED.code(), "This table is closed."));
      return;
    }
    if (t.suspended) {
      events.deliver(
          member,
          new TableOutput.Refused(
              t.id(), null, TableError.BUSY.code(), "The server is restarting; resume later."));
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
      events.catchUp(member, playerId, lastSeq);
      seat.member = member;
      seat.silent = false;
      if (wasOffline) {
        seat.graceTimer.cancel();
        seat.graceToken++;
        seat.offlineDeadline = 0;
      }
      // On a new connection always: it ends the client's replay (docs/protocol.md), and in a
      // cluster the old socket, on another node, may close only after the new one resumed.
      if (wasOffline || wasSilent || cameBack) {
        events.emitTable("online", data("seat", s, "player", playerId));
      }
      if (cameBack && seat.trustee && t.settings.trusteePolicy() == TrusteePolicy.CLOCK) {
        // Coming back is taking control back: nothing to press, no 1 s to act in.
        t.turns.takeBack(s);
      }
      if (seat.awaitingReturn) {
        seat.awaitingReturn = false;
        t.turns.continuePaused(s);
      }
      return;
    }
    Spectator spectator = spectators.get(playerId);
    if (spectator != null && t.phase != Phase.CLOSED) {
      spectators.put(playerId, new Spectator(playerId, spectator.nickname(), member));
      events.catchUp(member, playerId, lastSeq);
      return;
    }
    events.deliver(
        member,
        new TableOutput.Refused(
            t.id(), null, TableError.NOT_MEMBER.code(), "Sit or spectate to join this table."));
  }
}
