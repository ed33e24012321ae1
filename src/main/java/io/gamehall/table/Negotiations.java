package io.gamehall.table;

import static io.gamehall.table.EventLog.data;

import io.gamehall.game.DrawableMatch;
import io.gamehall.game.Event;
import io.gamehall.game.Result;
import io.gamehall.game.UndoableMatch;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the seats agree on between moves: draw offers (one per seat per position), undo requests
 * (every other human seat must agree; bots always do) and rematches. Draw and undo are used only if
 * the game's match offers them ({@link DrawableMatch}, {@link UndoableMatch}).
 */
final class Negotiations {
  private final Table t;
  private int drawOfferedBy = -1;

  /** The match version at which each seat last offered a draw: one offer per seat per position. */
  private final long[] drawOfferVersion;

  private int undoRequestedBy = -1;
  private final Set<Integer> undoAccepted = new HashSet<>();

  Negotiations(Table table, int seats) {
    this.t = table;
    this.drawOfferVersion = new long[seats];
    Arrays.fill(drawOfferVersion, -1);
  }

  int drawOfferedBy() {
    return drawOfferedBy;
  }

  int undoRequestedBy() {
    return undoRequestedBy;
  }

  List<Long> drawOfferVersions() {
    return Arrays.stream(drawOfferVersion).boxed().toList();
  }

  List<Integer> undoAccepted() {
    return List.copyOf(undoAccepted);
  }

  /** Picks up the negotiations a saved state carried. */
  void restore(TableState state) {
    drawOfferedBy = state.drawOfferedBy();
    for (int s = 0; s < drawOfferVersion.length && s < state.drawOfferVersions().size(); s++) {
      drawOfferVersion[s] = state.drawOfferVersions().get(s);
    }
    undoRequestedBy = state.undoRequestedBy();
    undoAccepted.addAll(state.undoAccepted());
  }

  /** A new match: nothing offered, nothing asked. */
  void reset() {
    clearDraw();
    clearUndo();
    Arrays.fill(drawOfferVersion, -1);
  }

  /** The position changed: open offers and requests lapse. */
  void clear() {
    clearDraw();
    clearUndo();
  }

  void clearDraw() {
    drawOfferedBy = -1;
  }

  private void clearUndo() {
    undoRequestedBy = -1;
    undoAccepted.clear();
  }

  void offerDraw(int s) {
    Seat[] seats = t.seating.seats;
    if (seats.length != 2) {
      throw Refusal.of(TableError.DRAW_UNAVAILABLE, "Draws by agreement are for two players.");
    }
    int other = 1 - s;
    if (drawOfferedBy == other) {
      acceptDraw();
      return;
    }
    if (drawOfferedBy == s || drawOfferVersion[s] == t.version) {
      throw Refusal.of(
          TableError.DRAW_PENDING, "You have offered a draw already; wait for the next move.");
    }
    drawOfferVersion[s] = t.version;
    drawOfferedBy = s;
    t.events.emitTable("draw_offered", data("seat", s));
    if (seats[other].bot) {
      // Bots play on.
      declineDraw(other);
    }
  }

  void answerDraw(int s, boolean accept) {
    if (drawOfferedBy < 0 || drawOfferedBy == s) {
      throw Refusal.of(TableError.NO_DRAW_OFFER, "No draw has been offered to you.");
    }
    if (accept) {
      acceptDraw();
    } else {
      declineDraw(s);
    }
  }

  private void acceptDraw() {
    Optional<Result> result =
        t.match instanceof DrawableMatch drawable ? drawable.agreeDraw() : Optional.empty();
    if (result.isEmpty()) {
      throw Refusal.of(TableError.DRAW_UNAVAILABLE, "This game has no draw by agreement.");
    }
    t.endMatch(result.get());
  }

  private void declineDraw(int by) {
    int offeredBy = drawOfferedBy;
    clearDraw();
    t.events.emitTable("draw_declined", data("seat", offeredBy, "by", by));
  }

  void requestUndo(int s) {
    if (undoRequestedBy >= 0) {
      throw Refusal.of(TableError.UNDO_PENDING, "An undo request is waiting for an answer.");
    }
    undoRequestedBy = s;
    undoAccepted.clear();
    t.events.emitTable("undo_requested", data("seat", s));
    maybeUndo();
  }

  void answerUndo(int s, boolean accept) {
    if (undoRequestedBy < 0 || undoRequestedBy == s || undoAccepted.contains(s)) {
      throw Refusal.of(TableError.NO_UNDO_REQUEST, "No undo request is waiting for your answer.");
    }
    if (accept) {
      undoAccepted.add(s);
      maybeUndo();
    } else {
      int requester = undoRequestedBy;
      clearUndo();
      t.events.emitTable("undo_declined", data("seat", requester, "by", s));
    }
  }

  /** Undoes once every other human seat has agreed; bots always agree. */
  private void maybeUndo() {
    Seat[] seats = t.seating.seats;
    for (int s = 0; s < seats.length; s++) {
      if (s != undoRequestedBy && !seats[s].bot && !undoAccepted.contains(s)) {
        return;
      }
    }
    int requester = undoRequestedBy;
    clearUndo();
    Optional<List<Event>> events =
        t.match instanceof UndoableMatch undoable ? undoable.undo(requester) : Optional.empty();
    if (events.isEmpty()) {
      t.events.emitTable(
          "undo_declined", data("seat", requester, "by", -1, "reason", "unavailable"));
      return;
    }
    t.undone(requester, events.get());
  }

  /** Starts the next match once every human seat asked for one; two seats swap colours. */
  void requestRematch(int s) {
    Seat[] seats = t.seating.seats;
    Seat seat = seats[s];
    if (!seat.rematch) {
      seat.rematch = true;
      t.events.emitTable("rematch_requested", data("seat", s));
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
    t.startMatch();
  }
}
