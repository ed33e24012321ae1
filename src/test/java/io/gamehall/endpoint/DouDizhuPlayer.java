package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.TableAction;
import io.gamehall.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple Dou Dizhu player for tests: passes whenever it may, else leads its lowest
 * single card.
 */
final class DouDizhuPlayer {
  private static final String RANKS = "3456789TJQKA2BR";

  private DouDizhuPlayer() {}

  /**
   * Plays one hand (through any redeals) at {@code table} from {@code seat}; returns the game's
   * {@code end} event.
   */
  static ServerMessage.Event playHand(TestClient client, String table, int seat) throws Exception {
    int acted = 0;
    while (true) {
      ServerMessage.Event next =
          client.await(
              ServerMessage.Event.class,
              e -> e.table().equals(table) && (e.kind().equals("end") || clockSeat(e) == seat),
              "my turn or the end of the hand");
      if (next.kind().equals("end")) {
        return next;
      }
      String id = "ddz-" + (++acted);
      TableFlows.send(client, id, table, new TableAction.Act("pass", null));
      ServerMessage answer = client.awaitAnswer(id, "answer to " + id);
      if (answer instanceof ServerMessage.Refused) {
        // The leader may not pass: lead the lowest card still in hand.
        String lead = "ddz-" + (++acted);
        TableFlows.send(
            client,
            lead,
            table,
            new TableAction.Act("play " + lowest(hand(client, table, seat)), null));
        ServerMessage led = client.awaitAnswer(lead, "answer to " + lead);
        assertTrue(TestClient.applied(led), "leading the lowest card was refused: " + led);
      }
      assertTrue(acted < 200, "the hand does not end");
    }
  }

  /**
   * The seat a clock names: a {@code clock} event's, or the one folded into a move's event; -1 if
   * the event carries none.
   */
  static int clockSeat(ServerMessage.Event e) {
    Map<String, Object> clock = e.data();
    if (!e.kind().equals("clock")) {
      if (!(e.data().get("clock") instanceof Map<?, ?> folded)) {
        return -1;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) folded;
      clock = data;
    }
    return ((Number) clock.get("seat")).intValue();
  }

  /**
   * The seat's hand now: the last dealt hand (plus the kitty if it became landlord) minus what it
   * played.
   */
  private static String hand(TestClient client, String table, int seat) {
    StringBuilder hand = new StringBuilder();
    for (ServerMessage.Event e : client.events(table)) {
      Map<String, Object> data = e.data();
      if (e.kind().equals("started")) {
        hand = new StringBuilder(String.valueOf(((Map<?, ?>) data.get("view")).get("hand")));
      } else if (e.kind().equals("deal") && data.get("hand") != null) {
        hand = new StringBuilder(String.valueOf(data.get("hand")));
      } else if (e.kind().equals("landlord") && ((Number) data.get("seat")).intValue() == seat) {
        hand.append(kitty(data.get("kitty")));
      } else if (e.kind().equals("play") && ((Number) data.get("seat")).intValue() == seat) {
        for (char rank : String.valueOf(data.get("ranks")).toCharArray()) {
          int at = hand.indexOf(String.valueOf(rank));
          if (at >= 0) {
            hand.deleteCharAt(at);
          }
        }
      }
    }
    return hand.toString();
  }

  private static String kitty(Object kitty) {
    if (kitty instanceof List) {
      StringBuilder ranks = new StringBuilder();
      ((List<?>) kitty).forEach(card -> ranks.append(String.valueOf(card).charAt(0)));
      return ranks.toString();
    }
    return String.valueOf(kitty);
  }

  private static char lowest(String hand) {
    char best = 0;
    for (char c : hand.toCharArray()) {
      if (RANKS.indexOf(c) >= 0 && (best == 0 || RANKS.indexOf(c) < RANKS.indexOf(best))) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The messages received during one deal, with that deal's commitment and its seed, revealed when
   * it ended.
   */
  record DealSegment(String commitment, String seed, List<ServerMessage> messages) {}

  /**
   * Splits what the client received at {@code table} by deal: the first deal starts with {@code
   * started} (its commitment in the view), each redeal with a {@code deal} event; a {@code redeal}
   * event reveals the seed of the deal it ends, the {@code end} event that of the last deal.
   */
  static List<DealSegment> dealSegments(
      List<ServerMessage> received, String table, ServerMessage.Event end) {
    List<DealSegment> segments = new ArrayList<>();
    List<ServerMessage> current = null;
    String commitment = null;
    String seed = null;
    for (ServerMessage m : received) {
      if (m instanceof ServerMessage.Event && ((ServerMessage.Event) m).table().equals(table)) {
        ServerMessage.Event e = (ServerMessage.Event) m;
        if (e.kind().equals("started")) {
          current = new ArrayList<>();
          commitment = String.valueOf(((Map<?, ?>) e.data().get("view")).get("commitment"));
        } else if (e.kind().equals("deal")) {
          segments.add(new DealSegment(commitment, seed, current));
          current = new ArrayList<>();
          commitment = String.valueOf(e.data().get("commitment"));
          seed = null;
        } else if (e.kind().equals("redeal")) {
          seed = String.valueOf(e.data().get("seed"));
        }
      }
      if (current != null) {
        current.add(m);
      }
    }
    segments.add(new DealSegment(commitment, String.valueOf(end.data().get("seed")), current));
    return segments;
  }

  /** Every string value anywhere in the trees of the events and snapshots received. */
  static List<String> stringsIn(List<ServerMessage> messages) {
    List<String> out = new ArrayList<>();
    for (ServerMessage m : messages) {
      if (m instanceof ServerMessage.Event) {
        collect(((ServerMessage.Event) m).data(), out);
      } else if (m instanceof ServerMessage.Snapshot) {
        collect(((ServerMessage.Snapshot) m).state(), out);
      }
    }
    return out;
  }

  private static void collect(Object tree, List<String> out) {
    if (tree instanceof String) {
      out.add((String) tree);
    } else if (tree instanceof Map) {
      ((Map<?, ?>) tree).values().forEach(v -> collect(v, out));
    } else if (tree instanceof List) {
      ((List<?>) tree).forEach(v -> collect(v, out));
    }
  }
}
