package io.gamehall.game.gomoku;

/** Why a move was refused. */
public enum Rejection {
  /** The move was null or its text could not be parsed. */
  MALFORMED,
  /** The point lies outside the 15x15 board. */
  OUT_OF_BOARD,
  /** The point already holds a stone. */
  OCCUPIED,
  /** The game has already ended. */
  GAME_OVER,
  /** A Renju foul by black; the move is refused rather than losing, as on common online servers. */
  FORBIDDEN
}
