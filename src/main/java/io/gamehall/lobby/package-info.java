/**
 * The lobby: presence, the live table directory, quick match with widening rating bands, private
 * table codes.
 */
package io.gamehall.lobby;
