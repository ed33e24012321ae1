package io.gamehall.game.doudizhu;

/** Card suits; they never affect play strength and exist so clients can draw distinct cards. */
public enum Suit {
  SPADES('S'),
  HEARTS('H'),
  CLUBS('C'),
  DIAMONDS('D'),
  JOKER('J');

  private final char symbol;

  Suit(char symbol) {
    this.symbol = symbol;
  }

  public char symbol() {
    return symbol;
  }
}
