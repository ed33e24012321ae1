package io.gamehall.store;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Step;
import io.gamehall.table.MatchRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays stored matches through the game's own rules: the same seed, options and actions rebuild
 * every position, so a replay is exactly what was played (and a stored log the rules refuse is
 * reported, not papered over).
 */
public final class Replays {
  private static final DateTimeFormatter PGN_DATE =
      DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Replays() {}

  /**
   * The match after its first {@code ply} actions: the public view and, since the match is over,
   * every seat's view (hands included), the action that led here and how many there are.
   */
  public static Map<String, Object> frame(GameRules rules, StoredMatch m, int ply) {
    if (ply < 0 || ply > m.moves().size()) {
      throw new IllegalArgumentException("ply must be between 0 and " + m.moves().size());
    }
    Match match = replayTo(rules, m, ply);
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("match", m.id());
    frame.put("game", m.game());
    frame.put("ply", ply);
    frame.put("plies", m.moves().size());
    frame.put("move", ply == 0 ? null : move(m.moves().get(ply - 1)));
    frame.put("view", match.publicView());
    List<Object> seatViews = new ArrayList<>();
    for (int s = 0; s < m.seatCount(); s++) {
      seatViews.add(match.view(s));
    }
    frame.put("seatViews", seatViews);
    return frame;
  }

  static Match replayTo(GameRules rules, StoredMatch m, int ply) {
    Match match = rules.start(m.seatCount(), m.options(), HexFormat.of().parseHex(m.seed()));
    for (int i = 0; i < ply; i++) {
      MatchRecord.Move move = m.moves().get(i);
      Step step = match.apply(move.seat(), move.action());
      if (!(step instanceof Step.Accepted)) {
        throw new IllegalStateException(
            "match "
                + m.id()
                + ": the rules refuse stored move "
                + (i + 1)
                + " ("
                + move.action()
                + "): "
                + step);
      }
    }
    return match;
  }

  static Map<String, Object> move(MatchRecord.Move move) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seat", move.seat());
    out.put("action", move.action());
    out.put("atMs", move.atMillis());
    return out;
  }

  /**
   * A Xiangqi match in the PGN form Chinese chess programs exchange: tag pairs with the start
   * position as FEN and {@code Format "ICCS"}, then numbered move pairs in ICCS ({@code H2-E2}).
   * Seat 0 is red.
   */
  public static String xiangqiPgn(GameRules rules, StoredMatch m) {
    Object fen = replayTo(rules, m, 0).publicView().get("fen");
    String result = m.winners().isEmpty() ? "1/2-1/2" : m.winners().contains(0) ? "1-0" : "0-1";
    StringBuilder pgn = new StringBuilder();
    tag(pgn, "Game", "Chinese Chess");
    tag(pgn, "Event", "GameHall " + m.id());
    tag(pgn, "Date", PGN_DATE.format(Instant.ofEpochMilli(m.startedAt())));
    tag(pgn, "Red", m.seats().get(0).nickname());
    tag(pgn, "Black", m.seats().get(1).nickname());
    tag(pgn, "Result", result);
    tag(pgn, "Termination", m.reason());
    tag(pgn, "FEN", String.valueOf(fen));
    tag(pgn, "Format", "ICCS");
    List<MatchRecord.Move> moves = m.moves();
    for (int i = 0; i < moves.size(); i++) {
      if (i % 2 == 0) {
        pgn.append(i == 0 ? "" : "\n").append(i / 2 + 1).append('.');
      }
      pgn.append(' ').append(iccs(moves.get(i).action()));
    }
    pgn.append(moves.isEmpty() ? "" : "\n").append(result).append('\n');
    return pgn.toString();
  }

  private static void tag(StringBuilder pgn, String name, String value) {
    pgn.append('[')
        .append(name)
        .append(" \"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"]\n");
  }

  /** {@code h2e2} to {@code H2-E2}. */
  static String iccs(String action) {
    String a = action.strip().toUpperCase(Locale.ROOT);
    return a.length() == 4 ? a.substring(0, 2) + "-" + a.substring(2) : a;
  }
}
