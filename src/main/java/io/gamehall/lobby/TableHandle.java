package io.gamehall.lobby;

import io.gamehall.cluster.Relay;
import io.gamehall.table.Command;
import io.gamehall.table.Table;

/**
 * A table as a connection uses it, wherever it runs: on this node ({@link Local}) or owned by
 * another node and reached through the relay ({@link Remote}). The operations are {@link Table}'s,
 * with the member's connection in place of its table member.
 */
public sealed interface TableHandle {
  String id();

  void submit(LobbyMember from, Command command);

  void resume(LobbyMember from, long lastSeq);

  void disconnected(LobbyMember from);

  void silent(LobbyMember from, boolean silent);

  /** A table on this node. */
  record Local(Table table) implements TableHandle {
    @Override
    public String id() {
      return table.id();
    }

    @Override
    public void submit(LobbyMember from, Command command) {
      table.submit(from.tableMember(), command);
    }

    @Override
    public void resume(LobbyMember from, long lastSeq) {
      table.resume(from.playerId(), from.tableMember(), lastSeq);
    }

    @Override
    public void disconnected(LobbyMember from) {
      table.disconnected(from.playerId(), from.tableMember());
    }

    @Override
    public void silent(LobbyMember from, boolean silent) {
      if (silent) {
        table.silent(from.playerId(), from.tableMember());
      } else {
        table.heard(from.playerId(), from.tableMember());
      }
    }
  }

  /** A table owned by {@code owner}: commands go there, its outputs come back as wire text. */
  record Remote(String id, String owner, Relay relay) implements TableHandle {
    @Override
    public void submit(LobbyMember from, Command command) {
      relay.submit(id, owner, from, command);
    }

    @Override
    public void resume(LobbyMember from, long lastSeq) {
      relay.resume(id, owner, from, from.playerId(), lastSeq);
    }

    @Override
    public void disconnected(LobbyMember from) {
      relay.gone(id, from, from.playerId());
    }

    @Override
    public void silent(LobbyMember from, boolean silent) {
      relay.silent(id, from, from.playerId(), silent);
    }
  }
}
