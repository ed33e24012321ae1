package io.gamehall.game.xiangqi;

import java.util.Optional;

/**
 * What happened when a move was played: the capture, whether it gave check, and the game result
 * after it.
 */
public record MoveOutcome(Move move, Optional<Piece> captured, boolean check, GameResult result) {}
