package io.gamehall.cluster;

import io.gamehall.cluster.RelayFrames.Drop;
import io.gamehall.cluster.RelayFrames.Frame;
import io.gamehall.cluster.RelayFrames.Kind;
import io.gamehall.cluster.RelayFrames.Liveness;
import io.gamehall.cluster.RelayFrames.Output;
import io.gamehall.cluster.RelayFrames.Resume;
import io.gamehall.cluster.RelayFrames.Submit;
import io.gamehall.table.Command;
import io.gamehall.table.Table;
import io.gamehall.table.TableError;
import io.gamehall.table.TableMember;
import io.gamehall.table.TableOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.fork.ForkChannel;
import org.jgroups.protocols.FRAG4;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.NameCache;

/**
 * Carries table traffic between the node that holds a socket and the node that owns its table.
 *
 * <p>On the socket's node a {@link Client} is attached to remote tables; its commands go to the
 * owner as {@link Submit} frames. On the owner, one {@link Member} per remote socket stands in for
 * it at the tables: {@code deliver} renders the output once to wire text and queues it for the
 * socket's node. Every destination node has one bounded queue drained by one send at a time, so a
 * table never blocks on the network; a frame that does not fit drops its connection (closed with
 * 4002 on its node, as a full outbox is) and is counted.
 *
 * <p>Frames travel on a JGroups fork channel of the node's own channel (FORK above FRAG4), so they
 * share its authentication and encryption and arrive in order per sender (UNICAST3).
 */
public final class Relay implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Relay.class.getName());
  private static final int BATCH_FRAMES = 64;
  private static final int BATCH_BYTES = 60_000;
  private static final String MOVED =
      "This table is not on that server any more; reconnect and resume.";

  /** The owner side's view of this node's tables and how outputs are written on the wire. */
  public interface Host {
    Optional<Table> table(String tableId);

    String render(TableOutput out);
  }

  /** A socket on this node as the relay sees it (the session's connection). */
  public interface Client {
    /** Queues wire text already encoded by the owner; never blocks. */
    void sendEncoded(String text);

    /** The socket as a member of tables on this node (after a table moved here). */
    TableMember tableMember();

    /** The relay could not keep up with this socket: close it as a slow client. */
    void relayDropped();
  }

  private final String node;
  private final ForkChannel channel;
  private final HallDirectory directory;
  private final int capacity;
  private final Executor senders;
  private volatile Host host;
  private volatile Map<String, Address> addresses = Map.of();

  // Socket side.
  private final AtomicLong nextClient = new AtomicLong();
  private final Map<Client, Attached> byClient = new ConcurrentHashMap<>();
  private final Map<Long, Attached> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<Attached>> byTable = new ConcurrentHashMap<>();

  // Owner side: node -> client id -> stand-in.
  private final Map<String, Map<Long, Member>> members = new ConcurrentHashMap<>();
  private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();

  private final AtomicLong framesOut = new AtomicLong();
  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong overflowDrops = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();

  private Relay(
      String node, ForkChannel channel, HallDirectory directory, int capacity, Executor senders) {
    this.node = node;
    this.channel = channel;
    this.directory = directory;
    this.capacity = capacity;
    this.senders = senders;
  }

  /**
   * Starts the relay on {@code clusterNode}; {@code capacity} bounds each destination node's queue
   * (frames); {@code senders} runs the drain tasks, one per busy destination at a time (the caller
   * owns it and shuts it down).
   */
  public static Relay start(
      ClusterNode clusterNode, ClusterDirectory directory, int capacity, Executor senders)
      throws Exception {
    ForkChannel fork =
        new ForkChannel(
            clusterNode.channel(),
            "gamehall-relay",
            "relay",
            true,
            ProtocolStack.Position.ABOVE,
            FRAG4.class);
    Relay relay = new Relay(clusterNode.name(), fork, directory, capacity, senders);
    fork.setReceiver(
        new Receiver() {
          @Override
          public void receive(Message msg) {
            relay.received(msg);
          }

          @Override
          public void viewAccepted(View view) {
            relay.viewed(view);
          }
        });
    fork.connect("gamehall-relay");
    relay.viewed(clusterNode.channel().getView());
    // The fork channel may not pass views up: the node's own view listener keeps names fresh too.
    clusterNode.onView(v -> relay.viewed(clusterNode.channel().getView()));
    directory.onOwner(relay::ownerChanged);
    return relay;
  }

  /** Where tables and rendering come from on this node; set once at start-up. */
  public void serve(Host host) {
    this.host = host;
  }

  // ---------------------------------------------------------------- socket side

  /** Sends {@code command} of {@code client} to the table's owner. */
  public void submit(String tableId, String owner, Client client, Command command) {
    Attached a = attach(client, command.playerId(), tableId, owner);
    send(a.route(tableId), new Submit(a.id, tableId, command), client);
  }

  /** Resumes {@code player}'s place at a remote table after {@code lastSeq}. */
  public void resume(String tableId, String owner, Client client, String player, long lastSeq) {
    Attached a = attach(client, player, tableId, owner);
    send(a.route(tableId), new Resume(a.id, player, tableId, lastSeq), client);
  }

  /** The socket closed: the owner treats it as a disconnect (grace window, 托管). */
  public void gone(String tableId, Client client, String player) {
    Attached a = byClient.get(client);
    String owner = a == null ? null : a.detach(tableId);
    if (owner != null) {
      byTable.computeIfPresent(
          tableId,
          (t, at) -> {
            at.remove(a);
            return at.isEmpty() ? null : at;
          });
      offer(owner, new Liveness(Kind.GONE, a.id, player, tableId), false);
      if (a.tables.isEmpty()) {
        byClient.remove(client, a);
        byId.remove(a.id, a);
      }
    }
  }

  public void silent(String tableId, Client client, String player, boolean silent) {
    Attached a = byClient.get(client);
    String owner = a == null ? null : a.route(tableId);
    if (owner != null) {
      offer(owner, new Liveness(silent ? Kind.SILENT : Kind.HEARD, a.id, player, tableId), false);
    }
  }

  /** Whether {@code client} is attached to {@code tableId} through this relay. */
  public boolean attached(Client client, String tableId) {
    Attached a = byClient.get(client);
    return a != null && a.route(tableId) != null;
  }

  private Attached attach(Client client, String player, String tableId, String owner) {
    Attached a =
        byClient.computeIfAbsent(
            client,
            c -> {
              Attached fresh = new Attached(nextClient.incrementAndGet(), c, player);
              byId.put(fresh.id, fresh);
              return fresh;
            });
    a.tables.computeIfAbsent(tableId, t -> new Route(owner));
    byTable.computeIfAbsent(tableId, t -> ConcurrentHashMap.newKeySet()).add(a);
    return a;
  }

  private void send(String owner, Frame frame, Client client) {
    if (owner != null && !offer(owner, frame, true)) {
      // The link to the owner is backed up: this socket's commands cannot get through in order.
      client.relayDropped();
    }
  }

  /** The directory names a new owner for {@code tableId}: its remote sockets resume there. */
  void ownerChanged(String tableId, String newOwner) {
    Set<Attached> at = byTable.get(tableId);
    if (at == null || at.isEmpty()) {
      return;
    }
    for (Attached a : at) {
      Route r = a.tables.get(tableId);
      if (r == null || r.owner.equals(newOwner)) {
        continue;
      }
      LOG.fine(() -> "table " + tableId + " moved to " + newOwner + "; resuming " + a.player);
      if (newOwner.equals(node)) {
        Host h = host;
        Optional<Table> local = h == null ? Optional.empty() : h.table(tableId);
        a.detach(tableId);
        at.remove(a);
        local.ifPresent(t -> t.resume(a.player, a.client.tableMember(), r.lastSeq));
      } else {
        r.owner = newOwner;
        send(newOwner, new Resume(a.id, a.player, tableId, r.lastSeq), a.client);
      }
    }
  }

  private void output(Output o) {
    Attached a = byId.get(o.client());
    if (a == null) {
      return;
    }
    Route r = a.tables.get(o.table());
    if (r != null && o.seq() >= 0) {
      r.lastSeq = o.seq();
    }
    a.client.sendEncoded(o.text());
  }

  private void dropped(Drop d) {
    Attached a = byId.remove(d.client());
    if (a != null) {
      byClient.remove(a.client, a);
      a.tables
          .keySet()
          .forEach(t -> Optional.ofNullable(byTable.get(t)).ifPresent(s -> s.remove(a)));
      a.client.relayDropped();
    }
  }

  // ---------------------------------------------------------------- owner side

  private Member member(String from, long client, String player) {
    return members
        .computeIfAbsent(from, n -> new ConcurrentHashMap<>())
        .computeIfAbsent(client, c -> new Member(from, c, player));
  }

  private void owned(String from, Frame f) {
    Host h = host;
    if (h == null) {
      LOG.warning("relay frame from " + from + " before this node serves tables; dropped");
      return;
    }
    if (f instanceof Submit s) {
      Member m = member(from, s.client(), s.command().playerId());
      if (m.dropped) {
        return;
      }
      m.tables.add(s.table());
      Optional<Table> t = h.table(s.table());
      if (t.isPresent()) {
        t.get().submit(m, s.command());
      } else {
        m.deliver(
            new TableOutput.Refused(s.table(), s.command().cid(), TableError.MOVED.code(), MOVED));
      }
    } else if (f instanceof Resume r) {
      Member m = member(from, r.client(), r.player());
      if (m.dropped) {
        return;
      }
      m.tables.add(r.table());
      Optional<Table> t = h.table(r.table());
      if (t.isPresent()) {
        t.get().resume(r.player(), m, r.lastSeq());
      } else {
        m.deliver(new TableOutput.Refused(r.table(), null, TableError.MOVED.code(), MOVED));
      }
    } else if (f instanceof Liveness l) {
      Map<Long, Member> of = members.get(from);
      Member m = of == null ? null : of.get(l.client());
      if (m == null) {
        return;
      }
      Optional<Table> t = h.table(l.table());
      switch (l.kind()) {
        case GONE:
          m.tables.remove(l.table());
          if (m.tables.isEmpty()) {
            of.remove(l.client(), m);
          }
          t.ifPresent(table -> table.disconnected(l.player(), m));
          break;
        case SILENT:
          t.ifPresent(table -> table.silent(l.player(), m));
          break;
        default:
          t.ifPresent(table -> table.heard(l.player(), m));
          break;
      }
    }
  }

  /** The owner's stand-in for one socket on another node; the same object for all its tables. */
  private final class Member implements TableMember {
    final String node;
    final long client;
    final String player;
    final Set<String> tables = ConcurrentHashMap.newKeySet();
    volatile boolean dropped;

    Member(String node, long client, String player) {
      this.node = node;
      this.client = client;
      this.player = player;
    }

    @Override
    public void deliver(TableOutput out) {
      if (dropped) {
        return;
      }
      Host h = host;
      long seq =
          out instanceof TableOutput.Update u
              ? u.seq()
              : out instanceof TableOutput.Snapshot s ? s.seq() : -1;
      if (!offer(node, new Output(client, out.tableId(), seq, h.render(out)), true)) {
        drop(this);
      }
    }
  }

  /** Like a full outbox: the socket is closed on its node and its tables hear it left. */
  private void drop(Member m) {
    if (m.dropped) {
      return;
    }
    m.dropped = true;
    overflowDrops.incrementAndGet();
    LOG.warning(
        "relay queue to "
            + m.node
            + " is full: dropping the connection of "
            + m.player
            + " (a slow node or network)");
    Map<Long, Member> of = members.get(m.node);
    if (of != null) {
      of.remove(m.client, m);
    }
    offer(m.node, new Drop(m.client), false);
    Host h = host;
    for (String tableId : m.tables) {
      h.table(tableId).ifPresent(t -> t.disconnected(m.player, m));
    }
  }

  // ---------------------------------------------------------------- transport

  private boolean offer(String to, Frame frame, boolean bounded) {
    Outgoing q = outgoing.computeIfAbsent(to, Outgoing::new);
    return q.offer(frame, bounded);
  }

  /** One destination node's bounded queue, drained by one sender task at a time. */
  private final class Outgoing {
    final String to;
    final java.util.ArrayDeque<Frame> queue = new java.util.ArrayDeque<>();
    boolean draining;

    Outgoing(String to) {
      this.to = to;
    }

    boolean offer(Frame frame, boolean bounded) {
      synchronized (queue) {
        // Control frames (a drop, a disconnect) may exceed the bound: one per connection at most.
        if (bounded && queue.size() >= capacity) {
          return false;
        }
        queue.add(frame);
        if (draining) {
          return true;
        }
        draining = true;
      }
      try {
        senders.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        synchronized (queue) {
          queue.clear();
          draining = false;
        }
      }
      return true;
    }

    int depth() {
      synchronized (queue) {
        return queue.size();
      }
    }

    void drain() {
      while (true) {
        List<Frame> batch = new ArrayList<>();
        int bytes = 0;
        synchronized (queue) {
          while (batch.size() < BATCH_FRAMES && bytes < BATCH_BYTES && !queue.isEmpty()) {
            Frame f = queue.poll();
            bytes += f instanceof Output o ? o.text().length() + 32 : 64;
            batch.add(f);
          }
          if (batch.isEmpty()) {
            draining = false;
            return;
          }
        }
        Address address = addresses.get(to);
        if (address == null) {
          // The node left: what it was sent is moot (its sockets are gone with it).
          sendFailures.addAndGet(batch.size());
          continue;
        }
        try {
          // May block on JGroups flow control: that is this sender's time, never a table's.
          channel.send(new BytesMessage(address, RelayFrames.encode(batch)));
          framesOut.addAndGet(batch.size());
        } catch (Exception e) {
          sendFailures.addAndGet(batch.size());
          LOG.log(Level.FINE, "relay send to " + to + " failed", e);
        }
      }
    }
  }

  private void received(Message msg) {
    Address src = msg.getSrc();
    String from = src == null ? null : NameCache.get(src);
    if (from == null) {
      from = String.valueOf(src);
    }
    List<Frame> frames;
    try {
      frames = RelayFrames.decode(msg.getArray(), msg.getOffset(), msg.getLength());
    } catch (IOException | RuntimeException e) {
      malformed.incrementAndGet();
      LOG.warning("malformed relay message from " + from + ": " + e.getMessage());
      return;
    }
    framesIn.addAndGet(frames.size());
    for (Frame f : frames) {
      try {
        if (f instanceof Output o) {
          output(o);
        } else if (f instanceof Drop d) {
          dropped(d);
        } else {
          owned(from, f);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "relay frame from " + from + " failed", e);
      }
    }
  }

  private void viewed(View view) {
    if (view == null) {
      return;
    }
    Map<String, Address> named = new HashMap<>();
    for (Address a : view.getMembers()) {
      String logical = NameCache.get(a);
      named.put(logical != null ? logical : a.toString(), a);
    }
    addresses = Map.copyOf(named);
    for (String gone : new ArrayList<>(members.keySet())) {
      if (!named.containsKey(gone)) {
        departed(gone);
      }
    }
    outgoing.keySet().removeIf(n -> !named.containsKey(n));
  }

  /** A node left: its sockets are gone, so its stand-ins leave their tables like disconnects. */
  private void departed(String gone) {
    Map<Long, Member> of = members.remove(gone);
    Host h = host;
    if (of == null || h == null) {
      return;
    }
    // Table calls only enqueue on each table's queue: safe on the JGroups thread.
    for (Member m : of.values()) {
      m.dropped = true;
      for (String tableId : m.tables) {
        h.table(tableId).ifPresent(t -> t.disconnected(m.player, m));
      }
    }
  }

  // ---------------------------------------------------------------- metrics

  /** Frames sent to other nodes (both directions). */
  public long framesOut() {
    return framesOut.get();
  }

  /** Frames received from other nodes. */
  public long framesIn() {
    return framesIn.get();
  }

  /** Connections dropped because a relay queue was full. */
  public long overflowDrops() {
    return overflowDrops.get();
  }

  /** Frames that could not be sent (the node left, or the send failed). */
  public long sendFailures() {
    return sendFailures.get();
  }

  /** Frames queued for other nodes right now, all destinations together. */
  public int queueDepth() {
    int n = 0;
    for (Outgoing q : outgoing.values()) {
      n += q.depth();
    }
    return n;
  }

  /** Sockets on other nodes that sit at or watch tables here. */
  public int remoteMembers() {
    int n = 0;
    for (Map<Long, Member> of : members.values()) {
      n += of.size();
    }
    return n;
  }

  @Override
  public void close() {
    channel.close();
  }

  /** A socket of this node attached to remote tables, by its relay id. */
  private static final class Attached {
    final long id;
    final Client client;
    final String player;
    final Map<String, Route> tables = new ConcurrentHashMap<>();

    Attached(long id, Client client, String player) {
      this.id = id;
      this.client = client;
      this.player = player;
    }

    String route(String tableId) {
      Route r = tables.get(tableId);
      return r == null ? null : r.owner;
    }

    String detach(String tableId) {
      Route r = tables.remove(tableId);
      return r == null ? null : r.owner;
    }
  }

  /** Where one of a socket's remote tables lives now, and the last event it got from there. */
  private static final class Route {
    volatile String owner;
    volatile long lastSeq;

    Route(String owner) {
      this.owner = owner;
    }
  }
}
