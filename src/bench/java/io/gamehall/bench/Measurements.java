package io.gamehall.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the players observe, shared by all of them: named latency recorders (HdrHistogram,
 * microseconds, read once a second by the sampler so every chart point is one second's interval),
 * named counters, and problems by kind.
 */
final class Measurements {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Map<String, Latency> latencies = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

  /** One latency's interval recorder and the run's total. */
  static final class Latency {
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram interval;

    void record(long nanos) {
      recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
    }

    /** Takes the last second's values into the total; called by the sampler only. */
    synchronized Histogram roll() {
      interval = recorder.getIntervalHistogram(interval);
      total.add(interval);
      return interval;
    }

    synchronized Histogram total() {
      roll();
      return total.copy();
    }

    synchronized void reset() {
      recorder.reset();
      total.reset();
    }
  }

  Latency latency(String name) {
    return latencies.computeIfAbsent(name, n -> new Latency());
  }

  Map<String, Latency> latencies() {
    return new TreeMap<>(latencies);
  }

  void count(String name) {
    counters.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  void add(String name, long amount) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(amount);
  }

  long counter(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /**
   * Something that must not happen in a clean run: an error, a refusal, an unexpected close, a gap
   * in seq.
   */
  void problem(String kind) {
    problems.computeIfAbsent(kind, n -> new LongAdder()).increment();
  }

  Map<String, Long> problems() {
    Map<String, Long> copy = new TreeMap<>();
    problems.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  Map<String, Long> counters() {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
