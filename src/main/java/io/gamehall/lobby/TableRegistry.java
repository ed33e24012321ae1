package io.gamehall.lobby;

import io.gamehall.cluster.ClusterDirectory;
import io.gamehall.cluster.ClusterService;
import io.gamehall.cluster.HallDirectory;
import io.gamehall.cluster.OwnedTables;
import io.gamehall.cluster.Relay;
import io.gamehall.concurrent.Scheduling;
import io.gamehall.config.Settings;
import io.gamehall.game.GameCatalog;
import io.gamehall.game.GameRules;
import io.gamehall.protocol.ServerMessageEncoder;
import io.gamehall.store.OwnerFence;
import io.gamehall.table.MatchRecord;
import io.gamehall.table.ScheduledTableClock;
import io.gamehall.table.Table;
import io.gamehall.table.TableListener;
import io.gamehall.table.TableOutput;
import io.gamehall.table.TableRuntime;
import io.gamehall.table.TableSettings;
import io.gamehall.table.TableSpec;
import io.gamehall.table.TableState;
import io.gamehall.table.TableSummary;
import io.gamehall.table.TrusteePolicy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Creates, finds and disposes tables, and keeps the private-table codes. Tables tell it (through
 * their listener) when they change, end a match or empty, and it passes that on to the lobby.
 */
@ApplicationScoped
public class TableRegistry {
  private static final Logger LOG = Logger.getLogger(TableRegistry.class.getName());
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  /** A live table, its join code if private, and its latest summary. */
  public record Entry(Table table, String code, TableSummary summary) {
    public boolean listed() {
      return code == null;
    }
  }

  private final Map<String, Entry> tables = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> seatedTables = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  @Inject GameCatalog catalog;
  @Inject Settings config;
  private TableSettings settings;
  @Inject Scheduling scheduling;
  @Inject ClusterService cluster;
  private TableRuntime runtime;
  private ScheduledTableClock clock;
  private volatile Consumer<Entry> onChange = e -> {};
  private volatile Consumer<String> onRemoved = id -> {};
  private volatile Consumer<MatchRecord> onMatchEnded = r -> {};
  private final AtomicLong trusteeActivations = new AtomicLong();
  private volatile Checkpoints checkpoints;

  /** Set in cluster mode only: the shared directory and the relay to other nodes' tables. */
  private volatile HallDirectory directory;

  private volatile Relay relay;
  private volatile String node;

  /** A table as the lobby lists it, from this node or (in a cluster) from the directory. */
  public record Listing(TableSummary summary, boolean listed) {}

  /** Where tables' snapshots go (the snapshot writer); without one, tables take none. */
  public interface Checkpoints {
    void save(TableState state, String code);

    void delete(String tableId);

    /** The table closed: delete its snapshot and, in cluster mode, release its owner row. */
    default void release(String tableId) {
      delete(tableId);
    }
  }

  @PostConstruct
  void init() {
    settings = tableSettings(config);
    clock = new ScheduledTableClock(scheduling.scheduler());
    // In cluster mode a table applies nothing while this node lacks a quorum (docs/clustering.md).
    runtime =
        new TableRuntime(
            scheduling.executor(),
            clock,
            scheduling.botExecutor(),
            () -> cluster == null || cluster.canAcceptMoves());
  }

  @PreDestroy
  void shutdown() {
    tables.values().forEach(e -> e.table().close());
    // After the tables: their closing may still call off timers. Stops the clock's tick on the
    // container scheduler.
    clock.close();
  }

  /** After ClusterService (APPLICATION + 600) has started the node, before any traffic. */
  void clusterReady(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 700)
          @Initialized(ApplicationScoped.class)
          Object context) {
    if (cluster != null && cluster.relay().isPresent()) {
      joinCluster(cluster.directory(), cluster.relay().get(), cluster.node().orElseThrow().name());
    }
  }

  /**
   * Cluster mode: tables are published in {@code directory}, codes reserved there, and tables of
   * other nodes reached through {@code relay}, which serves this node's tables to the others.
   */
  public void joinCluster(HallDirectory directory, Relay relay, String node) {
    ServerMessageEncoder encoder = new ServerMessageEncoder();
    this.node = node;
    this.directory = directory;
    relay.serve(
        new Relay.Host() {
          @Override
          public Optional<Table> table(String tableId) {
            return find(tableId);
          }

          @Override
          public String render(TableOutput out) {
            return TableOutputs.render(out, encoder);
          }
        });
    this.relay = relay;
    tables.values().forEach(this::publish);
  }

  /** This node's name in the cluster, or null on a single node. */
  String nodeName() {
    return node;
  }

  /**
   * Tells the lobby of other nodes' tables: a listed one published or changed ({@code changed}),
   * any one gone ({@code removed}). Nothing on a single node.
   */
  void onRemoteListings(Consumer<Listing> changed, Consumer<String> removed) {
    if (directory instanceof ClusterDirectory shared) {
      shared.onListings(
          new ClusterDirectory.Listings() {
            @Override
            public void published(String tableId, String owner, String summary) {
              Listing listing = DirectorySummaries.decode(tableId, summary);
              if (listing != null) {
                changed.accept(listing);
              }
            }

            @Override
            public void removed(String tableId) {
              removed.accept(tableId);
            }
          });
    }
  }

  /** Tells {@code listener} (table, owner node) whenever a table is published anywhere. */
  void onPublished(java.util.function.BiConsumer<String, String> listener) {
    if (directory instanceof ClusterDirectory shared) {
      shared.onOwner(listener);
    }
  }

  /** The table id every node derives from a quick-match group's id. */
  static String groupTableId(String groupId) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(groupId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder("t-");
      for (int i = 0; i < 10; i++) {
        id.append(ALPHABET[hash[i] & 31]);
      }
      return id.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether tables of other nodes are reachable (cluster mode). */
  public boolean clustered() {
    return relay != null;
  }

  private void publish(Entry entry) {
    HallDirectory shared = directory;
    if (shared != null) {
      shared.publish(entry.table().id(), directorySummary(entry));
    }
  }

  /**
   * The directory's value for a table this node owns (listed unless it has a join code); the
   * entry's node (table -> owner) is what other nodes route by.
   */
  public static String directorySummary(Entry entry) {
    return DirectorySummaries.encode(entry.summary(), entry.listed());
  }

  /** Every table the lobby may show or count: this node's, or in a cluster every node's. */
  public Collection<Listing> listings() {
    HallDirectory shared = directory;
    java.util.List<Listing> out = new java.util.ArrayList<>();
    if (shared == null) {
      tables.values().forEach(e -> out.add(new Listing(e.summary(), e.listed())));
      return out;
    }
    shared
        .tables()
        .forEach(
            (id, listing) -> {
              Listing decoded = DirectorySummaries.decode(id, listing.summary());
              if (decoded != null) {
                out.add(decoded);
              }
            });
    return out;
  }

  /** The table with this id on this node, or (in a cluster) on the node that owns it. */
  public Optional<TableHandle> handle(String tableId) {
    Optional<Table> local = find(tableId);
    if (local.isPresent()) {
      return Optional.of(new TableHandle.Local(local.get()));
    }
    Relay remote = relay;
    if (remote == null || tableId == null) {
      return Optional.empty();
    }
    return directory
        .owner(tableId)
        .filter(owner -> !owner.equals(node))
        .map(owner -> new TableHandle.Remote(tableId, owner, remote));
  }

  /** The table a join code opens, here or (in a cluster) on another node. */
  public Optional<TableHandle> handleByCode(String code) {
    Optional<Table> local = byCode(code);
    if (local.isPresent()) {
      return Optional.of(new TableHandle.Local(local.get()));
    }
    Relay remote = relay;
    if (remote == null || code == null) {
      return Optional.empty();
    }
    return directory
        .resolveCode(code)
        .filter(at -> !at.node().equals(node))
        .map(at -> new TableHandle.Remote(at.tableId(), at.node(), remote));
  }

  /**
   * From now on every table saves its newest state through {@code sink}; set once at start-up,
   * before traffic.
   */
  public void keepCheckpoints(Checkpoints sink) {
    this.checkpoints = sink;
  }

  /**
   * Puts a table saved by an earlier process back, under its old id and join code, with its seated
   * players told where to resume. Throws {@link IllegalArgumentException} if the game is unknown or
   * cannot read the state.
   */
  public Entry restore(TableState state, String code) {
    GameRules rules =
        catalog
            .find(state.game())
            .orElseThrow(() -> new IllegalArgumentException("unknown game " + state.game()));
    TableSpec spec =
        new TableSpec(
            state.tableId(),
            rules,
            state.options(),
            state.seats().size(),
            state.practice(),
            state.spectatable());
    Table table = Table.restore(state, spec, settings, runtime, new Hooks(state.tableId(), code));
    Entry entry = new Entry(table, code, table.summary());
    tables.put(state.tableId(), entry);
    if (code != null) {
      codes.put(code, state.tableId());
      if (directory instanceof ClusterDirectory shared) {
        // The code moves with its table: the old owner's entry is stale, so this one wins.
        shared.republish(Map.of(), Map.of(code, state.tableId()));
      }
    }
    publish(entry);
    for (TableState.SeatState seat : state.seats()) {
      if (seat != null && !seat.bot()) {
        seated(seat.playerId(), state.tableId());
      }
    }
    onChange.accept(entry);
    return entry;
  }

  /**
   * Cluster mode: runs a table this node now owns under {@code fence} (claimed from a lost node,
   * handed over by a draining one, or its own after a restart) and publishes it in the directory
   * with this node as its owner. Ignored if the table runs here already.
   */
  public Optional<Entry> adopt(TableState state, String code, OwnerFence fence) {
    if (tables.containsKey(state.tableId())) {
      return Optional.empty();
    }
    cluster.owned().ifPresent(owned -> owned.adopted(state.tableId(), fence));
    Entry entry = restore(state, code);
    // restore() publishes once this registry has joined the cluster; before that (claims at start)
    // the entry and its join code go in now, in the same form.
    cluster.directory().publish(state.tableId(), directorySummary(entry));
    if (code != null && cluster.directory() instanceof ClusterDirectory shared) {
      shared.republish(Map.of(), Map.of(code, state.tableId()));
    }
    return Optional.of(entry);
  }

  /**
   * Cluster mode: takes a table off this node, because another node owns it now ({@code frozen}:
   * its members are told {@code moved}) or because it was handed over (it is suspended already).
   * Its snapshot and owner row stay: they are the new owner's.
   */
  public Optional<Table> detach(String tableId, boolean frozen) {
    Entry removed = tables.remove(tableId);
    if (removed == null) {
      return Optional.empty();
    }
    if (removed.code() != null) {
      codes.remove(removed.code(), tableId);
    }
    if (frozen) {
      removed.table().freeze();
    }
    return Optional.of(removed.table());
  }

  /**
   * Freezes every table for a shutdown (each hands its last state to the checkpoint sink first) and
   * waits for them, at most {@code within}; returns how many did not finish in time.
   */
  public int suspendAll(java.time.Duration within) {
    java.util.List<java.util.concurrent.CompletableFuture<Void>> all = new java.util.ArrayList<>();
    tables.values().forEach(e -> all.add(e.table().suspend()));
    try {
      java.util.concurrent.CompletableFuture.allOf(
              all.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
          .get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Counted below; a table that could not be frozen keeps the state it saved last.
    }
    return (int) all.stream().filter(f -> !f.isDone() || f.isCompletedExceptionally()).count();
  }

  /** The lobby's hooks; set once at start-up. */
  void listen(Consumer<Entry> changed, Consumer<String> removed, Consumer<MatchRecord> ended) {
    this.onChange = changed;
    this.onRemoved = removed;
    this.onMatchEnded = ended;
  }

  public GameCatalog catalog() {
    return catalog;
  }

  /**
   * Opens a table. Throws {@link IllegalArgumentException} (with a message for the player) if the
   * game refuses the options.
   */
  public Entry create(
      GameRules rules, Map<String, String> options, boolean privateTable, boolean practice) {
    return create(newTableId(), rules, options, privateTable, practice);
  }

  /**
   * Opens a table under a given id: a cluster's quick-match table, whose id every node derives from
   * the group so players on other nodes can find it once it is published.
   */
  Entry create(
      String id,
      GameRules rules,
      Map<String, String> options,
      boolean privateTable,
      boolean practice) {
    Optional<OwnedTables> owned = cluster == null ? Optional.empty() : cluster.owned();
    if (owned.isPresent()) {
      // Placed on the creator's node: its owner row (epoch 1) names this node.
      try {
        owned.get().register(id);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("table " + id + " could not be registered", e);
      }
    }
    String code = privateTable ? newCode(id) : null;
    int seats = rules.maxSeats();
    Table table =
        new Table(
            new TableSpec(id, rules, options, seats, practice, !privateTable),
            settings,
            runtime,
            new Hooks(id, code));
    Entry entry = new Entry(table, code, table.summary());
    tables.put(id, entry);
    if (code != null) {
      codes.put(code, id);
    }
    publish(entry);
    onChange.accept(entry);
    return entry;
  }

  public Optional<Table> find(String tableId) {
    Entry entry = tables.get(tableId);
    return entry == null ? Optional.empty() : Optional.of(entry.table());
  }

  public Optional<Table> byCode(String code) {
    String id = codes.get(code);
    return id == null ? Optional.empty() : find(id);
  }

  public Collection<Entry> all() {
    return tables.values();
  }

  /** Tables whose match is running now. */
  public int playing() {
    return (int)
        tables.values().stream()
            .filter(e -> e.summary().phase() == io.gamehall.table.Phase.PLAYING)
            .count();
  }

  /** How many tables are in each phase, every phase listed. */
  public Map<io.gamehall.table.Phase, Integer> byPhase() {
    Map<io.gamehall.table.Phase, Integer> counts =
        new java.util.EnumMap<>(io.gamehall.table.Phase.class);
    for (io.gamehall.table.Phase phase : io.gamehall.table.Phase.values()) {
      counts.put(phase, 0);
    }
    tables.values().forEach(e -> counts.merge(e.summary().phase(), 1, Integer::sum));
    return counts;
  }

  /** Seats put under 托管 since start, across all tables (a counter for /metrics). */
  public long trusteeActivations() {
    return trusteeActivations.get();
  }

  /**
   * Remembers that {@code playerId} sits at {@code tableId}, so a resumed session can be told where
   * to go back.
   */
  public void seated(String playerId, String tableId) {
    seatedTables.computeIfAbsent(playerId, p -> ConcurrentHashMap.newKeySet()).add(tableId);
    HallDirectory shared = directory;
    if (shared != null) {
      shared.seated(playerId, tableId);
    }
  }

  public void left(String playerId, String tableId) {
    Set<String> ids = seatedTables.get(playerId);
    if (ids != null) {
      ids.remove(tableId);
    }
    HallDirectory shared = directory;
    if (shared != null) {
      shared.left(playerId, tableId);
    }
  }

  /**
   * Tables {@code playerId} is seated at that still exist: on this node, or in a cluster on any
   * node (the directory's seats, kept only while the table is published).
   */
  public Set<String> tablesOf(String playerId) {
    HallDirectory shared = directory;
    Set<String> ids = seatedTables.get(playerId);
    if (ids != null) {
      ids.removeIf(
          id -> !tables.containsKey(id) && (shared == null || !shared.owner(id).isPresent()));
    }
    if (shared == null) {
      return ids == null ? Set.of() : Set.copyOf(ids);
    }
    Set<String> all = new java.util.HashSet<>(ids == null ? Set.of() : ids);
    for (String id : shared.seatsOf(playerId)) {
      if (tables.containsKey(id) || shared.owner(id).isPresent()) {
        all.add(id);
      } else {
        // The table closed (or its node died and nobody adopted it): the seat is stale.
        shared.left(playerId, id);
      }
    }
    return Set.copyOf(all);
  }

  /**
   * Table timings from {@code gamehall.table.*} settings, defaults otherwise: turn.seconds 20,
   * bank.seconds 60, grace.seconds 60, trustee.delay.millis 1000, log.capacity 512, spectators 50,
   * checkpoint.interval.millis 1000, trustee.policy clock.
   */
  static TableSettings tableSettings(Settings config) {
    TableSettings d = TableSettings.defaults();
    return d.withTurnTime(seconds(config, "gamehall.table.turn.seconds", d.turnTime()))
        .withTimeBank(seconds(config, "gamehall.table.bank.seconds", d.timeBank()))
        .withReconnectGrace(seconds(config, "gamehall.table.grace.seconds", d.reconnectGrace()))
        .withTrusteeDelay(
            java.time.Duration.ofMillis(
                config.number("gamehall.table.trustee.delay.millis", d.trusteeDelay().toMillis())))
        .withLogCapacity(config.integer("gamehall.table.log.capacity", d.logCapacity()))
        .withSpectatorCap(config.integer("gamehall.table.spectators", d.spectatorCap()))
        .withCheckpointInterval(
            java.time.Duration.ofMillis(
                config.number(
                    "gamehall.table.checkpoint.interval.millis",
                    d.checkpointInterval().toMillis())))
        .withTrusteePolicy(
            config
                .text("gamehall.table.trustee.policy")
                .map(TrusteePolicy::parse)
                .orElse(d.trusteePolicy()));
  }

  private static java.time.Duration seconds(
      Settings config, String name, java.time.Duration fallback) {
    return java.time.Duration.ofSeconds(config.number(name, fallback.toSeconds()));
  }

  private String newTableId() {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    StringBuilder id = new StringBuilder("t-");
    for (byte b : bytes) {
      id.append(ALPHABET[b & 31]);
    }
    return id.toString();
  }

  private String newCode(String tableId) {
    while (true) {
      String code = String.format("%06d", random.nextInt(1_000_000));
      if (codes.putIfAbsent(code, tableId) == null) {
        HallDirectory shared = directory;
        // In a cluster a code is unique across nodes: the directory reserves it.
        if (shared == null || shared.reserveCode(code, tableId)) {
          return code;
        }
        codes.remove(code, tableId);
      }
    }
  }

  /** Cluster mode: a closed table gives up its owner row, after its snapshot is deleted. */
  private void release(String id) {
    Checkpoints sink = checkpoints;
    if (sink != null) {
      sink.release(id);
      return;
    }
    OwnedTables owned = cluster.owned().orElseThrow();
    try {
      owned.fence(id).ifPresent(f -> releaseRow(owned, id, f));
    } finally {
      owned.forget(id);
    }
  }

  private static void releaseRow(OwnedTables owned, String id, OwnerFence fence) {
    try {
      owned.ownership().release(id, fence);
    } catch (java.sql.SQLException e) {
      LOG.log(java.util.logging.Level.WARNING, "owner row of table " + id + " not released", e);
    }
  }

  /** One table's listener; runs on that table's queue, so it only records and hands on. */
  private final class Hooks implements TableListener {
    private final String tableId;
    private final String code;

    Hooks(String tableId, String code) {
      this.tableId = tableId;
      this.code = code;
    }

    @Override
    public void stateChanged(TableSummary summary) {
      Entry updated =
          tables.computeIfPresent(tableId, (id, e) -> new Entry(e.table(), e.code(), summary));
      if (updated != null) {
        publish(updated);
        onChange.accept(updated);
      }
    }

    @Override
    public boolean keepsCheckpoints() {
      return checkpoints != null;
    }

    @Override
    public void checkpoint(TableState state) {
      checkpoints.save(state, code);
    }

    @Override
    public void forget(String id) {
      checkpoints.delete(id);
    }

    @Override
    public void matchEnded(MatchRecord record) {
      onMatchEnded.accept(record);
    }

    @Override
    public void trusteeActivated(String id, int seat) {
      trusteeActivations.incrementAndGet();
    }

    @Override
    public void emptied(String id) {
      Entry removed = tables.remove(id);
      if (removed != null) {
        if (removed.code() != null) {
          codes.remove(removed.code());
        }
        HallDirectory shared = directory;
        if (shared != null) {
          shared.unpublish(id);
          if (removed.code() != null) {
            shared.releaseCode(removed.code());
          }
        }
        removed.table().close();
        if (cluster != null && cluster.owned().flatMap(o -> o.fence(id)).isPresent()) {
          release(id);
        }
        LOG.fine(() -> "table " + id + " closed: nobody left");
        onRemoved.accept(id);
      }
    }
  }
}
