package io.gamehall.store;

import java.util.Set;

/**
 * Elo ratings for two or more seats. Every pair of seats on opposite sides is one game between them
 * (a win, a loss, or a draw when nobody won); teammates (Dou Dizhu's farmers) do not play each
 * other. A seat's change is its K times the mean over its opponents of (score - expected score), so
 * the landlord's two pairings weigh as one game.
 *
 * <p>K is 40 for a player's first {@value #PROVISIONAL_GAMES} rated games in that game, 20 after
 * (FIDE uses the same two values): a new player reaches their level quickly, an established one
 * moves steadily. Seats listed as protected (the players left behind by someone who abandoned)
 * never lose points.
 */
public final class Elo {
  public static final int START = 1500;
  public static final int PROVISIONAL_GAMES = 20;
  public static final int K_PROVISIONAL = 40;
  public static final int K_ESTABLISHED = 20;

  /** No rating drops below this, so the scale stays readable. */
  public static final int FLOOR = 100;

  private Elo() {}

  /**
   * New ratings for every seat.
   *
   * @param ratings the seats' ratings before the match
   * @param games rated games each seat has played before this one (chooses K)
   * @param winners the winning seats, empty for a draw
   * @param protectedSeats seats that may gain but never lose
   */
  public static int[] update(
      int[] ratings, int[] games, Set<Integer> winners, Set<Integer> protectedSeats) {
    int n = ratings.length;
    int[] after = new int[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      int opponents = 0;
      for (int j = 0; j < n; j++) {
        if (i == j) {
          continue;
        }
        double score;
        if (winners.isEmpty()) {
          score = 0.5;
        } else if (winners.contains(i) == winners.contains(j)) {
          continue;
        } else {
          score = winners.contains(i) ? 1 : 0;
        }
        sum += score - expected(ratings[i], ratings[j]);
        opponents++;
      }
      int k = games[i] < PROVISIONAL_GAMES ? K_PROVISIONAL : K_ESTABLISHED;
      long delta = opponents == 0 ? 0 : Math.round(k * sum / opponents);
      if (protectedSeats.contains(i) && delta < 0) {
        delta = 0;
      }
      after[i] = (int) Math.max(FLOOR, ratings[i] + delta);
    }
    return after;
  }

  /** The expected score of a player rated {@code a} against one rated {@code b}. */
  static double expected(int a, int b) {
    return 1.0 / (1.0 + Math.pow(10, (b - a) / 400.0));
  }
}
