package io.gamehall.table;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An executor that runs nothing until the test says so, to hold work (a drain, a bot) in flight.
 */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Runs queued tasks, including any they queue, until none is left. */
  void runAll() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
      }
      if (task == null) {
        return;
      }
      task.run();
    }
  }
}
