package io.gamehall.table;

/** One occupied seat: who sits there, their connection and their per-match flags. */
final class Seat {
  final String playerId;
  final String nickname;
  final boolean bot;

  /** Null while the player is disconnected, and always for a bot. */
  TableMember member;

  boolean ready;
  boolean rematch;
  boolean trustee;
  long bankMillis;
  long offlineDeadline;
  long graceToken;
  Cancellable graceTimer = Cancellable.NONE;

  /** Restored from a snapshot and not reconnected since. */
  boolean awaitingReturn;

  /** Connected, but nothing heard from its socket for two heartbeats: shown offline. */
  boolean silent;

  Seat(String playerId, String nickname, boolean bot) {
    this.playerId = playerId;
    this.nickname = nickname;
    this.bot = bot;
  }
}
