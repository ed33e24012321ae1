-- Cluster mode (io.gamehall.cluster, docs/clustering.md): which node owns each running table, and since when.
-- A claim is one conditional UPDATE that raises the epoch; every snapshot write and match record of a table first
-- locks its row here and checks owner and epoch, so a node that lost a table cannot write it again (fencing).
-- Unused (empty) on a single node.

CREATE TABLE table_owner (
  table_id VARCHAR(32) NOT NULL PRIMARY KEY,
  -- The owner's node name (gamehall.cluster.node.name, its JGroups logical name).
  owner_node VARCHAR(64) NOT NULL,
  -- Starts at 1 when the table is created; each claim by another node adds one.
  epoch BIGINT NOT NULL,
  claimed_at BIGINT NOT NULL
);
CREATE INDEX table_owner_node ON table_owner (owner_node);
