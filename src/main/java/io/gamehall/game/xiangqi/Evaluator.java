package io.gamehall.game.xiangqi;

/**
 * Static evaluation: material plus a few positional terms, from the side to move's point of view.
 */
final class Evaluator {

  private Evaluator() {}

  /** Material value of a piece type code; the general is never traded, so it scores nothing. */
  static int value(int type) {
    return switch (type) {
      case Position.ADVISOR, Position.ELEPHANT -> 200;
      case Position.HORSE -> 400;
      case Position.CHARIOT -> 900;
      case Position.CANNON -> 450;
      case Position.SOLDIER -> 100;
      default -> 0;
    };
  }

  static int evaluate(Position pos) {
    int score = 0;
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        int p = pos.pieceCode(Position.sq(f, r));
        if (p == Position.EMPTY) {
          continue;
        }
        int s = p >> 3;
        int v = value(p & 7) + positional(p & 7, f, s == Position.RED ? r : 9 - r);
        score += s == Position.RED ? v : -v;
      }
    }
    return pos.sideIndex() == Position.RED ? score : -score;
  }

  /** Bonus for a piece on file f, {@code ownRank} ranks up from its own back rank. */
  private static int positional(int type, int f, int ownRank) {
    int centrality = 4 - Math.abs(f - 4);
    return switch (type) {
      // A soldier across the river can move sideways and is worth about two; near the palace it
      // attacks.
      case Position.SOLDIER ->
          ownRank >= 5 ? 100 + (ownRank >= 6 && ownRank <= 8 && centrality >= 2 ? 30 : 0) : 0;
      case Position.HORSE -> centrality * 6 + Math.min(ownRank, 7) * 4;
      case Position.CANNON -> centrality * 3;
      case Position.CHARIOT -> Math.min(ownRank, 6) * 3;
      default -> 0;
    };
  }
}
