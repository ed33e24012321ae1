package io.gamehall.game.gomoku;

import io.gamehall.game.Event;
import io.gamehall.game.RenderedActions;
import io.gamehall.game.Result;
import io.gamehall.game.SnapshotText;
import io.gamehall.game.Step;
import io.gamehall.game.TwoSeatMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A Gomoku match behind the SPI: seat 0 plays black, seat 1 white; actions are points such as
 * {@code H8}.
 */
public final class GomokuMatch extends TwoSeatMatch {

  // Longer input cannot be a move (refused before parsing or echoing).
  private static final int MAX_ACTION_LENGTH = 8;

  private final GomokuGame game;
  private final long botSeed;

  /** The game's moves as the snapshot writes them, kept in step with every play and undo. */
  private final RenderedActions rendered = new RenderedActions(' ');

  GomokuMatch(GomokuGame game, long botSeed) {
    super("Gomoku", MAX_ACTION_LENGTH);
    this.game = game;
    this.botSeed = botSeed;
    for (Point p : game.moves()) {
      rendered.add(p.toString());
    }
  }

  @Override
  public int toAct() {
    return isOver() ? -1 : seatOf(game.sideToMove());
  }

  @Override
  protected Step play(int seat, String action) {
    MoveOutcome outcome = game.play(action);
    if (outcome instanceof MoveOutcome.Rejected) {
      return rejected((MoveOutcome.Rejected) outcome, action.strip());
    }
    MoveOutcome.Accepted accepted = (MoveOutcome.Accepted) outcome;
    List<Event> events = new ArrayList<>(2);
    String point = accepted.point().toString();
    rendered.add(point);
    Map<String, Object> move = new LinkedHashMap<>();
    move.put("seat", seat);
    move.put("move", point);
    move.put("stone", colour(accepted.stone()));
    events.add(Event.of("move", move));
    if (accepted.result().status().isOver()) {
      events.add(endEvent(result().orElseThrow()));
    }
    return new Step.Accepted(events);
  }

  @Override
  protected Step.Rejected malformed() {
    return new Step.Rejected("malformed", "A move is a column A-O and a row 1-15, e.g. H8.");
  }

  private Step rejected(MoveOutcome.Rejected r, String text) {
    switch (r.reason()) {
      case OUT_OF_BOARD:
        return new Step.Rejected(
            "off_board", "That point is off the 15x15 board (columns A-O, rows 1-15).");
      case OCCUPIED:
        return new Step.Rejected(
            "occupied", "There is already a stone on " + text.toUpperCase(Locale.ROOT) + ".");
      case FORBIDDEN:
        String foul = r.foul().map(Foul::label).orElse("foul");
        return new Step.Rejected(
            "forbidden",
            "Forbidden for black under Renju rules: "
                + foul
                + " at "
                + text.toUpperCase(Locale.ROOT)
                + ".");
      case GAME_OVER:
        return new Step.Rejected("game_over", "The game is already over.");
      default:
        return malformed();
    }
  }

  @Override
  protected Optional<Result> ruledResult() {
    GameResult r = game.result();
    switch (r.status()) {
      case BLACK_WINS:
        return Optional.of(Result.twoSeatWin(0, Result.EndReason.WIN, "five"));
      case WHITE_WINS:
        return Optional.of(Result.twoSeatWin(1, Result.EndReason.WIN, "five"));
      case DRAW:
        return Optional.of(
            new Result(List.of(), Map.of(0, 0, 1, 0), Result.EndReason.DRAW, "full_board"));
      default:
        return Optional.empty();
    }
  }

  @Override
  public Map<String, Object> view(int seat) {
    Map<String, Object> v = publicView();
    if (seat == 0 || seat == 1) {
      v.put("seat", seat);
      v.put("stone", seat == 0 ? "black" : "white");
      // The client greys out fouls in advance; computed only for the seat that can use it.
      if (seat == toAct() && game.variant() == Variant.RENJU && game.sideToMove() == Stone.BLACK) {
        v.put("forbidden", forbiddenPoints());
      }
    }
    return v;
  }

  /**
   * The same {@code forbidden} list {@link #view} gives the seat to act, without the rest of the
   * view: the default builds the whole view (board text, every move so far in notation) on every
   * turn to pick that one key, about a tenth of a saturated core in the game benchmark.
   */
  @Override
  public Map<String, Object> turnHints(int seat) {
    if ((seat != 0 && seat != 1)
        || seat != toAct()
        || game.variant() != Variant.RENJU
        || game.sideToMove() != Stone.BLACK) {
      return Map.of();
    }
    return Map.of("forbidden", forbiddenPoints());
  }

  @Override
  public Map<String, Object> publicView() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("game", "gomoku");
    v.put("variant", game.variant().name().toLowerCase(Locale.ROOT));
    v.put("board", List.of(game.board().toText().split("/")));
    List<String> moves = new ArrayList<>();
    for (Point p : game.moves()) {
      moves.add(p.toString());
    }
    v.put("moves", moves);
    v.put("toMove", isOver() ? null : colour(game.sideToMove()));
    v.put("toAct", toAct());
    v.put("lastMove", moves.isEmpty() ? null : moves.get(moves.size() - 1));
    List<String> line = new ArrayList<>();
    for (Point p : game.result().winningLine()) {
      line.add(p.toString());
    }
    v.put("winningLine", line);
    v.put("over", isOver());
    v.put("result", result().map(Result::toTree).orElse(null));
    return v;
  }

  private List<String> forbiddenPoints() {
    List<String> out = new ArrayList<>();
    Board board = game.board();
    for (Point p : board.emptyPoints()) {
      if (game.foulAt(p).isPresent()) {
        out.add(p.toString());
      }
    }
    return out;
  }

  @Override
  public String defaultAction(int seat) {
    requireToAct(seat);
    return quickMove(game)
        .map(Point::toString)
        .orElseThrow(
            () -> new IllegalStateException("no legal point is left for " + game.sideToMove()));
  }

  @Override
  public Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled) {
    requireToAct(seat);
    GomokuGame copy = game.copy();
    GomokuBot bot = new GomokuBot(botSeed);
    return () ->
        bot.chooseMove(copy, budget, cancelled)
            .or(() -> quickMove(copy))
            .map(Point::toString)
            .orElseThrow(() -> new IllegalStateException("no legal point is left"));
  }

  static final int SNAPSHOT_VERSION = 1;

  /**
   * {@code gomoku/1|<variant>|<bot seed>|<points in order>}: the stones are the whole state (the
   * side to move, the result and the undo history follow from them), so a snapshot is the move list
   * of the board as it stands.
   */
  @Override
  public Optional<String> snapshot() {
    if (endedOffBoard()) {
      return Optional.empty();
    }
    return Optional.of(
        SnapshotText.join(
            "gomoku",
            SNAPSHOT_VERSION,
            game.variant().name().toLowerCase(Locale.ROOT),
            Long.toString(botSeed),
            rendered.toString()));
  }

  /**
   * The snapshot as it was written before the move list was kept rendered: every move rendered
   * again. Tests hold the kept text to it after every play, undo and restore.
   */
  String snapshotRenderedInFull() {
    List<String> points = new ArrayList<>();
    for (Point p : game.moves()) {
      points.add(p.toString());
    }
    return SnapshotText.join(
        "gomoku",
        SNAPSHOT_VERSION,
        game.variant().name().toLowerCase(Locale.ROOT),
        Long.toString(botSeed),
        String.join(" ", points));
  }

  /**
   * Replays a snapshot's moves on a fresh board of the table's variant; refuses anything that does
   * not replay.
   */
  static GomokuMatch restore(Variant variant, String snapshot) {
    List<String> fields = SnapshotText.split(snapshot, "gomoku", SNAPSHOT_VERSION, 3);
    if (GomokuRules.parseVariant(fields.get(0)) != variant) {
      throw new IllegalArgumentException(
          "the snapshot is of " + fields.get(0) + ", the table plays " + variant);
    }
    GomokuGame game = new GomokuGame(variant);
    for (String move : SnapshotText.words(fields.get(2), " ")) {
      if (game.play(move) instanceof MoveOutcome.Rejected) {
        throw new IllegalArgumentException("the snapshot's move " + move + " does not replay");
      }
    }
    return new GomokuMatch(game, Long.parseLong(fields.get(1)));
  }

  @Override
  protected boolean ruledOver() {
    return game.result().status().isOver();
  }

  @Override
  protected int plies() {
    return rendered.size();
  }

  @Override
  protected List<String> takeBack(int plies) {
    List<Point> moves = game.moves();
    List<String> removed = new ArrayList<>();
    for (Point p : moves.subList(moves.size() - plies, moves.size())) {
      removed.add(p.toString());
    }
    game.undo(plies);
    rendered.removeLast(plies);
    return removed;
  }

  private void requireToAct(int seat) {
    if (seat != toAct()) {
      throw new IllegalStateException("seat " + seat + " is not to act (to act: " + toAct() + ")");
    }
  }

  private Event endEvent(Result r) {
    return Event.of("end", r.toTree());
  }

  private static int seatOf(Stone stone) {
    return stone == Stone.BLACK ? 0 : 1;
  }

  private static String colour(Stone stone) {
    return stone == Stone.BLACK ? "black" : "white";
  }

  /**
   * A cheap sensible move: complete an own five, else block the opponent's five, else the legal
   * point nearest the last stone (the centre on an empty board). Never a Renju foul, because every
   * candidate passes the game's check.
   */
  static Optional<Point> quickMove(GomokuGame g) {
    if (g.result().status().isOver()) {
      return Optional.empty();
    }
    Stone me = g.sideToMove();
    Board board = g.board();
    List<Point> empty = board.emptyPoints();
    for (Stone who : new Stone[] {me, me.opponent()}) {
      for (Point p : empty) {
        if (completesFive(board, p, who, g.variant()) && g.isLegal(p)) {
          return Optional.of(p);
        }
      }
    }
    List<Point> moves = g.moves();
    Point anchor = moves.isEmpty() ? Point.CENTER : moves.get(moves.size() - 1);
    Point best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Point p : empty) {
      int dc = Math.abs(p.column() - anchor.column());
      int dr = Math.abs(p.row() - anchor.row());
      // Chebyshev first keeps play compact; Manhattan breaks ties towards the lines through the
      // anchor.
      int distance = Math.max(dc, dr) * 100 + dc + dr;
      if (distance < bestDistance && g.isLegal(p)) {
        best = p;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean completesFive(Board board, Point p, Stone who, Variant variant) {
    for (Direction d : Direction.values()) {
      if (variant.isWinningRun(who, board.runLength(p.column(), p.row(), who.code(), d))) {
        return true;
      }
    }
    return false;
  }
}
