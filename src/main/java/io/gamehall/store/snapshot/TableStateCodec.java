package io.gamehall.store.snapshot;

import io.gamehall.table.MatchRecord;
import io.gamehall.table.Phase;
import io.gamehall.table.TableState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's state as compact bytes: a format version, then the fields in a fixed order (strings as
 * length-prefixed UTF-8, -1 for null). The match inside is its game's own versioned text. A new
 * layout is a new {@link #FORMAT}; a reader refuses versions it does not know rather than guess,
 * and the table is then not restored.
 */
public final class TableStateCodec {
  /**
   * The layout written now. 2 added the match's seed, abandoning seat and move log after the saved
   * time; format 1 rows (development builds only) cannot give a whole history record, so they are
   * refused and dropped like any unknown.
   */
  public static final int FORMAT = 2;

  /** Larger than any sane snapshot; guards the reader against a corrupt length. */
  private static final int MAX_STRING = 1 << 20;

  /**
   * Far beyond any real match (a Xiangqi game ends in a draw after a few hundred plies without
   * capture).
   */
  private static final int MAX_MOVES = 100_000;

  private TableStateCodec() {}

  public static byte[] encode(TableState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      string(out, s.tableId());
      string(out, s.game());
      out.writeShort(s.options().size());
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.options()).entrySet()) {
        string(out, e.getKey());
        string(out, e.getValue());
      }
      out.writeBoolean(s.practice());
      out.writeBoolean(s.spectatable());
      string(out, s.phase().name());
      out.writeLong(s.seq());
      out.writeLong(s.lastGameSeq());
      out.writeLong(s.version());
      out.writeInt(s.botCount());
      out.writeByte(s.seats().size());
      for (TableState.SeatState seat : s.seats()) {
        out.writeBoolean(seat != null);
        if (seat != null) {
          string(out, seat.playerId());
          string(out, seat.nickname());
          out.writeByte(
              (seat.bot() ? 1 : 0)
                  | (seat.ready() ? 2 : 0)
                  | (seat.rematch() ? 4 : 0)
                  | (seat.trustee() ? 8 : 0));
          out.writeLong(seat.bankMillis());
        }
      }
      out.writeByte(s.matchPlayers().size());
      for (String player : s.matchPlayers()) {
        string(out, player);
      }
      string(out, s.match());
      out.writeLong(s.matchStartedAtMillis());
      out.writeByte(s.turnSeat());
      out.writeLong(s.turnElapsedMillis());
      out.writeByte(s.drawOfferedBy());
      out.writeByte(s.drawOfferVersions().size());
      for (long v : s.drawOfferVersions()) {
        out.writeLong(v);
      }
      out.writeByte(s.undoRequestedBy());
      out.writeByte(s.undoAccepted().size());
      for (int seat : s.undoAccepted()) {
        out.writeByte(seat);
      }
      out.writeShort(s.replies().size());
      for (Map.Entry<String, List<TableState.Reply>> e : s.replies().entrySet()) {
        string(out, e.getKey());
        out.writeShort(e.getValue().size());
        for (TableState.Reply r : e.getValue()) {
          string(out, r.cid());
          out.writeLong(r.seq());
          string(out, r.code());
          string(out, r.message());
        }
      }
      out.writeLong(s.savedAtMillis());
      string(out, s.matchSeedHex());
      out.writeByte(s.abandonedBy());
      out.writeInt(s.moveLog().size());
      for (MatchRecord.Move move : s.moveLog()) {
        out.writeByte(move.seat());
        string(out, move.action());
        out.writeLong(move.atMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to write", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state in {@code data}; {@link IllegalArgumentException} for an unknown format or corrupt
   * bytes.
   */
  public static TableState decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown table snapshot format " + format);
      }
      String tableId = string(in);
      String game = string(in);
      Map<String, String> options = new LinkedHashMap<>();
      for (int i = in.readUnsignedShort(); i > 0; i--) {
        options.put(string(in), string(in));
      }
      boolean practice = in.readBoolean();
      boolean spectatable = in.readBoolean();
      Phase phase = Phase.valueOf(string(in));
      long seq = in.readLong();
      long lastGameSeq = in.readLong();
      long version = in.readLong();
      int botCount = in.readInt();
      List<TableState.SeatState> seats = new ArrayList<>();
      for (int i = in.readUnsignedByte(); i > 0; i--) {
        if (in.readBoolean()) {
          String playerId = string(in);
          String nickname = string(in);
          int flags = in.readUnsignedByte();
          seats.add(
              new TableState.SeatState(
                  playerId,
                  nickname,
                  (flags & 1) != 0,
                  (flags & 2) != 0,
                  (flags & 4) != 0,
                  (flags & 8) != 0,
                  in.readLong()));
        } else {
          seats.add(null);
        }
      }
      List<String> matchPlayers = new ArrayList<>();
      for (int i = in.readUnsignedByte(); i > 0; i--) {
        matchPlayers.add(string(in));
      }
      String match = string(in);
      long startedAt = in.readLong();
      int turnSeat = in.readByte();
      long elapsed = in.readLong();
      int drawOfferedBy = in.readByte();
      List<Long> offers = new ArrayList<>();
      for (int i = in.readUnsignedByte(); i > 0; i--) {
        offers.add(in.readLong());
      }
      int undoRequestedBy = in.readByte();
      List<Integer> undoAccepted = new ArrayList<>();
      for (int i = in.readUnsignedByte(); i > 0; i--) {
        undoAccepted.add((int) in.readByte());
      }
      Map<String, List<TableState.Reply>> replies = new LinkedHashMap<>();
      for (int i = in.readUnsignedShort(); i > 0; i--) {
        String player = string(in);
        List<TableState.Reply> answers = new ArrayList<>();
        for (int j = in.readUnsignedShort(); j > 0; j--) {
          answers.add(new TableState.Reply(string(in), in.readLong(), string(in), string(in)));
        }
        replies.put(player, answers);
      }
      long savedAt = in.readLong();
      String seedHex = string(in);
      int abandonedBy = in.readByte();
      int count = in.readInt();
      if (count < 0 || count > MAX_MOVES) {
        throw new IllegalArgumentException("corrupt move count " + count);
      }
      List<MatchRecord.Move> moves = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        moves.add(new MatchRecord.Move(in.readByte(), string(in), in.readLong()));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("trailing bytes after a table snapshot");
      }
      return new TableState(
          tableId,
          game,
          options,
          practice,
          spectatable,
          phase,
          seq,
          lastGameSeq,
          version,
          botCount,
          seats,
          matchPlayers,
          match,
          startedAt,
          turnSeat,
          elapsed,
          drawOfferedBy,
          offers,
          undoRequestedBy,
          undoAccepted,
          replies,
          savedAt,
          seedHex,
          abandonedBy,
          moves);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("corrupt table snapshot: " + e, e);
    }
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > MAX_STRING) {
      throw new IllegalArgumentException("corrupt string length " + length);
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
