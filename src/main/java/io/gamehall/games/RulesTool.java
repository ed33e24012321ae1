package io.gamehall.games;

import io.gamehall.game.doudizhu.DouDizhuCli;
import io.gamehall.game.gomoku.GomokuCli;
import io.gamehall.game.xiangqi.XiangqiCli;
import java.io.PrintStream;
import java.util.List;

/** Command-line rules tool: dispatches to each game's CLI by the first argument. */
public final class RulesTool {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -cp target/classes io.gamehall.games.RulesTool <command> [args]",
          "  xiangqi-perft '<FEN>' <depth>     per-move node counts, then the total",
          "  ddz-plays                         every distinct Dou Dizhu play: <ranks>\\t<type>",
          "  ddz-classify <ranks>              the play type of <ranks>, or 'invalid'",
          "  renju-forbidden '<board>' <point> 'legal' or 'forbidden <foul>' for black at <point>");

  private RulesTool() {}

  public static void main(String[] args) {
    // The only place this tool exits the JVM; tests call run() instead.
    System.exit(run(List.of(args), System.out));
  }

  /** Runs one command and returns its exit code: 0 on success, 2 on bad usage. */
  public static int run(List<String> args, PrintStream out) {
    if (args.isEmpty()) {
      out.println(USAGE);
      return 2;
    }
    switch (args.get(0)) {
      case "xiangqi-perft":
        return XiangqiCli.run(args, out);
      case "ddz-plays":
      case "ddz-classify":
        return DouDizhuCli.run(args, out);
      case "renju-forbidden":
        return GomokuCli.run(args, out);
      default:
        out.println("error: unknown command '" + args.get(0) + "'");
        out.println(USAGE);
        return 2;
    }
  }
}
