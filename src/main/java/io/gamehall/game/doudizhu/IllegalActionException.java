package io.gamehall.game.doudizhu;

/**
 * Thrown when a seat acts out of turn or attempts an action the rules forbid; the game is
 * unchanged.
 */
public final class IllegalActionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public IllegalActionException(String message) {
    super(message);
  }
}
