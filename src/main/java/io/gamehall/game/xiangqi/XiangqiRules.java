package io.gamehall.game.xiangqi;

import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import java.util.Map;

/**
 * Xiangqi for two seats (seat 0 red, moving first; seat 1 black) behind the game SPI; it takes no
 * options.
 */
public final class XiangqiRules implements GameRules {

  @Override
  public String id() {
    return "xiangqi";
  }

  @Override
  public int minSeats() {
    return 2;
  }

  @Override
  public int maxSeats() {
    return 2;
  }

  @Override
  public Map<String, String> options(Map<String, String> requested) {
    if (requested != null && !requested.isEmpty()) {
      throw new IllegalArgumentException(
          "Xiangqi has no table options (got '" + requested.keySet().iterator().next() + "')");
    }
    return Map.of();
  }

  @Override
  public Match start(int seats, Map<String, String> options, byte[] seed) {
    if (seats != 2) {
      throw new IllegalArgumentException("Xiangqi is played by exactly 2 players, not " + seats);
    }
    options(options);
    return new XiangqiMatch(XiangqiGame.newGame());
  }

  @Override
  public Match restore(int seats, Map<String, String> options, String snapshot) {
    if (seats != 2) {
      throw new IllegalArgumentException("Xiangqi is played by exactly 2 players, not " + seats);
    }
    options(options);
    return XiangqiMatch.restore(snapshot);
  }
}
