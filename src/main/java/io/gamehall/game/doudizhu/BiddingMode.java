package io.gamehall.game.doudizhu;

/** How the landlord is chosen: the 1/2/3-point auction, or the 叫地主/抢地主 call-and-rob variant. */
public enum BiddingMode {
  /** Each seat once: pass or bid 1-3 above the highest; 3 ends it; the highest bidder wins. */
  POINTS,
  /**
   * Each seat once: pass or call (叫) while nobody has called, then pass or rob (抢); if anyone
   * robbed, the caller gets a last chance to rob back. The last caller or robber wins; each rob
   * doubles.
   */
  CALL_AND_ROB
}
