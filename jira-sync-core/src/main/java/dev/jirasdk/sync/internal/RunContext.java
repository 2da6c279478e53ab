package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.ResponseReader;
import dev.jirasdk.auth.UnexpectedResponseException;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.Tombstone;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every stream of one run shares: the one guarded path to Jira ({@link #fetchPage}), the commit of a page
 * with its checkpoint, checkpoints, events, errors and notes, cancellation, and the run's counters.
 */
final class RunContext {
  private static final Logger log = LoggerFactory.getLogger(RunContext.class);

  final SyncSettings settings;
  final SyncStore store;
  final String conn;
  final SyncRequest request;
  final String runId;
  final Instant startedAt;
  final Map<String, StreamState> streams = new LinkedHashMap<>();
  private final List<SyncError> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong okResponses = new AtomicLong();
  private final AtomicLong itemPoints = new AtomicLong();
  private final Set<Thread> workers = new HashSet<>();
  private volatile boolean cancelled;
  private volatile Thread runThread;
  private volatile boolean runThreadInterruptedByCancel;
  private volatile boolean interruptedByCaller;
  private volatile JiraClient client;
  /** The run's claim on its connection, or null when the store has no {@code SyncClaims}. */
  private volatile RunClaim claim;
  volatile long estimate = -1;

  /** The run's shared issue partitions, or null when the store has no {@code SyncClaims}. */
  private volatile Partitions partitions;

  RunContext(SyncSettings settings, String connectionId, SyncRequest request, String runId) {
    this.runId = runId != null ? runId : UUID.randomUUID().toString();
    this.settings = settings;
    this.store = settings.store();
    this.conn = connectionId;
    this.request = request;
    this.startedAt = settings.clock().instant();
  }

  Instant now() {
    return settings.clock().instant();
  }

  // ------------------------------------------------------------------------------------------- the client

  /** Builds the run's client: the connection's, with the governor and the run's meter on every attempt. */
  void openClient() {
    JiraClient.Builder b = settings.clients().client(conn).newBuilder().addInterceptor(settings.governor())
        .addInterceptor(new RunMeter());
    if (settings.maxAttempts() > 0) b.maxAttempts(settings.maxAttempts());
    client = b.build();
  }

  /** The scopes the connection's grant holds (empty when unknown). */
  Set<String> scopesHeld() {
    return client.scopesHeld();
  }

  boolean hasClient() {
    return client != null;
  }

  /** Counts every attempt of this run (the governor sees the same attempts for the whole process). */
  private final class RunMeter implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      attempts.incrementAndGet();
      Response r = chain.proceed(chain.request());
      if (r.code() != 429) okResponses.incrementAndGet();
      return r;
    }
  }

  // ------------------------------------------------------------------------------------------- cancellation

  /** Thrown inside tasks once the run is cancelled. */
  static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("sync cancelled", null, false, false);
    }
  }

  /**
   * Stops the run: tasks not started yet end at once when they start (so every task still counts down), and
   * tasks running now are interrupted out of their waits.
   */
  void cancel() {
    cancelled = true;
    synchronized (workers) {
      for (Thread t : workers) {
        if (t == runThread) runThreadInterruptedByCancel = true;
        t.interrupt();
      }
    }
  }

  /**
   * The run's own thread fetches too while it plans (the project listing, the estimate), so a cancel must
   * reach it; but an interrupt the cancel caused must not leak to the caller, while one the caller sent must
   * stay. Between these two calls the run thread is interruptible by {@link #cancel()}.
   */
  void enterRunThread() {
    if (Thread.currentThread().isInterrupted()) interruptedByCaller = true;
    runThread = Thread.currentThread();
    enterWorker();
  }

  void leaveRunThread() {
    leaveWorker();
    boolean interrupted = Thread.interrupted();
    if (interrupted && !runThreadInterruptedByCancel) interruptedByCaller = true;
    runThread = null;
  }

  /** The caller interrupted the run's thread (the run then cancels itself); the interrupt is restored. */
  void callerInterrupted() {
    interruptedByCaller = true;
  }

  boolean interruptedByCaller() {
    return interruptedByCaller;
  }

  boolean cancelled() {
    return cancelled;
  }

  void checkCancelled() {
    if (Thread.currentThread() == runThread && Thread.currentThread().isInterrupted()
        && !runThreadInterruptedByCancel) {
      interruptedByCaller = true;
    }
    if (cancelled || Thread.currentThread().isInterrupted()) {
      cancelled = true;
      throw new Cancelled();
    }
  }

  void enterWorker() {
    synchronized (workers) {
      workers.add(Thread.currentThread());
    }
  }

  void leaveWorker() {
    synchronized (workers) {
      workers.remove(Thread.currentThread());
    }
  }

  // ------------------------------------------------------------------------------------------- fetching

  PageFetcher fetcher(StreamState s, int weight) {
    return fetcher(s, weight, null);
  }

  /** The guarded path as a paginator sees it; {@code partition} is named in its pagination errors. */
  PageFetcher fetcher(StreamState s, int weight, String partition) {
    return new PageFetcher() {
      @Override
      public JsonPage fetch(JiraRequest request, String itemsField, boolean objectEntries) {
        return fetchPage(s, weight, request, itemsField, objectEntries);
      }

      @Override
      public String partition() {
        return partition;
      }
    };
  }

  /**
   * Fetches one page; every page of the run goes through here. The client is the only retry layer (it sends a
   * request at most its {@code maxAttempts} times); what a failure means for the run is the caller's to decide.
   * {@code weight} is the points per item returned.
   */
  JsonPage fetchPage(StreamState s, int weight, JiraRequest req, String field, boolean obj) {
    checkCancelled();
    JsonPage page;
    try {
      page = client.execute(req, src -> PageParser.parse(src, field, obj));
    } catch (RuntimeException e) {
      // A cancel interrupts the client out of its waits: that is the cancel, not a failure of the request.
      if (cancelled || Thread.currentThread().isInterrupted()) checkCancelled();
      throw e;
    }
    if (field != null && !obj && Boolean.TRUE.equals(page.meta().get("$missingItems"))) {
      throw new UnexpectedResponseException(req.endpoint(), 200, "expected array at $." + field + ", found none");
    }
    long cost = (long) weight * page.items().size();
    itemPoints.addAndGet(cost);
    settings.governor().recordItems(cost);
    s.addRequest(1 + cost);
    return page;
  }

  /**
   * Whether work estimated at {@code points} fits what the governor may still spend on this site before the
   * budget's reset; if not, the run notes and announces it as deferred and the caller skips it.
   */
  boolean budgetAllows(StreamState s, String partition, SyncEvent.DeferredWork work, long points) {
    String cloudId = client.cloudId();
    long available = settings.governor().availablePoints(cloudId);
    if (available < 0 || available >= points) return true;
    Instant reset = settings.governor().resetAt(cloudId).orElse(Instant.EPOCH);
    emit(new SyncEvent.WorkDeferred(runId, conn, s.name, partition, work, points, available, reset, now()));
    note(s.name, "deferred " + work.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of "
        + partition + ": it needs about " + points + " points and " + available + " are left to the sync"
        + (reset.equals(Instant.EPOCH) ? "" : " until " + reset));
    return false;
  }

  /** A request whose answer is not a page (the estimate); failures are the caller's. */
  <T> T execute(JiraRequest req, ResponseReader<T> reader) {
    checkCancelled();
    return client.execute(req, reader);
  }

  // ------------------------------------------------------------------------------------------- committing

  PageResult commit(StreamState s, String partition, List<SyncRecord> records, List<Tombstone> tombstones,
      Checkpoint cp, int items) {
    return commit(s, partition, records, tombstones, List.of(), cp, items);
  }

  /** A page that also marks issues archived ({@link dev.jirasdk.sync.Archival}). */
  PageResult commit(StreamState s, String partition, List<SyncRecord> records, List<Tombstone> tombstones,
      List<dev.jirasdk.sync.Archival> archivals, Checkpoint cp, int items) {
    checkCancelled();
    SyncPage page = new SyncPage(records, tombstones, cp, archivals);
    RunClaim held = claim;
    Partitions shared = partitions;
    RunClaim partitionClaim = shared != null && IssueStreams.ISSUES.equals(s.name) ? shared.heldFor(partition) : null;
    PageResult r;
    if (partitionClaim != null) {
      if (held != null && !held.renewIfDue()) {
        claimLost(dev.jirasdk.sync.ClaimLostException.of(held.claim(), "another instance took the run over"));
        throw new Cancelled();
      }
      try {
        r = partitionClaim.commit(conn, page);
      } catch (dev.jirasdk.sync.ClaimLostException e) {
        throw new Partitions.Lost(e);
      }
    } else if (held == null) {
      r = store.commitPage(conn, page);
    } else {
      try {
        r = held.commit(conn, page);
      } catch (dev.jirasdk.sync.ClaimLostException e) {
        claimLost(e);
        throw new Cancelled();
      }
    }
    synchronized (s) {
      s.addCounts(r);
      emit(new SyncEvent.PageCommitted(runId, conn, s.name, partition, items, r, now()));
    }
    return r;
  }

  void claim(RunClaim claim) {
    this.claim = claim;
  }

  RunClaim claim() {
    return claim;
  }

  void partitions(Partitions p) {
    this.partitions = p;
  }

  Partitions partitions() {
    return partitions;
  }

  /**
   * Another instance took the run's connection over (this one stalled past its lease): the run stops at once,
   * with an error saying so, and commits nothing more. Recorded once.
   */
  void claimLost(RuntimeException e) {
    synchronized (this) {
      if (claimLostRecorded) return;
      claimLostRecorded = true;
    }
    addError(new SyncError("run", Checkpoint.GLOBAL, SyncError.Kind.STORE, null, 0,
        List.of(String.valueOf(e.getMessage()), "the run stopped; the instance that holds the claim goes on from the"
            + " last committed page"), e.getClass().getName(), now()), null);
    cancel();
  }

  private boolean claimLostRecorded;

  Checkpoint checkpoint(String stream, String partition, Map<String, Object> value) {
    return new Checkpoint(stream, partition, Json.write(value), now());
  }

  Map<String, Object> readCheckpoint(String stream, String partition) {
    return store.checkpoint(conn, stream, partition)
        .map(c -> {
          Object v = Mapper.decode(c.value());
          return Json.obj(v) == null ? Map.<String, Object>of() : Json.obj(v);
        })
        .orElse(Map.of());
  }

  static long longOr(Object v, long dflt) {
    return v instanceof Number n ? n.longValue() : dflt;
  }

  // ------------------------------------------------------------------------------------------- events, errors

  void emit(SyncEvent e) {
    try {
      settings.listener().onEvent(e);
    } catch (RuntimeException ex) {
      log.warn("sync listener threw on {}: {}", e.getClass().getSimpleName(), ex.toString());
    }
  }

  void recordError(String stream, String partition, Throwable e) {
    addError(Failures.classify(stream, partition, e, now()), e);
  }

  /** A failure that concerns one item (an issue's children): recorded with the item named, the rest goes on. */
  void recordItemError(String stream, String partition, String item, Throwable e) {
    SyncError c = Failures.classify(stream, partition, e, now());
    List<String> messages = new ArrayList<>();
    for (String m : c.messages()) messages.add(item + ": " + m);
    addError(new SyncError(c.stream(), c.partition(), c.kind(), c.endpoint(), c.status(), messages,
        c.exceptionType(), c.at()), e);
  }

  /** An id from Jira that cannot go into a query or path: reported for its item, which is skipped. */
  void invalidId(String stream, String partition, String what, String id, String source) {
    addError(new SyncError(stream, partition, SyncError.Kind.INVALID_ID, source, 0,
        List.of(what + " id " + Ids.shown(id) + " from " + source + " is not a number; the item is skipped"), null,
        now()), null);
  }

  void addError(SyncError err, Throwable cause) {
    errors.add(err);
    log.warn("sync {} of connection {}: {}", runId, conn, err.describe());
    if (err.kind() == SyncError.Kind.INTERNAL && cause != null) log.debug("internal failure", cause);
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  void note(String stream, String message) {
    notes.add(message);
    emit(new SyncEvent.Notice(runId, conn, stream, message, now()));
    log.info("sync {} of connection {}: {}", runId, conn, message);
  }

  // ------------------------------------------------------------------------------------------- summary

  SyncRun summary(RunStatus status, Instant finishedAt) {
    List<StreamSummary> sums = streams.values().stream().map(StreamState::summary).toList();
    List<SyncError> errs;
    List<String> ns;
    synchronized (errors) {
      errs = List.copyOf(errors);
    }
    synchronized (notes) {
      ns = List.copyOf(notes);
    }
    return new SyncRun(runId, conn, request.mode(), status, startedAt, finishedAt, sums, attempts.get(),
        okResponses.get() + itemPoints.get(), estimate, errs, ns);
  }
}
