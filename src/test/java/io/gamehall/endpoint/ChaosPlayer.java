package io.gamehall.endpoint;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ClientMessageEncoder;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.Tier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A chaos test's player on a frame-level socket, so the test controls the transport: it can cut the
 * TCP connection without a close frame, stop reading for a while, and resend or reorder commands.
 * It keeps every table event it saw (across reconnections) by sequence number, and records every
 * break in the sequence of one connection.
 */
final class ChaosPlayer {
  /** The connection broke (a close frame or end of stream): the caller reconnects and resumes. */
  static final class Dropped extends Exception {
    private static final long serialVersionUID = 1L;

    Dropped(String why) {
      super(why, null, false, false);
    }
  }

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

  private final Tier tier;
  private final String nickname;
  private final String address;
  private final ClientMessageEncoder encoder = new ClientMessageEncoder();
  private final ServerMessageDecoder decoder = new ServerMessageDecoder();

  /**
   * Close codes the server sent this player (4003 for a reader frozen past the dead-peer time, for
   * example).
   */
  private final Map<Integer, AtomicLong> closes;

  private RawWebSocket socket;
  private String token;
  private String playerId;
  private String table;
  private TreeMap<Long, ServerMessage.Event> log = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private final Map<String, List<ServerMessage>> answers = new ConcurrentHashMap<>();
  private ServerMessage.Snapshot lastSnapshot;
  private long lastSeq;

  /**
   * The sequence number the next event on this connection must carry; 0 until a snapshot or resume
   * sets it.
   */
  private long expectNext;

  private long frozenUntil;
  private int reconnects;

  ChaosPlayer(Tier tier, String nickname, String address, Map<Integer, AtomicLong> closes) {
    this.tier = tier;
    this.nickname = nickname;
    this.address = address;
    this.closes = closes;
  }

  String playerId() {
    return playerId;
  }

  String nickname() {
    return nickname;
  }

  int reconnects() {
    return reconnects;
  }

  /** Starts following {@code table}: events of earlier tables are forgotten. */
  void follow(String table) {
    this.table = table;
    this.log = new TreeMap<>();
    this.lastSeq = 0;
    this.expectNext = 0;
    this.lastSnapshot = null;
  }

  TreeMap<Long, ServerMessage.Event> log() {
    return log;
  }

  List<String> violations() {
    return violations;
  }

  long lastSeq() {
    return lastSeq;
  }

  ServerMessage.Snapshot lastSnapshot() {
    return lastSnapshot;
  }

  /**
   * Opens a connection and says hello: with the token once there is one, then resumes the followed
   * table.
   */
  void connect() throws Exception {
    long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
    while (true) {
      try {
        socket =
            RawWebSocket.connect(
                tier.socketUri(), tier.sslContext(), "X-Forwarded-For: " + address);
        if (socket.status() != 101) {
          throw new IOException("handshake answered " + socket.handshakeResponse());
        }
        send(new ClientMessage.Hello("h", 1, token == null ? nickname : null, token));
        ServerMessage.Welcome welcome =
            (ServerMessage.Welcome) poll(deadline, ServerMessage.Welcome.class::isInstance);
        if (welcome == null) {
          throw new IOException("no welcome");
        }
        if (token != null && (!welcome.resumed() || !welcome.playerId().equals(playerId))) {
          throw new AssertionError(
              nickname + ": the token did not resume " + playerId + ": " + welcome);
        }
        token = welcome.token();
        playerId = welcome.playerId();
        break;
      } catch (Dropped | IOException e) {
        // The server may still count the cut connection against the address for a moment: try
        // again.
        closeQuietly();
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              nickname + " could not reconnect within " + ANSWER_WAIT + ": " + e, e);
        }
      }
    }
    if (table != null) {
      // Replay from the last event processed: the next one must be lastSeq + 1 (or a snapshot).
      expectNext = lastSeq + 1;
      send(
          new ClientMessage.TableRequest(
              "resume-" + reconnects, table, new TableAction.Resume(lastSeq)));
    }
  }

  /**
   * Cuts the TCP connection without a close frame, as a lost network does, and comes back with the
   * token.
   */
  void dropAndReconnect() throws Exception {
    cut();
    reconnect();
  }

  /** Cuts the TCP connection without a close frame; {@link #reconnect()} comes back. */
  void cut() {
    closeQuietly();
  }

  void reconnect() throws Exception {
    reconnects++;
    connect();
  }

  void closeQuietly() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone: that is the point.
      }
    }
  }

  /**
   * Stops reading until {@code untilNanos}: the server's frames pile up in the socket buffers
   * meanwhile.
   */
  void freezeUntil(long untilNanos) {
    frozenUntil = untilNanos;
  }

  boolean frozen() {
    return System.nanoTime() < frozenUntil;
  }

  void send(ClientMessage message) throws IOException {
    try {
      socket.sendText(encoder.encode(message));
    } catch (jakarta.websocket.EncodeException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Reads what is there for a short while (unless frozen), reconnecting if the connection broke.
   */
  void drain(Duration within) throws Exception {
    if (frozen()) {
      return;
    }
    try {
      poll(System.nanoTime() + within.toNanos(), m -> false);
    } catch (Dropped e) {
      dropAndReconnect();
    }
  }

  /**
   * Sends a table command and waits for its answer ({@code ack} or {@code refused}); if the
   * connection breaks first, reconnects, resumes and resends it with the same id, as
   * docs/protocol.md tells clients to. With {@code copies} above 1 the same command is sent that
   * many times back to back and every answer is returned.
   */
  List<ServerMessage> request(String id, TableAction action, int copies, boolean dropAfterSend)
      throws Exception {
    long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
    ClientMessage message = new ClientMessage.TableRequest(id, table, action);
    boolean dropNow = dropAfterSend;
    while (true) {
      try {
        for (int i = 0; i < copies; i++) {
          send(message);
        }
        if (dropNow) {
          dropNow = false;
          throw new Dropped("cut by the test right after sending " + id);
        }
        while (answersTo(id).size() < copies) {
          if (poll(deadline, m -> answersTo(id).size() >= copies) == null) {
            throw new AssertionError(
                nickname + ": no answer to " + id + " within " + ANSWER_WAIT + "; log " + log);
          }
        }
        return answersTo(id);
      } catch (Dropped | IOException e) {
        answers.remove(id);
        reconnects++;
        closeQuietly();
        connect();
      }
    }
  }

  /** A lobby command (create_table, join_table): its first answer with that id, without chaos. */
  ServerMessage lobbyRequest(ClientMessage message, String id) throws Exception {
    send(message);
    long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
    ServerMessage answer = poll(deadline, m -> !answersTo(id).isEmpty());
    if (answer == null) {
      throw new AssertionError(nickname + ": no answer to " + id);
    }
    return answersTo(id).get(0);
  }

  List<ServerMessage> answersTo(String id) {
    return answers.getOrDefault(id, List.of());
  }

  /**
   * Reads until a frame matching {@code until} arrives ({@code null} at the deadline), answering
   * pings.
   */
  ServerMessage poll(long deadlineNanos, Predicate<ServerMessage> until) throws Exception {
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      RawWebSocket.Frame frame;
      try {
        frame = socket.read(Duration.ofNanos(Math.max(1_000_000, left)));
      } catch (IOException e) {
        throw new Dropped(nickname + ": " + e);
      }
      if (frame == null) {
        return null;
      }
      switch (frame.opcode()) {
        case RawWebSocket.PING -> socket.send(true, RawWebSocket.PONG, frame.payload());
        case RawWebSocket.CLOSE -> {
          closes.computeIfAbsent(frame.closeCode(), c -> new AtomicLong()).incrementAndGet();
          throw new Dropped(
              nickname
                  + ": closed by the server with "
                  + frame.closeCode()
                  + " "
                  + frame.closeReason());
        }
        case RawWebSocket.TEXT -> {
          ServerMessage message = decoder.decode(frame.text());
          record(message);
          if (until.test(message)) {
            return message;
          }
        }
        default -> violations.add("unexpected frame opcode " + frame.opcode());
      }
    }
  }

  private void record(ServerMessage message) {
    if (message instanceof ServerMessage.Event e && e.table().equals(table)) {
      if (expectNext > 0 && e.seq() != expectNext) {
        violations.add(
            nickname
                + " connection "
                + reconnects
                + ": event "
                + e.seq()
                + " ("
                + e.kind()
                + ") where "
                + expectNext
                + " was due");
      }
      // The same event seen live (the mover's copy answering its act, with re) and replayed
      // (never with re) must otherwise be identical.
      ServerMessage.Event seen = new ServerMessage.Event(e.table(), e.seq(), e.kind(), e.data());
      ServerMessage.Event before = log.putIfAbsent(e.seq(), seen);
      if (before != null && !before.equals(seen)) {
        violations.add(nickname + ": seq " + e.seq() + " carried " + before + " and later " + e);
      }
      expectNext = e.seq() + 1;
      lastSeq = Math.max(lastSeq, e.seq());
    } else if (message instanceof ServerMessage.Snapshot s && s.table().equals(table)) {
      lastSnapshot = s;
      expectNext = s.seq() + 1;
      lastSeq = Math.max(lastSeq, s.seq());
    }
    String re = reOf(message);
    if (re != null) {
      answers
          .computeIfAbsent(re, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(message);
    }
  }

  private static String reOf(ServerMessage message) {
    if (message instanceof ServerMessage.Ack a) {
      return a.re();
    } else if (message instanceof ServerMessage.Refused r) {
      return r.re();
    } else if (message instanceof ServerMessage.Error e) {
      return e.re();
    } else if (message instanceof ServerMessage.TableCreated c) {
      return c.re();
    } else if (message instanceof ServerMessage.Event ev) {
      // An applied act is answered by the last event it caused, carrying its id.
      return ev.re();
    }
    return null;
  }

  /** The first logged event of {@code kind}, or null. */
  ServerMessage.Event first(String kind) {
    return log.values().stream()
        .filter(e -> Objects.equals(e.kind(), kind))
        .findFirst()
        .orElse(null);
  }
}
