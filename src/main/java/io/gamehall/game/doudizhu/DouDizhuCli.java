package io.gamehall.game.doudizhu;

import java.io.PrintStream;
import java.util.List;

/**
 * Command-line entry points for inspecting the play catalogue; wired into the shared main
 * elsewhere.
 */
public final class DouDizhuCli {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage:",
          "  ddz-plays               print every distinct play from a full deck: <ranks>\\t<type>",
          "  ddz-classify <ranks>    print the play type of <ranks>, or 'invalid'",
          "ranks use the alphabet "
              + Rank.ALPHABET
              + " (T=10, B=black joker, R=red joker), any order");

  private DouDizhuCli() {}

  /** Runs one command; returns 0 on success and 2 (after printing a message) on bad input. */
  public static int run(List<String> args, PrintStream out) {
    if (args.isEmpty()) {
      return usage(out, "no command given");
    }
    switch (args.get(0)) {
      case "ddz-plays" -> {
        if (args.size() != 1) {
          return usage(out, "ddz-plays takes no arguments");
        }
        StringBuilder sb = new StringBuilder(27_471 * 16);
        for (Play p : PlayEnumerator.allPlays()) {
          sb.append(p.ranks()).append('\t').append(p.type().id()).append('\n');
        }
        out.print(sb);
        out.flush();
        return 0;
      }
      case "ddz-classify" -> {
        if (args.size() != 2) {
          return usage(out, "ddz-classify takes exactly one argument");
        }
        RankCounts ranks;
        try {
          ranks = RankCounts.parse(args.get(1));
        } catch (IllegalArgumentException e) {
          return usage(out, e.getMessage());
        }
        out.println(PlayClassifier.classify(ranks).map(p -> p.type().id()).orElse("invalid"));
        return 0;
      }
      default -> {
        return usage(out, "unknown command: " + args.get(0));
      }
    }
  }

  private static int usage(PrintStream out, String problem) {
    out.println("error: " + problem);
    out.println(USAGE);
    return 2;
  }
}
