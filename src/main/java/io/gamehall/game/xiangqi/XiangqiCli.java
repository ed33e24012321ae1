package io.gamehall.game.xiangqi;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Command-line entry points for the Xiangqi engine, meant to be dispatched to from a shared main
 * class.
 */
public final class XiangqiCli {

  static final String PERFT_COMMAND = "xiangqi-perft";

  /**
   * Depth 6 from the start is already billions of nodes; anything deeper is a typo, not a request.
   */
  static final int MAX_DEPTH = 8;

  private static final String USAGE =
      "usage: " + PERFT_COMMAND + " '<FEN>' <depth 1.." + MAX_DEPTH + ">";

  private XiangqiCli() {}

  /**
   * Runs {@code xiangqi-perft '<FEN>' <depth>}: prints one {@code move: count} line per legal first
   * move, then the total node count alone on the last line.
   *
   * @return 0 on success, 2 on bad arguments (with a message on {@code out})
   */
  public static int run(List<String> args, PrintStream out) {
    if (args == null || args.size() != 3 || !PERFT_COMMAND.equals(args.get(0))) {
      out.println(USAGE);
      return 2;
    }
    String depthText = args.get(2) == null ? "" : args.get(2).strip();
    int depth;
    try {
      depth = Integer.parseInt(depthText);
    } catch (NumberFormatException e) {
      out.println("error: depth must be a whole number, got '" + Move.shorten(depthText) + "'");
      out.println(USAGE);
      return 2;
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      out.println("error: depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
      out.println(USAGE);
      return 2;
    }
    Position position;
    try {
      position = Position.fromFen(args.get(1));
    } catch (FenException e) {
      out.println("error: bad FEN: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    Map<String, Long> divide = Perft.divide(position, depth);
    long total = 0;
    for (Map.Entry<String, Long> e : divide.entrySet()) {
      out.println(e.getKey() + ": " + e.getValue());
      total += e.getValue();
    }
    out.println(total);
    return 0;
  }
}
