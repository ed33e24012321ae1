package io.gamehall.game.doudizhu;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Supplies a game with deals: fair seeded deals in production, fixed layouts for tests and replays.
 */
@FunctionalInterface
public interface DealSource {

  /** The next deal; called once at the start and again after every all-pass redeal. */
  DealtCards next();

  /**
   * A deal plus, when it came from a seed, the commitment published now and the seed revealed
   * later.
   */
  record DealtCards(Deal deal, Optional<String> commitment, Optional<String> seedHex) {}

  /** Seeded fair deals, one fresh seed from {@code seeds} per deal. */
  static DealSource fair(Supplier<byte[]> seeds) {
    return () -> {
      byte[] seed = seeds.get();
      return new DealtCards(
          FairDeal.deal(seed),
          Optional.of(FairDeal.commitment(seed)),
          Optional.of(HexFormat.of().formatHex(seed)));
    };
  }

  /** Seeded fair deals with seeds drawn from {@code random}. */
  static DealSource fair(SecureRandom random) {
    return fair(() -> FairDeal.newSeed(random));
  }

  /**
   * The given layouts in turn, repeating the last one; no commitments (tests, puzzles, replays).
   */
  static DealSource fixed(Deal... deals) {
    List<Deal> list = List.of(deals);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("need at least one deal");
    }
    int[] next = {0};
    return () -> {
      Deal d = list.get(Math.min(next[0], list.size() - 1));
      next[0]++;
      return new DealtCards(d, Optional.empty(), Optional.empty());
    };
  }
}
