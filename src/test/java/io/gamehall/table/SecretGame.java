package io.gamehall.table;

import io.gamehall.game.DrawableMatch;
import io.gamehall.game.Event;
import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import io.gamehall.game.UndoableMatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A three-seat test game with hidden information: every {@code pass} deals each seat a card only it
 * may see (the string {@code SECRET-<seat>-<round>}), and each seat's view holds its hand {@code
 * HAND-<seat>}. After six passes seat 0 wins. Any leak shows up as a foreign {@code SECRET-} or
 * {@code HAND-} marker in a member's outputs.
 */
final class SecretGame implements GameRules {
  @Override
  public String id() {
    return "secrets";
  }

  @Override
  public int minSeats() {
    return 3;
  }

  @Override
  public int maxSeats() {
    return 3;
  }

  @Override
  public Map<String, String> options(Map<String, String> requested) {
    return Map.copyOf(requested);
  }

  @Override
  public Match start(int seats, Map<String, String> options, byte[] seed) {
    return new Secrets();
  }

  static final class Secrets implements DrawableMatch, UndoableMatch {
    private int passes;
    private Result result;

    @Override
    public int toAct() {
      return result == null ? passes % 3 : -1;
    }

    @Override
    public Step apply(int seat, String action) {
      if (!action.equals("pass")) {
        return new Step.Rejected("malformed", "only pass");
      }
      passes++;
      Map<Integer, Map<String, Object>> secrets = new HashMap<>();
      for (int s = 0; s < 3; s++) {
        secrets.put(s, Map.of("card", "SECRET-" + s + "-" + passes));
      }
      if (passes == 6) {
        result = new Result(List.of(0), Map.of(0, 2, 1, -1, 2, -1), Result.EndReason.WIN, "six");
      }
      return new Step.Accepted(
          List.of(new Event("passed", Map.of("seat", seat, "round", passes), secrets)));
    }

    @Override
    public Optional<Result> result() {
      return Optional.ofNullable(result);
    }

    @Override
    public Map<String, Object> view(int seat) {
      return Map.of("passes", passes, "hand", "HAND-" + seat);
    }

    @Override
    public Map<String, Object> publicView() {
      return Map.of("passes", passes);
    }

    @Override
    public String defaultAction(int seat) {
      return "pass";
    }

    @Override
    public Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled) {
      return () -> "pass";
    }

    @Override
    public Result resign(int seat) {
      result = new Result(List.of((seat + 1) % 3), Map.of(), Result.EndReason.RESIGN, "");
      return result;
    }

    @Override
    public Result abandon(int seat) {
      result = new Result(List.of((seat + 1) % 3), Map.of(), Result.EndReason.ABANDONMENT, "");
      return result;
    }

    @Override
    public Optional<Result> agreeDraw() {
      return Optional.empty();
    }

    @Override
    public Optional<List<Event>> undo(int seat) {
      return Optional.empty();
    }
  }
}
