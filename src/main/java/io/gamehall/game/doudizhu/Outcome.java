package io.gamehall.game.doudizhu;

import java.util.List;

/**
 * The result of a finished hand. {@code unit = baseScore * bid * multiplier}, where the multiplier is
 * 2 per bomb or rocket played times 2 for spring or anti-spring; the landlord gains or loses 2 units and
 * each farmer the opposite 1 unit, so {@code scores} (indexed by seat) always sum to zero.
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
