package io.gamehall.table;

import java.util.Map;

/**
 * What a table sends one member. Updates and snapshots are rendered for that member: a seat sees
 * its own hidden information and nobody else's, spectators see public information only.
 */
public sealed interface TableOutput {
  String tableId();

  <R> R accept(Visitor<R> visitor);

  /**
   * Exhaustive dispatch over the output types (Java 17 has no pattern matching in {@code switch}).
   */
  interface Visitor<R> {
    R update(Update update);

    R snapshot(Snapshot snapshot);

    R ack(Ack ack);

    R refused(Refused refused);
  }

  /**
   * One event of the table's sequence: {@code seq} runs 1, 2, 3, ... without gaps per table. {@code
   * kind} is a game event kind or a table kind ({@code seated}, {@code left}, {@code ready}, {@code
   * started}, {@code clock}, {@code trustee}, {@code offline}, {@code online}, {@code chat}, {@code
   * draw_offered}, {@code draw_declined}, {@code undo_requested}, {@code undo_declined}, {@code
   * rematch_requested}, {@code result}); {@code data} is a plain tree of strings, numbers,
   * booleans, lists and string-keyed maps.
   */
  record Update(String tableId, long seq, String kind, Map<String, Object> data)
      implements TableOutput {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.update(this);
    }
  }

  /**
   * The whole table as this member may see it, as of sequence number {@code seq}; replaces all
   * earlier state.
   */
  record Snapshot(String tableId, long seq, TableView state) implements TableOutput {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.snapshot(this);
    }
  }

  /**
   * Command {@code cid} was applied; its updates, if any, were sent before this and end at {@code
   * seq}.
   */
  record Ack(String tableId, String cid, long seq) implements TableOutput {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ack(this);
    }
  }

  /**
   * Command {@code cid} changed nothing. {@code code} is a stable lower-case word: a {@link
   * TableError} code or the game's own rejection code; {@code cid} is null when a resume was
   * refused.
   */
  record Refused(String tableId, String cid, String code, String message) implements TableOutput {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.refused(this);
    }
  }
}
