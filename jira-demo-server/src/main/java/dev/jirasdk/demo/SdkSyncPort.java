package dev.jirasdk.demo;

import dev.jirasdk.auth.Connection;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SyncPort} over sync-core: runs go through an {@link Engine} on a small executor (one run per
 * connection at a time), live progress is kept in memory, and everything else is read from the
 * {@link SyncStore}.
 */
final class SdkSyncPort implements SyncPort {
  private static final Logger log = LoggerFactory.getLogger(SdkSyncPort.class);
  static final List<String> TABLES = Arrays.stream(Entity.values()).map(Entity::streamName).toList();
  private static final int SKIP_PAGE = 500;

  /** Runs one sync to its end on the calling thread, reporting progress into {@code live}. */
  interface Engine {
    SyncRun run(Connection connection, SyncMode mode, LiveRun live);
  }

  /** Progress of a run in flight, written by the engine's listener, read by the HTTP threads. */
  static final class LiveRun {
    final String connectionId;
    final SyncMode mode;
    final Instant startedAt;
    volatile String id;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong points = new AtomicLong();
    final Map<String, StreamView> streams = new ConcurrentHashMap<>();
    final List<String> streamOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    LiveRun(String id, String connectionId, SyncMode mode, Instant startedAt) {
      this.id = id;
      this.connectionId = connectionId;
      this.mode = mode;
      this.startedAt = startedAt;
    }

    void stream(String name, String status, long done, long total) {
      if (!streams.containsKey(name)) streamOrder.add(name);
      streams.put(name, new StreamView(name, status, done, total));
    }

    RunView view() {
      List<StreamView> list = new ArrayList<>();
      for (String name : streamOrder) list.add(streams.get(name));
      Map<String, Long> counts = new LinkedHashMap<>();
      for (StreamView s : list) counts.put(s.name(), s.done());
      return new RunView(id, connectionId, mode.name(), "RUNNING", startedAt, null, requests.get(), points.get(),
          List.copyOf(errors), list, counts);
    }
  }

  private final SyncStore store;
  private final Engine engine;
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

  @Override
  public List<String> tables() {
    return TABLES;
  }

  @Override
  public RunView start(Connection connection, boolean full) {
    if (closed) throw new IllegalStateException("the server is shutting down");
    SyncMode mode = full ? SyncMode.FULL : SyncMode.INCREMENTAL;
    LiveRun live;
    synchronized (running) {
      LiveRun existing = running.get(connection.id());
      if (existing != null) throw new SyncConflictException(existing.id);
      live = new LiveRun("run_" + java.util.UUID.randomUUID().toString().replace("-", ""), connection.id(), mode,
          clock.instant());
      running.put(connection.id(), live);
    }
    try {
      executor.execute(() -> execute(connection, live));
    } catch (RejectedExecutionException e) {
      running.remove(connection.id(), live);
      throw new IllegalStateException("the server is shutting down");
    }
    return live.view();
  }

  private void execute(Connection connection, LiveRun live) {
    try {
      SyncRun result = engine.run(connection, live.mode, live);
      if (result != null) {
        live.id = result.runId();
        log.info("sync {} of {} ended {}: {} requests, {} points, {} error(s)", result.runId(),
            connection.id(), result.status(), result.requests(), result.points(), result.errors().size());
      }
    } catch (RuntimeException e) {
      log.warn("sync of {} failed: {}", connection.id(), e.toString());
    } finally {
      running.remove(connection.id(), live);
    }
  }

  @Override
  public Optional<RunView> running(String connectionId) {
    return Optional.ofNullable(running.get(connectionId)).map(LiveRun::view);
  }

  @Override
  public Optional<RunView> run(String runId) {
    for (LiveRun live : running.values()) if (live.id.equals(runId)) return Optional.of(live.view());
    return store.run(runId).map(SdkSyncPort::view);
  }

  @Override
  public List<RunView> runs(String connectionId, int limit) {
    List<RunView> out = new ArrayList<>();
    LiveRun live = running.get(connectionId);
    if (live != null) out.add(live.view());
    for (SyncRun run : store.runs(connectionId, limit)) {
      if (live != null && run.runId().equals(live.id)) continue;
      if (out.size() >= limit) break;
      out.add(view(run));
    }
    return out;
  }

  static RunView view(SyncRun run) {
    List<StreamView> streams = new ArrayList<>();
    for (StreamSummary s : run.streams()) {
      streams.add(new StreamView(s.stream(), s.status().name(), s.total().seen(), -1));
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

  /** Ids of connections with a run in flight. */
  List<String> runningConnections() {
    return List.copyOf(running.keySet());
  }

  @Override
  public void close() {
    closed = true;
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
