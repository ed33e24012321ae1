package io.gamehall.game.xiangqi;

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
 * A Xiangqi match behind the SPI: seat 0 red, seat 1 black; actions are ICCS moves such as {@code
 * h2e2}.
 */
public final class XiangqiMatch extends TwoSeatMatch {

  // Longer input cannot be a move (refused before parsing or echoing).
  private static final int MAX_ACTION_LENGTH = 12;

  /**
   * Depth of the default move's search: enough to take a hanging piece or dodge a mate in one, and
   * cheap.
   */
  private static final int DEFAULT_DEPTH = 2;

  private static final Duration DEFAULT_BUDGET = Duration.ofMillis(50);

  private XiangqiGame game;

  /** The game's moves as the snapshot writes them, kept in step with every play and undo. */
  private final RenderedActions rendered = new RenderedActions(' ');

  XiangqiMatch(XiangqiGame game) {
    super("Xiangqi", MAX_ACTION_LENGTH);
    this.game = game;
    for (String move : game.moveListIccs()) {
      rendered.add(move);
    }
  }

  @Override
  public int toAct() {
    return isOver() ? -1 : seatOf(game.sideToMove());
  }

  @Override
  protected Step play(int seat, String action) {
    Move move;
    try {
      move = Move.parse(action);
    } catch (IllegalArgumentException e) {
      // MoveFormatException is one of these; Move's own range checks throw the plain kind.
      return malformed();
    }
    if (!game.isLegal(move)) {
      return new Step.Rejected("illegal", "The move " + move.iccs() + " is not legal here.");
    }
    MoveOutcome outcome = game.play(move);
    String iccs = move.iccs();
    rendered.add(iccs);
    List<Event> events = new ArrayList<>(2);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seat", seat);
    data.put("move", iccs);
    // Event data cannot hold nulls, so "captured" is present only for captures.
    outcome.captured().ifPresent(p -> data.put("captured", String.valueOf(p.fenChar())));
    data.put("check", outcome.check());
    events.add(Event.of("move", data));
    if (outcome.result().isOver()) {
      events.add(Event.of("end", result().orElseThrow().toTree()));
    }
    return new Step.Accepted(events);
  }

  @Override
  protected Step.Rejected malformed() {
    return new Step.Rejected(
        "malformed", "A move is written in ICCS: file a-i and rank 0-9 twice, e.g. h2e2.");
  }

  @Override
  protected Optional<Result> ruledResult() {
    GameResult r = game.result();
    if (!r.isOver()) {
      return Optional.empty();
    }
    String detail = detail(r.reason());
    switch (r.outcome()) {
      case RED_WINS:
        return Optional.of(Result.twoSeatWin(0, Result.EndReason.WIN, detail));
      case BLACK_WINS:
        return Optional.of(Result.twoSeatWin(1, Result.EndReason.WIN, detail));
      default:
        return Optional.of(
            new Result(List.of(), Map.of(0, 0, 1, 0), Result.EndReason.DRAW, detail));
    }
  }

  private static String detail(EndReason reason) {
    switch (reason) {
      case CHECKMATE:
        return "checkmate";
      case STALEMATE:
        return "stalemate";
      case PERPETUAL_CHECK:
        return "perpetual_check";
      case REPETITION_DRAW:
        return "repetition";
      case NO_CAPTURE_DRAW:
        return "no_capture";
      default:
        return reason.name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public Map<String, Object> view(int seat) {
    Map<String, Object> v = publicView();
    if (seat == 0 || seat == 1) {
      v.put("seat", seat);
      v.put("side", seat == 0 ? "red" : "black");
      if (seat == toAct()) {
        List<String> legal = new ArrayList<>();
        for (Move m : game.legalMoves()) {
          legal.add(m.iccs());
        }
        v.put("legal", legal);
      }
    }
    return v;
  }

  @Override
  public Map<String, Object> publicView() {
    Map<String, Object> v = new LinkedHashMap<>();
    List<String> moves = game.moveListIccs();
    v.put("game", "xiangqi");
    v.put("fen", game.fen());
    v.put("moves", new ArrayList<>(moves));
    v.put("toMove", isOver() ? null : (game.sideToMove() == Side.RED ? "red" : "black"));
    v.put("toAct", toAct());
    v.put("inCheck", game.inCheck());
    v.put("lastMove", moves.isEmpty() ? null : moves.get(moves.size() - 1));
    v.put("over", isOver());
    v.put("result", result().map(Result::toTree).orElse(null));
    return v;
  }

  @Override
  public String defaultAction(int seat) {
    requireToAct(seat);
    return quickMove(game.position()).iccs();
  }

  @Override
  public Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled) {
    requireToAct(seat);
    Position snapshot = game.position();
    return () ->
        new XiangqiBot()
            .chooseMove(snapshot, budget, cancelled)
            .orElseGet(() -> quickMove(snapshot))
            .iccs();
  }

  /**
   * A shallow search's choice, falling back to the first legal move; the position is not modified.
   */
  private static Move quickMove(Position position) {
    Optional<Move> searched =
        new XiangqiBot(DEFAULT_DEPTH).chooseMove(position, DEFAULT_BUDGET, () -> false);
    if (searched.isPresent()) {
      return searched.get();
    }
    List<Move> legal = position.legalMoves();
    if (legal.isEmpty()) {
      throw new IllegalStateException("the side to move has no legal move");
    }
    return legal.get(0);
  }

  static final int SNAPSHOT_VERSION = 1;

  /**
   * {@code xiangqi/1|<initial FEN>|<ICCS moves in order>}: replaying the moves rebuilds the
   * position together with the repetition and no-capture history that adjudication needs, which a
   * FEN of the current position would lose.
   */
  @Override
  public Optional<String> snapshot() {
    if (endedOffBoard()) {
      return Optional.empty();
    }
    return Optional.of(
        SnapshotText.join("xiangqi", SNAPSHOT_VERSION, game.initialFen(), rendered.toString()));
  }

  /**
   * The snapshot as it was written before the move list was kept rendered: every move rendered
   * again. Tests hold the kept text to it after every play, undo and restore.
   */
  String snapshotRenderedInFull() {
    return SnapshotText.join(
        "xiangqi", SNAPSHOT_VERSION, game.initialFen(), String.join(" ", game.moveListIccs()));
  }

  static XiangqiMatch restore(String snapshot) {
    List<String> fields = SnapshotText.split(snapshot, "xiangqi", SNAPSHOT_VERSION, 2);
    XiangqiGame game;
    try {
      game = XiangqiGame.fromFen(fields.get(0));
      for (String move : SnapshotText.words(fields.get(1), " ")) {
        game.play(move);
      }
    } catch (RuntimeException e) {
      // FenException, MoveFormatException, IllegalMoveException: all mean the snapshot is not ours
      // or corrupt.
      throw new IllegalArgumentException(
          "the xiangqi snapshot does not replay: " + e.getMessage(), e);
    }
    return new XiangqiMatch(game);
  }

  @Override
  protected boolean ruledOver() {
    return game.result().isOver();
  }

  @Override
  protected int plies() {
    return rendered.size();
  }

  /**
   * Rebuilds the game by replaying the shortened move list, which also rebuilds the repetition and
   * no-capture history.
   */
  @Override
  protected List<String> takeBack(int plies) {
    List<String> moves = game.moveListIccs();
    XiangqiGame replay = XiangqiGame.fromFen(game.initialFen());
    for (String m : moves.subList(0, moves.size() - plies)) {
      replay.play(m);
    }
    game = replay;
    rendered.removeLast(plies);
    return new ArrayList<>(moves.subList(moves.size() - plies, moves.size()));
  }

  @Override
  protected void describeUndo(Map<String, Object> data) {
    data.put("fen", game.fen());
  }

  private void requireToAct(int seat) {
    if (seat != toAct()) {
      throw new IllegalStateException("seat " + seat + " is not to act (to act: " + toAct() + ")");
    }
  }

  private static int seatOf(Side side) {
    return side == Side.RED ? 0 : 1;
  }
}
