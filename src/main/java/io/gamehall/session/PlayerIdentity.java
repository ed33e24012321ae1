package io.gamehall.session;

/** Who a connection speaks for once welcomed. */
public record PlayerIdentity(String playerId, String nickname) {}
