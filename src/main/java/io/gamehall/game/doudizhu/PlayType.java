package io.gamehall.game.doudizhu;

/**
 * The fourteen play types, each with the stable snake_case name used by the CLI and documentation.
 */
public enum PlayType {
  SOLO("solo"),
  PAIR("pair"),
  TRIO("trio"),
  TRIO_SOLO("trio_solo"),
  TRIO_PAIR("trio_pair"),
  SOLO_CHAIN("solo_chain"),
  PAIR_CHAIN("pair_chain"),
  AIRPLANE("airplane"),
  AIRPLANE_SOLO("airplane_solo"),
  AIRPLANE_PAIR("airplane_pair"),
  FOUR_TWO_SOLO("four_two_solo"),
  FOUR_TWO_PAIR("four_two_pair"),
  BOMB("bomb"),
  ROCKET("rocket");

  private final String id;

  PlayType(String id) {
    this.id = id;
  }

  /** Stable snake_case name, e.g. {@code airplane_solo}. */
  public String id() {
    return id;
  }

  public static PlayType fromId(String id) {
    for (PlayType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown play type: " + id);
  }
}
