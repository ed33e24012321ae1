package io.gamehall.lobby;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.table.TableMember;

/** A welcomed player's live connection, as the lobby sees it (the session layer implements it). */
public interface LobbyMember {
  String playerId();

  String nickname();

  /** Queues a message; never blocks. */
  void send(ServerMessage message);

  /**
   * Queues a message already encoded with {@code ServerMessageEncoder}: a push that goes to many
   * subscribers is encoded once for all of them. Never blocks.
   */
  void sendEncoded(String text);

  /**
   * This connection as a table member: the same object for every table, so tables can tell
   * connections apart.
   */
  TableMember tableMember();
}
