package io.gamehall.store;

import io.gamehall.game.GameCatalog;
import io.gamehall.game.GameRules;
import io.gamehall.table.MatchRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the hall asks of the database, always asynchronously: the socket threads and table queues
 * hand work to {@link StoreExecutor} and answer when it completes. Turns stored rows into the plain
 * trees the protocol sends.
 *
 * <p>Where no JPA is deployed (the embedded test tier runs bare CDI) the repositories are not
 * resolvable: {@link #available()} is false, the hall plays on with default ratings and store
 * requests answer "unavailable".
 */
@ApplicationScoped
public class HallStore {
  private static final Logger LOG = Logger.getLogger(HallStore.class.getName());

  /**
   * Cached ratings kept at most; past it the cache starts over (a miss costs one primary-key read).
   */
  private static final int RATING_CACHE_MAX = 100_000;

  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  @Inject Instance<PlayerRepository> players;
  @Inject Instance<MatchRepository> matches;
  @Inject StoreExecutor executor;
  @Inject GameCatalog catalog;
  private final Map<String, Integer> ratings = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * The store could not do what was asked (no database here, or it failed): the client gets a typed
   * error.
   */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(message);
    }
  }

  public boolean available() {
    return players.isResolvable() && matches.isResolvable();
  }

  /** Records a welcomed player; failures are logged, never shown to the player. */
  public void seen(String playerId, String nickname) {
    if (available()) {
      run(() -> {
            players.get().seen(playerId, nickname, System.currentTimeMillis());
            return null;
          })
          .exceptionally(e -> log("could not record player " + playerId, e));
    }
  }

  /**
   * Cluster mode: how match records are fenced. {@code fence} gives the fence this node holds for a
   * table (none: not its table, nothing is recorded here); {@code recording} hears of each record
   * in flight (a closing table releases its owner row only after it); {@code lost} hears of a table
   * whose record the fence refused.
   */
  public interface MatchFencing {
    Optional<OwnerFence> fence(String tableId);

    void recording(String tableId, CompletableFuture<?> done);

    void lost(String tableId);
  }

  private volatile MatchFencing fencing;

  /** From now on match records are fenced (cluster mode); set once at start-up. */
  public void fenceMatches(MatchFencing fencing) {
    this.fencing = fencing;
  }

  /** Stores a finished match and moves ratings in the same transaction, off the table's queue. */
  public CompletableFuture<Map<String, Integer>> recordMatch(MatchRecord record) {
    MatchFencing fenced = fencing;
    if (fenced != null) {
      return recordFenced(record, fenced);
    }
    String matchId = newMatchId();
    return run(() ->
            KeyConflicts.retried(
                () -> matches.get().record(matchId, record, System.currentTimeMillis())))
        .whenComplete(
            (changed, failure) -> {
              if (failure != null) {
                log("could not store the match of table " + record.tableId(), failure);
              } else {
                changed.forEach((player, rating) -> cacheRating(player, record.game(), rating));
              }
            });
  }

  private CompletableFuture<Map<String, Integer>> recordFenced(
      MatchRecord record, MatchFencing fenced) {
    Optional<OwnerFence> fence = fenced.fence(record.tableId());
    if (fence.isEmpty()) {
      LOG.warning(
          () -> "match of table " + record.tableId() + " not recorded: this node does not own it");
      return CompletableFuture.completedFuture(Map.of());
    }
    // The same match restored on another node after a failover ends with the same id: a record
    // that landed before the claim is not stored (nor rated) a second time.
    String matchId = matchIdOf(record);
    CompletableFuture<Map<String, Integer>> done =
        run(() ->
                KeyConflicts.retried(
                    () ->
                        matches
                            .get()
                            .recordFenced(matchId, record, System.currentTimeMillis(), fence.get())
                            .orElse(null)))
            .thenApply(
                changed -> {
                  if (changed == null) {
                    fenced.lost(record.tableId());
                    return Map.<String, Integer>of();
                  }
                  changed.forEach((player, rating) -> cacheRating(player, record.game(), rating));
                  return changed;
                });
    done.exceptionally(e -> log("could not store the match of table " + record.tableId(), e));
    fenced.recording(record.tableId(), done);
    return done;
  }

  /** A match's id in cluster mode: the same for the same table and starting seed, on any node. */
  public static String matchIdOf(MatchRecord record) {
    byte[] digest;
    try {
      digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  (record.tableId()
                          + '\u0000'
                          + record.seedHex()
                          + '\u0000'
                          + record.startedAtMillis())
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder id = new StringBuilder("m-");
    for (int i = 0; i < 20; i++) {
      id.append(ID_ALPHABET[digest[i] & 31]);
    }
    return id.toString();
  }

  /** The rating quick match should use now: the cached one, or the default while it loads. */
  public int cachedRating(String playerId, String game) {
    Integer cached = ratings.get(key(playerId, game));
    return cached != null ? cached : Elo.START;
  }

  /** The player's rating in {@code game}, from the cache or the database. */
  public CompletableFuture<Integer> rating(String playerId, String game) {
    Integer cached = ratings.get(key(playerId, game));
    if (cached != null || !available()) {
      return CompletableFuture.completedFuture(cached != null ? cached : Elo.START);
    }
    return run(() -> matches.get().rating(playerId, game))
        .thenApply(
            r -> {
              cacheRating(playerId, game, r);
              return r;
            });
  }

  /** A page of a player's history as a protocol tree. */
  public CompletableFuture<Map<String, Object>> history(String playerId, int offset, int limit) {
    return run(
        () -> {
          MatchRepository.Page<StoredMatch> page = matches.get().history(playerId, offset, limit);
          List<Object> items = new ArrayList<>();
          page.items().forEach(m -> items.add(summary(m)));
          return pageTree("player", playerId, page.offset(), limit, page.total(), "matches", items);
        });
  }

  /**
   * One stored match with its moves, its fairness data and, for Xiangqi, a PGN export; empty if
   * unknown.
   */
  public CompletableFuture<Optional<Map<String, Object>>> game(String matchId) {
    return run(
        () ->
            matches
                .get()
                .find(matchId)
                .map(
                    m -> {
                      Map<String, Object> tree = summary(m);
                      List<Object> moves = new ArrayList<>();
                      m.moves().forEach(move -> moves.add(Replays.move(move)));
                      tree.put("moves", moves);
                      tree.put("seed", m.seed());
                      tree.put("commitment", m.commitment());
                      tree.put("revealedSeed", m.revealedSeed());
                      Optional<GameRules> rules = catalog.find(m.game());
                      if (m.game().equals("xiangqi") && rules.isPresent()) {
                        tree.put("pgn", Replays.xiangqiPgn(rules.get(), m));
                      }
                      return tree;
                    }));
  }

  /** The position of a stored match after {@code ply} actions; empty if the match is unknown. */
  public CompletableFuture<Optional<Map<String, Object>>> replay(String matchId, int ply) {
    return run(
        () ->
            matches
                .get()
                .find(matchId)
                .map(
                    m ->
                        Replays.frame(
                            catalog
                                .find(m.game())
                                .orElseThrow(() -> new Unavailable("no game " + m.game())),
                            m,
                            ply)));
  }

  /** A page of a game's leaderboard as a protocol tree. */
  public CompletableFuture<Map<String, Object>> leaderboard(String game, int offset, int limit) {
    return run(
        () -> {
          MatchRepository.Page<MatchRepository.Standing> page =
              matches.get().leaderboard(game, offset, limit);
          List<Object> items = new ArrayList<>();
          page.items().forEach(s -> items.add(tree(s)));
          return pageTree("game", game, page.offset(), limit, page.total(), "entries", items);
        });
  }

  /** The leaderboard lines of the named players as a protocol tree (those without one left out). */
  public CompletableFuture<Map<String, Object>> standings(String game, List<String> playerIds) {
    return run(
        () -> {
          List<Object> lines = new ArrayList<>();
          matches.get().standings(game, playerIds).forEach(s -> lines.add(tree(s)));
          Map<String, Object> tree = new LinkedHashMap<>();
          tree.put("game", game);
          tree.put("players", new ArrayList<Object>(playerIds));
          tree.put("entries", lines);
          return tree;
        });
  }

  /**
   * Runs {@code work} on the store's executor, or fails with {@link Unavailable} without a
   * database.
   */
  public <T> CompletableFuture<T> run(Supplier<T> work) {
    if (!available()) {
      return CompletableFuture.failedFuture(new Unavailable("no database on this server"));
    }
    return executor.submit(work);
  }

  private static Map<String, Object> pageTree(
      String ownerKey,
      String owner,
      int offset,
      int limit,
      long total,
      String itemsKey,
      List<Object> items) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put(ownerKey, owner);
    tree.put("offset", offset);
    tree.put("limit", limit);
    tree.put("total", total);
    tree.put(itemsKey, items);
    return tree;
  }

  private static Map<String, Object> summary(StoredMatch m) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("match", m.id());
    tree.put("game", m.game());
    tree.put("options", new LinkedHashMap<String, Object>(m.options()));
    tree.put("table", m.tableId());
    tree.put("reason", m.reason());
    tree.put("detail", m.detail());
    tree.put("winners", m.winners());
    tree.put("rated", m.rated());
    tree.put("startedAt", m.startedAt());
    tree.put("endedAt", m.endedAt());
    tree.put("durationMs", m.durationMs());
    List<Object> seats = new ArrayList<>();
    m.seats().forEach(s -> seats.add(tree(s)));
    tree.put("seats", seats);
    return tree;
  }

  /**
   * A flat record of plain values as a protocol tree: its components in declaration order, by name.
   */
  static Map<String, Object> tree(Record record) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        tree.put(c.getName(), c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
    }
    return tree;
  }

  private void cacheRating(String playerId, String game, int rating) {
    if (ratings.size() >= RATING_CACHE_MAX) {
      ratings.clear();
    }
    ratings.put(key(playerId, game), rating);
  }

  private static String key(String playerId, String game) {
    return game + '\n' + playerId;
  }

  private String newMatchId() {
    StringBuilder id = new StringBuilder("m-");
    for (int i = 0; i < 20; i++) {
      id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  private static <T> T log(String what, Throwable failure) {
    LOG.log(Level.WARNING, what, failure);
    return null;
  }
}
