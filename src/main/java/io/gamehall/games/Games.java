package io.gamehall.games;

import io.gamehall.game.GameCatalog;
import io.gamehall.game.doudizhu.DouDizhuRules;
import io.gamehall.game.gomoku.GomokuRules;
import io.gamehall.game.xiangqi.XiangqiRules;
import java.util.List;

/**
 * The games GameHall ships: Gomoku, Xiangqi and Dou Dizhu. The hall builds its catalog once ({@link
 * GameCatalogProducer}); tests and tools call {@link #catalog()} for their own.
 */
public final class Games {

  private Games() {}

  /** A fresh catalog of the three games on every call. */
  public static GameCatalog catalog() {
    return new GameCatalog(List.of(new GomokuRules(), new XiangqiRules(), new DouDizhuRules()));
  }
}
