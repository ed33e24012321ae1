/**
 * Cluster mode (off by default): several GameHall nodes on Infinispan with its own JGroups, table
 * ownership and fencing in the shared database, failover when a node leaves the view. Nothing here
 * runs, and no Infinispan class starts, unless {@code gamehall.cluster.enabled=true}. See
 * docs/clustering.md for what is built and what is not yet.
 */
package io.gamehall.cluster;
