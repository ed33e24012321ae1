package io.gamehall.game;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The games this hall offers, by id. Immutable. */
public final class GameCatalog {
  private final Map<String, GameRules> byId;

  public GameCatalog(List<GameRules> games) {
    this.byId =
        games.stream().collect(Collectors.toUnmodifiableMap(GameRules::id, Function.identity()));
  }

  public Optional<GameRules> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<String> ids() {
    return byId.keySet().stream().sorted().toList();
  }
}
