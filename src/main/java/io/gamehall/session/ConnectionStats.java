package io.gamehall.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of the hall's traffic for the metrics page; cheap to bump from any thread. */
@ApplicationScoped
public class ConnectionStats {
  private final LongAdder opened = new LongAdder();
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder messagesOut = new LongAdder();
  private final LongAdder resumes = new LongAdder();
  private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();

  void opened() {
    opened.increment();
  }

  void received() {
    messagesIn.increment();
  }

  void sent() {
    messagesOut.increment();
  }

  void resumed() {
    resumes.increment();
  }

  void closedWith(int code) {
    closes.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  public long openedTotal() {
    return opened.sum();
  }

  public long messagesInTotal() {
    return messagesIn.sum();
  }

  public long messagesOutTotal() {
    return messagesOut.sum();
  }

  public long resumesTotal() {
    return resumes.sum();
  }

  /** Closes seen so far by close code (as the container reported them to the endpoint). */
  public Map<Integer, Long> closesByCode() {
    Map<Integer, Long> out = new TreeMap<>();
    closes.forEach((code, n) -> out.put(code, n.sum()));
    return out;
  }
}
