package io.gamehall.game.gomoku;

/** Kinds of forbidden move for black under Renju rules. */
public enum Foul {
  DOUBLE_THREE("double-three"),
  DOUBLE_FOUR("double-four"),
  OVERLINE("overline");

  private final String label;

  Foul(String label) {
    this.label = label;
  }

  /** Lower-case hyphenated name used in CLI output and protocol messages. */
  public String label() {
    return label;
  }
}
