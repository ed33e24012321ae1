/**
 * The game SPI: what a game implements to be played at a hall table. Pure Java, no container
 * imports; each game lives in its own sub-package with its rules engine, its bot and its adapter to
 * this SPI.
 *
 * <p>Views and event data are plain trees of {@code String}, {@code Number}, {@code Boolean},
 * {@code List}, {@code Map} (string keys) and {@code null}, so the protocol layer can write any
 * game's state as JSON without the game knowing about JSON.
 */
package io.gamehall.game;
