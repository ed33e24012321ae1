package io.gamehall.game.doudizhu;

/** Table settings: the base score that bids and doublings multiply. */
public record GameOptions(int baseScore) {

    public static final GameOptions DEFAULT = new GameOptions(1);

    public GameOptions {
        if (baseScore < 1) {
            throw new IllegalArgumentException("base score must be positive");
        }
    }
}
