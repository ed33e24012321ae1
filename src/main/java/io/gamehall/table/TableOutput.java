package io.gamehall.table;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
   * booleans, lists and string-keyed maps. {@code re} is set on the mover's own copy of the last
   * event its {@code act} caused: that copy is the answer to the command (no {@link Ack} follows).
   *
   * <p>Not a record only for {@link #wire}: every member of one audience (spectators and the seats
   * without a secret in this event) is handed the same instance, so it is encoded once for all of
   * them.
   */
  final class Update implements TableOutput {
    private final String tableId;
    private final long seq;
    private final String kind;
    private final Map<String, Object> data;
    private final String re;
    private volatile String wire;

    public Update(String tableId, long seq, String kind, Map<String, Object> data) {
      this(tableId, seq, kind, data, null);
    }

    public Update(String tableId, long seq, String kind, Map<String, Object> data, String re) {
      this.tableId = tableId;
      this.seq = seq;
      this.kind = kind;
      this.data = data;
      this.re = re;
    }

    @Override
    public String tableId() {
      return tableId;
    }

    public long seq() {
      return seq;
    }

    public String kind() {
      return kind;
    }

    public Map<String, Object> data() {
      return data;
    }

    /** The id of the command this copy answers, or null. */
    public String re() {
      return re;
    }

    /** This copy as the answer to command {@code cid}. */
    public Update answering(String cid) {
      return new Update(tableId, seq, kind, data, cid);
    }

    /**
     * The wire text of this update, made by {@code encode} for the first member it is sent to and
     * reused for the others (every connection encodes an update the same way). Members get it on
     * the table's queue, one after another; a race would only encode it twice.
     */
    public String wire(Function<Update, String> encode) {
      String text = wire;
      if (text == null) {
        text = encode.apply(this);
        wire = text;
      }
      return text;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.update(this);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Update u
          && seq == u.seq
          && tableId.equals(u.tableId)
          && kind.equals(u.kind)
          && data.equals(u.data)
          && Objects.equals(re, u.re);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tableId, seq, kind, data, re);
    }

    @Override
    public String toString() {
      return "Update[tableId="
          + tableId
          + ", seq="
          + seq
          + ", kind="
          + kind
          + ", data="
          + data
          + (re == null ? "" : ", re=" + re)
          + "]";
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
   * seq}. An {@code act} whose events reached the mover is answered by the last of them instead
   * ({@link Update#re}); a repeated id always gets an {@code Ack}.
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
