package io.gamehall.game;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * One game in progress. Confined to its table: the table calls it from one thread at a time (its
 * serial queue), so implementations need no locks. Actions are strings in the game's own notation
 * (Gomoku {@code H8}, Xiangqi ICCS {@code h2e2}, Dou Dizhu {@code bid 2}, {@code play 33344},
 * {@code pass}); docs/rules.md lists them. Agreed draws and undo are optional capabilities ({@link
 * DrawableMatch}, {@link UndoableMatch}).
 */
public interface Match {
  /** The seat expected to act now, or -1 when the match is over. */
  int toAct();

  /**
   * Applies {@code action} for {@code seat}. A rejected action leaves the match exactly as it was.
   */
  Step apply(int seat, String action);

  /** The result, once the rules have ended the match. */
  Optional<Result> result();

  /** What {@code seat} may see: everything public plus that seat's own hidden information. */
  Map<String, Object> view(int seat);

  /**
   * What the seat to act may play now, for its own copy of the turn's {@code clock} event: the
   * {@code legal} list (Xiangqi, Dou Dizhu) and, where the game has them, points it must not play
   * ({@code forbidden}, Renju black). Empty for another seat. Taken from {@link #view}; a game may
   * compute it more cheaply.
   */
  default Map<String, Object> turnHints(int seat) {
    if (seat != toAct()) {
      return Map.of();
    }
    Map<String, Object> view = view(seat);
    Map<String, Object> hints = new java.util.LinkedHashMap<>();
    for (String key : List.of("legal", "forbidden")) {
      if (view.get(key) != null) {
        hints.put(key, view.get(key));
      }
    }
    return hints;
  }

  /** What spectators may see: public information only. */
  Map<String, Object> publicView();

  /**
   * A legal action for the seat to act, chosen without thought: used when its clock runs out (托管).
   */
  String defaultAction(int seat);

  /**
   * A bot's decision for {@code seat}, to run off the table's thread: the callable works on a copy
   * (or on the seat's view) taken now, stops by {@code budget} or when {@code cancelled} says so,
   * and returns an action. The table applies it only if the match has not moved on meanwhile.
   */
  Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled);

  /** Ends the match with {@code seat} resigning. */
  Result resign(int seat);

  /** Ends the match because {@code seat} left and did not come back within the grace window. */
  Result abandon(int seat);

  /**
   * The whole rules state of a running match in this game's own stable, versioned text form (hidden
   * information included: it is for the server's own storage, never for clients), or empty if the
   * game cannot be saved. {@link GameRules#restore} reads it back into a match that behaves exactly
   * like this one from here on.
   */
  default Optional<String> snapshot() {
    return Optional.empty();
  }
}
