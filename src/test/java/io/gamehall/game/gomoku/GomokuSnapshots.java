package io.gamehall.game.gomoku;

import io.gamehall.game.Match;

/** Test access to the snapshot text as rendered in full, for benchmarks outside this package. */
public final class GomokuSnapshots {
  private GomokuSnapshots() {}

  public static String renderedInFull(Match match) {
    return ((GomokuMatch) match).snapshotRenderedInFull();
  }
}
