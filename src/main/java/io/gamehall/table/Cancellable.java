package io.gamehall.table;

/** A scheduled task that may still be called off; cancelling twice or after it ran is harmless. */
@FunctionalInterface
public interface Cancellable {
  Cancellable NONE = () -> {};

  void cancel();
}
