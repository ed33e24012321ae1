package io.gamehall.game.doudizhu;

import java.util.List;

/**
 * A finished hand's result: unit = base * bid * multiplier, landlord ±2 units, each farmer ∓1 unit.
 */
public record Outcome(
    int landlord,
    boolean landlordWon,
    int baseScore,
    int bid,
    int bombsAndRockets,
    boolean spring,
    boolean antiSpring,
    int multiplier,
    int unit,
    List<Integer> scores) {

  public Outcome {
    scores = List.copyOf(scores);
  }

  /** Seats on the winning side: the landlord alone, or both farmers. */
  public List<Integer> winners() {
    if (landlordWon) {
      return List.of(landlord);
    }
    return List.of((landlord + 1) % 3, (landlord + 2) % 3);
  }
}
