/**
 * Player identity: guest ids and the signed session tokens that let a reconnecting client be the
 * same player.
 */
package io.gamehall.identity;
