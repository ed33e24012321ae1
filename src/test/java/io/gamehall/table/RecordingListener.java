package io.gamehall.table;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the table told its listener. */
final class RecordingListener implements TableListener {
  final List<TableSummary> states = new ArrayList<>();
  final List<MatchRecord> matches = new ArrayList<>();
  final List<String> emptied = new ArrayList<>();

  @Override
  public synchronized void stateChanged(TableSummary summary) {
    states.add(summary);
  }

  @Override
  public synchronized void matchEnded(MatchRecord record) {
    matches.add(record);
  }

  @Override
  public synchronized void emptied(String tableId) {
    emptied.add(tableId);
  }
}
