package io.gamehall.game.xiangqi;

import io.gamehall.game.Match;

/** Test access to the snapshot text as rendered in full, for benchmarks outside this package. */
public final class XiangqiSnapshots {
  private XiangqiSnapshots() {}

  public static String renderedInFull(Match match) {
    return ((XiangqiMatch) match).snapshotRenderedInFull();
  }
}
