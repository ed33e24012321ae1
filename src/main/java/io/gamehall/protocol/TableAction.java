package io.gamehall.protocol;

/**
 * What a {@link ClientMessage.TableRequest} asks of its table; the wire {@code type} names the
 * action.
 */
public sealed interface TableAction {
  /** Exhaustive dispatch without pattern switches (Java 17). */
  <R> R accept(Visitor<R> visitor);

  /** One method per action. */
  interface Visitor<R> {
    R spectate(Spectate a);

    R resume(Resume a);

    R leave(Leave a);

    R ready(Ready a);

    R act(Act a);

    R resign(Resign a);

    R offerDraw(OfferDraw a);

    R answerDraw(AnswerDraw a);

    R requestUndo(RequestUndo a);

    R answerUndo(AnswerUndo a);

    R chat(Chat a);

    R rematch(Rematch a);

    R addBot(AddBot a);

    R takeControl(TakeControl a);
  }

  /** Watch the table (public view only). */
  record Spectate() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.spectate(this);
    }
  }

  /** After a reconnect: replay what happened after {@code lastSeq} (0: send a snapshot). */
  record Resume(long lastSeq) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.resume(this);
    }
  }

  /** Give up the seat (during a game: resign) or stop spectating. */
  record Leave() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.leave(this);
    }
  }

  /** Ready to start. */
  record Ready() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.ready(this);
    }
  }

  /**
   * A move in the game's notation, based on the table state at sequence {@code seq} (null: the
   * latest).
   */
  record Act(String move, Long seq) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.act(this);
    }
  }

  /** Resign the current game. */
  record Resign() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.resign(this);
    }
  }

  /** Offer a draw. */
  record OfferDraw() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.offerDraw(this);
    }
  }

  /** Accept or decline the opponent's draw offer. */
  record AnswerDraw(boolean accept) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.answerDraw(this);
    }
  }

  /** Ask to take back the last move (悔棋). */
  record RequestUndo() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.requestUndo(this);
    }
  }

  /** Accept or decline the opponent's undo request. */
  record AnswerUndo(boolean accept) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.answerUndo(this);
    }
  }

  /** Chat: free {@code text}, or one of the quick {@code phrase} ids. */
  record Chat(String text, String phrase) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.chat(this);
    }
  }

  /** Ask for another game with the same players. */
  record Rematch() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.rematch(this);
    }
  }

  /** Put a bot in a free seat ({@code seat} null: the first free one). */
  record AddBot(Integer seat) implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.addBot(this);
    }
  }

  /** Take back control from 托管 (trusteeship) without moving. */
  record TakeControl() implements TableAction {
    public <R> R accept(Visitor<R> v) {
      return v.takeControl(this);
    }
  }
}
