package io.gamehall.table;

/** A table as the lobby directory lists it. */
public record TableSummary(
    String tableId,
    String game,
    Phase phase,
    int seats,
    int seatsTaken,
    int humans,
    int spectators,
    boolean practice,
    boolean spectatable) {}
