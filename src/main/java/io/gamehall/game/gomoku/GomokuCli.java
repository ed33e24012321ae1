package io.gamehall.game.gomoku;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Command-line entry points for the Gomoku engine, meant to be dispatched to from a shared main
 * class.
 */
public final class GomokuCli {

  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for bad usage or malformed input. */
  public static final int USAGE = 2;

  private static final String USAGE_TEXT =
      "usage: renju-forbidden '<board>' <point>   (board: 15 rows top to bottom separated by '/', "
          + "X black, O white, . empty; point: A-O plus 1-15, e.g. H8)";

  private GomokuCli() {}

  /**
   * Runs a command. {@code renju-forbidden <board> <point>} prints {@code legal} or {@code
   * forbidden double-three|double-four|overline} for a black stone at the point.
   *
   * @return 0 on success, 2 on bad usage, malformed input or an occupied point (with an {@code
   *     error:} line)
   */
  public static int run(List<String> args, PrintStream out) {
    if (args == null || args.isEmpty()) {
      return fail(out, "no command given");
    }
    if (!"renju-forbidden".equals(args.get(0))) {
      return fail(out, "unknown command '" + args.get(0) + "'");
    }
    if (args.size() != 3) {
      return fail(out, "renju-forbidden takes exactly 2 arguments, got " + (args.size() - 1));
    }
    Board board;
    try {
      board = Board.parse(args.get(1));
    } catch (IllegalArgumentException e) {
      return fail(out, e.getMessage());
    }
    Optional<Point> point = Point.parse(args.get(2));
    if (point.isEmpty()) {
      return fail(
          out, "invalid point '" + args.get(2) + "' (expected a column letter A-O and a row 1-15)");
    }
    Point p = point.get();
    if (!board.isEmpty(p)) {
      return fail(out, "point " + p + " is occupied");
    }
    out.println(RenjuRules.foul(board, p).map(f -> "forbidden " + f.label()).orElse("legal"));
    return OK;
  }

  private static int fail(PrintStream out, String message) {
    out.println("error: " + message);
    out.println(USAGE_TEXT);
    return USAGE;
  }
}
