package io.gamehall.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The directory of a single node: plain maps, no cluster code touched. */
public final class LocalDirectory implements HallDirectory {
  private final String node;
  private final Map<String, String> tables = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Map<String, Boolean> online = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> seats = new ConcurrentHashMap<>();

  public LocalDirectory(String node) {
    this.node = node;
  }

  @Override
  public void publish(String tableId, String summary) {
    tables.put(tableId, summary);
  }

  @Override
  public void unpublish(String tableId) {
    tables.remove(tableId);
  }

  @Override
  public Optional<String> owner(String tableId) {
    return tables.containsKey(tableId) ? Optional.of(node) : Optional.empty();
  }

  @Override
  public void seated(String playerId, String tableId) {
    seats.computeIfAbsent(playerId, p -> ConcurrentHashMap.newKeySet()).add(tableId);
  }

  @Override
  public void left(String playerId, String tableId) {
    java.util.Set<String> of = seats.get(playerId);
    if (of != null) {
      of.remove(tableId);
    }
  }

  @Override
  public java.util.Set<String> seatsOf(String playerId) {
    java.util.Set<String> of = seats.get(playerId);
    return of == null ? java.util.Set.of() : java.util.Set.copyOf(of);
  }

  @Override
  public Map<String, Listing> tables() {
    Map<String, Listing> all = new HashMap<>();
    tables.forEach((id, summary) -> all.put(id, new Listing(node, summary)));
    return all;
  }

  @Override
  public boolean reserveCode(String code, String tableId) {
    return codes.putIfAbsent(code, tableId) == null;
  }

  @Override
  public Optional<Location> resolveCode(String code) {
    String id = codes.get(code);
    return id == null ? Optional.empty() : Optional.of(new Location(id, node));
  }

  @Override
  public void releaseCode(String code) {
    codes.remove(code);
  }

  @Override
  public void online(String playerId) {
    online.put(playerId, Boolean.TRUE);
  }

  @Override
  public void offline(String playerId) {
    online.remove(playerId);
  }

  @Override
  public Optional<String> presence(String playerId) {
    return online.containsKey(playerId) ? Optional.of(node) : Optional.empty();
  }
}
