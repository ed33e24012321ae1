package io.gamehall.matching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quick-match queues, one per game. Players who wait longer accept wider rating gaps; after {@code
 * botFillAfter} a waiting player is seated with bots in the free seats. Not thread-safe: the lobby
 * calls it under its own lock.
 */
public final class MatchMaker {
  /** One player waiting for a {@code seats}-player game. */
  public record Ticket(String playerId, String game, int seats, int rating, long enqueuedMillis) {}

  /** Players to seat together, plus how many bots fill the remaining seats. */
  public record Group(String game, List<Ticket> players, int bots) {}

  /** How the acceptable rating gap grows with waiting time. */
  public record Policy(int initialBand, int widenPerSecond, int maxBand, Duration botFillAfter) {
    public static Policy defaults() {
      return new Policy(100, 25, 1000, Duration.ofSeconds(15));
    }
  }

  private final Policy policy;

  /** Insertion order is waiting order: the longest-waiting player is served first. */
  private final Map<String, Ticket> waiting = new LinkedHashMap<>();

  public MatchMaker(Policy policy) {
    this.policy = policy;
  }

  /** Queues a player, replacing any earlier ticket of theirs. */
  public void enqueue(Ticket ticket) {
    waiting.remove(ticket.playerId());
    waiting.put(ticket.playerId(), ticket);
  }

  public boolean cancel(String playerId) {
    return waiting.remove(playerId) != null;
  }

  public Optional<Ticket> ticketOf(String playerId) {
    return Optional.ofNullable(waiting.get(playerId));
  }

  public int waitingFor(String game) {
    return (int) waiting.values().stream().filter(t -> t.game().equals(game)).count();
  }

  /** The rating gap {@code ticket} accepts at {@code now}. */
  int band(Ticket ticket, long now) {
    long waitedSeconds = Math.max(0, now - ticket.enqueuedMillis()) / 1000;
    return (int)
        Math.min(policy.maxBand(), policy.initialBand() + waitedSeconds * policy.widenPerSecond());
  }

  /** Forms every group possible at {@code now} and removes its players from the queues. */
  public List<Group> match(long now) {
    List<Group> groups = new ArrayList<>();
    for (Ticket anchor : new ArrayList<>(waiting.values())) {
      if (!waiting.containsKey(anchor.playerId())) {
        continue;
      }
      List<Ticket> group = new ArrayList<>(List.of(anchor));
      // Closest ratings first, each accepted only if every member's band covers it.
      waiting.values().stream()
          .filter(t -> t != anchor && t.game().equals(anchor.game()) && t.seats() == anchor.seats())
          .sorted(Comparator.comparingInt(t -> Math.abs(t.rating() - anchor.rating())))
          .forEach(
              candidate -> {
                if (group.size() < anchor.seats() && acceptsAll(group, candidate, now)) {
                  group.add(candidate);
                }
              });
      if (group.size() == anchor.seats()) {
        group.forEach(t -> waiting.remove(t.playerId()));
        groups.add(new Group(anchor.game(), List.copyOf(group), 0));
      } else if (now - anchor.enqueuedMillis() >= policy.botFillAfter().toMillis()) {
        group.forEach(t -> waiting.remove(t.playerId()));
        groups.add(new Group(anchor.game(), List.copyOf(group), anchor.seats() - group.size()));
      }
    }
    return groups;
  }

  private boolean acceptsAll(List<Ticket> group, Ticket candidate, long now) {
    for (Ticket member : group) {
      int gap = Math.abs(member.rating() - candidate.rating());
      if (gap > band(member, now) || gap > band(candidate, now)) {
        return false;
      }
    }
    return true;
  }
}
