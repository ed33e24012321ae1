/**
 * Xiangqi (Chinese chess) rules engine: positions, FEN/ICCS notation, perft, game adjudication and
 * a bot.
 *
 * <p>Pure Java with no container dependencies so the game SPI adapter can wrap it and tests can run
 * it directly.
 */
package io.gamehall.game.xiangqi;
