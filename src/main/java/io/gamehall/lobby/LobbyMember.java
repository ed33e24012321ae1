package io.gamehall.lobby;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.table.TableMember;

/** A welcomed player's live connection, as the lobby sees it (the session layer implements it). */
public interface LobbyMember extends io.gamehall.cluster.Relay.Client {
  String playerId();

  String nickname();

  /** Queues a message; never blocks. */
  void send(ServerMessage message);

  /**
   * Queues a message already encoded with {@code ServerMessageEncoder}: a push that goes to many
   * subscribers is encoded once for all of them. Never blocks.
   */
  @Override
  void sendEncoded(String text);

  /** A relay dropped this connection (its queue to this node overflowed); a socket closes. */
  @Override
  default void relayDropped() {}

  /**
   * This connection as a table member: the same object for every table, so tables can tell
   * connections apart.
   */
  @Override
  TableMember tableMember();
}
