/**
 * A player's connection: its bounded outbox, heartbeat bookkeeping and the conversation state
 * before and after {@code welcome}. Nothing here blocks on a socket.
 */
package io.gamehall.session;
