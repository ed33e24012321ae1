package io.gamehall.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A guest who quick-matches into Gomoku and plays random legal moves, at most one per move period,
 * for as long as the run lasts; rematches after every result. It checks what a real client relies
 * on: every table event's seq follows the last one seen, no point is played twice in a match, and
 * its opponent saw the same moves. It can be dropped (socket aborted, no close frame) and then
 * resumes the way the SDK does: hello with its token, resume from the last seq, and the
 * unacknowledged move resent with the same id.
 */
final class GamePlayer implements WebSocket.Listener {
  private static final String COLUMNS = "ABCDEFGHIJKLMNO";

  private final Arena arena;
  private final String nickname;
  private final java.net.URI uri;

  /**
   * How this player finds its table: null for quick match; otherwise it creates one (completing
   * this with its id) or joins the one this completes with.
   */
  private final CompletableFuture<String> seating;

  private final boolean creates;
  private String seatId;
  private final StringBuilder partial = new StringBuilder();
  private final Set<String> board = new HashSet<>();
  private final CompletableFuture<Void> matched = new CompletableFuture<>();

  private WebSocket socket;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
  private String token;
  private String playerId;
  private String table;
  private int mySeat = -1;
  private int toAct = -1;
  private boolean live;
  private long lastSeq;
  private int commands;
  private long lastMoveAt;
  private String pendingId;
  private String pendingMove;
  private String resumeId;
  private boolean dropped;

  /**
   * The table played a move for this seat that this player never sent (托管, after its clock ran out)
   * since its last move was sent: a move of ours crossing it is refused by a typed race.
   */
  private boolean playedForUs;

  private CompletableFuture<Void> back = new CompletableFuture<>();

  GamePlayer(Arena arena, String nickname) {
    this(arena, nickname, arena.uri, null, false);
  }

  private GamePlayer(
      Arena arena,
      String nickname,
      java.net.URI uri,
      CompletableFuture<String> seating,
      boolean creates) {
    this.arena = arena;
    this.nickname = nickname;
    this.uri = uri;
    this.seating = seating;
    this.creates = creates;
  }

  /**
   * A player who creates a public Gomoku table on the arena's server instead of quick-matching (the
   * cluster scenario picks each table's owner node this way); {@link #createdTable} names it.
   */
  static GamePlayer creator(Arena arena, String nickname) {
    return new GamePlayer(arena, nickname, arena.uri, new CompletableFuture<>(), true);
  }

  /** A player who joins {@code host}'s table through the server at {@code uri} (another node). */
  static GamePlayer joining(Arena arena, String nickname, java.net.URI uri, GamePlayer host) {
    return new GamePlayer(arena, nickname, uri, host.seating, false);
  }

  /** A creator's table id, once {@code table_created} has named it. */
  CompletableFuture<String> createdTable() {
    return seating;
  }

  /** Connects and says hello; the returned stage completes when the socket is open. */
  CompletableFuture<Void> connect() {
    return arena.wss.open(uri, this).thenAccept(ws -> {});
  }

  /**
   * Completes when the matchmaker has seated this player (for a creator or joiner: when its first
   * match started).
   */
  CompletableFuture<Void> matched() {
    return matched;
  }

  /**
   * Cuts the socket without a close frame, as a lost network would; the table keeps the seat for
   * its grace time.
   */
  synchronized CompletableFuture<Void> drop() {
    dropped = true;
    back = new CompletableFuture<>();
    WebSocket gone = socket;
    socket = null;
    if (gone != null) {
      gone.abort();
    }
    return back;
  }

  /**
   * Opens a new socket; hello carries the token, and the welcome's tables are resumed from the last
   * seq.
   */
  CompletableFuture<Void> reconnect() {
    return connect();
  }

  synchronized void close() {
    dropped = true;
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench over");
    }
  }

  @Override
  public synchronized void onOpen(WebSocket ws) {
    socket = ws;
    partial.setLength(0);
    sending = CompletableFuture.completedFuture(ws);
    arena.measurements.count("connections opened");
    JsonObject hello =
        token == null
            ? Json.createObjectBuilder()
                .add("type", "hello")
                .add("id", "h")
                .add("nickname", nickname)
                .build()
            : Json.createObjectBuilder()
                .add("type", "hello")
                .add("id", "h")
                .add("token", token)
                .build();
    send(hello.toString());
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    synchronized (this) {
      if (ws != socket) {
        return null;
      }
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        arena.measurements.count("messages received");
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
          handle(reader.readObject());
        } catch (RuntimeException e) {
          arena.measurements.problem(
              "harness could not handle a message: " + e.getClass().getSimpleName());
        }
      }
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    arena.measurements.problem("binary frame from the server");
    ws.request(1);
    return null;
  }

  @Override
  public synchronized CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
    if (ws == socket && !dropped) {
      if (code == 1008 && "hello required".equals(reason)) {
        // The server was too busy to read our hello within its deadline. The SDK treats 1008 as
        // transient and
        // reconnects after a pause; so does this player, and the count is reported beside the
        // problems.
        arena.measurements.count("reconnects after 1008 hello required");
        socket = null;
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
            .execute(
                () ->
                    connect()
                        .exceptionally(
                            e -> {
                              arena.measurements.problem(
                                  "reconnect failed: " + e.getClass().getSimpleName());
                              return null;
                            }));
      } else {
        arena.measurements.problem("closed by the server: " + code + " " + reason);
      }
    }
    return null;
  }

  @Override
  public synchronized void onError(WebSocket ws, Throwable error) {
    if (ws == socket && !dropped) {
      arena.measurements.problem("socket error: " + error.getClass().getSimpleName());
    }
  }

  private void handle(JsonObject m) {
    switch (m.getString("type", "")) {
      case "welcome" -> welcome(m);
      case "matching" -> {
        if (!m.getBoolean("queued", true) && m.containsKey("table")) {
          table = m.getString("table");
          arena.measurements.count("players matched");
          matched.complete(null);
        }
      }
      case "table_created" -> {
        if (creates && !seating.isDone()) {
          table = m.getString("table");
          seating.complete(table);
        }
      }
      case "snapshot" -> snapshot(m);
      case "event" -> event(m);
      case "ack" -> ack(m);
      case "refused" -> refused(m.getString("re", ""), m.getString("code", "?"));
      case "error" -> arena.measurements.problem("error: " + m.getString("code", "?"));
      default -> {}
    }
  }

  /**
   * A drop no longer hands the seat to 托管 (the table's default policy), so a move of ours can meet
   * a move the table made for us only when our own clock ran out (turn time and bank, 80 s by
   * default) while the move was on its way. Exactly that is counted as a race: {@code stale} or
   * {@code not_your_turn} for our pending move after the table played our seat itself, or {@code
   * game_over} once the result has arrived. Any other refusal is a problem.
   */
  private void refused(String re, String code) {
    boolean ours = re.equals(pendingId);
    boolean turnRace = (code.equals("stale") || code.equals("not_your_turn")) && playedForUs;
    boolean endRace = code.equals("game_over") && !live;
    if (ours && (turnRace || endRace)) {
      arena.measurements.count("moves refused racing 托管 or the result: " + code);
      pendingId = null;
      pendingMove = null;
      return;
    }
    arena.measurements.problem("refused: " + code);
  }

  private void welcome(JsonObject m) {
    token = m.getString("token");
    playerId = m.getString("playerId");
    if (!m.getBoolean("resumed", false)) {
      if (seating == null) {
        send(command("quick_match", "q").add("game", "gomoku").build().toString());
      } else if (creates) {
        seatId = "c";
        send(command("create_table", seatId).add("game", "gomoku").build().toString());
      } else {
        seating.thenAccept(this::join);
      }
      return;
    }
    List<String> tables = new ArrayList<>();
    for (JsonValue t : m.getJsonArray("tables")) {
      tables.add(((JsonString) t).getString());
    }
    if (table != null && !tables.contains(table)) {
      arena.measurements.problem("table lost across a reconnect");
      back.complete(null);
      return;
    }
    dropped = false;
    if (table == null) {
      back.complete(null);
      return;
    }
    String id = "r" + (++commands);
    resumeId = id;
    send(command("resume", id).add("table", table).add("lastSeq", lastSeq).build().toString());
    arena.scheduler.schedule(() -> resumeTimedOut(id), 5, TimeUnit.SECONDS);
  }

  private synchronized void join(String id) {
    table = id;
    seatId = "j";
    send(command("join_table", seatId).add("table", id).build().toString());
  }

  private void ack(JsonObject m) {
    if (seatId != null && m.getString("re", "").equals(seatId)) {
      // Seated by create_table or join_table: ready, and the match starts once both are.
      seatId = null;
      send(command("ready", "y").add("table", table).build().toString());
      return;
    }
    if (m.getString("re", "").equals(pendingId)) {
      arena.measurements.count("moves acknowledged");
    }
  }

  /**
   * The table answers {@code resume} with the missed events (or a snapshot) and then, for a seat it
   * had marked offline, an {@code online} event: that event ends the replay. Were the drop not yet
   * noticed by the server, there is no such event, so a timer ends the wait after a while instead.
   */
  private void resumed(String how) {
    if (resumeId == null) {
      return;
    }
    resumeId = null;
    arena.measurements.count(how);
    back.complete(null);
    // The move sent just before the drop: if the replay did not show it (nor a move the table made
    // for us), send it again under the same id, which the table applies at most once.
    if (pendingMove != null && live && toAct == mySeat && !playedForUs) {
      arena.measurements.count("moves resent after a resume");
      sendAct(pendingId, pendingMove);
    } else {
      forget();
      maybeMove();
    }
  }

  private synchronized void resumeTimedOut(String id) {
    if (id.equals(resumeId)) {
      resumed("resumes without an online event");
    }
  }

  private void snapshot(JsonObject m) {
    lastSeq = m.getJsonNumber("seq").longValue();
    JsonObject state = m.getJsonObject("state");
    mySeat = state.getInt("yourSeat", -1);
    live = "playing".equals(state.getString("phase", ""));
    JsonValue clock = state.get("clock");
    toAct = clock instanceof JsonObject c ? c.getInt("seat", -1) : -1;
    board.clear();
    JsonValue match = state.get("match");
    if (match instanceof JsonObject view && view.get("board") instanceof JsonArray rows) {
      // Row 15 comes first, as the board is drawn.
      for (int r = 0; r < rows.size(); r++) {
        String row = rows.getString(r);
        for (int c = 0; c < row.length(); c++) {
          if (row.charAt(c) != '.') {
            board.add(COLUMNS.charAt(c) + String.valueOf(rows.size() - r));
          }
        }
      }
    }
    if (resumeId != null) {
      arena.measurements.count("resumed by snapshot");
    }
    maybeMove();
  }

  private void event(JsonObject m) {
    long seq = m.getJsonNumber("seq").longValue();
    if (seq <= lastSeq) {
      arena.measurements.problem("event seq repeated");
      return;
    }
    if (seq != lastSeq + 1) {
      arena.measurements.problem("event seq gap");
    }
    lastSeq = seq;
    JsonObject data = m.getJsonObject("data");
    // Our own move's event answers our act in place of an ack (protocol.md, order of answers).
    if (pendingId != null && pendingId.equals(m.getString("re", null))) {
      arena.measurements.count("moves acknowledged");
    }
    switch (m.getString("kind")) {
      case "started" -> {
        JsonArray players = data.getJsonArray("players");
        for (int s = 0; s < players.size(); s++) {
          if (players.get(s) instanceof JsonString id && id.getString().equals(playerId)) {
            mySeat = s;
          }
        }
        board.clear();
        live = true;
        toAct = -1;
        playedForUs = false;
        forget();
        lastMoveAt =
            System.nanoTime() - ThreadLocalRandom.current().nextLong(arena.movePeriodNanos);
        arena.measurements.count("matches started");
        matched.complete(null);
      }
      case "clock" -> {
        toAct = data.getInt("seat", -1);
        maybeMove();
      }
      case "move" -> {
        moved(seq, data);
        // One message per move: the move's event says whose turn follows.
        if (data.get("clock") instanceof JsonObject clock) {
          toAct = clock.getInt("seat", -1);
          maybeMove();
        }
      }
      case "online" -> {
        if (data.getInt("seat", -1) == mySeat) {
          resumed("resumes");
        }
      }
      case "result" -> {
        live = false;
        forget();
        if (mySeat == 0) {
          arena.measurements.count("matches finished");
          arena.measurements.count("results: " + data.getString("reason", "?"));
        }
        send(command("rematch", "x" + (++commands)).add("table", table).build().toString());
      }
      default -> {}
    }
  }

  private void moved(long seq, JsonObject data) {
    String point = data.getString("move");
    int seat = data.getInt("seat", -1);
    if (!board.add(point)) {
      arena.measurements.problem("a point played twice in one match");
    }
    arena.agree(table, seq, point);
    if (seat == mySeat) {
      if (point.equals(pendingMove)) {
        pendingId = null;
        pendingMove = null;
      } else {
        // Not ours, and our seat's: the table played it (托管 after our clock ran out).
        playedForUs = true;
        arena.measurements.count("moves played by 托管");
      }
      return;
    }
    arena.measurements.count("opponent moves received");
    Long sentAt = arena.sentMoves.remove(table + "|" + point);
    // A move replayed after a resume is late by design, and one the server played for an offline
    // seat was never
    // sent: neither is a move-to-opponent latency.
    if (sentAt != null && resumeId == null) {
      arena.measurements.latency("move to opponent").record(System.nanoTime() - sentAt);
    }
  }

  /**
   * On our turn, moves once the period since our last move has passed; never twice for one turn.
   */
  private void maybeMove() {
    if (!live || toAct != mySeat || pendingId != null || resumeId != null || socket == null) {
      return;
    }
    long due = lastMoveAt + arena.movePeriodNanos - System.nanoTime();
    String id = "m" + (++commands);
    pendingId = id;
    arena.scheduler.schedule(() -> move(id), Math.max(0, due), TimeUnit.NANOSECONDS);
  }

  private synchronized void move(String id) {
    // Not before the new socket's welcome (dropped until then): anything but hello would be
    // refused.
    if (!id.equals(pendingId)
        || !live
        || toAct != mySeat
        || socket == null
        || dropped
        || resumeId != null) {
      if (id.equals(pendingId) && pendingMove == null) {
        pendingId = null;
      }
      return;
    }
    if (board.size() >= COLUMNS.length() * COLUMNS.length()) {
      return;
    }
    String point;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    do {
      point =
          COLUMNS.charAt(random.nextInt(COLUMNS.length()))
              + String.valueOf(1 + random.nextInt(COLUMNS.length()));
    } while (board.contains(point));
    pendingMove = point;
    playedForUs = false;
    lastMoveAt = System.nanoTime();
    arena.sentMoves.put(table + "|" + point, lastMoveAt);
    sendAct(id, point);
    arena.measurements.count("moves sent");
  }

  private void sendAct(String id, String point) {
    send(
        command("act", id)
            .add("table", table)
            .add("move", point)
            .add("seq", lastSeq)
            .build()
            .toString());
  }

  private void forget() {
    if (pendingMove != null) {
      arena.sentMoves.remove(table + "|" + pendingMove);
    }
    pendingId = null;
    pendingMove = null;
  }

  private static jakarta.json.JsonObjectBuilder command(String type, String id) {
    return Json.createObjectBuilder().add("type", type).add("id", id);
  }

  /** The JDK's WebSocket allows one outstanding send: chain each after the previous one. */
  private void send(String text) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    sending =
        sending
            .handle((previous, error) -> ws)
            .thenCompose(open -> open.sendText(text, true))
            .whenComplete(
                (done, error) -> {
                  if (error != null && !dropped) {
                    arena.measurements.problem("send failed: " + error.getClass().getSimpleName());
                  }
                });
    arena.measurements.count("messages sent");
  }
}
