package io.gamehall.cluster;

import io.gamehall.store.OwnerFence;
import io.gamehall.store.snapshot.SnapshotStore;
import java.util.Optional;

/**
 * Where a table this node has just claimed from a lost node goes: the table layer restores it from
 * its snapshot and runs it under {@code fence} (every later snapshot write and match record of the
 * table carries it). Called once per successful claim, off the JGroups threads.
 */
@FunctionalInterface
public interface TableAdopter {
  void adopt(String tableId, OwnerFence fence, Optional<SnapshotStore.Saved> snapshot);
}
