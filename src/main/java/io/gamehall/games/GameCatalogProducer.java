package io.gamehall.games;

import io.gamehall.game.GameCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the hall's one {@link GameCatalog} injectable, so every bean sees the same games. */
@ApplicationScoped
public class GameCatalogProducer {
  private final GameCatalog catalog = Games.catalog();

  @Produces
  public GameCatalog catalog() {
    return catalog;
  }
}
