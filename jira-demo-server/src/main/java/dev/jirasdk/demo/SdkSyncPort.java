package dev.jirasdk.demo;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncAlreadyRunningException;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * small executor; live progress comes from sync-core's {@link SyncEvent}s and the engine's summary so far, so
 * runs that the scheduler starts show up too; everything else is read from the {@link SyncStore}.
 *
 * <p>Runs end in a true state after any stop. While a run goes, its summary so far is saved about once a
 * second, so a run cut short by a killed process still shows what it committed; at the next start
 * {@link #recoverInterrupted} marks it interrupted. A run that the server's own shutdown cancels is marked
 * interrupted too (a user's cancel, such as deactivating the account, stays cancelled). Interrupted runs are
 * shown as {@code INTERRUPTED} and started again by {@link #resumeInterrupted}.
 */
final class SdkSyncPort implements SyncPort, SyncListener {
  private static final Logger log = LoggerFactory.getLogger(SdkSyncPort.class);
  static final List<String> TABLES = Arrays.stream(Entity.values()).map(Entity::streamName).toList();
  /** Begins the note on a run that a stop of the server cut short. */
  static final String INTERRUPTED_NOTE = "interrupted: ";
  static final String SHUTDOWN_NOTE = INTERRUPTED_NOTE
      + "the server was stopped while this run was going; its next start resumes from the last committed page";
  static final String KILLED_NOTE = INTERRUPTED_NOTE
      + "the server process ended without stopping this run (killed?); the counts are those last saved";
  private static final long START_WAIT_SECONDS = 15;
  private static final long PROGRESS_SAVE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Weight of a stream whose size is unknown, on top of what it has fetched, while it runs. */
  private static final long UNKNOWN_STREAM_WEIGHT = 50;

  /** Runs one sync to its end on the calling thread, emitting its events to this port. */
  interface Engine {
    SyncRun run(String connectionId, SyncMode mode);

    /** Whether a run of the connection is going on (including one this port did not start). */
    default boolean active(String connectionId) {
      return false;
    }

    /** Asks the connection's run to stop after the page in flight is committed. */
    default void cancel(String connectionId) {}

    /** At start: frees the claim a killed earlier process of this instance left on the connection. */
    default void releaseStaleClaim(String connectionId) {}

    /** The running run's summary so far (requests, points, counts), when the engine can tell. */
    default Optional<SyncRun> progress(String connectionId) {
      return Optional.empty();
    }
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
    /** Cancelled on a user's request (not by a shutdown): it stays cancelled. */
    volatile boolean userCancelled;
    final Map<String, long[]> done = new ConcurrentHashMap<>();
    final Map<String, String> status = new ConcurrentHashMap<>();
    final Map<String, Long> expected = new ConcurrentHashMap<>();
    final List<String> streamOrder = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> started = new CompletableFuture<>();
    private double progress;
    private long lastSave = System.nanoTime() - PROGRESS_SAVE_NANOS; // the first page saves at once

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

    /** Whether the summary so far is due to be saved again; resets the timer when it is. */
    synchronized boolean saveDue() {
      long now = System.nanoTime();
      if (now - lastSave < PROGRESS_SAVE_NANOS) return false;
      lastSave = now;
      return true;
    }

    /**
     * The run so far. {@code summary} is the engine's summary so far (requests, points, what storing did), or
     * null when it cannot tell; then the counts are the records fetched according to the events.
     */
    synchronized RunView view(SyncRun summary) {
      List<StreamView> list = new ArrayList<>();
      Map<String, Counts> records = new LinkedHashMap<>();
      for (String name : streamOrder) {
        long n = done.getOrDefault(name, new long[1])[0];
        list.add(new StreamView(name, status.getOrDefault(name, "QUEUED"), n, expected.getOrDefault(name, -1L)));
      }
      if (summary != null) {
        summary.counts().forEach((e, c) -> records.put(e.streamName(), c));
      } else {
        for (StreamView s : list) records.put(s.name(), new Counts(0, 0, s.done(), 0));
      }
      progress = Math.max(progress, weightedProgress(list));
      return new RunView(id, connectionId, mode.name(), "RUNNING", startedAt, null,
          summary == null ? 0 : summary.requests(), summary == null ? 0 : summary.points(), List.copyOf(errors),
          list, records, List.of(), progress);
    }
  }

  /**
   * How far a run is, by expected work: each stream weighs what it is expected to fetch (its known total), a
   * stream of unknown size what it fetched so far plus a little. Below 1 until the run ends.
   */
  static double weightedProgress(List<StreamView> streams) {
    double doneWork = 0;
    double allWork = 0;
    for (StreamView s : streams) {
      boolean finished = !s.status().equals("QUEUED") && !s.status().equals("RUNNING");
      double weight;
      double fraction;
      if (s.expected() > 0) {
        weight = s.expected();
        fraction = finished ? 1 : Math.min(0.99, (double) s.done() / s.expected());
      } else if (finished) {
        weight = Math.max(1, s.done());
        fraction = 1;
      } else {
        weight = s.done() + UNKNOWN_STREAM_WEIGHT;
        fraction = (double) s.done() / weight;
      }
      doneWork += weight * fraction;
      allWork += weight;
    }
    return allWork == 0 ? 0 : Math.min(0.99, doneWork / allWork);
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
    LiveRun registered = null;
    for (int attempt = 1; registered == null; attempt++) {
      synchronized (running) {
        if (!running.containsKey(connection.id()) && !engine.active(connection.id())) {
          registered = new LiveRun(null, connection.id(), mode, clock.instant());
          registered.own = true;
          running.put(connection.id(), registered);
        }
      }
      if (registered == null) {
        String busyWith = runningId(connection.id());
        // No id: the other run ended meanwhile, so this one may start after all.
        if (busyWith != null || attempt == 3) throw new SyncConflictException(busyWith);
      }
    }
    LiveRun live = registered;
    try {
      executor.execute(() -> execute(connection.id(), live));
    } catch (RejectedExecutionException e) {
      forget(connection.id(), live);
      throw new IllegalStateException("the server is shutting down");
    }
    try {
      live.started.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SyncConflictException) throw (SyncConflictException) e.getCause();
      throw new IllegalStateException("the sync did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      log.warn("sync of {} has not reported its start after {}s", connection.id(), START_WAIT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (live.id == null) live.id = storedRunningId(connection.id());
    return view(live);
  }

  /**
   * The id of the run going on for the connection, for a 409. In the first moments of a run its start event has
   * not come yet, but the engine stored the run as running before anything else: found there. Waits (bounded)
   * for one of the two.
   */
  private String runningId(String connectionId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
    synchronized (running) {
      while (true) {
        LiveRun live = running.get(connectionId);
        if (live != null && live.id != null) return live.id;
        String stored = storedRunningId(connectionId);
        if (stored != null) return stored;
        if (live == null && !engine.active(connectionId)) return null; // it ended meanwhile
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        try {
          TimeUnit.NANOSECONDS.timedWait(running, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private String storedRunningId(String connectionId) {
    for (SyncRun run : store.runs(connectionId, 1)) {
      if (run.status() == RunStatus.RUNNING) return run.runId();
    }
    return null;
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
    } catch (SyncAlreadyRunningException e) {
      // Another instance that shares the database runs the connection (or the scheduler here got there first):
      // the refusal names the run.
      if (!live.started.completeExceptionally(new SyncConflictException(e.runId()))) {
        live.own = false;
        keep = true;
      }
    } catch (IllegalStateException e) {
      // JiraSync refuses a second run of a connection: the scheduler got there first. If its run already
      // reported itself through this slot, keep showing it; its RunFinished event removes it.
      if (!live.started.completeExceptionally(new SyncConflictException(runningId(connectionId)))) {
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
      LiveRun live;
      synchronized (running) {
        live = running.computeIfAbsent(e.connectionId(), c -> new LiveRun(e.runId(), c, e.mode(), e.at()));
        live.id = e.runId();
        running.notifyAll();
      }
      live.estimatedIssues = e.estimatedIssues();
      expectations(live, e);
      for (String stream : e.streams()) live.stream(stream, null, 0);
      live.started.complete(e.runId());
    } else if (event instanceof SyncEvent.StreamStarted) {
      SyncEvent.StreamStarted e = (SyncEvent.StreamStarted) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) live.stream(e.stream(), "RUNNING", 0);
    } else if (event instanceof SyncEvent.PageCommitted) {
      SyncEvent.PageCommitted e = (SyncEvent.PageCommitted) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) {
        live.stream(e.stream(), "RUNNING", e.items());
        saveProgress(live);
      }
    } else if (event instanceof SyncEvent.StreamFinished) {
      SyncEvent.StreamFinished e = (SyncEvent.StreamFinished) event;
      LiveRun live = running.get(e.connectionId());
      if (live != null) {
        StreamSummary s = e.summary();
        live.streamDone(s.stream(), s.status().name(), ownSeen(s, live.done.getOrDefault(s.stream(), new long[1])[0]));
      }
    } else if (event instanceof SyncEvent.RunFinished || event instanceof SyncEvent.RunFailed) {
      String connectionId = event.connectionId();
      SyncRun finished = event instanceof SyncEvent.RunFinished ? ((SyncEvent.RunFinished) event).run()
          : ((SyncEvent.RunFailed) event).run();
      LiveRun live = running.get(connectionId);
      if (finished.status() == RunStatus.CANCELLED && closed && (live == null || !live.userCancelled)) {
        // Stopped by the server's shutdown, not by anyone's wish: resumable.
        save(withNote(finished, SHUTDOWN_NOTE, finished.finishedAt()));
      }
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

  /** What each stream is expected to fetch: the issue estimate, and for a full run what is stored now. */
  private void expectations(LiveRun live, SyncEvent.RunStarted e) {
    Map<Entity, Long> stored = Map.of();
    try {
      stored = store.counts(e.connectionId());
    } catch (RuntimeException ex) {
      log.debug("stored counts unavailable for progress: {}", ex.toString());
    }
    for (String stream : e.streams()) {
      long expected = -1;
      if (stream.equals(Entity.ISSUES.streamName())) {
        expected = e.estimatedIssues() >= 0 ? e.estimatedIssues() : stored.getOrDefault(Entity.ISSUES, -1L);
      } else if (e.mode() == SyncMode.FULL) {
        Long n = stored.get(Entity.ofStreamName(stream));
        if (n != null && n > 0) expected = n;
      }
      live.expected.put(stream, expected);
    }
  }

  /** Saves the run's summary so far (about once a second), so a killed process leaves what it had done. */
  private void saveProgress(LiveRun live) {
    if (!live.saveDue()) return;
    synchronized (live) {
      engine.progress(live.connectionId).filter(r -> r.runId().equals(live.id)).ifPresent(this::save);
    }
  }

  private void save(SyncRun run) {
    try {
      store.saveRun(run);
    } catch (RuntimeException e) {
      log.warn("could not save the state of run {}: {}", run.runId(), e.toString());
    }
  }

  private static SyncRun withNote(SyncRun r, String note, Instant finishedAt) {
    List<String> notes = new ArrayList<>(r.notes());
    notes.add(note);
    return new SyncRun(r.runId(), r.connectionId(), r.mode(), RunStatus.CANCELLED, r.startedAt(), finishedAt,
        r.streams(), r.requests(), r.points(), r.estimatedIssues(), r.errors(), notes);
  }

  /** A stream's count of its own entity (a stream also writes others: issues bring comments...). */
  private static long ownSeen(StreamSummary s, long fallback) {
    for (Map.Entry<Entity, Counts> c : s.counts().entrySet()) {
      if (c.getKey().streamName().equals(s.stream())) return c.getValue().seen();
    }
    return fallback;
  }

  @Override
  public boolean cancel(String connectionId) {
    LiveRun live = running.get(connectionId);
    if (live != null) live.userCancelled = true;
    if (live == null && !engine.active(connectionId)) return false;
    engine.cancel(connectionId);
    return true;
  }

  @Override
  public int recoverInterrupted(List<SiteConnection> connections) {
    int marked = 0;
    for (SiteConnection c : connections) {
      if (!running.containsKey(c.id())) {
        try {
          engine.releaseStaleClaim(c.id());
        } catch (RuntimeException e) {
          log.warn("cannot free a stale claim on {}: {}", c.id(), e.toString());
        }
      }
      if (running.containsKey(c.id()) || engine.active(c.id())) continue;
      for (SyncRun run : store.runs(c.id(), 20)) {
        if (run.status() != RunStatus.RUNNING) continue;
        save(withNote(run, KILLED_NOTE, null));
        marked++;
        log.info("sync {} of {} was left running by a process that ended; marked interrupted ({} requests, {} "
            + "records saved before)", run.runId(), c.id(), run.requests(), total(run.counts()).seen());
      }
    }
    return marked;
  }

  private RunView view(LiveRun live) {
    if (live.id == null) {
      // Before its start event: the engine stored the run as running first thing, so its id is known there.
      String stored = storedRunningId(live.connectionId);
      if (stored != null && live.id == null) live.id = stored;
    }
    SyncRun summary = null;
    try {
      summary = engine.progress(live.connectionId).filter(r -> r.runId().equals(live.id)).orElse(null);
    } catch (RuntimeException e) {
      log.debug("run summary unavailable: {}", e.toString());
    }
    return live.view(summary);
  }

  @Override
  public Optional<RunView> running(String connectionId) {
    return Optional.ofNullable(running.get(connectionId)).map(this::view);
  }

  @Override
  public Optional<RunView> run(String runId) {
    for (LiveRun live : running.values()) if (runId.equals(live.id)) return Optional.of(view(live));
    return store.run(runId).map(SdkSyncPort::view);
  }

  @Override
  public List<RunView> runs(String connectionId, int limit) {
    List<RunView> out = new ArrayList<>();
    LiveRun live = running.get(connectionId);
    RunView liveView = live == null ? null : view(live);
    // A run is listed once it has an id (its start, or the engine's first save): never as a row without one.
    if (liveView != null && liveView.id() == null) liveView = null;
    if (liveView != null) out.add(liveView);
    for (SyncRun run : store.runs(connectionId, limit)) {
      if (out.size() >= limit) break;
      if (liveView != null && run.runId().equals(liveView.id())) continue;
      if (live == null && run.status() == RunStatus.RUNNING && !engine.active(connectionId)) {
        out.add(view(withNote(run, KILLED_NOTE, null)));
        continue;
      }
      out.add(view(run));
    }
    return out;
  }

  static RunView view(SyncRun run) {
    List<StreamView> streams = new ArrayList<>();
    for (StreamSummary s : run.streams()) {
      streams.add(new StreamView(s.stream(), s.status().name(), ownSeen(s, s.total().seen()), -1));
    }
    Map<String, Counts> records = new LinkedHashMap<>();
    for (Map.Entry<Entity, Counts> e : run.counts().entrySet()) records.put(e.getKey().streamName(), e.getValue());
    List<String> errors = new ArrayList<>();
    for (SyncError e : run.errors()) errors.add(e.describe());
    boolean interrupted = run.status() == RunStatus.CANCELLED
        && run.notes().stream().anyMatch(n -> n.startsWith(INTERRUPTED_NOTE));
    String status = interrupted ? INTERRUPTED : run.status().name();
    return new RunView(run.runId(), run.connectionId(), run.mode().name(), status, run.startedAt(),
        run.finishedAt(), run.requests(), run.points(), errors, streams, records, run.notes(),
        run.status() == RunStatus.RUNNING ? 0 : 1);
  }

  static Counts total(Map<?, Counts> counts) {
    Counts sum = Counts.ZERO;
    for (Counts c : counts.values()) sum = sum.plus(c);
    return sum;
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
  public RawPage rows(String connectionId, String table, int limit, String after) {
    Entity entity = Entity.ofStreamName(table); // only called with an allow-listed name
    RecordPage page = store.records(connectionId, entity, after == null ? null : decodeCursor(after), limit, false);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StoredRecord r : page.items()) rows.add(row(r));
    String next = page.next().map(SdkSyncPort::encodeCursor).orElse(null);
    return new RawPage(table, store.count(connectionId, entity), rows, next);
  }

  /** An opaque cursor: base64url of the record's {@code updated} instant (or nothing) and id. */
  static String encodeCursor(RecordCursor c) {
    String plain = (c.updated() == null ? "" : c.updated().toString()) + "\n" + c.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static RecordCursor decodeCursor(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int nl = plain.indexOf('\n');
      if (nl < 0 || nl == plain.length() - 1) throw new IllegalArgumentException("not a cursor");
      String updated = plain.substring(0, nl);
      return new RecordCursor(updated.isEmpty() ? null : Instant.parse(updated), plain.substring(nl + 1));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a cursor", e);
    }
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
      log.info("stopping the sync of {} after its page in flight; the next start resumes it from there", connectionId);
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
