package io.gamehall.game.xiangqi;

/** Why a game ended; {@link #NONE} while it is still going. */
public enum EndReason {
  NONE,
  /** The side to move is in check and has no legal move; it loses. */
  CHECKMATE,
  /** The side to move is not in check but has no legal move; in Xiangqi it loses too. */
  STALEMATE,
  /**
   * Threefold repetition in which one side checked with every move of the cycle and the other did
   * not.
   */
  PERPETUAL_CHECK,
  /** Threefold repetition without a lone perpetual checker. */
  REPETITION_DRAW,
  /** 60 moves by each side (120 plies) without a capture. */
  NO_CAPTURE_DRAW
}
