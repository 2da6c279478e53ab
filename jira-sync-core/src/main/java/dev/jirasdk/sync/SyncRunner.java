package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraPermissionException;
import dev.jirasdk.auth.JiraRateLimitException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.JiraTransportException;
import dev.jirasdk.auth.OAuthException;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.UnexpectedResponseException;
import dev.jirasdk.sync.internal.ArrayPaginator;
import dev.jirasdk.sync.internal.Json;
import dev.jirasdk.sync.internal.JsonPage;
import dev.jirasdk.sync.internal.LongSet;
import dev.jirasdk.sync.internal.Mapper;
import dev.jirasdk.sync.internal.PageBeanPaginator;
import dev.jirasdk.sync.internal.PageFetcher;
import dev.jirasdk.sync.internal.PageParser;
import dev.jirasdk.sync.internal.Paginator;
import dev.jirasdk.sync.internal.RawItem;
import dev.jirasdk.sync.internal.SinceUntilPaginator;
import dev.jirasdk.sync.internal.TokenPaginator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of {@link JiraSync#sync}: plans the streams, runs them on the executor, and summarises. */
final class SyncRunner {
  private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

  static final String ISSUES = "issues";
  static final String CENSUS = "issues.census";
  static final String WORKLOGS = "worklogs";
  static final String PROJECTS = "projects";
  private static final Set<Entity> ISSUE_FAMILY =
      EnumSet.of(Entity.ISSUES, Entity.COMMENTS, Entity.ATTACHMENTS, Entity.ISSUE_LINKS, Entity.CHANGELOGS);
  /** Everything but worklogs, which come from the worklog feed (so they are never read twice). */
  private static final List<String> SEARCH_FIELDS = List.of("*all", "-worklog");

  private final JiraSync sync;
  private final String conn;
  private final SyncRequest request;
  private final String runId = UUID.randomUUID().toString();
  private final Instant startedAt;
  private final Map<String, StreamState> streams = new LinkedHashMap<>();
  private final List<SyncError> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong okResponses = new AtomicLong();
  private final AtomicLong itemPoints = new AtomicLong();
  private final Set<Thread> workers = new HashSet<>();
  private volatile boolean cancelled;
  private volatile JiraClient client;
  private volatile String storyPointsField;
  private long estimate = -1;
  /** Set once {@link #streams} is filled; from then on it is only read. */
  private volatile boolean planned;

  SyncRunner(JiraSync sync, String connectionId, SyncRequest request) {
    this.sync = sync;
    this.conn = connectionId;
    this.request = request;
    this.startedAt = sync.clock.instant();
  }

  /** Thrown inside tasks once the run is cancelled. */
  static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("sync cancelled", null, false, false);
    }
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

  /**
   * Stops the run: tasks not started yet end at once when they start (so every task still counts down), and
   * tasks running now are interrupted out of their waits.
   */
  void cancel() {
    cancelled = true;
    synchronized (workers) {
      for (Thread t : workers) t.interrupt();
    }
  }

  private void checkCancelled() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      cancelled = true;
      throw new Cancelled();
    }
  }

  private Instant now() {
    return sync.clock.instant();
  }

  private void emit(SyncEvent e) {
    try {
      sync.listener.onEvent(e);
    } catch (RuntimeException ex) {
      log.warn("sync listener threw on {}: {}", e.getClass().getSimpleName(), ex.toString());
    }
  }

  // ------------------------------------------------------------------------------------------------ planning

  SyncRun run() {
    Set<Entity> sel = request.streams();
    List<String> names = new ArrayList<>();
    if (sel.contains(Entity.PROJECTS)) names.add(PROJECTS);
    boolean issueFamily = sel.stream().anyMatch(ISSUE_FAMILY::contains);
    if (issueFamily) names.add(ISSUES);
    if (sel.contains(Entity.WORKLOGS)) names.add(WORKLOGS);
    for (Entity e : Entity.values()) {
      if (sel.contains(e) && e != Entity.PROJECTS && e != Entity.WORKLOGS && !ISSUE_FAMILY.contains(e)) {
        names.add(e.streamName());
      }
    }
    for (String n : names) streams.put(n, new StreamState(n));
    planned = true;
    sync.store.saveRun(summary(RunStatus.RUNNING, null));

    try {
      client = sync.clients.client(conn).newBuilder().addInterceptor(sync.governor).addInterceptor(new RunMeter())
          .build();
    } catch (RuntimeException e) {
      recordError("run", Checkpoint.GLOBAL, e);
      emit(new SyncEvent.RunStarted(runId, conn, request.mode(), names, -1, now()));
      for (StreamState s : streams.values()) s.failWithoutTasks(now(), false);
      return finish();
    }

    boolean needProjects = sel.contains(Entity.PROJECTS) || issueFamily || sel.contains(Entity.COMPONENTS)
        || sel.contains(Entity.VERSIONS);
    List<RawItem> projectItems = null;
    RuntimeException projectFailure = null;
    StreamState projectStream = streams.getOrDefault(PROJECTS, new StreamState(PROJECTS));
    if (needProjects) {
      try {
        projectItems = listProjects(projectStream);
      } catch (RuntimeException e) {
        projectFailure = e;
      }
    }
    List<RawItem> partitions = projectItems == null ? List.of() : selectPartitions(projectItems);
    if (issueFamily && projectItems != null) estimate = estimate(partitions);
    emit(new SyncEvent.RunStarted(runId, conn, request.mode(), names, estimate, now()));

    // Every task, per stream, is known before any starts, so StreamFinished fires exactly once per stream.
    Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
    for (String n : names) tasks.put(n, new ArrayList<>());
    if (sel.contains(Entity.PROJECTS)) {
      final List<RawItem> items = projectItems;
      final RuntimeException failure = projectFailure;
      tasks.get(PROJECTS).add(() -> {
        if (failure != null) throw failure;
        commitProjects(streams.get(PROJECTS), items);
      });
    }
    if (issueFamily) {
      StreamState s = streams.get(ISSUES);
      if (projectFailure != null) {
        final RuntimeException failure = projectFailure;
        tasks.get(ISSUES).add(() -> {
          throw failure;
        });
      } else {
        resolveStoryPointsField(s);
        for (RawItem p : partitions) {
          if (Boolean.TRUE.equals(Json.bool(p.value(), "archived"))) continue;
          String pid = Json.str(p.value(), "id");
          tasks.get(ISSUES).add(partitionTask(s, pid, () -> issuesPartition(s, pid)));
        }
      }
    }
    if (sel.contains(Entity.WORKLOGS)) {
      tasks.get(WORKLOGS).add(() -> worklogs(streams.get(WORKLOGS)));
    }
    for (Entity e : List.of(Entity.COMPONENTS, Entity.VERSIONS)) {
      if (!sel.contains(e)) continue;
      StreamState s = streams.get(e.streamName());
      if (projectFailure != null) {
        final RuntimeException failure = projectFailure;
        tasks.get(e.streamName()).add(() -> {
          throw failure;
        });
        continue;
      }
      for (RawItem p : partitions) {
        String pid = Json.str(p.value(), "id");
        String path = "rest/api/3/project/" + pid + (e == Entity.COMPONENTS ? "/component" : "/version");
        tasks.get(e.streamName()).add(partitionTask(s, pid, () -> simpleStream(s, e,
            new PageBeanPaginator(fetcher(s, 0), path, List.of(), sync.pageSize, "values"), pid, pid)));
      }
    }
    for (Entity e : Entity.values()) {
      String n = e.streamName();
      if (!tasks.containsKey(n) || e == Entity.COMPONENTS || e == Entity.VERSIONS || e == Entity.PROJECTS
          || e == Entity.WORKLOGS || ISSUE_FAMILY.contains(e)) {
        continue;
      }
      StreamState s = streams.get(n);
      tasks.get(n).add(() -> simpleStream(s, e, globalPaginator(s, e), null, Checkpoint.GLOBAL));
    }

    int total = tasks.values().stream().mapToInt(List::size).sum();
    CountDownLatch done = new CountDownLatch(total);
    for (Map.Entry<String, List<Runnable>> t : tasks.entrySet()) {
      StreamState s = streams.get(t.getKey());
      s.started(now(), t.getValue().size());
      synchronized (s) {
        emit(new SyncEvent.StreamStarted(runId, conn, s.name, now()));
      }
      if (t.getValue().isEmpty()) {
        s.started(now(), 1);
        finishTask(s);
      }
    }
    for (Map.Entry<String, List<Runnable>> t : tasks.entrySet()) {
      StreamState s = streams.get(t.getKey());
      for (Runnable r : t.getValue()) {
        Runnable wrapped = () -> {
          synchronized (workers) {
            workers.add(Thread.currentThread());
          }
          try {
            if (cancelled) throw new Cancelled();
            r.run();
          } catch (Cancelled c) {
            s.partitionDone(false, true);
          } catch (RuntimeException | Error e) {
            if (cancelled) {
              s.partitionDone(false, true);
            } else {
              recordError(s.name, Checkpoint.GLOBAL, e);
              s.partitionDone(false, false);
            }
          } finally {
            synchronized (workers) {
              workers.remove(Thread.currentThread());
            }
            Thread.interrupted();
            finishTask(s);
            done.countDown();
          }
        };
        try {
          sync.executor.execute(wrapped);
        } catch (RejectedExecutionException e) {
          cancelled = true;
          s.partitionDone(false, true);
          finishTask(s);
          done.countDown();
        }
      }
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        cancel();
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    return finish();
  }

  private void finishTask(StreamState s) {
    synchronized (s) {
      if (s.taskDone(now())) emit(new SyncEvent.StreamFinished(runId, conn, s.summary(), now()));
    }
  }

  /** Wraps a per-partition task so its failure is recorded with the partition and the others continue. */
  private Runnable partitionTask(StreamState s, String partition, Runnable body) {
    return () -> {
      try {
        body.run();
        s.partitionDone(true, false);
      } catch (Cancelled c) {
        s.partitionDone(false, true);
      } catch (RuntimeException e) {
        if (cancelled) {
          s.partitionDone(false, true);
          return;
        }
        recordError(s.name, partition, e);
        s.partitionDone(false, false);
      }
    };
  }

  private SyncRun finish() {
    RunStatus status;
    List<StreamSummary> sums = streams.values().stream().map(StreamState::summary).toList();
    boolean anyFailed = sums.stream().anyMatch(s -> s.status() == RunStatus.FAILED || s.status() == RunStatus.PARTIAL);
    boolean allFailed = !sums.isEmpty() && sums.stream().allMatch(s -> s.status() == RunStatus.FAILED);
    if (cancelled) status = RunStatus.CANCELLED;
    else if (client == null || allFailed) status = RunStatus.FAILED;
    else if (anyFailed || !errors.isEmpty()) status = RunStatus.PARTIAL;
    else status = RunStatus.SUCCEEDED;
    SyncRun run = summary(status, now());
    try {
      sync.store.saveRun(run);
    } catch (RuntimeException e) {
      log.warn("could not save run {} of connection {}: {}", runId, conn, e.toString());
    }
    if (status == RunStatus.FAILED) emit(new SyncEvent.RunFailed(runId, conn, run, now()));
    else emit(new SyncEvent.RunFinished(runId, conn, run, now()));
    log.info("sync {} of connection {} {}: {} requests, {} points, {} errors", runId, conn, status, run.requests(),
        run.points(), run.errors().size());
    return run;
  }

  /** The run so far, for {@link JiraSync#progress}; empty until the streams are planned. */
  Optional<SyncRun> progress() {
    return planned ? Optional.of(summary(RunStatus.RUNNING, null)) : Optional.empty();
  }

  private SyncRun summary(RunStatus status, Instant finishedAt) {
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

  private void recordError(String stream, String partition, Throwable e) {
    String kind;
    String endpoint = null;
    int status = 0;
    List<String> messages;
    if (e instanceof ReauthorizationRequiredException) {
      kind = "auth";
      messages = List.of(e.getMessage());
    } else if (e instanceof OAuthException) {
      kind = "auth";
      messages = List.of(e.getMessage());
    } else if (e instanceof JiraApiException a) {
      kind = a instanceof JiraPermissionException ? "permission"
          : a instanceof JiraRateLimitException ? "rate_limit" : a.status() == 401 ? "auth" : "api";
      endpoint = a.endpoint();
      status = a.status();
      messages = a.errorMessages().isEmpty() ? List.of(a.getMessage()) : a.errorMessages();
    } else if (e instanceof JiraTransportException t) {
      kind = "transport";
      endpoint = t.endpoint();
      messages = List.of(e.getMessage());
    } else if (e instanceof UnexpectedResponseException u) {
      kind = "response";
      endpoint = u.endpoint();
      status = u.status();
      messages = List.of(e.getMessage());
    } else if (e instanceof PaginationException p) {
      kind = "pagination";
      endpoint = p.endpoint();
      messages = List.of(e.getMessage());
    } else if (e instanceof StoreException) {
      kind = "store";
      messages = List.of(String.valueOf(e.getMessage()));
    } else {
      kind = "internal";
      messages = List.of(String.valueOf(e));
    }
    SyncError err = new SyncError(stream, partition, kind, endpoint, status, messages, e.getClass().getName(), now());
    errors.add(err);
    log.warn("sync {} of connection {}: {}", runId, conn, err.describe());
    if (kind.equals("internal")) log.debug("internal failure", e);
  }

  private void note(String stream, String message) {
    notes.add(message);
    emit(new SyncEvent.Notice(runId, conn, stream, message, now()));
    log.info("sync {} of connection {}: {}", runId, conn, message);
  }

  // ------------------------------------------------------------------------------------------- fetching

  private static int itemWeight(Entity e) {
    return switch (e) {
      case ISSUES, PROJECTS, DASHBOARDS, ATTACHMENTS -> 1;
      case USERS, GROUPS, PERMISSIONS -> 2;
      default -> 0;
    };
  }

  private PageFetcher fetcher(StreamState s, int weight) {
    return (req, field, obj) -> fetchPage(s, weight, req, field, obj);
  }

  private JsonPage fetchPage(StreamState s, int weight, JiraRequest req, String field, boolean obj) {
    int attempt = 0;
    while (true) {
      checkCancelled();
      attempt++;
      try {
        JsonPage page = client.execute(req, src -> PageParser.parse(src, field, obj));
        if (field != null && !obj && Boolean.TRUE.equals(page.meta().get("$missingItems"))) {
          throw new UnexpectedResponseException(req.endpoint(), 200, "expected array at $." + field + ", found none");
        }
        long cost = (long) weight * page.items().size();
        itemPoints.addAndGet(cost);
        sync.governor.recordItems(cost);
        s.addRequest(1 + cost);
        return page;
      } catch (JiraRateLimitException e) {
        if (cancelled) throw new Cancelled();
        if (attempt >= sync.maxPageAttempts) throw e;
        Duration wait = e.retryAfter().orElse(Duration.ofSeconds(2L << Math.min(attempt, 6)));
        try {
          sync.governor.sleeper().sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new Cancelled();
        }
      } catch (UnexpectedResponseException | JiraTransportException e) {
        if (cancelled || Thread.currentThread().isInterrupted()) throw new Cancelled();
        if (attempt >= sync.maxPageAttempts) throw e;
        log.debug("retrying {} after {}", req.endpoint(), e.getClass().getSimpleName());
      } catch (JiraApiException e) {
        // Every sync request is a read: a server error is worth another try; 4xx are real answers.
        if (cancelled || Thread.currentThread().isInterrupted()) throw new Cancelled();
        if (e.status() < 500 || attempt >= sync.maxPageAttempts) throw e;
        log.debug("retrying {} after HTTP {}", req.endpoint(), e.status());
      }
    }
  }

  private PageResult commit(StreamState s, String partition, List<SyncRecord> records, List<Tombstone> tombstones,
      Checkpoint cp, int items) {
    checkCancelled();
    PageResult r = sync.store.commitPage(conn, new SyncPage(records, tombstones, cp));
    synchronized (s) {
      s.addCounts(r);
      emit(new SyncEvent.PageCommitted(runId, conn, s.name, partition, items, r, now()));
    }
    return r;
  }

  private Checkpoint checkpoint(String stream, String partition, Map<String, Object> value) {
    return new Checkpoint(stream, partition, Json.write(value), now());
  }

  private Map<String, Object> readCheckpoint(String stream, String partition) {
    return sync.store.checkpoint(conn, stream, partition)
        .map(c -> {
          Object v = Mapper.decode(c.value());
          return Json.obj(v) == null ? Map.<String, Object>of() : Json.obj(v);
        })
        .orElse(Map.of());
  }

  // ------------------------------------------------------------------------------------------- projects

  private List<RawItem> listProjects(StreamState s) {
    List<Map.Entry<String, String>> q = List.of(Map.entry("status", "live"), Map.entry("status", "archived"),
        Map.entry("expand", "description,lead"));
    PageBeanPaginator p = new PageBeanPaginator(fetcher(s, 1), "rest/api/3/project/search", q, sync.pageSize,
        "values");
    List<RawItem> all = new ArrayList<>();
    while (p.hasNext()) all.addAll(p.next().items());
    return all;
  }

  private List<RawItem> selectPartitions(List<RawItem> projects) {
    if (request.projects().isEmpty()) return projects;
    List<RawItem> out = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (RawItem p : projects) {
      String id = Json.str(p.value(), "id");
      String key = Json.str(p.value(), "key");
      if (request.projects().contains(id)) {
        out.add(p);
        found.add(id);
      } else if (key != null && request.projects().contains(key)) {
        out.add(p);
        found.add(key);
      }
    }
    for (String wanted : request.projects()) {
      if (!found.contains(wanted)) {
        errors.add(new SyncError(PROJECTS, wanted, "permission", "GET /rest/api/3/project/search", 0,
            List.of("project " + wanted + " is not visible to this connection (missing, or access lost)"), null,
            now()));
      }
    }
    return out;
  }

  private void commitProjects(StreamState s, List<RawItem> items) {
    List<SyncRecord> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawItem p : items) {
      SyncRecord r = Mapper.simple(Entity.PROJECTS, p, null);
      if (r == null) continue;
      records.add(r);
      seen.add(r.id());
      if (records.size() == sync.pageSize) {
        commit(s, Checkpoint.GLOBAL, records, List.of(), null, records.size());
        records = new ArrayList<>();
      }
    }
    List<SyncRecord> lost = new ArrayList<>();
    if (request.projects().isEmpty()) {
      List<String> missing = new ArrayList<>();
      sync.store.forEachId(conn, Entity.PROJECTS, null, id -> {
        if (!seen.contains(id)) missing.add(id);
      });
      for (String id : missing) {
        StoredRecord old = sync.store.find(conn, Entity.PROJECTS, id).orElse(null);
        if (old == null || Boolean.TRUE.equals(old.record().column(Columns.Project.ACCESS_LOST))) continue;
        Map<String, Object> cols = new LinkedHashMap<>(old.record().columns());
        cols.put(Columns.Project.ACCESS_LOST, Boolean.TRUE);
        SyncRecord r = old.record();
        lost.add(new SyncRecord(Entity.PROJECTS, id, r.parentId(), r.updated(), cols, r.rawJson()));
        note(PROJECTS, "project " + id + " (" + r.column(Columns.Project.KEY)
            + ") is no longer visible: access lost, its rows are kept, nothing is deleted");
      }
    }
    records.addAll(lost);
    commit(s, Checkpoint.GLOBAL, records, List.of(), checkpoint(PROJECTS, Checkpoint.GLOBAL,
        Map.of("at", now().toEpochMilli())), records.size());
  }

  private long estimate(List<RawItem> partitions) {
    List<String> ids = new ArrayList<>();
    Long minCursor = null;
    boolean anyWithout = false;
    for (RawItem p : partitions) {
      if (Boolean.TRUE.equals(Json.bool(p.value(), "archived"))) continue;
      String id = Json.str(p.value(), "id");
      ids.add(id);
      Object c = readCheckpoint(ISSUES, id).get("cursor");
      if (c instanceof Number n) minCursor = minCursor == null ? n.longValue() : Math.min(minCursor, n.longValue());
      else anyWithout = true;
    }
    if (ids.isEmpty()) return 0;
    String jql = "project in (" + String.join(",", ids) + ")";
    if (request.mode() == SyncMode.INCREMENTAL && !anyWithout && minCursor != null) {
      jql += " AND updated >= " + (minCursor - sync.overlap.toMillis());
    }
    try {
      JiraRequest r = JiraRequest.post("rest/api/3/search/approximate-count")
          .jsonBody(Json.write(Map.of("jql", jql))).safeToRetry().build();
      Long count = client.execute(r, src -> Json.lng(com.squareup.moshi.JsonReader.of(src).readJsonValue(), "count"));
      return count == null ? -1 : count;
    } catch (RuntimeException e) {
      log.debug("approximate-count failed: {}", e.toString());
      return -1;
    }
  }

  // ------------------------------------------------------------------------------------------- simple streams

  private Paginator globalPaginator(StreamState s, Entity e) {
    int w = itemWeight(e);
    int ps = sync.pageSize;
    return switch (e) {
      case USERS -> new ArrayPaginator(fetcher(s, w), "rest/api/3/users/search", List.of(), Math.max(ps, 100));
      case GROUPS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/group/bulk", List.of(), ps, "values");
      case ISSUE_TYPES -> new ArrayPaginator(fetcher(s, w), "rest/api/3/issuetype", List.of(), 0);
      case PRIORITIES -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/priority/search", List.of(), ps, "values");
      case STATUSES -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/statuses/search", List.of(), ps, "values");
      case RESOLUTIONS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/resolution/search", List.of(), ps,
          "values");
      case FIELDS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/field/search", List.of(), ps, "values");
      case LABELS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/label", List.of(), Math.max(ps, 100), "values");
      case WORKFLOWS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/workflows/search", List.of(), ps,
          "values");
      case DASHBOARDS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/dashboard/search", List.of(), ps,
          "values");
      case FILTERS -> new PageBeanPaginator(fetcher(s, w), "rest/api/3/filter/search",
          List.of(Map.entry("expand", "description,owner,jql")), ps, "values");
      case PERMISSIONS -> new ArrayPaginator(fetcher(s, w), "rest/api/3/permissions", List.of(), 0, "permissions");
      default -> throw new IllegalArgumentException("not a simple stream: " + e);
    };
  }

  /** Reads every page, then tombstones stored records of the same parent that were not seen. */
  private void simpleStream(StreamState s, Entity e, Paginator p, String parentId, String partition) {
    Set<String> seen = new HashSet<>();
    while (p.hasNext()) {
      JsonPage page = p.next();
      List<SyncRecord> records = new ArrayList<>();
      for (RawItem item : page.items()) {
        SyncRecord r = Mapper.simple(e, item, parentId);
        if (r != null && seen.add(r.id())) records.add(r);
      }
      if (!records.isEmpty()) commit(s, partition, records, List.of(), null, page.items().size());
    }
    List<Tombstone> gone = new ArrayList<>();
    Instant at = now();
    sync.store.forEachId(conn, e, parentId, id -> {
      if (!seen.contains(id)) gone.add(new Tombstone(e, id, at, "absent from " + e.streamName() + " listing"));
    });
    commit(s, partition, List.of(), gone, checkpoint(e.streamName(), partition, Map.of("at", at.toEpochMilli())),
        0);
  }

  // ------------------------------------------------------------------------------------------- worklogs

  private void worklogs(StreamState s) {
    Map<String, Object> cp = readCheckpoint(WORKLOGS, Checkpoint.GLOBAL);
    long since = request.mode() == SyncMode.FULL ? 0 : longOr(cp.get("since"), 0);
    long deletedSince = request.mode() == SyncMode.FULL ? 0 : longOr(cp.get("deletedSince"), 0);
    SinceUntilPaginator updated = new SinceUntilPaginator(fetcher(s, 0), "rest/api/3/worklog/updated", since);
    while (updated.hasNext()) {
      JsonPage page = updated.next();
      List<SyncRecord> records = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (RawItem it : page.items()) {
        Long id = Json.lng(it.value(), "worklogId");
        if (id != null) ids.add(id);
      }
      for (int i = 0; i < ids.size(); i += 1000) {
        List<Long> batch = ids.subList(i, Math.min(ids.size(), i + 1000));
        JiraRequest r = JiraRequest.post("rest/api/3/worklog/list").jsonBody(Json.write(Map.of("ids", batch)))
            .safeToRetry().build();
        JsonPage list = fetchPage(s, 0, r, null, false);
        for (RawItem w : list.items()) {
          SyncRecord rec = Mapper.simple(Entity.WORKLOGS, w, null);
          if (rec != null) records.add(rec);
        }
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("since", updated.since());
      v.put("deletedSince", deletedSince);
      commit(s, Checkpoint.GLOBAL, records, List.of(), checkpoint(WORKLOGS, Checkpoint.GLOBAL, v),
          page.items().size());
    }
    long newSince = updated.since();
    SinceUntilPaginator deleted = new SinceUntilPaginator(fetcher(s, 0), "rest/api/3/worklog/deleted",
        deletedSince);
    while (deleted.hasNext()) {
      JsonPage page = deleted.next();
      List<Tombstone> tombs = new ArrayList<>();
      Instant at = now();
      for (RawItem it : page.items()) {
        String id = Json.str(it.value(), "worklogId");
        if (id != null) tombs.add(new Tombstone(Entity.WORKLOGS, id, at, "worklog/deleted"));
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("since", newSince);
      v.put("deletedSince", deleted.since());
      commit(s, Checkpoint.GLOBAL, List.of(), tombs, checkpoint(WORKLOGS, Checkpoint.GLOBAL, v), page.items().size());
    }
  }

  private static long longOr(Object v, long dflt) {
    return v instanceof Number n ? n.longValue() : dflt;
  }

  // ------------------------------------------------------------------------------------------- issues

  private void resolveStoryPointsField(StreamState s) {
    try {
      PageBeanPaginator p = new PageBeanPaginator(fetcher(s, 0), "rest/api/3/field/search",
          List.of(Map.entry("type", "custom")), 100, "values");
      while (p.hasNext()) {
        for (RawItem f : p.next().items()) {
          String name = Json.str(f.value(), "name");
          if (name != null && (name.equalsIgnoreCase("Story Points") || name.equalsIgnoreCase("Story point estimate"))) {
            storyPointsField = Json.str(f.value(), "id");
            return;
          }
        }
      }
    } catch (Cancelled c) {
      throw c;
    } catch (RuntimeException e) {
      log.debug("could not resolve the story points field: {}", e.toString());
    }
  }

  private String childrenKey() {
    List<String> n = new ArrayList<>();
    for (Entity e : ISSUE_FAMILY) if (request.includes(e)) n.add(e.streamName());
    Collections.sort(n);
    return String.join(",", n);
  }

  private String issueJql(String projectId, Long sinceMs) {
    return "project = " + projectId + (sinceMs == null ? "" : " AND updated >= " + sinceMs)
        + " ORDER BY updated ASC, id ASC";
  }

  private JiraRequest searchRequest(String jql, String token, int max, List<String> fields, boolean changelog) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jql", jql);
    body.put("maxResults", max);
    body.put("fields", fields);
    if (changelog) body.put("expand", "changelog");
    if (token != null) body.put("nextPageToken", token);
    return JiraRequest.post("rest/api/3/search/jql").jsonBody(Json.write(body)).safeToRetry().build();
  }

  private TokenPaginator issuePaginator(StreamState s, String jql, String token) {
    boolean changelog = request.includes(Entity.CHANGELOGS);
    Function<String, JiraRequest> req = t -> searchRequest(jql, t, sync.issuePageSize, SEARCH_FIELDS, changelog);
    return new TokenPaginator(fetcher(s, 1), req, "issues", token);
  }

  private void issuesPartition(StreamState s, String projectId) {
    Map<String, Object> cp = readCheckpoint(ISSUES, projectId);
    String children = childrenKey();
    boolean sameScope = children.equals(cp.get("children"));
    String storedToken = cp.get("token") instanceof String t ? t : null;
    String storedJql = cp.get("jql") instanceof String j ? j : null;
    Long storedCursor = cp.get("cursor") instanceof Number n ? n.longValue() : null;
    boolean resume = sameScope && storedToken != null && storedJql != null;
    Long startCursor;
    if (resume) startCursor = storedCursor;
    else if (request.mode() == SyncMode.FULL || !sameScope) startCursor = null;
    else startCursor = storedCursor;
    long overlapMs = sync.overlap.toMillis();
    String jql = resume ? storedJql : issueJql(projectId, startCursor == null ? null : startCursor - overlapMs);
    boolean fromScratch = !resume && startCursor == null;
    // A pass that reads the whole project from the start sees every live id: no census needed afterwards.
    LongSet seen = fromScratch ? new LongSet() : null;
    Long maxUpdated = startCursor;
    TokenPaginator pag = issuePaginator(s, jql, resume ? storedToken : null);
    int restarts = 0;
    while (pag.hasNext()) {
      JsonPage page;
      String tokenInUse = pag.token();
      try {
        page = pag.next();
      } catch (JiraApiException e) {
        if (e.status() == 400 && tokenInUse != null && restarts < 2) {
          restarts++;
          note(ISSUES, "page token of project " + projectId + " was rejected (" + String.join("; ", e.errorMessages())
              + "): restarting from the stored updated cursor");
          jql = issueJql(projectId, maxUpdated == null ? null : maxUpdated - overlapMs);
          if (maxUpdated != null) seen = null;
          pag = issuePaginator(s, jql, null);
          continue;
        }
        throw e;
      }
      IssueBatch batch = processIssues(s, page.items());
      if (seen != null) for (String id : batch.issueIds) seen.add(id);
      if (batch.maxUpdated != null && (maxUpdated == null || batch.maxUpdated > maxUpdated)) {
        maxUpdated = batch.maxUpdated;
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("cursor", maxUpdated);
      v.put("children", children);
      if (pag.hasNext()) {
        v.put("token", pag.token());
        v.put("jql", jql);
      }
      commit(s, projectId, batch.records, batch.tombstones, checkpoint(ISSUES, projectId, v), page.items().size());
    }
    if (!request.includes(Entity.ISSUES)) return;
    Map<String, Object> census = readCheckpoint(CENSUS, projectId);
    long last = longOr(census.get("at"), Long.MIN_VALUE);
    if (seen != null) {
      reconcile(s, projectId, seen, "full read");
    } else if (request.mode() == SyncMode.FULL || last == Long.MIN_VALUE
        || now().toEpochMilli() - last >= sync.censusInterval.toMillis()) {
      LongSet ids = new LongSet();
      String idJql = "project = " + projectId + " ORDER BY id ASC";
      Function<String, JiraRequest> req = t -> searchRequest(idJql, t, sync.idPageSize, List.of("id"), false);
      TokenPaginator census2 = new TokenPaginator(fetcher(s, 1), req, "issues", null);
      while (census2.hasNext()) {
        for (RawItem it : census2.next().items()) {
          String id = Json.str(it.value(), "id");
          if (id != null) ids.add(id);
        }
      }
      reconcile(s, projectId, ids, "census");
    }
  }

  /** Stored issues of the project that Jira did not list are confirmed with issue/bulkfetch, then tombstoned. */
  private void reconcile(StreamState s, String projectId, LongSet present, String how) {
    long stored = sync.store.count(conn, Entity.ISSUES, projectId);
    long allowed = (long) Math.floor(stored * sync.massVanishThreshold);
    List<String> missing = new ArrayList<>();
    long[] missingCount = {0};
    sync.store.forEachId(conn, Entity.ISSUES, projectId, id -> {
      if (!present.contains(id)) {
        missingCount[0]++;
        if (missing.size() <= allowed) missing.add(id);
      }
    });
    Checkpoint done = checkpoint(CENSUS, projectId, Map.of("at", now().toEpochMilli()));
    if (missingCount[0] > allowed && missingCount[0] >= sync.massVanishMinimum) {
      note(ISSUES, "mass-vanish refused: " + missingCount[0] + " of " + stored + " stored issues of project "
          + projectId + " are missing from the " + how + " (threshold " + (int) (sync.massVanishThreshold * 100)
          + " %); nothing was deleted");
      return;
    }
    for (int i = 0; i < missing.size(); i += 100) {
      List<String> batch = missing.subList(i, Math.min(missing.size(), i + 100));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("issueIdsOrKeys", batch);
      body.put("fields", SEARCH_FIELDS);
      if (request.includes(Entity.CHANGELOGS)) body.put("expand", List.of("changelog"));
      JiraRequest r = JiraRequest.post("rest/api/3/issue/bulkfetch").jsonBody(Json.write(body)).safeToRetry().build();
      JsonPage page = fetchPage(s, 1, r, "issues", false);
      IssueBatch found = processIssues(s, page.items());
      Set<String> alive = new HashSet<>(found.issueIds);
      List<Tombstone> tombs = new ArrayList<>(found.tombstones);
      Instant at = now();
      for (String id : batch) {
        if (!alive.contains(id)) tombs.add(new Tombstone(Entity.ISSUES, id, at, how + "+bulkfetch"));
      }
      boolean lastBatch = i + 100 >= missing.size();
      commit(s, projectId, found.records, tombs, lastBatch ? done : null, page.items().size());
    }
    if (missing.isEmpty()) commit(s, projectId, List.of(), List.of(), done, 0);
  }

  private static final class IssueBatch {
    final List<SyncRecord> records = new ArrayList<>();
    final List<Tombstone> tombstones = new ArrayList<>();
    final List<String> issueIds = new ArrayList<>();
    Long maxUpdated;
  }

  /** Maps a page of issues with their children, paging in comments and changelogs beyond what is embedded. */
  private IssueBatch processIssues(StreamState s, List<RawItem> items) {
    IssueBatch b = new IssueBatch();
    List<String> moreChangelogs = new ArrayList<>();
    Map<String, SyncRecord> byId = new LinkedHashMap<>();
    Instant at = now();
    // The children stored for this page's issues, one query per child entity, to tombstone those that left.
    List<String> pageIssueIds = new ArrayList<>();
    for (RawItem item : items) {
      String id = Json.str(item.value(), "id");
      if (id != null) pageIssueIds.add(id);
    }
    Map<Entity, Map<String, Set<String>>> stored = new EnumMap<>(Entity.class);
    for (Entity child : List.of(Entity.COMMENTS, Entity.ATTACHMENTS, Entity.ISSUE_LINKS)) {
      if (request.includes(child)) stored.put(child, sync.store.idsByParent(conn, child, pageIssueIds));
    }
    for (RawItem item : items) {
      SyncRecord issue = Mapper.issue(item, storyPointsField);
      if (issue == null) continue;
      String id = issue.id();
      if (byId.put(id, issue) == null) b.issueIds.add(id);
      if (issue.updated() != null) {
        long u = issue.updated().toEpochMilli();
        if (b.maxUpdated == null || u > b.maxUpdated) b.maxUpdated = u;
      }
      Object v = item.value();
      if (request.includes(Entity.COMMENTS)) {
        List<SyncRecord> comments = new ArrayList<>();
        Object field = Json.at(v, "fields", "comment");
        List<?> vals = Json.list(v, "fields", "comment", "comments");
        Long total = Json.lng(v, "fields", "comment", "total");
        if (field == null || (total != null && total > vals.size())) {
          PageBeanPaginator p = new PageBeanPaginator(fetcher(s, 0), "rest/api/3/issue/" + id + "/comment",
              List.of(), 100, "comments");
          while (p.hasNext()) {
            for (RawItem c : p.next().items()) addIfNotNull(comments, Mapper.comment(c, id));
          }
        } else {
          for (RawItem c : Json.items(v, "fields", "comment", "comments")) addIfNotNull(comments, Mapper.comment(c, id));
        }
        addChildren(b, Entity.COMMENTS, id, comments, at, stored);
      }
      if (request.includes(Entity.ATTACHMENTS)) {
        List<SyncRecord> list = new ArrayList<>();
        for (RawItem a : Json.items(v, "fields", "attachment")) addIfNotNull(list, Mapper.attachment(a, id));
        addChildren(b, Entity.ATTACHMENTS, id, list, at, stored);
      }
      if (request.includes(Entity.ISSUE_LINKS)) {
        List<SyncRecord> list = new ArrayList<>();
        for (RawItem l : Json.items(v, "fields", "issuelinks")) addIfNotNull(list, Mapper.issueLink(l, id));
        addChildren(b, Entity.ISSUE_LINKS, id, list, at, stored);
      }
      if (request.includes(Entity.CHANGELOGS)) {
        List<?> vals = Json.list(v, "changelog", "histories");
        Long total = Json.lng(v, "changelog", "total");
        if (Json.at(v, "changelog") == null || (total != null && total > vals.size())) {
          moreChangelogs.add(id);
        } else {
          for (RawItem h : Json.items(v, "changelog", "histories")) addIfNotNull(b.records, Mapper.changelog(h, id));
        }
      }
    }
    if (request.includes(Entity.ISSUES)) {
      // Issues first so a store with foreign keys sees parents before children.
      b.records.addAll(0, byId.values());
    }
    for (int i = 0; i < moreChangelogs.size(); i += 1000) {
      List<String> batch = moreChangelogs.subList(i, Math.min(moreChangelogs.size(), i + 1000));
      Function<String, JiraRequest> req = t -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issueIdsOrKeys", batch);
        body.put("maxResults", 1000);
        if (t != null) body.put("nextPageToken", t);
        return JiraRequest.post("rest/api/3/changelog/bulkfetch").jsonBody(Json.write(body)).safeToRetry().build();
      };
      TokenPaginator p = new TokenPaginator(fetcher(s, 1), req, "issueChangeLogs", null);
      while (p.hasNext()) {
        for (RawItem log : p.next().items()) {
          String issueId = Json.str(log.value(), "issueId");
          for (RawItem h : Json.items(log.value(), "changeHistories")) {
            addIfNotNull(b.records, Mapper.changelog(h, issueId));
          }
        }
      }
    }
    return b;
  }

  /** Adds an issue's complete child list and tombstones stored children it no longer has. */
  private static void addChildren(IssueBatch b, Entity entity, String issueId, List<SyncRecord> children, Instant at,
      Map<Entity, Map<String, Set<String>>> stored) {
    b.records.addAll(children);
    Set<String> before = stored.get(entity).getOrDefault(issueId, Set.of());
    if (before.isEmpty()) return;
    Set<String> ids = new HashSet<>();
    for (SyncRecord r : children) ids.add(r.id());
    for (String id : new TreeSet<>(before)) {
      if (!ids.contains(id)) b.tombstones.add(new Tombstone(entity, id, at, "no longer on issue " + issueId));
    }
  }

  private static void addIfNotNull(List<SyncRecord> list, SyncRecord r) {
    if (r != null) list.add(r);
  }

  @Override
  public String toString() {
    return "SyncRunner[" + runId + " " + conn + "]";
  }

  String runId() {
    return runId;
  }
}
