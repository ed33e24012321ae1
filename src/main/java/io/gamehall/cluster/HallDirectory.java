package io.gamehall.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * The hall's soft state that every node must see: the live table directory, private join codes and
 * presence. Soft state: the database and the tables' owners are the truth, and a node republishes
 * its own entries after a partition heals. The lobby talks to this interface only, so it does not
 * care whether it runs on one node ({@link LocalDirectory}) or in a cluster ({@link
 * ClusterDirectory}).
 *
 * <p>Values are opaque strings (the lobby's JSON summary of a table), so a cluster needs no
 * marshalling set-up and this package no dependency on the lobby.
 */
public interface HallDirectory {
  /** Where a table lives: its id and the node that owns it. */
  record Location(String tableId, String node) {}

  /** A listed table: its owner node and the lobby's summary of it. */
  record Listing(String node, String summary) {}

  /** Publishes or updates a table owned by this node. */
  void publish(String tableId, String summary);

  /** Removes a table from the directory (it closed, or moved: the new owner publishes it). */
  void unpublish(String tableId);

  /** The node that owns {@code tableId}, if the table is published (listed or not). */
  Optional<String> owner(String tableId);

  /**
   * Every published table of every node, by table id; an unlisted (private) table has an empty
   * summary.
   */
  Map<String, Listing> tables();

  /**
   * Reserves a join code for a table on this node; false if the code is taken anywhere (pick
   * another).
   */
  boolean reserveCode(String code, String tableId);

  /** The table a join code opens, and its node; empty if the code is unknown. */
  Optional<Location> resolveCode(String code);

  void releaseCode(String code);

  /** Records that {@code playerId} sits at {@code tableId} (for the cluster-wide tables limit). */
  void seated(String playerId, String tableId);

  void left(String playerId, String tableId);

  /** The tables {@code playerId} sits at, on any node, as recorded by {@link #seated}. */
  java.util.Set<String> seatsOf(String playerId);

  /** Marks the player online on this node. */
  void online(String playerId);

  /** Marks the player offline, unless another node has marked them online since. */
  void offline(String playerId);

  /** The node the player is online on; empty if offline. */
  Optional<String> presence(String playerId);
}
