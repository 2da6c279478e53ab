package dev.jirasdk.demo;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SyncPort} over sync-core. Runs go through an {@link Engine} (in production {@code JiraSync.sync}) on a
 * small executor; live progress comes from sync-core's {@link SyncEvent}s, so runs that the scheduler starts
 * show up too; everything else is read from the {@link SyncStore}.
 */
final class SdkSyncPort implements SyncPort, SyncListener {
  private static final Logger log = LoggerFactory.getLogger(SdkSyncPort.class);
  static final List<String> TABLES = Arrays.stream(Entity.values()).map(Entity::streamName).toList();
  private static final int SKIP_PAGE = 500;
  private static final long START_WAIT_SECONDS = 15;

  /** Runs one sync to its end on the calling thread, emitting its events to this port. */
  interface Engine {
    SyncRun run(String connectionId, SyncMode mode);

    /** Whether a run of the connection is going on (including one this port did not start). */
    default boolean active(String connectionId) {
      return false;
    }

    /** Asks the connection's run to stop after the page in flight is committed. */
    default void cancel(String connectionId) {}
  }

  /** Progress of a run in flight, written by sync events, read by the HTTP threads. */
  static final class LiveRun {
    final String connectionId;
    final SyncMode mode;
    final Instant startedAt;
    volatile String id;
    volatile long estimatedIssues = -1;
    /** Started by this port (removed when the engine returns) rather than by the scheduler. */
    volatile boolean own;
    final Map<String, long[]> done = new ConcurrentHashMap<>();
    final Map<String, String> status = new ConcurrentHashMap<>();
    final List<String> streamOrder = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> started = new CompletableFuture<>();

    LiveRun(String id, String connectionId, SyncMode mode, Instant startedAt) {
      this.id = id;
      this.connectionId = connectionId;
      this.mode = mode;
      this.startedAt = startedAt;
    }

    synchronized void stream(String name, String state, long items) {
      if (!streamOrder.contains(name)) streamOrder.add(name);
      if (state != null) status.put(name, state);
      done.computeIfAbsent(name, k -> new long[1])[0] += items;
    }

    synchronized void streamDone(String name, String state, long seen) {
      if (!streamOrder.contains(name)) streamOrder.add(name);
      status.put(name, state);
      done.computeIfAbsent(name, k -> new long[1])[0] = seen;
    }

    synchronized RunView view() {
      List<StreamView> list = new ArrayList<>();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String name : streamOrder) {
        long n = done.getOrDefault(name, new long[1])[0];
        long total = name.equals("issues") ? estimatedIssues : -1;
        list.add(new StreamView(name, status.getOrDefault(name, "QUEUED"), n, total));
        counts.put(name, n);
      }
      return new RunView(id, connectionId, mode.name(), "RUNNING", startedAt, null, 0, 0, List.copyOf(errors), list,
          counts);
    }
  }

  /** The last run that this port did not start (the scheduler's), for the dashboard. */
  record ScheduledRun(Instant at, String outcome) {}

  private volatile ScheduledRun lastScheduled;
  private final SyncStore store;
  private volatile Engine engine;
  private final Clock clock;
  private final ExecutorService executor;
  private final Map<String, LiveRun> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  SdkSyncPort(SyncStore store, Engine engine, Clock clock, int maxConcurrentRuns) {
    this.store = store;
    this.engine = engine;
    this.clock = clock;
    this.executor = Executors.newFixedThreadPool(maxConcurrentRuns, r -> {
      Thread t = new Thread(r, "demo-sync-run");
      t.setDaemon(true);
      return t;
    });
  }

  /** For wiring where the engine needs this port as its listener first. */
  void engine(Engine engine) {
    this.engine = engine;
  }

  Optional<ScheduledRun> lastScheduledRun() {
    return Optional.ofNullable(lastScheduled);
  }

  @Override
  public List<String> tables() {
    return TABLES;
  }

  @Override
  public RunView start(SiteConnection connection, boolean full) {
    if (closed) throw new IllegalStateException("the server is shutting down");
    SyncMode mode = full ? SyncMode.FULL : SyncMode.INCREMENTAL;
    LiveRun live;
    synchronized (running) {
      LiveRun existing = running.get(connection.id());
      if (existing != null) throw new SyncConflictException(existing.id);
      if (engine.active(connection.id())) throw new SyncConflictException(null);
      live = new LiveRun(null, connection.id(), mode, clock.instant());
      live.own = true;
      running.put(connection.id(), live);
    }
    try {
      executor.execute(() -> execute(connection.id(), live));
    } catch (RejectedExecutionException e) {
      running.remove(connection.id(), live);
      throw new IllegalStateException("the server is shutting down");
    }
    try {
      live.started.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SyncConflictException) throw (SyncConflictException) e.getCause();
      throw new IllegalStateException("the sync did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      log.warn("sync of {} has not reported its start after {}s; answering without a run id", connection.id(),
          START_WAIT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return live.view();
  }

  private void execute(String connectionId, LiveRun live) {
    boolean keep = false;
    try {
      SyncRun result = engine.run(connectionId, live.mode);
      if (result != null) {
        live.started.complete(result.runId());
        log.debug("sync {} of {} ended {}: {} requests, {} points, {} error(s)", result.runId(), connectionId,
            result.status(), result.requests(), result.points(), result.errors().size());
      }
    } catch (IllegalStateException e) {
      // JiraSync refuses a second run of a connection: the scheduler got there first. If its run already
      // reported itself through this slot, keep showing it; its RunFinished event removes it.
      if (!live.started.completeExceptionally(new SyncConflictException(null))) {
        live.own = false;
        keep = true;
      }
    } catch (RuntimeException e) {
      live.started.completeExceptionally(e);
      log.warn("sync of {} failed: {}", connectionId, e.toString());
    } finally {
      if (!keep) forget(connectionId, live);
    }
  }

  private void forget(String connectionId, LiveRun live) {
    synchronized (running) {
      running.remove(connectionId, live);
      running.notifyAll();
    }
  }

  /** Waits until no run of the connection is in flight; false on timeout. For tests and shutdown. */
  boolean awaitIdle(String connectionId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (running) {
      while (running.containsKey(connectionId)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(running, left);
      }
      return true;
    }
  }

  /** Sync events: keep the live view of each connection's run up to date. */
  @Override
  public void onEvent(SyncEvent event) {
    if (event instanceof SyncEvent.RunStarted) {
      SyncEvent.RunStarted e = (SyncEvent.RunStarted) event;
      LiveRun live = running.computeIfAbsent(e.connectionId(), c -> new LiveRun(e.runId(), c, e.mode(), e.at()));
      live.id = e.runId();
      live.estimatedIssues = e.estimatedIssues();
      for (String stream : e.streams()) live.stream(stream, null, 0);
      live.started.complete(e.runId());
    } else if (event instanceof SyncEvent.StreamStarted) {
      SyncEvent.StreamStarted e = (SyncEvent.StreamStarted) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) live.stream(e.stream(), "RUNNING", 0);
    } else if (event instanceof SyncEvent.PageCommitted) {
      SyncEvent.PageCommitted e = (SyncEvent.PageCommitted) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) live.stream(e.stream(), "RUNNING", e.items());
    } else if (event instanceof SyncEvent.StreamFinished) {
      SyncEvent.StreamFinished e = (SyncEvent.StreamFinished) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) {
        StreamSummary s = e.summary();
        // A stream also writes other entities (issues bring comments...): show its own entity's count.
        Counts own = null;
        for (Map.Entry<Entity, Counts> c : s.counts().entrySet()) {
          if (c.getKey().streamName().equals(s.stream())) own = c.getValue();
        }
        long seen = own != null ? own.seen() : live.done.getOrDefault(s.stream(), new long[1])[0];
        live.streamDone(s.stream(), s.status().name(), seen);
      }
    } else if (event instanceof SyncEvent.RunFinished || event instanceof SyncEvent.RunFailed) {
      String connectionId = event instanceof SyncEvent.RunFinished ? ((SyncEvent.RunFinished) event).connectionId()
          : ((SyncEvent.RunFailed) event).connectionId();
      SyncRun finished = event instanceof SyncEvent.RunFinished ? ((SyncEvent.RunFinished) event).run()
          : ((SyncEvent.RunFailed) event).run();
      LiveRun live = running.get(connectionId);
      if (live == null || !live.own) {
        lastScheduled = new ScheduledRun(finished.finishedAt() != null ? finished.finishedAt() : clock.instant(),
            finished.status().name().toLowerCase(java.util.Locale.ROOT) + " (" + connectionId + ")");
      }
      // Runs this port started are removed when the engine returns; the scheduler's ones here.
      if (live != null && live.started.isDone() && !live.started.isCompletedExceptionally() && !live.own) {
        forget(connectionId, live);
      }
    }
  }

  @Override
  public Optional<RunView> running(String connectionId) {
    return Optional.ofNullable(running.get(connectionId)).map(LiveRun::view);
  }

  @Override
  public Optional<RunView> run(String runId) {
    for (LiveRun live : running.values()) if (runId.equals(live.id)) return Optional.of(live.view());
    return store.run(runId).map(SdkSyncPort::view);
  }

  @Override
  public List<RunView> runs(String connectionId, int limit) {
    List<RunView> out = new ArrayList<>();
    LiveRun live = running.get(connectionId);
    if (live != null) out.add(live.view());
    for (SyncRun run : store.runs(connectionId, limit)) {
      if (live != null && run.runId().equals(live.id)) continue;
      if (live == null && run.status() == dev.jirasdk.sync.RunStatus.RUNNING && !engine.active(connectionId)) {
        out.add(interrupted(view(run)));
        continue;
      }
      if (out.size() >= limit) break;
      out.add(view(run));
    }
    return out;
  }

  /** A run stored as RUNNING that nothing runs any more: the process stopped while it ran. */
  private static RunView interrupted(RunView r) {
    return new RunView(r.id(), r.connectionId(), r.mode(), "INTERRUPTED", r.startedAt(), r.finishedAt(), r.requests(),
        r.points(), r.errors(), r.streams(), r.counts());
  }

  static RunView view(SyncRun run) {
    List<StreamView> streams = new ArrayList<>();
    for (StreamSummary s : run.streams()) {
      long seen = s.total().seen();
      for (Map.Entry<Entity, Counts> c : s.counts().entrySet()) {
        if (c.getKey().streamName().equals(s.stream())) seen = c.getValue().seen();
      }
      streams.add(new StreamView(s.stream(), s.status().name(), seen, -1));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<Entity, Counts> e : run.counts().entrySet()) counts.put(e.getKey().streamName(), e.getValue().seen());
    List<String> errors = new ArrayList<>();
    for (SyncError e : run.errors()) errors.add(e.describe());
    return new RunView(run.runId(), run.connectionId(), run.mode().name(), run.status().name(), run.startedAt(),
        run.finishedAt(), run.requests(), run.points(), errors, streams, counts);
  }

  @Override
  public Map<String, Long> counts(String connectionId) {
    Map<Entity, Long> stored = store.counts(connectionId);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Entity e : Entity.values()) {
      Long n = stored.get(e);
      if (n != null && n > 0) out.put(e.streamName(), n);
    }
    return out;
  }

  @Override
  public RawPage rows(String connectionId, String table, int limit, int offset) {
    Entity entity = Entity.ofStreamName(table); // only called with an allow-listed name
    RecordCursor cursor = null;
    int toSkip = offset;
    while (toSkip > 0) {
      RecordPage skipped = store.records(connectionId, entity, cursor, Math.min(toSkip, SKIP_PAGE), false);
      if (skipped.items().isEmpty()) break;
      toSkip -= skipped.items().size();
      cursor = RecordCursor.after(skipped.items().get(skipped.items().size() - 1).record());
      if (skipped.next().isEmpty()) break;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    if (toSkip == 0) {
      RecordPage page = store.records(connectionId, entity, cursor, limit, false);
      for (StoredRecord r : page.items()) rows.add(row(r));
    }
    return new RawPage(table, store.count(connectionId, entity), rows);
  }

  private static Map<String, Object> row(StoredRecord stored) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", stored.record().id());
    m.put("parentId", stored.record().parentId());
    m.put("updated", stored.record().updated());
    m.put("syncedAt", stored.syncedAt());
    m.put("columns", stored.record().columns());
    Object raw = Json.parseOrNull(stored.record().rawJson());
    m.put("raw", raw == null ? stored.record().rawJson() : raw);
    return m;
  }

  @Override
  public boolean healthy() {
    try {
      store.runs("health-check", 1);
      return true;
    } catch (RuntimeException e) {
      log.warn("store health check failed: {}", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (String connectionId : running.keySet()) {
      log.info("stopping the sync of {} after its page in flight; the next run resumes from there", connectionId);
      engine.cancel(connectionId);
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
        log.warn("syncs still running after 20s; interrupting them (committed pages stay)");
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
