/**
 * The games this hall ships, assembled: the catalog of the game packages (built once and injected)
 * and the command-line rules tool. Kept out of the SPI package so that {@code io.gamehall.game}
 * depends on no game.
 */
package io.gamehall.games;
