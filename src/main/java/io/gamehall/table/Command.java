package io.gamehall.table;

/**
 * A player's request to a table. Each carries the player id and the client's command id {@code
 * cid}: a repeated cid is answered again with the first answer and never applied twice.
 */
public sealed interface Command {
  String playerId();

  String cid();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over the commands (Java 17 has no pattern matching in {@code switch}). */
  interface Visitor<R> {
    R sit(Sit c);

    R leave(Leave c);

    R ready(Ready c);

    R act(Act c);

    R resign(Resign c);

    R offerDraw(OfferDraw c);

    R answerDraw(AnswerDraw c);

    R requestUndo(RequestUndo c);

    R answerUndo(AnswerUndo c);

    R chat(Chat c);

    R chatPhrase(ChatPhrase c);

    R spectate(Spectate c);

    R rematch(Rematch c);

    R addBot(AddBot c);

    R takeControl(TakeControl c);
  }

  /** Takes {@code seat}, or the first free seat when it is {@link #ANY_SEAT}. */
  record Sit(String playerId, String cid, String nickname, int seat) implements Command {
    public static final int ANY_SEAT = -1;

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sit(this);
    }
  }

  /** Gives up the seat (resigning a match in progress) or stops spectating. */
  record Leave(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.leave(this);
    }
  }

  /** Marks the seat ready (or not) for the next match while the table fills. */
  record Ready(String playerId, String cid, boolean ready) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ready(this);
    }
  }

  /**
   * Plays {@code action} in the game's notation; {@code basedOnSeq} is the last sequence number the
   * client had seen.
   */
  record Act(String playerId, String cid, String action, long basedOnSeq) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.act(this);
    }
  }

  record Resign(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.resign(this);
    }
  }

  record OfferDraw(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.offerDraw(this);
    }
  }

  record AnswerDraw(String playerId, String cid, boolean accept) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.answerDraw(this);
    }
  }

  record RequestUndo(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.requestUndo(this);
    }
  }

  record AnswerUndo(String playerId, String cid, boolean accept) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.answerUndo(this);
    }
  }

  /**
   * Free text; control and format characters are removed before length and emptiness are checked.
   */
  record Chat(String playerId, String cid, String text) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.chat(this);
    }
  }

  /**
   * One of the table's quick phrases ({@link TableSettings#phrases()}), which clients translate
   * themselves.
   */
  record ChatPhrase(String playerId, String cid, String phraseId) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.chatPhrase(this);
    }
  }

  record Spectate(String playerId, String cid, String nickname) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.spectate(this);
    }
  }

  /** Asks for another match with the same seats once the last one is over. */
  record Rematch(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rematch(this);
    }
  }

  /**
   * Seats a bot at {@code seat} (or the first free seat for {@link Sit#ANY_SEAT}); practice tables
   * only.
   */
  record AddBot(String playerId, String cid, int seat) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.addBot(this);
    }
  }

  /** Ends 托管 for the player's seat without acting. */
  record TakeControl(String playerId, String cid) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.takeControl(this);
    }
  }
}
