package io.gamehall.table;

import io.gamehall.game.DrawableMatch;
import io.gamehall.game.Event;
import io.gamehall.game.GameRules;
import io.gamehall.game.Match;
import io.gamehall.game.Result;
import io.gamehall.game.Step;
import io.gamehall.game.UndoableMatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A two-seat test game: seats take turns adding 1 to 3 ({@code add 2}) to a total; whoever reaches
 * the target (option {@code target}, default 10) wins. Option {@code bot} picks the bot's
 * behaviour: {@code good} answers {@code add 2}, {@code fail} throws, {@code illegal} answers
 * {@code add 9}.
 */
final class CountingGame implements GameRules {
  @Override
  public String id() {
    return "counting";
  }

  @Override
  public int minSeats() {
    return 2;
  }

  @Override
  public int maxSeats() {
    return 2;
  }

  @Override
  public Map<String, String> options(Map<String, String> requested) {
    Map<String, String> options = new HashMap<>(Map.of("target", "10", "bot", "good"));
    for (Map.Entry<String, String> e : requested.entrySet()) {
      if (!options.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown option " + e.getKey());
      }
      options.put(e.getKey(), e.getValue());
    }
    return Map.copyOf(options);
  }

  @Override
  public Match start(int seats, Map<String, String> options, byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed must be 32 bytes");
    }
    return new Counting(Integer.parseInt(options.get("target")), options.get("bot"));
  }

  static final class Counting implements DrawableMatch, UndoableMatch {
    private final int target;
    private final String bot;
    private final Deque<int[]> history = new ArrayDeque<>();
    private int total;
    private int toAct;
    private Result result;

    Counting(int target, String bot) {
      this.target = target;
      this.bot = bot;
    }

    @Override
    public int toAct() {
      return result == null ? toAct : -1;
    }

    @Override
    public Step apply(int seat, String action) {
      if (result != null) {
        return new Step.Rejected("over", "over");
      }
      if (seat != toAct) {
        return new Step.Rejected("not_your_turn", "wait");
      }
      if (action.equals("explode")) {
        throw new IllegalStateException("a bug in the game");
      }
      int n;
      try {
        if (!action.startsWith("add ")) {
          return new Step.Rejected("malformed", "say add N");
        }
        n = Integer.parseInt(action.substring(4));
      } catch (NumberFormatException e) {
        return new Step.Rejected("malformed", "say add N");
      }
      if (n < 1 || n > 3) {
        return new Step.Rejected("out_of_range", "add 1 to 3");
      }
      total += n;
      history.push(new int[] {seat, n});
      toAct = 1 - seat;
      if (total >= target) {
        result =
            new Result(
                List.of(seat), Map.of(seat, 1, 1 - seat, -1), Result.EndReason.WIN, "target");
      }
      return new Step.Accepted(
          List.of(Event.of("added", Map.of("seat", seat, "n", n, "total", total))));
    }

    @Override
    public Optional<Result> result() {
      return Optional.ofNullable(result);
    }

    @Override
    public Map<String, Object> view(int seat) {
      return Map.of("total", total, "toAct", toAct(), "you", seat);
    }

    @Override
    public Map<String, Object> publicView() {
      return Map.of("total", total, "toAct", toAct());
    }

    @Override
    public String defaultAction(int seat) {
      return "add 1";
    }

    @Override
    public Callable<String> bot(int seat, Duration budget, BooleanSupplier cancelled) {
      String mode = bot;
      return () -> {
        if (mode.equals("fail")) {
          throw new IllegalStateException("bot exploded");
        }
        return mode.equals("illegal") ? "add 9" : "add 2";
      };
    }

    @Override
    public Result resign(int seat) {
      result =
          new Result(List.of(1 - seat), Map.of(seat, -1, 1 - seat, 1), Result.EndReason.RESIGN, "");
      return result;
    }

    @Override
    public Result abandon(int seat) {
      result =
          new Result(
              List.of(1 - seat), Map.of(seat, -1, 1 - seat, 1), Result.EndReason.ABANDONMENT, "");
      return result;
    }

    @Override
    public Optional<Result> agreeDraw() {
      result = new Result(List.of(), Map.of(0, 0, 1, 0), Result.EndReason.AGREED_DRAW, "");
      return Optional.of(result);
    }

    @Override
    public Optional<List<Event>> undo(int seat) {
      if (history.stream().noneMatch(m -> m[0] == seat)) {
        return Optional.empty();
      }
      List<Event> events = new ArrayList<>();
      int[] move;
      do {
        move = history.pop();
        total -= move[1];
        events.add(Event.of("undone", Map.of("seat", move[0], "n", move[1], "total", total)));
      } while (move[0] != seat);
      toAct = seat;
      return Optional.of(events);
    }
  }
}
