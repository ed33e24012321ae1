/**
 * Gomoku rules engine (freestyle, standard and Renju variants), a threat-search bot and a small
 * CLI.
 *
 * <p>Pure Java without container dependencies so the game SPI adapter can wrap it and tests run
 * fast.
 */
package io.gamehall.game.gomoku;
