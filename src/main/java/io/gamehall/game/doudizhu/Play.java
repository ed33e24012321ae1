package io.gamehall.game.doudizhu;

import java.util.Objects;

/**
 * A classified play: type, rank multiset, and the main rank compared when beating (chains: lowest
 * rank).
 */
public record Play(PlayType type, RankCounts ranks, Rank main) {

  public Play {
    Objects.requireNonNull(type);
    Objects.requireNonNull(ranks);
    Objects.requireNonNull(main);
  }

  public int size() {
    return ranks.size();
  }

  public boolean isBomb() {
    return type == PlayType.BOMB;
  }

  public boolean isRocket() {
    return type == PlayType.ROCKET;
  }

  /** Bombs and the rocket double the score when played. */
  public boolean doubles() {
    return isBomb() || isRocket();
  }

  /**
   * Whether this play may follow {@code previous}: the rocket beats everything, a bomb beats any
   * non-bomb and lower bombs, otherwise type and card count must match and the main rank be higher.
   */
  public boolean beats(Play previous) {
    if (isRocket()) {
      return !previous.isRocket();
    }
    if (previous.isRocket()) {
      return false;
    }
    if (isBomb()) {
      return !previous.isBomb() || main.compareTo(previous.main) > 0;
    }
    if (previous.isBomb()) {
      return false;
    }
    return type == previous.type && size() == previous.size() && main.compareTo(previous.main) > 0;
  }

  @Override
  public String toString() {
    return ranks + " " + type.id();
  }
}
