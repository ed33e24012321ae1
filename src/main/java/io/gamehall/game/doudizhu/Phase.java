package io.gamehall.game.doudizhu;

/** The phases of one Dou Dizhu game; a redeal after all-pass bidding stays in BIDDING. */
public enum Phase {
  BIDDING,
  PLAYING,
  FINISHED
}
