package io.gamehall.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamehall.games.Games;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import io.gamehall.table.TableMember;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lobby subscriptions across a takeover: the older connection going away must not unsubscribe the
 * newer one.
 */
class LobbySubscriptionTest {
  /** A connection that records what the lobby sends it. */
  private static final class Member implements LobbyMember {
    final List<ServerMessage> received = new ArrayList<>();

    @Override
    public String playerId() {
      return "g-same-player";
    }

    @Override
    public String nickname() {
      return "Ann";
    }

    @Override
    public void send(ServerMessage message) {
      received.add(message);
    }

    @Override
    public void sendEncoded(String text) {
      try {
        received.add(new ServerMessageDecoder().decode(text));
      } catch (jakarta.websocket.DecodeException e) {
        throw new AssertionError("the lobby encoded something undecodable: " + text, e);
      }
    }

    @Override
    public TableMember tableMember() {
      return out -> {};
    }
  }

  @Test
  void theReplacedConnectionGoingAwayLeavesTheNewSubscriptionInPlace() {
    Lobby lobby = new Lobby();
    lobby.tables = new TableRegistry();
    lobby.tables.catalog = Games.catalog();
    Member old = new Member();
    Member fresh = new Member();
    lobby.subscribe(old, "a", null);
    lobby.subscribe(fresh, "b", null);
    lobby.gone(old);
    lobby.tableRemoved("t-gone");
    assertEquals(
        List.of(
            new ServerMessage.LobbyUpdate("table_removed", java.util.Map.of("table", "t-gone"))),
        fresh.received.subList(1, fresh.received.size()),
        "the new connection still gets lobby pushes");
    lobby.gone(fresh);
    lobby.tableRemoved("t-later");
    assertEquals(2, fresh.received.size(), "and none once it is gone itself");
  }
}
