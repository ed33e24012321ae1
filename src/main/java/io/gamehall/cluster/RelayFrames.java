package io.gamehall.cluster;

import io.gamehall.table.Command;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's wire format: a JGroups message holds a count and that many frames; a frame is a kind
 * byte and its fields (strings as a length and UTF-8, numbers big-endian). Explicit on purpose: no
 * Java deserialisation of whatever another node sends, and an unknown kind is a typed error.
 */
final class RelayFrames {
  private static final int MAX_TEXT = 4 * 1024 * 1024;

  private RelayFrames() {}

  /** What travels between nodes. {@code client} is the socket's id on its own node. */
  sealed interface Frame {}

  /** Socket node to owner: a table command of the socket's player. */
  record Submit(long client, String table, Command command) implements Frame {}

  /** Socket node to owner: resume the player's seat (or view) after {@code lastSeq}. */
  record Resume(long client, String player, String table, long lastSeq) implements Frame {}

  /** Socket node to owner: the socket closed (GONE), fell silent or was heard again. */
  record Liveness(Kind kind, long client, String player, String table) implements Frame {}

  /** Owner to socket node: one table output as wire text; {@code seq} is -1 unless an event. */
  record Output(long client, String table, long seq, String text) implements Frame {}

  /** Owner to socket node: the relay dropped this socket (its queue overflowed); close it. */
  record Drop(long client) implements Frame {}

  enum Kind {
    SUBMIT,
    RESUME,
    GONE,
    SILENT,
    HEARD,
    OUTPUT,
    DROP
  }

  static byte[] encode(List<Frame> frames) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(frames.size());
      for (Frame f : frames) {
        write(out, f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes a message; throws {@link IOException} for anything malformed. */
  static List<Frame> decode(byte[] data, int offset, int length) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length));
    int count = in.readInt();
    if (count < 0 || count > 100_000) {
      throw new IOException("bad frame count " + count);
    }
    List<Frame> frames = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      frames.add(read(in));
    }
    if (in.available() > 0) {
      throw new IOException("trailing bytes after " + count + " frames");
    }
    return frames;
  }

  private static void write(DataOutputStream out, Frame f) throws IOException {
    if (f instanceof Submit s) {
      out.writeByte(Kind.SUBMIT.ordinal());
      out.writeLong(s.client());
      text(out, s.table());
      CommandCodec.write(out, s.command());
    } else if (f instanceof Resume r) {
      out.writeByte(Kind.RESUME.ordinal());
      out.writeLong(r.client());
      text(out, r.player());
      text(out, r.table());
      out.writeLong(r.lastSeq());
    } else if (f instanceof Liveness l) {
      out.writeByte(l.kind().ordinal());
      out.writeLong(l.client());
      text(out, l.player());
      text(out, l.table());
    } else if (f instanceof Output o) {
      out.writeByte(Kind.OUTPUT.ordinal());
      out.writeLong(o.client());
      text(out, o.table());
      out.writeLong(o.seq());
      text(out, o.text());
    } else if (f instanceof Drop d) {
      out.writeByte(Kind.DROP.ordinal());
      out.writeLong(d.client());
    } else {
      throw new IllegalArgumentException("no encoding for " + f);
    }
  }

  private static Frame read(DataInputStream in) throws IOException {
    int k = in.readUnsignedByte();
    if (k >= Kind.values().length) {
      throw new IOException("unknown frame kind " + k);
    }
    Kind kind = Kind.values()[k];
    switch (kind) {
      case SUBMIT:
        return new Submit(in.readLong(), text(in), CommandCodec.read(in));
      case RESUME:
        return new Resume(in.readLong(), text(in), text(in), in.readLong());
      case GONE:
      case SILENT:
      case HEARD:
        return new Liveness(kind, in.readLong(), text(in), text(in));
      case OUTPUT:
        return new Output(in.readLong(), text(in), in.readLong(), text(in));
      case DROP:
        return new Drop(in.readLong());
      default:
        throw new IOException("unknown frame kind " + kind);
    }
  }

  static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String text(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > MAX_TEXT) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** One kind byte per command type, then its fields in declaration order. */
  static final class CommandCodec implements Command.Visitor<Void> {
    private final DataOutputStream out;

    private CommandCodec(DataOutputStream out) {
      this.out = out;
    }

    static void write(DataOutputStream out, Command c) throws IOException {
      try {
        c.accept(new CommandCodec(out));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private Void head(int kind, Command c) {
      try {
        out.writeByte(kind);
        text(out, c.playerId());
        text(out, c.cid());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }

    private Void s(String v) {
      try {
        text(out, v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }

    private Void i(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }

    private Void b(boolean v) {
      try {
        out.writeBoolean(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }

    @Override
    public Void sit(Command.Sit c) {
      head(0, c);
      s(c.nickname());
      return i(c.seat());
    }

    @Override
    public Void leave(Command.Leave c) {
      return head(1, c);
    }

    @Override
    public Void ready(Command.Ready c) {
      head(2, c);
      return b(c.ready());
    }

    @Override
    public Void act(Command.Act c) {
      head(3, c);
      s(c.action());
      return i(c.basedOnSeq());
    }

    @Override
    public Void resign(Command.Resign c) {
      return head(4, c);
    }

    @Override
    public Void offerDraw(Command.OfferDraw c) {
      return head(5, c);
    }

    @Override
    public Void answerDraw(Command.AnswerDraw c) {
      head(6, c);
      return b(c.accept());
    }

    @Override
    public Void requestUndo(Command.RequestUndo c) {
      return head(7, c);
    }

    @Override
    public Void answerUndo(Command.AnswerUndo c) {
      head(8, c);
      return b(c.accept());
    }

    @Override
    public Void chat(Command.Chat c) {
      head(9, c);
      return s(c.text());
    }

    @Override
    public Void chatPhrase(Command.ChatPhrase c) {
      head(10, c);
      return s(c.phraseId());
    }

    @Override
    public Void spectate(Command.Spectate c) {
      head(11, c);
      return s(c.nickname());
    }

    @Override
    public Void rematch(Command.Rematch c) {
      return head(12, c);
    }

    @Override
    public Void addBot(Command.AddBot c) {
      head(13, c);
      return i(c.seat());
    }

    @Override
    public Void takeControl(Command.TakeControl c) {
      return head(14, c);
    }

    static Command read(DataInputStream in) throws IOException {
      int kind = in.readUnsignedByte();
      String p = text(in);
      String cid = text(in);
      if (p == null) {
        throw new IOException("command without a player");
      }
      switch (kind) {
        case 0:
          return new Command.Sit(p, cid, text(in), (int) in.readLong());
        case 1:
          return new Command.Leave(p, cid);
        case 2:
          return new Command.Ready(p, cid, in.readBoolean());
        case 3:
          return new Command.Act(p, cid, text(in), in.readLong());
        case 4:
          return new Command.Resign(p, cid);
        case 5:
          return new Command.OfferDraw(p, cid);
        case 6:
          return new Command.AnswerDraw(p, cid, in.readBoolean());
        case 7:
          return new Command.RequestUndo(p, cid);
        case 8:
          return new Command.AnswerUndo(p, cid, in.readBoolean());
        case 9:
          return new Command.Chat(p, cid, text(in));
        case 10:
          return new Command.ChatPhrase(p, cid, text(in));
        case 11:
          return new Command.Spectate(p, cid, text(in));
        case 12:
          return new Command.Rematch(p, cid);
        case 13:
          return new Command.AddBot(p, cid, (int) in.readLong());
        case 14:
          return new Command.TakeControl(p, cid);
        default:
          throw new IOException("unknown command kind " + kind);
      }
    }
  }
}
