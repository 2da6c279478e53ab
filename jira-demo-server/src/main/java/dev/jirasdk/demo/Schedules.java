package dev.jirasdk.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background jobs (token keep-alive, incremental sync, health) on one daemon thread, each with
 * its interval and last outcome visible on the dashboard and {@code /health}. A zero interval turns a job off.
 * Thread-safe.
 */
final class Schedules implements Background {
  private static final Logger log = LoggerFactory.getLogger(Schedules.class);

  private final Clock clock;
  private final List<Job> jobs = new ArrayList<>();
  private ScheduledExecutorService executor;

  Schedules(Clock clock) {
    this.clock = clock;
  }

  /** A job: {@code task} answers a short outcome line for the dashboard. */
  Schedules add(String name, String description, Duration interval, Supplier<String> task) {
    jobs.add(new Job(name, description, interval, task));
    return this;
  }

  @Override
  public synchronized void start() {
    if (executor != null) return;
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-schedules");
      t.setDaemon(true);
      return t;
    });
    for (Job job : jobs) {
      if (job.interval.isZero()) continue;
      long millis = job.interval.toMillis();
      synchronized (job) {
        job.nextRunAt = clock.instant().plus(job.interval);
      }
      executor.scheduleWithFixedDelay(() -> job.run(clock), millis, millis, TimeUnit.MILLISECONDS);
    }
    log.info("schedules started: {}", describe());
  }

  @Override
  public boolean running() {
    synchronized (this) {
      return executor != null && !executor.isShutdown();
    }
  }

  @Override
  public List<Map<String, Object>> views() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Job job : jobs) out.add(job.view(running()));
    return out;
  }

  private String describe() {
    StringBuilder sb = new StringBuilder();
    for (Job job : jobs) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(job.name).append(job.interval.isZero() ? " off" : " every " + Durations.human(job.interval));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    ScheduledExecutorService e;
    synchronized (this) {
      e = executor;
      if (e == null || e.isShutdown()) return;
      e.shutdown();
    }
    try {
      if (!e.awaitTermination(10, TimeUnit.SECONDS)) e.shutdownNow();
    } catch (InterruptedException ie) {
      e.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("schedules stopped");
  }

  private static final class Job {
    final String name;
    final String description;
    final Duration interval;
    final Supplier<String> task;
    Instant lastRunAt;
    Instant nextRunAt;
    String lastOutcome;
    boolean lastFailed;

    Job(String name, String description, Duration interval, Supplier<String> task) {
      this.name = name;
      this.description = description;
      this.interval = interval;
      this.task = task;
    }

    String run(Clock clock) {
      String outcome;
      boolean failed = false;
      try {
        outcome = task.get();
      } catch (RuntimeException e) {
        failed = true;
        outcome = "failed: " + e.getClass().getSimpleName();
        log.warn("scheduled job {} failed: {}", name, e.toString());
      }
      synchronized (this) {
        lastRunAt = clock.instant();
        nextRunAt = interval.isZero() ? null : lastRunAt.plus(interval);
        lastOutcome = outcome;
        lastFailed = failed;
      }
      log.debug("scheduled job {}: {}", name, outcome);
      return outcome;
    }

    synchronized Map<String, Object> view(boolean schedulerRunning) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("description", description);
      m.put("enabled", !interval.isZero());
      m.put("intervalSeconds", interval.toSeconds());
      m.put("interval", interval.isZero() ? "off" : Durations.human(interval));
      m.put("lastRunAt", lastRunAt);
      m.put("nextRunAt", schedulerRunning ? nextRunAt : null);
      m.put("lastOutcome", lastOutcome);
      m.put("lastFailed", lastFailed);
      return m;
    }
  }
}
