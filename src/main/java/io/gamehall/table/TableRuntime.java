package io.gamehall.table;

import java.util.concurrent.Executor;

/**
 * What a table runs on, all shared and owned by the caller: the executor behind every table's
 * serial queue, the clock, and a separate bounded executor for bot thinking so a slow bot never
 * holds up a table or its timers.
 */
public record TableRuntime(Executor executor, TableClock clock, Executor botExecutor) {}
