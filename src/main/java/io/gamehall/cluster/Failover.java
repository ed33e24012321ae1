package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.SnapshotStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims the tables of nodes that left the view. Every survivor computes the same heir for each
 * orphaned table (rendezvous hashing over the view's members, so the lost node's tables spread over
 * the survivors), and only the heir tries the claim; the claim itself is a conditional UPDATE, so
 * even survivors with different views claim each table at most once per epoch. A node without the
 * quorum claims nothing: in a partition, only the majority side takes tables over.
 */
final class Failover {
  private static final Logger LOG = Logger.getLogger(Failover.class.getName());

  private final String self;
  private final TableOwnership ownership;
  private final Function<String, Optional<SnapshotStore.Saved>> snapshots;
  private final TableAdopter adopter;
  private final Supplier<ClusterView> current;

  Failover(
      String self,
      TableOwnership ownership,
      Function<String, Optional<SnapshotStore.Saved>> snapshots,
      TableAdopter adopter,
      Supplier<ClusterView> current) {
    this.self = self;
    this.ownership = ownership;
    this.snapshots = snapshots;
    this.adopter = adopter;
    this.current = current;
  }

  /** Runs for {@code view}, unless a newer view has arrived since (it runs next). */
  void run(ClusterView view) {
    if (!view.quorate() || current.get().id() != view.id()) {
      return;
    }
    List<TableOwnership.Owned> orphans;
    try {
      orphans = ownership.orphans(view.members());
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "cannot list orphaned tables after view " + view.id(), e);
      return;
    }
    for (TableOwnership.Owned orphan : orphans) {
      if (!self.equals(heir(orphan.tableId(), view.members()))) {
        continue;
      }
      try {
        Optional<OwnerFence> claimed = ownership.claim(orphan.tableId(), orphan.fence(), self);
        if (claimed.isEmpty()) {
          continue;
        }
        LOG.info(
            () ->
                "claimed table "
                    + orphan.tableId()
                    + " from "
                    + orphan.fence().node()
                    + " (left the view), epoch "
                    + claimed.get().epoch());
        adopter.adopt(orphan.tableId(), claimed.get(), snapshots.apply(orphan.tableId()));
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "claim of table " + orphan.tableId() + " failed", e);
      }
    }
  }

  /** The member with the highest hash of (table, member): stable while both stay in the view. */
  static String heir(String tableId, List<String> members) {
    String best = null;
    long bestScore = Long.MIN_VALUE;
    for (String member : members) {
      long score = score(tableId, member);
      if (best == null || score > bestScore || (score == bestScore && member.compareTo(best) < 0)) {
        best = member;
        bestScore = score;
      }
    }
    return best;
  }

  private static long score(String tableId, String member) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((tableId + '\u0000' + member).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
