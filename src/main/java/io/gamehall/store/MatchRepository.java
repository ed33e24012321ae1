package io.gamehall.store;

import io.gamehall.game.Result;
import io.gamehall.table.MatchRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finished matches and ratings. Storing a match and moving its players' ratings is one transaction:
 * history and ratings never disagree. Each public method is a transaction; callers run it through
 * {@link StoreExecutor}.
 */
@ApplicationScoped
@Transactional
public class MatchRepository {
  @PersistenceContext(unitName = "gamehall")
  EntityManager em;

  /**
   * Stores {@code record} under {@code matchId} and, if it is rated, updates the ratings of its
   * players. Returns the new rating of each rated player (empty when unrated, or when the id was
   * stored already: a retry is harmless).
   */
  public Map<String, Integer> record(String matchId, MatchRecord record, long now) {
    if (em.find(MatchEntity.class, matchId) != null) {
      return Map.of();
    }
    int n = record.players().size();
    for (int s = 0; s < n; s++) {
      if (!record.bots().get(s) && em.find(PlayerEntity.class, record.players().get(s)) == null) {
        em.persist(new PlayerEntity(record.players().get(s), record.nicknames().get(s), now));
      }
    }
    // Ratings reference players: make them exist first whatever order the provider would pick.
    em.flush();
    Result result = record.result();
    Set<Integer> winners = new HashSet<>(result.winners());
    boolean rated = record.rated() && new HashSet<>(record.players()).size() == n;
    MatchEntity m = new MatchEntity(matchId);
    m.tableId = record.tableId();
    m.game = record.game();
    m.options = optionsJson(record.options());
    m.seatCount = n;
    m.seed = record.seedHex();
    m.commitment = record.commitment();
    m.revealedSeed = record.revealedSeed();
    m.reason = result.reason().name().toLowerCase(Locale.ROOT);
    m.detail = result.detail();
    m.winners = result.winners().stream().map(String::valueOf).collect(Collectors.joining(","));
    m.rated = rated;
    m.startedAt = record.startedAtMillis();
    m.endedAt = record.endedAtMillis();
    m.durationMs = record.durationMillis();
    RatingEntity[] rows = new RatingEntity[n];
    int[] after = new int[n];
    if (rated) {
      int[] before = new int[n];
      int[] games = new int[n];
      for (int s = 0; s < n; s++) {
        // Locked, so two matches of one player finishing together cannot lose either update.
        rows[s] =
            em.find(
                RatingEntity.class,
                new RatingEntity.Key(record.players().get(s), record.game()),
                LockModeType.PESSIMISTIC_WRITE);
        if (rows[s] == null) {
          rows[s] = new RatingEntity(record.players().get(s), record.game());
          em.persist(rows[s]);
        }
        before[s] = rows[s].rating;
        games[s] = rows[s].games;
      }
      Set<Integer> protectedSeats = new HashSet<>();
      if (record.abandonedBy() >= 0) {
        for (int s = 0; s < n; s++) {
          if (s != record.abandonedBy()) {
            protectedSeats.add(s);
          }
        }
      }
      after = Elo.update(before, games, winners, protectedSeats);
    }
    Map<String, Integer> changed = new LinkedHashMap<>();
    for (int s = 0; s < n; s++) {
      MatchEntity.SeatRow seat = new MatchEntity.SeatRow();
      boolean bot = record.bots().get(s);
      seat.playerId = bot ? null : record.players().get(s);
      seat.nickname = record.nicknames().get(s);
      seat.bot = bot;
      seat.points = result.points().getOrDefault(s, 0);
      seat.outcome = winners.isEmpty() ? "draw" : winners.contains(s) ? "win" : "loss";
      if (rated) {
        RatingEntity row = rows[s];
        seat.ratingBefore = row.rating;
        seat.ratingAfter = after[s];
        row.rating = after[s];
        row.games++;
        row.wins += seat.outcome.equals("win") ? 1 : 0;
        row.losses += seat.outcome.equals("loss") ? 1 : 0;
        row.draws += seat.outcome.equals("draw") ? 1 : 0;
        row.updatedAt = now;
        changed.put(row.playerId, row.rating);
      }
      m.seats.add(seat);
    }
    for (MatchRecord.Move move : record.moves()) {
      m.moves.add(new MatchEntity.MoveRow(move.seat(), move.action(), move.atMillis()));
    }
    em.persist(m);
    return changed;
  }

  /**
   * Cluster mode: {@link #record} only while {@code fence} still owns the match's table; empty when
   * another node has claimed it since (that node records the match, so it is rated once). The owner
   * row stays locked until this transaction ends, so a claim cannot slip in between.
   */
  public Optional<Map<String, Integer>> recordFenced(
      String matchId, MatchRecord record, long now, OwnerFence fence) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT owner_node, epoch FROM table_owner WHERE table_id = ? FOR UPDATE")
            .setParameter(1, record.tableId())
            .getResultList();
    if (rows.size() != 1) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    if (!fence.node().equals(row[0]) || fence.epoch() != ((Number) row[1]).longValue()) {
      return Optional.empty();
    }
    return Optional.of(record(matchId, record, now));
  }

  /**
   * A page of {@code playerId}'s matches, newest first, without move logs; and how many there are
   * in all.
   */
  public Page<StoredMatch> history(String playerId, int offset, int limit) {
    List<MatchEntity> found =
        em.createQuery(
                "SELECT m FROM MatchEntity m JOIN m.seats s WHERE s.playerId = :p ORDER BY m.endedAt DESC, m.id",
                MatchEntity.class)
            .setParameter("p", playerId)
            .setFirstResult(offset)
            .setMaxResults(limit)
            .getResultList();
    // A player sits at most once in a match, so its seat rows count its matches. Plain SQL: the
    // JPQL count over the
    // element-collection join came back 0 on WildFly's H2 (2.2.224) while the same page query found
    // the rows.
    long total =
        ((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM match_seat WHERE player_id = ?1")
                    .setParameter(1, playerId)
                    .getSingleResult())
            .longValue();
    List<StoredMatch> items = new ArrayList<>();
    for (MatchEntity m : found) {
      items.add(detach(m, false));
    }
    return new Page<>(items, offset, total);
  }

  /** One match with its move log. */
  public Optional<StoredMatch> find(String matchId) {
    MatchEntity m = em.find(MatchEntity.class, matchId);
    return m == null ? Optional.empty() : Optional.of(detach(m, true));
  }

  /**
   * The rating of {@code playerId} in {@code game}, or {@link Elo#START} if it has played no rated
   * match.
   */
  public int rating(String playerId, String game) {
    RatingEntity row = em.find(RatingEntity.class, new RatingEntity.Key(playerId, game));
    return row == null ? Elo.START : row.rating;
  }

  /** One leaderboard line. */
  public record Standing(
      int rank,
      String playerId,
      String nickname,
      int rating,
      int games,
      int wins,
      int losses,
      int draws) {}

  /** A page of a result list and the full count. */
  public record Page<T>(List<T> items, int offset, long total) {}

  /**
   * A page of {@code game}'s leaderboard: highest rating first, ties by most games then id, so
   * pages are stable.
   */
  public Page<Standing> leaderboard(String game, int offset, int limit) {
    List<Object[]> rows =
        em.createQuery(
                "SELECT r, p.nickname FROM RatingEntity r, PlayerEntity p WHERE p.id = r.playerId AND r.game = :g"
                    + " ORDER BY r.rating DESC, r.games DESC, r.playerId",
                Object[].class)
            .setParameter("g", game)
            .setFirstResult(offset)
            .setMaxResults(limit)
            .getResultList();
    long total =
        em.createQuery("SELECT COUNT(r) FROM RatingEntity r WHERE r.game = :g", Long.class)
            .setParameter("g", game)
            .getSingleResult();
    List<Standing> items = new ArrayList<>();
    for (Object[] row : rows) {
      RatingEntity r = (RatingEntity) row[0];
      items.add(
          new Standing(
              offset + items.size() + 1,
              r.playerId,
              (String) row[1],
              r.rating,
              r.games,
              r.wins,
              r.losses,
              r.draws));
    }
    return new Page<>(items, offset, total);
  }

  /**
   * The leaderboard lines of {@code playerIds} in {@code game}, in board order, each with its rank
   * over the whole board; a player without a rated match has no line.
   */
  public List<Standing> standings(String game, Collection<String> playerIds) {
    List<Object[]> rows =
        em.createQuery(
                "SELECT r, p.nickname FROM RatingEntity r, PlayerEntity p WHERE p.id = r.playerId"
                    + " AND r.game = :g AND r.playerId IN :ids"
                    + " ORDER BY r.rating DESC, r.games DESC, r.playerId",
                Object[].class)
            .setParameter("g", game)
            .setParameter("ids", playerIds)
            .getResultList();
    List<Standing> lines = new ArrayList<>();
    for (Object[] row : rows) {
      RatingEntity r = (RatingEntity) row[0];
      // The board's own order, counted: higher rating, then more games, then a smaller id.
      long ahead =
          em.createQuery(
                  "SELECT COUNT(o) FROM RatingEntity o WHERE o.game = :g AND (o.rating > :rating"
                      + " OR (o.rating = :rating AND (o.games > :games"
                      + " OR (o.games = :games AND o.playerId < :id))))",
                  Long.class)
              .setParameter("g", game)
              .setParameter("rating", r.rating)
              .setParameter("games", r.games)
              .setParameter("id", r.playerId)
              .getSingleResult();
      lines.add(
          new Standing(
              (int) ahead + 1,
              r.playerId,
              (String) row[1],
              r.rating,
              r.games,
              r.wins,
              r.losses,
              r.draws));
    }
    return lines;
  }

  private static StoredMatch detach(MatchEntity m, boolean withMoves) {
    List<StoredMatch.Seat> seats = new ArrayList<>();
    for (int s = 0; s < m.seats.size(); s++) {
      MatchEntity.SeatRow r = m.seats.get(s);
      seats.add(
          new StoredMatch.Seat(
              s,
              r.playerId,
              r.nickname,
              r.bot,
              r.points,
              r.outcome,
              r.ratingBefore,
              r.ratingAfter));
    }
    List<MatchRecord.Move> moves = new ArrayList<>();
    if (withMoves) {
      for (MatchEntity.MoveRow r : m.moves) {
        moves.add(new MatchRecord.Move(r.seat, r.action, r.atMs));
      }
    }
    List<Integer> winners = new ArrayList<>();
    for (String w : m.winners.split(",")) {
      if (!w.isEmpty()) {
        winners.add(Integer.parseInt(w));
      }
    }
    return new StoredMatch(
        m.id,
        m.tableId,
        m.game,
        options(m.options),
        m.seatCount,
        m.seed,
        m.commitment,
        m.revealedSeed,
        m.reason,
        m.detail,
        winners,
        m.rated,
        m.startedAt,
        m.endedAt,
        m.durationMs,
        seats,
        moves);
  }

  static String optionsJson(Map<String, String> options) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    new java.util.TreeMap<>(options).forEach(b::add);
    return b.build().toString();
  }

  static Map<String, String> options(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    try (jakarta.json.JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject obj = reader.readObject();
      obj.forEach(
          (k, v) ->
              out.put(k, v instanceof JsonString ? ((JsonString) v).getString() : v.toString()));
    }
    return out;
  }
}
