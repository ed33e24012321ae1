package io.gamehall.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The one scheduler for timers. In a Jakarta EE container it is the container's default managed scheduler; where
 * there is none (the embedded test tier runs plain CDI) it owns a single daemon thread and shuts it down with the
 * application.
 */
@ApplicationScoped
public class Scheduling {
  @Resource private ManagedScheduledExecutorService managed;
  private ScheduledExecutorService owned;

  @PostConstruct
  void init() {
    if (managed == null) {
      ThreadFactory daemon =
          runnable -> {
            Thread thread = new Thread(runnable, "gamehall-scheduler");
            thread.setDaemon(true);
            return thread;
          };
      owned = Executors.newSingleThreadScheduledExecutor(daemon);
    }
  }

  public ScheduledExecutorService scheduler() {
    return managed != null ? managed : owned;
  }

  @PreDestroy
  void shutdown() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
