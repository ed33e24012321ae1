package io.gamehall.game.gomoku;

/** The supported rule variants. */
public enum Variant {
  /** Five or more in a row wins for both colours. */
  FREESTYLE,
  /** Exactly five wins; an overline of six or more wins for neither colour. */
  STANDARD,
  /**
   * RIF Renju: black has fouls (double-three, double-four, overline) and needs exactly five; white
   * wins with five or more.
   */
  RENJU;

  /** Whether a line of {@code length} stones of {@code colour} wins under this variant. */
  public boolean isWinningRun(Stone colour, int length) {
    return switch (this) {
      case FREESTYLE -> length >= 5;
      case STANDARD -> length == 5;
      case RENJU -> colour == Stone.WHITE ? length >= 5 : length == 5;
    };
  }
}
