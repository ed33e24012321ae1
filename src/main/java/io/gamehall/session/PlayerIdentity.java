package io.gamehall.session;

import io.gamehall.identity.SessionTokens;

/**
 * Who a connection speaks for once welcomed; {@code account} is the device session of a signed-in
 * account (carried in its tokens), null for a guest.
 */
public record PlayerIdentity(
    String playerId, String nickname, SessionTokens.AccountSession account) {

  /** A guest. */
  public PlayerIdentity(String playerId, String nickname) {
    this(playerId, nickname, null);
  }
}
