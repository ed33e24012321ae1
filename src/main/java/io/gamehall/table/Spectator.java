package io.gamehall.table;

/** A watcher of the table and the connection its updates go to. */
record Spectator(String playerId, String nickname, TableMember member) {}
