package io.gamehall.table;

import static io.gamehall.table.EventLog.data;

import io.gamehall.game.Step;

/**
 * The commands of one member, applied to its table. Every check comes before the first change, so a
 * refused command (a thrown {@link Refusal}) changes nothing.
 */
final class TableCommands implements Command.Visitor<Void> {
  private final Table t;
  private final Seating seating;
  private final TableMember from;

  TableCommands(Table table, TableMember from) {
    this.t = table;
    this.seating = table.seating;
    this.from = from;
  }

  @Override
  public Void sit(Command.Sit c) {
    if (seating.seatOf(c.playerId()) >= 0) {
      throw Refusal.of(TableError.ALREADY_SEATED, "You already have a seat here.");
    }
    int s = seating.freeSeat(c.seat());
    seating.spectators.remove(c.playerId());
    Seat seat = new Seat(c.playerId(), Seating.nickname(c.nickname(), c.playerId()), false);
    seating.seats[s] = seat;
    t.emitSeated(s);
    seat.member = from;
    t.events.deliver(from, t.events.snapshot(c.playerId()));
    return null;
  }

  @Override
  public Void leave(Command.Leave c) {
    if (seating.spectators.remove(c.playerId()) != null) {
      seating.forgetChat(c.playerId());
      return null;
    }
    int s = seating.requireSeat(c.playerId());
    if (t.phase == Phase.PLAYING) {
      // Leaving a match in progress is resigning it.
      t.endMatch(t.match.resign(s));
    }
    t.vacate(s);
    return null;
  }

  @Override
  public Void ready(Command.Ready c) {
    int s = seating.requireSeat(c.playerId());
    if (t.phase == Phase.PLAYING) {
      throw Refusal.of(TableError.ALREADY_PLAYING, "The match has started.");
    }
    if (t.phase == Phase.FINISHED) {
      if (c.ready()) {
        t.talks.requestRematch(s);
      }
      return null;
    }
    Seat seat = seating.seats[s];
    if (seat.ready != c.ready()) {
      seat.ready = c.ready();
      t.events.emitTable("ready", data("seat", s, "ready", c.ready()));
      t.maybeStart();
    }
    return null;
  }

  @Override
  public Void act(Command.Act c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    if (t.match.toAct() != s) {
      throw Refusal.of(TableError.NOT_YOUR_TURN, "It is not your turn.");
    }
    if (c.basedOnSeq() < t.events.lastGameSeq() || t.events.lost(c.basedOnSeq())) {
      throw Refusal.of(
          TableError.STALE,
          "The game has moved on since update " + c.basedOnSeq() + "; look again.");
    }
    Step step = t.match.apply(s, c.action());
    if (step instanceof Step.Rejected) {
      Step.Rejected rejected = (Step.Rejected) step;
      throw new Refusal(rejected.code(), rejected.message());
    }
    if (seating.seats[s].trustee) {
      // Acting is taking control back from 托管.
      t.turns.setTrustee(s, false);
    }
    t.accepted(s, c.action(), ((Step.Accepted) step).events(), true);
    return null;
  }

  @Override
  public Void resign(Command.Resign c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    t.endMatch(t.match.resign(s));
    return null;
  }

  @Override
  public Void offerDraw(Command.OfferDraw c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    t.talks.offerDraw(s);
    return null;
  }

  @Override
  public Void answerDraw(Command.AnswerDraw c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    t.talks.answerDraw(s, c.accept());
    return null;
  }

  @Override
  public Void requestUndo(Command.RequestUndo c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    t.talks.requestUndo(s);
    return null;
  }

  @Override
  public Void answerUndo(Command.AnswerUndo c) {
    int s = seating.requireSeat(c.playerId());
    requirePlaying();
    t.talks.answerUndo(s, c.accept());
    return null;
  }

  @Override
  public Void chat(Command.Chat c) {
    String name = seating.requireMember(c.playerId());
    String text = ChatText.clean(c.text() == null ? "" : c.text());
    if (text.isEmpty()) {
      throw Refusal.of(TableError.CHAT_EMPTY, "Nothing to say.");
    }
    int max = t.settings.chatMaxCodePoints();
    if (ChatText.length(text) > max) {
      throw Refusal.of(TableError.CHAT_TOO_LONG, "At most " + max + " characters.");
    }
    seating.takeChatToken(c.playerId());
    t.events.emitTable("chat", data("from", c.playerId(), "nickname", name, "text", text));
    return null;
  }

  @Override
  public Void chatPhrase(Command.ChatPhrase c) {
    String name = seating.requireMember(c.playerId());
    if (c.phraseId() == null || !t.settings.phrases().contains(c.phraseId())) {
      throw Refusal.of(TableError.UNKNOWN_PHRASE, "No such quick phrase.");
    }
    seating.takeChatToken(c.playerId());
    t.events.emitTable(
        "chat", data("from", c.playerId(), "nickname", name, "phrase", c.phraseId()));
    return null;
  }

  @Override
  public Void spectate(Command.Spectate c) {
    if (!t.spec.spectatable()) {
      throw Refusal.of(TableError.NOT_PUBLIC, "This table cannot be watched.");
    }
    if (seating.seatOf(c.playerId()) >= 0) {
      throw Refusal.of(TableError.ALREADY_SEATED, "You are playing at this table.");
    }
    if (!seating.spectators.containsKey(c.playerId())
        && seating.spectators.size() >= t.settings.spectatorCap()) {
      throw Refusal.of(
          TableError.SPECTATORS_FULL, "This table has as many spectators as it takes.");
    }
    seating.spectators.put(
        c.playerId(),
        new Spectator(c.playerId(), Seating.nickname(c.nickname(), c.playerId()), from));
    t.events.deliver(from, t.events.snapshot(c.playerId()));
    return null;
  }

  @Override
  public Void rematch(Command.Rematch c) {
    int s = seating.requireSeat(c.playerId());
    if (t.phase != Phase.FINISHED) {
      throw Refusal.of(TableError.NOT_FINISHED, "A rematch can be asked for once a match is over.");
    }
    t.talks.requestRematch(s);
    return null;
  }

  @Override
  public Void addBot(Command.AddBot c) {
    if (!t.spec.practice()) {
      throw Refusal.of(TableError.NOT_PRACTICE, "Bots can be added at practice tables only.");
    }
    seating.requireSeat(c.playerId());
    t.seatBot(c.seat());
    return null;
  }

  @Override
  public Void takeControl(Command.TakeControl c) {
    int s = seating.requireSeat(c.playerId());
    if (!seating.seats[s].trustee) {
      throw Refusal.of(TableError.NOT_TRUSTEE, "Your seat is not under 托管.");
    }
    t.turns.takeBack(s);
    return null;
  }

  private void requirePlaying() {
    if (t.phase == Phase.FINISHED) {
      throw Refusal.of(TableError.GAME_OVER, "The match is over.");
    }
    if (t.phase != Phase.PLAYING) {
      throw Refusal.of(TableError.NOT_STARTED, "The match has not started.");
    }
  }
}
