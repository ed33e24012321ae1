package io.gamehall.table;

import java.time.Duration;
import java.util.Set;

/**
 * A table's tunables.
 *
 * @param turnTime time per turn before the time bank starts to run
 * @param timeBank per-player reserve for a match, consumed once a turn's own time is used up
 * @param reconnectGrace how long a disconnected player keeps the seat before the match is abandoned
 *     for them
 * @param trusteeDelay pause before a move is played for a seat under 托管 (timed out, offline) so it
 *     stays watchable
 * @param botBudget thinking time handed to {@code Match.bot}
 * @param logCapacity events kept for replay on resume; an older resume gets a snapshot
 * @param queueCapacity commands that may wait in the table's queue before further ones are refused
 *     {@code busy}
 * @param spectatorCap spectators at once
 * @param chatMaxCodePoints longest chat text after control characters are removed
 * @param chatBurst chat messages a player may send at once (token bucket size)
 * @param chatWindow time in which the bucket refills completely
 * @param rememberedCommands command ids remembered per player to answer repeats
 * @param phrases quick-chat phrase ids
 * @param checkpointInterval least time between two saved states of one running match (for a
 *     restart): a change after a quieter spell is saved at once, faster changes are gathered and
 *     the newest is saved when the interval is up; zero saves after every event
 * @param trusteePolicy when a seat's turn goes to 托管: only when its clock runs out, or also when
 *     its socket drops
 */
public record TableSettings(
    Duration turnTime,
    Duration timeBank,
    Duration reconnectGrace,
    Duration trusteeDelay,
    Duration botBudget,
    int logCapacity,
    int queueCapacity,
    int spectatorCap,
    int chatMaxCodePoints,
    int chatBurst,
    Duration chatWindow,
    int rememberedCommands,
    Set<String> phrases,
    Duration checkpointInterval,
    TrusteePolicy trusteePolicy) {

  public TableSettings {
    notNegative("turnTime", turnTime);
    notNegative("timeBank", timeBank);
    notNegative("reconnectGrace", reconnectGrace);
    notNegative("trusteeDelay", trusteeDelay);
    notNegative("botBudget", botBudget);
    notNegative("chatWindow", chatWindow);
    notNegative("checkpointInterval", checkpointInterval);
    positive("logCapacity", logCapacity);
    positive("queueCapacity", queueCapacity);
    positive("chatMaxCodePoints", chatMaxCodePoints);
    positive("chatBurst", chatBurst);
    positive("rememberedCommands", rememberedCommands);
    if (spectatorCap < 0) {
      throw new IllegalArgumentException("spectatorCap must not be negative, got " + spectatorCap);
    }
    if (turnTime.isZero()) {
      throw new IllegalArgumentException("turnTime must be positive");
    }
    phrases = Set.copyOf(phrases);
    java.util.Objects.requireNonNull(trusteePolicy, "trusteePolicy");
  }

  /**
   * 20 s a turn plus a 60 s bank, 60 s reconnection grace, 1 s 托管 delay, 2 s bots, 512 logged
   * events, a running match saved at most once a second, 托管 only when a clock runs out.
   */
  public static TableSettings defaults() {
    return new TableSettings(
        Duration.ofSeconds(20),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        512,
        256,
        50,
        200,
        5,
        Duration.ofSeconds(10),
        128,
        Set.of("hello", "good_game", "well_played", "hurry_up", "oops", "thanks"),
        Duration.ofSeconds(1),
        TrusteePolicy.CLOCK);
  }

  public TableSettings withTurnTime(Duration value) {
    return new TableSettings(
        value,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withTimeBank(Duration value) {
    return new TableSettings(
        turnTime,
        value,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withReconnectGrace(Duration value) {
    return new TableSettings(
        turnTime,
        timeBank,
        value,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withTrusteeDelay(Duration value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        value,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withLogCapacity(int value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        value,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withQueueCapacity(int value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        value,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withSpectatorCap(int value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        value,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        trusteePolicy);
  }

  public TableSettings withCheckpointInterval(Duration value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        value,
        trusteePolicy);
  }

  public TableSettings withTrusteePolicy(TrusteePolicy value) {
    return new TableSettings(
        turnTime,
        timeBank,
        reconnectGrace,
        trusteeDelay,
        botBudget,
        logCapacity,
        queueCapacity,
        spectatorCap,
        chatMaxCodePoints,
        chatBurst,
        chatWindow,
        rememberedCommands,
        phrases,
        checkpointInterval,
        value);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static void notNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
