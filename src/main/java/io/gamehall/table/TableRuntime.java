package io.gamehall.table;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * What a table runs on, all shared and owned by the caller: the executor behind every table's
 * serial queue, the clock, a separate bounded executor for bot thinking so a slow bot never holds
 * up a table or its timers, and the gate a command must pass before it is applied (in a cluster:
 * whether this node sees a quorum; always open on a single node).
 */
public record TableRuntime(
    Executor executor, TableClock clock, Executor botExecutor, BooleanSupplier acceptsCommands) {
  public TableRuntime(Executor executor, TableClock clock, Executor botExecutor) {
    this(executor, clock, botExecutor, () -> true);
  }
}
