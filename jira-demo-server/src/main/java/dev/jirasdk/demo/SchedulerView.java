package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.sync.ConnectionHealth;
import dev.jirasdk.sync.SyncScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Background} over sync-core's {@link SyncScheduler}: it does the work, this shows it. */
final class SchedulerView implements Background {
  /** SyncScheduler needs positive intervals; "off" becomes "practically never". */
  static final Duration NEVER = Duration.ofDays(3650);

  private final SyncScheduler scheduler;
  private final AccountStore accounts;
  private final Duration keepAlive;
  private final Duration sync;
  private final Duration health;
  private volatile boolean started;
  private volatile boolean closed;

  private final java.util.function.Supplier<Optional<SdkSyncPort.ScheduledRun>> lastRun;

  SchedulerView(SyncScheduler scheduler, AccountStore accounts, Duration keepAlive, Duration sync, Duration health,
      java.util.function.Supplier<Optional<SdkSyncPort.ScheduledRun>> lastRun) {
    this.lastRun = lastRun;
    this.scheduler = scheduler;
    this.accounts = accounts;
    this.keepAlive = keepAlive;
    this.sync = sync;
    this.health = health;
  }

  static Duration orNever(Duration d) {
    return d.isZero() ? NEVER : d;
  }

  @Override
  public void start() {
    scheduler.start();
    started = true;
  }

  @Override
  public boolean running() {
    return started && !closed;
  }

  @Override
  public List<Map<String, Object>> views() {
    Set<String> jobs = scheduler.runningJobs();
    List<Map<String, Object>> out = new ArrayList<>();

    Map<String, Object> k = job("token-refresh", "Refresh tokens before they expire and keep idle grants alive", keepAlive);
    k.put("lastOutcome", jobs.contains("keep-alive") ? "running now" : null);
    out.add(k);

    Map<String, Object> s = job("incremental-sync", "Incremental sync of every active account", sync);
    Instant next = null;
    for (SiteConnection c : accounts.connections()) {
      if (c.state() != ConnectionState.ACTIVE) continue;
      Optional<Instant> at = scheduler.nextSyncAt(c.id());
      if (at.isPresent() && (next == null || at.get().isBefore(next))) next = at.get();
    }
    long syncing = jobs.stream().filter(j -> j.startsWith("sync:")).count();
    s.put("nextRunAt", sync.isZero() ? null : next);
    Optional<SdkSyncPort.ScheduledRun> lastSync = lastRun.get();
    s.put("lastRunAt", lastSync.map(SdkSyncPort.ScheduledRun::at).orElse(null));
    s.put("lastOutcome", syncing > 0 ? syncing + " scheduled sync(s) running"
        : lastSync.map(SdkSyncPort.ScheduledRun::outcome).orElse(null));
    out.add(s);

    Map<String, Object> h = job("health", "Check every active account's token and a cheap Jira call", health);
    Map<String, ConnectionHealth> checks = scheduler.health();
    Instant last = null;
    List<String> problems = new ArrayList<>();
    for (ConnectionHealth c : checks.values()) {
      if (last == null || c.checkedAt().isAfter(last)) last = c.checkedAt();
      if (!c.healthy()) problems.add(c.problem());
    }
    h.put("lastRunAt", last);
    if (!checks.isEmpty()) {
      h.put("lastOutcome", problems.isEmpty() ? checks.size() + " account(s) healthy"
          : problems.size() + " of " + checks.size() + " account(s) unhealthy: " + String.join("; ", problems));
      h.put("lastFailed", !problems.isEmpty());
    }
    out.add(h);
    return out;
  }

  private Map<String, Object> job(String name, String description, Duration interval) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("description", description);
    m.put("enabled", !interval.isZero());
    m.put("intervalSeconds", interval.toSeconds());
    m.put("interval", interval.isZero() ? "off" : Durations.human(interval));
    m.put("lastRunAt", null);
    m.put("nextRunAt", null);
    m.put("lastOutcome", null);
    m.put("lastFailed", false);
    return m;
  }

  @Override
  public void close() {
    closed = true;
    scheduler.close();
  }
}
