package io.gamehall.lobby;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageEncoder;
import io.gamehall.table.TableOutput;
import io.gamehall.table.TableView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what a table says into wire messages; the table's views become plain trees for the JSON
 * encoder. Shared by the session (local sockets) and the relay (sockets on other nodes), so a
 * relayed event is the same text a local socket gets.
 */
public final class TableOutputs implements TableOutput.Visitor<ServerMessage> {
  private static final TableOutputs INSTANCE = new TableOutputs();

  /**
   * The wire text of {@code out}; an update is encoded once for every member handed the same
   * instance ({@link TableOutput.Update#wire}).
   */
  public static String render(TableOutput out, ServerMessageEncoder encoder) {
    if (out instanceof TableOutput.Update update) {
      return update.wire(u -> encoder.encode(INSTANCE.update(u)));
    }
    return encoder.encode(out.accept(INSTANCE));
  }

  @Override
  public ServerMessage update(TableOutput.Update u) {
    return new ServerMessage.Event(u.tableId(), u.seq(), u.kind(), u.data(), u.re());
  }

  @Override
  public ServerMessage snapshot(TableOutput.Snapshot s) {
    return new ServerMessage.Snapshot(null, s.tableId(), s.seq(), tree(s.state()));
  }

  @Override
  public ServerMessage ack(TableOutput.Ack a) {
    return new ServerMessage.Ack(a.cid(), a.tableId(), a.seq());
  }

  @Override
  public ServerMessage refused(TableOutput.Refused r) {
    return new ServerMessage.Refused(r.cid(), r.tableId(), r.code(), r.message());
  }

  static Map<String, Object> tree(TableView v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", v.tableId());
    out.put("game", v.game());
    out.put("options", v.options());
    out.put("phase", v.phase().name().toLowerCase(Locale.ROOT));
    out.put("yourSeat", v.yourSeat());
    List<Object> seats = new ArrayList<>();
    for (TableView.SeatView seat : v.seats()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("seat", seat.seat());
      s.put("playerId", seat.playerId());
      s.put("nickname", seat.nickname());
      s.put("bot", seat.bot());
      s.put("online", seat.online());
      s.put("trustee", seat.trustee());
      s.put("ready", seat.ready());
      s.put("rematch", seat.rematch());
      s.put("bankMillis", seat.bankMillis());
      s.put("offlineDeadline", seat.offlineDeadline());
      seats.add(s);
    }
    out.put("seats", seats);
    out.put("spectators", v.spectators());
    if (v.clock() != null) {
      out.put(
          "clock",
          Map.of(
              "seat",
              v.clock().seat(),
              "deadline",
              v.clock().deadline(),
              "bankMillis",
              v.clock().bankMillis()));
    } else {
      out.put("clock", null);
    }
    out.put("match", v.match());
    out.put("drawOfferedBy", v.drawOfferedBy());
    out.put("undoRequestedBy", v.undoRequestedBy());
    out.put("lastResult", v.lastResult() == null ? null : v.lastResult().toTree());
    return out;
  }
}
