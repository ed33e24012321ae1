package io.gamehall.account;

import io.gamehall.store.HallStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The stored records a player reads through the socket (history, one match, replay frames,
 * leaderboards) and the "player seen" write, for the session layer, which does not reach the store
 * itself. The store's "unavailable" failure arrives as {@link ServiceUnavailable}; others pass
 * through.
 */
@ApplicationScoped
public class PlayerRecords {
  @Inject HallStore store;

  /** A player's last-seen time is kept to within ten minutes, per node. */
  private final SeenThrottle seenThrottle =
      new SeenThrottle(600_000, 100_000, System::currentTimeMillis);

  /**
   * Records a welcomed player (at most once per ten minutes per player and nickname on this node);
   * failures are logged by the store, never shown to the player.
   */
  public void seen(String playerId, String nickname) {
    if (seenThrottle.shouldWrite(playerId, nickname)) {
      store.seen(playerId, nickname);
    }
  }

  public CompletableFuture<Map<String, Object>> history(String playerId, int offset, int limit) {
    return translate(store.history(playerId, offset, limit));
  }

  public CompletableFuture<Optional<Map<String, Object>>> match(String matchId) {
    return translate(store.game(matchId));
  }

  public CompletableFuture<Optional<Map<String, Object>>> replay(String matchId, int ply) {
    return translate(store.replay(matchId, ply));
  }

  public CompletableFuture<Map<String, Object>> leaderboard(String game, int offset, int limit) {
    return translate(store.leaderboard(game, offset, limit));
  }

  /** The leaderboard lines of the named players (a table's seats), wherever they stand. */
  public CompletableFuture<Map<String, Object>> standings(String game, List<String> playerIds) {
    return translate(store.standings(game, playerIds));
  }

  private static <T> CompletableFuture<T> translate(CompletableFuture<T> pending) {
    CompletableFuture<T> out = new CompletableFuture<>();
    pending.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            out.complete(value);
            return;
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          out.completeExceptionally(
              cause instanceof HallStore.Unavailable
                  ? new ServiceUnavailable(cause.getMessage(), cause)
                  : cause);
        });
    return out;
  }
}
