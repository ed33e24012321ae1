package io.gamehall.lobby;

import io.gamehall.cluster.ClusterMatchQueue;
import io.gamehall.cluster.ClusterService;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.GuardSettings;
import io.gamehall.config.Settings;
import io.gamehall.game.GameRules;
import io.gamehall.matching.MatchMaker;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageEncoder;
import io.gamehall.store.HallStore;
import io.gamehall.table.Command;
import io.gamehall.table.MatchRecord;
import io.gamehall.table.Phase;
import io.gamehall.table.Table;
import io.gamehall.table.TableSummary;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lobby: who watches the directory, quick-match queues, creating and joining tables. Directory
 * changes come from the tables (through the registry) and are pushed to every subscriber whose game
 * filter matches.
 */
@ApplicationScoped
public class Lobby {
  private static final Logger LOG = Logger.getLogger(Lobby.class.getName());
  @Inject TableRegistry tables;
  @Inject HallStore store;
  @Inject Scheduling scheduling;
  @Inject GuardSettings guard;
  private volatile boolean draining;
  private final Map<String, Subscription> subscribers = new ConcurrentHashMap<>();

  /** Stateless and thread-safe: lobby pushes are encoded here, once per push. */
  private final ServerMessageEncoder encoder = new ServerMessageEncoder();

  private final Map<String, LobbyMember> queued = new ConcurrentHashMap<>();
  @Inject Settings settings;
  // Replaced at start by one with the configured policy; the default serves beans built by hand.
  private MatchMaker matchMaker = new MatchMaker(MatchMaker.Policy.defaults());
  private ScheduledFuture<?> tick;

  /** Cluster mode: one matchmaker for the cluster instead of {@link #matchMaker}. */
  private volatile ClusterMatchQueue clusterQueue;

  @Inject ClusterService cluster;
  private final Map<String, String> queuedGame = new ConcurrentHashMap<>();

  /** Quick-match tables another node is opening, and this node's players waiting to sit there. */
  private final Map<String, Awaited> awaitedTables = new ConcurrentHashMap<>();

  private record Awaited(String game, List<LobbyMember> members) {}

  /** A subscriber and the game it filters on (null: all games). */
  private record Subscription(LobbyMember member, String game) {
    boolean wants(String g) {
      return game == null || game.equals(g);
    }
  }

  /**
   * Quick-match policy; the bot fill delay is {@code gamehall.match.bot.fill.seconds} (default 15).
   */
  private static MatchMaker.Policy policy(Settings settings) {
    MatchMaker.Policy d = MatchMaker.Policy.defaults();
    return new MatchMaker.Policy(
        d.initialBand(),
        d.widenPerSecond(),
        d.maxBand(),
        java.time.Duration.ofSeconds(
            settings.number("gamehall.match.bot.fill.seconds", d.botFillAfter().toSeconds())));
  }

  @PostConstruct
  void start() {
    matchMaker = new MatchMaker(policy(settings));
    tables.listen(this::tableChanged, this::tableRemoved, this::matchEnded);
    tick = scheduling.scheduler().scheduleWithFixedDelay(this::matchTick, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (tick != null) {
      tick.cancel(false);
    }
  }

  /** After the cluster node (APPLICATION + 600) and the registry joined it (+ 700). */
  void clusterReady(
      @jakarta.enterprise.event.Observes
          @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 710)
          @jakarta.enterprise.context.Initialized(ApplicationScoped.class)
          Object context) {
    if (cluster != null && cluster.matchQueue().isPresent()) {
      followClusterTables();
      cluster.onFormed(this::formed);
      useClusterQueue(cluster.matchQueue().get());
    }
  }

  /**
   * Cluster mode: quick match goes through {@code queue} (one matchmaker for the cluster), whose
   * formed groups must reach {@link #formed}.
   */
  public void useClusterQueue(ClusterMatchQueue queue) {
    clusterQueue = queue;
    tables.onPublished(this::published);
  }

  /** Cluster mode: other nodes' tables are pushed to this node's subscribers as they change. */
  public void followClusterTables() {
    tables.onRemoteListings(this::remoteTableChanged, this::tableRemoved);
  }

  public void subscribe(LobbyMember member, String re, String game) {
    subscribers.put(member.playerId(), new Subscription(member, game));
    member.send(new ServerMessage.Lobby(re, snapshot(game)));
  }

  public void unsubscribe(LobbyMember member) {
    subscribers.remove(member.playerId());
  }

  /**
   * The connection of {@code member} is gone: it stops receiving lobby pushes and leaves any queue.
   */
  public void gone(LobbyMember member) {
    // Only this connection's subscription: after a takeover the player's newer connection may have
    // subscribed.
    subscribers.computeIfPresent(member.playerId(), (id, s) -> s.member() == member ? null : s);
    if (queued.remove(member.playerId(), member)) {
      ClusterMatchQueue shared = clusterQueue;
      if (shared != null) {
        queuedGame.remove(member.playerId());
        shared.cancel(member.playerId());
      }
      synchronized (matchMaker) {
        matchMaker.cancel(member.playerId());
      }
    }
  }

  /** From now on no table is opened and nobody is queued; games already running go on. */
  public void drain() {
    draining = true;
    List<LobbyMember> waiting;
    synchronized (matchMaker) {
      waiting = new ArrayList<>(queued.values());
    }
    waiting.forEach(m -> cancelMatch(m, null));
  }

  /**
   * Refuses with DRAINING or TOO_MANY_TABLES, or returns true if {@code member} may take a seat at
   * another table.
   */
  private boolean mayOpen(LobbyMember member, String re, String tableId) {
    if (draining) {
      member.send(
          new ServerMessage.Error(
              re, ErrorCode.DRAINING, "the server is draining for maintenance"));
      return false;
    }
    java.util.Set<String> seated = tables.tablesOf(member.playerId());
    if (seated.size() >= guard.maxTablesPerPlayer()
        && (tableId == null || !seated.contains(tableId))) {
      member.send(
          new ServerMessage.Error(
              re,
              ErrorCode.TOO_MANY_TABLES,
              "you sit at " + seated.size() + " tables already; leave one first"));
      return false;
    }
    return true;
  }

  public void quickMatch(LobbyMember member, String re, String game, Map<String, String> options) {
    if (!mayOpen(member, re, null)) {
      return;
    }
    Optional<GameRules> rules = tables.catalog().find(game);
    if (rules.isEmpty()) {
      member.send(
          new ServerMessage.Error(re, ErrorCode.UNKNOWN_GAME, "no game '" + game + "' here"));
      return;
    }
    try {
      rules.get().options(options);
    } catch (IllegalArgumentException e) {
      member.send(new ServerMessage.Error(re, ErrorCode.INVALID_OPTIONS, e.getMessage()));
      return;
    }
    long since = System.currentTimeMillis();
    ClusterMatchQueue shared = clusterQueue;
    if (shared != null) {
      queued.put(member.playerId(), member);
      queuedGame.put(member.playerId(), game);
      shared.enqueue(
          member.playerId(),
          game,
          rules.get().maxSeats(),
          store.cachedRating(member.playerId(), game));
      member.send(new ServerMessage.Matching(re, game, true, null));
      return;
    }
    synchronized (matchMaker) {
      // Quick match ignores options beyond the game's defaults: players in one queue must agree on
      // the rules.
      matchMaker.enqueue(
          new MatchMaker.Ticket(
              member.playerId(),
              game,
              rules.get().maxSeats(),
              store.cachedRating(member.playerId(), game),
              since));
      queued.put(member.playerId(), member);
    }
    member.send(new ServerMessage.Matching(re, game, true, null));
    pushPresence(game);
    // The real rating loads off this thread (cached afterwards); the ticket takes it if it is still
    // waiting.
    store
        .rating(member.playerId(), game)
        .thenAccept(rating -> rerate(member.playerId(), game, rating))
        .exceptionally(
            e -> {
              LOG.log(Level.FINE, "rating lookup failed; queueing with the default", e);
              return null;
            });
  }

  private void rerate(String playerId, String game, int rating) {
    synchronized (matchMaker) {
      Optional<MatchMaker.Ticket> ticket = matchMaker.ticketOf(playerId);
      if (ticket.isPresent()
          && ticket.get().game().equals(game)
          && ticket.get().rating() != rating) {
        MatchMaker.Ticket t = ticket.get();
        matchMaker.cancel(playerId);
        matchMaker.enqueue(
            new MatchMaker.Ticket(playerId, game, t.seats(), rating, t.enqueuedMillis()));
      }
    }
  }

  public void cancelMatch(LobbyMember member, String re) {
    ClusterMatchQueue shared = clusterQueue;
    if (shared != null) {
      String game = queuedGame.remove(member.playerId());
      queued.remove(member.playerId());
      shared.cancel(member.playerId());
      if (game != null) {
        member.send(new ServerMessage.Matching(re, game, false, null));
      }
      return;
    }
    Optional<MatchMaker.Ticket> ticket;
    synchronized (matchMaker) {
      ticket = matchMaker.ticketOf(member.playerId());
      matchMaker.cancel(member.playerId());
      queued.remove(member.playerId());
    }
    ticket.ifPresent(
        t -> {
          member.send(new ServerMessage.Matching(re, t.game(), false, null));
          pushPresence(t.game());
        });
  }

  public void createTable(
      LobbyMember member,
      String re,
      String game,
      Map<String, String> options,
      boolean privateTable,
      boolean practice) {
    if (!mayOpen(member, re, null)) {
      return;
    }
    Optional<GameRules> rules = tables.catalog().find(game);
    if (rules.isEmpty()) {
      member.send(
          new ServerMessage.Error(re, ErrorCode.UNKNOWN_GAME, "no game '" + game + "' here"));
      return;
    }
    TableRegistry.Entry entry;
    try {
      entry = tables.create(rules.get(), options, privateTable, practice);
    } catch (IllegalArgumentException e) {
      member.send(new ServerMessage.Error(re, ErrorCode.INVALID_OPTIONS, e.getMessage()));
      return;
    }
    member.send(new ServerMessage.TableCreated(re, entry.table().id(), entry.code()));
    sit(member, entry.table(), re == null ? "create" : re);
    if (practice) {
      for (int i = 1; i < rules.get().maxSeats(); i++) {
        entry.table().addBot(Command.Sit.ANY_SEAT);
      }
    }
  }

  public void join(LobbyMember member, String re, String tableId, String code) {
    // In a cluster the table (or the code's table) may be owned by another node: the relay.
    Optional<TableHandle> table =
        tableId != null ? tables.handle(tableId) : tables.handleByCode(code);
    if (table.isEmpty()) {
      member.send(new ServerMessage.Error(re, ErrorCode.UNKNOWN_TABLE, "no such table"));
      return;
    }
    if (!mayOpen(member, re, table.get().id())) {
      return;
    }
    sit(member, table.get(), re == null ? "join" : re);
  }

  private void sit(LobbyMember member, Table table, String cid) {
    sit(member, new TableHandle.Local(table), cid);
  }

  private void sit(LobbyMember member, TableHandle table, String cid) {
    tables.seated(member.playerId(), table.id());
    table.submit(
        member, new Command.Sit(member.playerId(), cid, member.nickname(), Command.Sit.ANY_SEAT));
  }

  /** Forms quick-match groups; runs on the scheduler once a second. */
  void matchTick() {
    try {
      List<MatchMaker.Group> groups;
      synchronized (matchMaker) {
        groups = matchMaker.match(System.currentTimeMillis());
      }
      for (MatchMaker.Group group : groups) {
        seatGroup(group);
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is cancelled for good: log and keep matching.
      LOG.log(Level.WARNING, "quick-match tick failed", e);
    }
  }

  /**
   * A group the cluster's matchmaker formed (every node hears each once): its host opens the table
   * under an id derived from the group and seats its own players; the other nodes seat theirs
   * through the relay once the table is published.
   */
  public void formed(ClusterMatchQueue.Formed formed) {
    try {
      String tableId = TableRegistry.groupTableId(formed.id());
      List<LobbyMember> mine = new ArrayList<>();
      for (MatchMaker.Ticket ticket : formed.group().players()) {
        LobbyMember member = queued.remove(ticket.playerId());
        if (member != null) {
          queuedGame.remove(ticket.playerId());
          mine.add(member);
        }
      }
      if (formed.host().equals(tables.nodeName())) {
        GameRules rules = tables.catalog().find(formed.group().game()).orElseThrow();
        TableRegistry.Entry entry = tables.create(tableId, rules, Map.of(), false, false);
        TableHandle table = new TableHandle.Local(entry.table());
        mine.forEach(m -> seatMatched(m, table, formed.group().game()));
        for (int i = 0; i < formed.group().bots(); i++) {
          entry.table().addBot(Command.Sit.ANY_SEAT);
        }
      } else if (!mine.isEmpty()) {
        awaitedTables.put(tableId, new Awaited(formed.group().game(), mine));
        // Published before we listened: seat now (whoever removes the entry seats them).
        tables.handle(tableId).ifPresent(t -> published(tableId, null));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not seat quick-match group " + formed.id(), e);
    }
  }

  /** A table was published somewhere: if this node's matched players wait for it, they sit. */
  private void published(String tableId, String owner) {
    Awaited waiting = awaitedTables.remove(tableId);
    if (waiting == null) {
      return;
    }
    Optional<TableHandle> table = tables.handle(tableId);
    if (table.isEmpty()) {
      LOG.warning("quick-match table " + tableId + " was published but cannot be reached");
      return;
    }
    for (LobbyMember member : waiting.members()) {
      seatMatched(member, table.get(), waiting.game());
    }
  }

  private void seatMatched(LobbyMember member, TableHandle table, String game) {
    sit(member, table, "quick-" + table.id());
    // Quick-matched players start at once: nobody waits for a ready click.
    table.submit(member, new Command.Ready(member.playerId(), "ready-" + table.id(), true));
    member.send(new ServerMessage.Matching(null, game, false, table.id()));
  }

  private void seatGroup(MatchMaker.Group group) {
    GameRules rules = tables.catalog().find(group.game()).orElseThrow();
    TableRegistry.Entry entry = tables.create(rules, Map.of(), false, false);
    for (MatchMaker.Ticket ticket : group.players()) {
      LobbyMember member = queued.remove(ticket.playerId());
      if (member == null) {
        continue;
      }
      sit(member, entry.table(), "quick-" + entry.table().id());
      // Quick-matched players start at once: nobody waits for a ready click.
      entry
          .table()
          .submit(
              member.tableMember(),
              new Command.Ready(member.playerId(), "ready-" + entry.table().id(), true));
      member.send(new ServerMessage.Matching(null, group.game(), false, entry.table().id()));
    }
    for (int i = 0; i < group.bots(); i++) {
      entry.table().addBot(Command.Sit.ANY_SEAT);
    }
    pushPresence(group.game());
  }

  private void tableChanged(TableRegistry.Entry entry) {
    if (entry.listed()) {
      push(entry.summary().game(), "table", Map.of("table", summary(entry.summary())));
    }
  }

  private void remoteTableChanged(TableRegistry.Listing listing) {
    if (listing.listed()) {
      push(listing.summary().game(), "table", Map.of("table", summary(listing.summary())));
    }
  }

  void tableRemoved(String tableId) {
    broadcast(new ServerMessage.LobbyUpdate("table_removed", Map.of("table", tableId)), s -> true);
  }

  /**
   * Called on the table's queue: storing (and rating) happens on the store's executor, never here.
   */
  private void matchEnded(MatchRecord record) {
    LOG.fine(() -> "match ended at " + record.tableId() + ": " + record.result().reason());
    if (store.available()) {
      store.recordMatch(record);
    }
  }

  private void pushPresence(String game) {
    push(game, "presence", Map.of("game", game, "presence", presence(game)));
  }

  private void push(String game, String kind, Map<String, Object> data) {
    broadcast(new ServerMessage.LobbyUpdate(kind, data), s -> s.wants(game));
  }

  /** Sends {@code update} to the subscribers it is for, encoded once (if anyone wants it). */
  private void broadcast(ServerMessage update, Predicate<Subscription> wants) {
    String text = null;
    for (Subscription s : subscribers.values()) {
      if (wants.test(s)) {
        text = text == null ? encoder.encode(update) : text;
        s.member().sendEncoded(text);
      }
    }
  }

  Map<String, Object> snapshot(String game) {
    List<Object> games = new ArrayList<>();
    for (String id : tables.catalog().ids()) {
      GameRules rules = tables.catalog().find(id).orElseThrow();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", id);
      entry.put("minSeats", rules.minSeats());
      entry.put("maxSeats", rules.maxSeats());
      entry.put("presence", presence(id));
      games.add(entry);
    }
    List<Object> listed = new ArrayList<>();
    for (TableRegistry.Listing entry : tables.listings()) {
      if (entry.listed() && (game == null || game.equals(entry.summary().game()))) {
        listed.add(summary(entry.summary()));
      }
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("games", games);
    state.put("tables", listed);
    return state;
  }

  private Map<String, Object> presence(String game) {
    int playing = 0;
    for (TableRegistry.Listing entry : tables.listings()) {
      if (entry.summary().game().equals(game)) {
        playing += entry.summary().humans();
      }
    }
    int waiting;
    ClusterMatchQueue shared = clusterQueue;
    if (shared != null) {
      waiting = shared.waitingFor(game);
    } else {
      synchronized (matchMaker) {
        waiting = matchMaker.waitingFor(game);
      }
    }
    return Map.of("playing", playing, "waiting", waiting);
  }

  static Map<String, Object> summary(TableSummary s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", s.tableId());
    out.put("game", s.game());
    out.put(
        "state", s.phase() == Phase.FILLING && s.seatsTaken() == 0 ? "created" : state(s.phase()));
    out.put("seats", s.seats());
    out.put("seatsTaken", s.seatsTaken());
    out.put("spectators", s.spectators());
    out.put("practice", s.practice());
    out.put("spectatable", s.spectatable());
    return out;
  }

  /** The directory's four states. */
  static String state(Phase phase) {
    switch (phase) {
      case FILLING:
        return "filling";
      case PLAYING:
        return "playing";
      case FINISHED:
        return "finished";
      default:
        return phase.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
