package io.gamehall.lobby;

import io.gamehall.table.Phase;
import io.gamehall.table.TableSummary;

/**
 * A table's summary as one string in the cluster's directory, and back: every node builds its lobby
 * listing and presence counts from these.
 */
final class DirectorySummaries {
  private DirectorySummaries() {}

  /** A summary as one directory value: {@code listed|game|phase|seats|taken|humans|...}. */
  static String encode(TableSummary s, boolean listed) {
    return String.join(
        "|",
        listed ? "1" : "0",
        s.game(),
        s.phase().name(),
        Integer.toString(s.seats()),
        Integer.toString(s.seatsTaken()),
        Integer.toString(s.humans()),
        Integer.toString(s.spectators()),
        Boolean.toString(s.practice()),
        Boolean.toString(s.spectatable()));
  }

  static TableRegistry.Listing decode(String tableId, String value) {
    String[] f = value.split("\\|", -1);
    if (f.length != 9) {
      return null;
    }
    try {
      return new TableRegistry.Listing(
          new TableSummary(
              tableId,
              f[1],
              Phase.valueOf(f[2]),
              Integer.parseInt(f[3]),
              Integer.parseInt(f[4]),
              Integer.parseInt(f[5]),
              Integer.parseInt(f[6]),
              Boolean.parseBoolean(f[7]),
              Boolean.parseBoolean(f[8])),
          "1".equals(f[0]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
