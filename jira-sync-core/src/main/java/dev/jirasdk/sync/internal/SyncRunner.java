package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code JiraSync.sync}: plans the streams and their partitions, runs every task on the executor,
 * waits for them and summarises. The streams themselves live in {@link CatalogueStreams},
 * {@link IssueStreams} (with {@link Deletions}), {@link Worklogs} and {@link AgileStreams}; what they share is
 * {@link RunContext}.
 */
public final class SyncRunner {
  private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

  private final RunContext ctx;
  private final CatalogueStreams catalogue;
  private final IssueStreams issues;
  private final Worklogs worklogs;
  private final AgileStreams agile;
  private boolean started;

  /** Set once the streams are planned; from then on the map of streams is only read. */
  private volatile boolean planned;

  /** True for {@link #assist()}: only issue partitions, nothing stored about the run, no run events. */
  private boolean assisting;

  public SyncRunner(SyncSettings settings, String connectionId, SyncRequest request) {
    this(settings, connectionId, request, null);
  }

  /** A runner working for the run {@code runId} (null: a new run). */
  public SyncRunner(SyncSettings settings, String connectionId, SyncRequest request, String runId) {
    this.ctx = new RunContext(settings, connectionId, request, runId);
    this.catalogue = new CatalogueStreams(ctx);
    this.issues = new IssueStreams(ctx);
    this.worklogs = new Worklogs(ctx);
    this.agile = new AgileStreams(ctx);
  }

  /** Stops the run; committed pages stay. */
  /** The run so far, for {@code JiraSync.progress}; empty until the streams are planned. */
  public Optional<SyncRun> progress() {
    return planned ? Optional.of(ctx.summary(RunStatus.RUNNING, null)) : Optional.empty();
  }

  public void cancel() {
    ctx.cancel();
  }

  /** Commits every page of the run under {@code claim} (call before {@link #run()}). */
  public void holdClaim(RunClaim claim) {
    ctx.claim(claim);
  }

  /**
   * Shares the run's issue partitions with other instances (call before {@link #run()} or {@link #assist()}): each
   * is synced under its own claim, and its pages are committed fenced by it.
   */
  public void shareIssuePartitions(Partitions.Sharing sharing) {
    ctx.partitions(new Partitions(ctx, sharing));
  }

  /** The heartbeat: renews the run's claim, if it holds one; a claim found lost stops the run. */
  public void heartbeat() {
    Partitions p = ctx.partitions();
    if (p != null) p.heartbeat();
    RunClaim c = ctx.claim();
    if (c != null && !c.lost() && !c.heartbeat()) {
      ctx.claimLost(dev.jirasdk.sync.ClaimLostException.of(c.claim(), "another instance took it over"));
    }
  }

  public String runId() {
    return ctx.runId;
  }

  // ------------------------------------------------------------------------------------------- planning

  /** The streams of the run, in the order they are planned and reported. */
  private static List<String> streamNames(Set<Entity> sel) {
    List<String> names = new ArrayList<>();
    if (sel.contains(Entity.PROJECTS)) names.add(CatalogueStreams.PROJECTS);
    if (sel.stream().anyMatch(IssueStreams.FAMILY::contains)) names.add(IssueStreams.ISSUES);
    if (sel.contains(Entity.WORKLOGS)) names.add(Worklogs.WORKLOGS);
    for (Entity e : Entity.values()) {
      if (sel.contains(e) && e != Entity.PROJECTS && e != Entity.WORKLOGS && !IssueStreams.FAMILY.contains(e)) {
        names.add(e.streamName());
      }
    }
    return names;
  }

  /**
   * Runs the sync and returns its summary; never throws. A cancel (or an interrupt of the calling thread) ends
   * it as {@link RunStatus#CANCELLED}, with its finish event fired and the run stored so; a failure nobody
   * anticipated is recorded as an error of the run.
   */
  public SyncRun run() {
    ctx.enterRunThread();
    SyncRun run;
    try {
      run = plan();
    } catch (RunContext.Cancelled c) {
      ctx.leaveRunThread();
      run = abort(null);
    } catch (RuntimeException e) {
      ctx.leaveRunThread();
      run = abort(e);
    }
    if (ctx.interruptedByCaller()) Thread.currentThread().interrupt();
    return run;
  }

  /** Ends a run that could not be planned or executed: every stream not finished ends with it. */
  private SyncRun abort(Throwable failure) {
    if (failure != null && !ctx.cancelled()) ctx.recordError("run", Checkpoint.GLOBAL, failure);
    if (!started) {
      started = true;
      ctx.emit(new SyncEvent.RunStarted(ctx.runId, ctx.conn, ctx.request.mode(), List.copyOf(ctx.streams.keySet()),
          -1, ctx.now()));
    }
    for (StreamState s : ctx.streams.values()) {
      if (s.status() == RunStatus.RUNNING) s.failWithoutTasks(ctx.now(), ctx.cancelled());
    }
    return finish();
  }

  private SyncRun plan() {
    SyncRequest request = ctx.request;
    Set<Entity> sel = request.streams();
    List<String> names = streamNames(sel);
    boolean issueFamily = names.contains(IssueStreams.ISSUES);
    for (String n : names) ctx.streams.put(n, new StreamState(n));
    planned = true;
    ctx.store.saveRun(ctx.summary(RunStatus.RUNNING, null));

    try {
      ctx.openClient();
    } catch (RuntimeException e) {
      ctx.leaveRunThread();
      ctx.recordError("run", Checkpoint.GLOBAL, e);
      started = true;
      ctx.emit(new SyncEvent.RunStarted(ctx.runId, ctx.conn, request.mode(), names, -1, ctx.now()));
      for (StreamState s : ctx.streams.values()) s.failWithoutTasks(ctx.now(), false);
      return finish();
    }

    // A stream whose scope the grant lacks is skipped with a permission error naming the scope (it would only
    // collect 403s); the others run.
    Set<String> missingScope = new java.util.LinkedHashSet<>();
    Set<String> held = ctx.scopesHeld();
    for (String n : names) {
      Set<String> lacking = new java.util.TreeSet<>(Endpoints.scopesOf(n));
      lacking.removeAll(held);
      if (held.isEmpty() || lacking.isEmpty()) continue;
      missingScope.add(n);
      ctx.addError(new SyncError(n, Checkpoint.GLOBAL, SyncError.Kind.PERMISSION, null, 0,
          List.of("stream " + n + " needs the OAuth scope " + String.join(" and ", lacking) + ", which this "
              + "connection's grant lacks (it holds " + String.join(", ", new java.util.TreeSet<>(held))
              + "); the stream was skipped"),
          null, ctx.now()), null);
    }
    boolean needProjects = (sel.contains(Entity.PROJECTS) || issueFamily || sel.contains(Entity.COMPONENTS)
        || sel.contains(Entity.VERSIONS))
        && (held.isEmpty() || held.containsAll(Endpoints.of(Entity.PROJECTS).scopes()));
    List<RawItem> projectItems = null;
    RuntimeException projectFailure = null;
    StreamState projectStream = ctx.streams.getOrDefault(CatalogueStreams.PROJECTS,
        new StreamState(CatalogueStreams.PROJECTS));
    if (needProjects) {
      try {
        projectItems = catalogue.listProjects(projectStream);
      } catch (RuntimeException e) {
        projectFailure = e;
      }
    }
    List<RawItem> partitions = projectItems == null ? List.of() : catalogue.selectPartitions(projectItems);
    if (issueFamily && projectItems != null) ctx.estimate = issues.estimate(partitions);
    started = true;
    ctx.emit(new SyncEvent.RunStarted(ctx.runId, ctx.conn, request.mode(), names, ctx.estimate, ctx.now()));

    // Every task, per stream, is known before any starts, so StreamFinished fires exactly once per stream.
    Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
    for (String n : names) tasks.put(n, new ArrayList<>());
    if (sel.contains(Entity.PROJECTS)) {
      final List<RawItem> items = projectItems;
      final RuntimeException failure = projectFailure;
      tasks.get(CatalogueStreams.PROJECTS).add(() -> {
        if (failure != null) throw failure;
        catalogue.commitProjects(ctx.streams.get(CatalogueStreams.PROJECTS), items);
      });
    }
    if (issueFamily) {
      StreamState s = ctx.streams.get(IssueStreams.ISSUES);
      if (projectFailure != null) {
        tasks.get(IssueStreams.ISSUES).add(rethrow(projectFailure));
      } else {
        for (RawItem p : partitions) {
          String pid = Json.str(p.value(), "id");
          if (Boolean.TRUE.equals(Json.bool(p.value(), "archived"))) {
            // Not read (search refuses an archived project); its stored issues are marked archived, not deleted.
            if (Ids.numeric(pid) && request.includes(Entity.ISSUES)) {
              tasks.get(IssueStreams.ISSUES).add(() -> {
                try {
                  issues.projectArchived(s, pid);
                } catch (RunContext.Cancelled c) {
                  throw c;
                } catch (RuntimeException e) {
                  ctx.recordError(IssueStreams.ISSUES, pid, e);
                }
              });
            }
            continue;
          }
          if (!Ids.numeric(pid)) {
            ctx.invalidId(IssueStreams.ISSUES, Ids.shown(pid), "project", pid, "GET /rest/api/3/project/search");
            continue;
          }
          Partitions shared = ctx.partitions();
          Runnable body = () -> issues.partition(s, pid);
          tasks.get(IssueStreams.ISSUES).add(partitionTask(s, pid,
              shared == null ? body : () -> shared.run(pid, body, true)));
        }
      }
    }
    if (sel.contains(Entity.WORKLOGS)) {
      tasks.get(Worklogs.WORKLOGS).add(() -> worklogs.run(ctx.streams.get(Worklogs.WORKLOGS)));
    }
    for (Entity e : List.of(Entity.COMPONENTS, Entity.VERSIONS)) {
      if (!sel.contains(e)) continue;
      StreamState s = ctx.streams.get(e.streamName());
      if (projectFailure != null) {
        tasks.get(e.streamName()).add(rethrow(projectFailure));
        continue;
      }
      for (RawItem p : partitions) {
        String pid = Json.str(p.value(), "id");
        if (!Ids.numeric(pid)) {
          ctx.invalidId(e.streamName(), Ids.shown(pid), "project", pid, "GET /rest/api/3/project/search");
          continue;
        }
        tasks.get(e.streamName()).add(partitionTask(s, pid, () -> catalogue.projectListing(s, e, pid)));
      }
    }
    for (Entity e : Entity.values()) {
      String n = e.streamName();
      if (!tasks.containsKey(n) || e == Entity.COMPONENTS || e == Entity.VERSIONS || e == Entity.PROJECTS
          || e == Entity.WORKLOGS || IssueStreams.FAMILY.contains(e) || e.isAgile()) {
        continue;
      }
      StreamState s = ctx.streams.get(n);
      tasks.get(n).add(() -> catalogue.siteListing(s, e));
    }
    agile.plan(tasks, missingScope, (board, body) -> partitionTask(ctx.streams.get(AgileStreams.SPRINTS), board, body));
    for (String n : missingScope) {
      tasks.get(n).clear();
      tasks.get(n).add(() -> {
        throw new StreamSkipped();
      });
    }
    ctx.leaveRunThread();
    execute(tasks);
    return finish();
  }

  /** Ends the task of a stream that was skipped (its error is recorded already). */
  private static final class StreamSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StreamSkipped() {
      super("stream skipped", null, false, false);
    }
  }

  private static Runnable rethrow(RuntimeException failure) {
    return () -> {
      throw failure;
    };
  }

  // ------------------------------------------------------------------------------------------- executing

  /** Starts every stream, runs its tasks on the executor and waits for all of them. */
  private void execute(Map<String, List<Runnable>> tasks) {
    int total = tasks.values().stream().mapToInt(List::size).sum();
    CountDownLatch done = new CountDownLatch(total);
    for (Map.Entry<String, List<Runnable>> t : tasks.entrySet()) {
      StreamState s = ctx.streams.get(t.getKey());
      s.started(ctx.now(), t.getValue().size());
      synchronized (s) {
        ctx.emit(new SyncEvent.StreamStarted(ctx.runId, ctx.conn, s.name, ctx.now()));
      }
      if (t.getValue().isEmpty()) {
        s.started(ctx.now(), 1);
        finishTask(s);
      }
    }
    for (Map.Entry<String, List<Runnable>> t : tasks.entrySet()) {
      StreamState s = ctx.streams.get(t.getKey());
      for (Runnable r : t.getValue()) {
        Runnable wrapped = () -> {
          ctx.enterWorker();
          try {
            if (ctx.cancelled()) throw new RunContext.Cancelled();
            r.run();
          } catch (RunContext.Cancelled c) {
            s.partitionDone(false, true);
          } catch (StreamSkipped k) {
            s.partitionDone(false, false);
          } catch (RuntimeException | Error e) {
            if (ctx.cancelled()) {
              s.partitionDone(false, true);
            } else {
              ctx.recordError(s.name, Checkpoint.GLOBAL, e);
              s.partitionDone(false, false);
            }
          } finally {
            ctx.leaveWorker();
            Thread.interrupted();
            finishTask(s);
            done.countDown();
          }
        };
        try {
          ctx.settings.executor().execute(wrapped);
        } catch (RejectedExecutionException e) {
          ctx.cancel();
          s.partitionDone(false, true);
          finishTask(s);
          done.countDown();
        }
      }
    }
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        // The run's thread is no worker now: only the caller interrupts it, and that cancels the run.
        ctx.callerInterrupted();
        ctx.cancel();
      }
    }
  }

  private void finishTask(StreamState s) {
    synchronized (s) {
      if (s.taskDone(ctx.now())) {
        ctx.emit(new SyncEvent.StreamFinished(ctx.runId, ctx.conn, s.summary(), ctx.now()));
      }
    }
  }

  /** Wraps a per-partition task so its failure is recorded with the partition and the others continue. */
  private Runnable partitionTask(StreamState s, String partition, Runnable body) {
    return () -> {
      try {
        body.run();
        s.partitionDone(true, false);
      } catch (RunContext.Cancelled c) {
        s.partitionDone(false, true);
      } catch (RuntimeException e) {
        if (ctx.cancelled()) {
          s.partitionDone(false, true);
          return;
        }
        ctx.recordError(s.name, partition, e);
        s.partitionDone(false, false);
      }
    };
  }

  /**
   * Helps the running run this runner was made for ({@link #SyncRunner(SyncSettings, String, SyncRequest, String)}
   * with its id, after {@link #shareIssuePartitions}): lists the connection's projects, syncs every issue partition
   * it can claim that the run has not finished, and returns a summary of this work alone (not stored: the run's
   * record is its coordinator's). Never throws.
   */
  public SyncRun assist() {
    assisting = true;
    ctx.enterRunThread();
    try {
      StreamState s = new StreamState(IssueStreams.ISSUES);
      ctx.streams.put(IssueStreams.ISSUES, s);
      planned = true;
      ctx.openClient();
      List<RawItem> partitions = catalogue.selectPartitions(catalogue.listProjects(new StreamState(
          CatalogueStreams.PROJECTS)));
      Partitions shared = ctx.partitions();
      List<Runnable> tasks = new ArrayList<>();
      for (RawItem p : partitions) {
        String pid = Json.str(p.value(), "id");
        if (Boolean.TRUE.equals(Json.bool(p.value(), "archived")) || !Ids.numeric(pid)) continue;
        tasks.add(partitionTask(s, pid, () -> shared.run(pid, () -> issues.partition(s, pid), false)));
      }
      ctx.leaveRunThread();
      Map<String, List<Runnable>> all = new LinkedHashMap<>();
      all.put(IssueStreams.ISSUES, tasks);
      execute(all);
    } catch (RuntimeException e) {
      ctx.leaveRunThread();
      if (!ctx.cancelled()) ctx.recordError("run", Checkpoint.GLOBAL, e);
      for (StreamState st : ctx.streams.values()) {
        if (st.status() == RunStatus.RUNNING) st.failWithoutTasks(ctx.now(), ctx.cancelled());
      }
    }
    if (ctx.interruptedByCaller()) Thread.currentThread().interrupt();
    return finish();
  }

  private SyncRun finish() {
    RunStatus status;
    List<StreamSummary> sums = ctx.streams.values().stream().map(StreamState::summary).toList();
    boolean anyFailed = sums.stream().anyMatch(s -> s.status() == RunStatus.FAILED || s.status() == RunStatus.PARTIAL);
    boolean allFailed = !sums.isEmpty() && sums.stream().allMatch(s -> s.status() == RunStatus.FAILED);
    if (ctx.cancelled()) status = RunStatus.CANCELLED;
    else if (!ctx.hasClient() || allFailed) status = RunStatus.FAILED;
    else if (anyFailed || ctx.hasErrors()) status = RunStatus.PARTIAL;
    else status = RunStatus.SUCCEEDED;
    SyncRun run = ctx.summary(status, ctx.now());
    if (assisting) {
      log.info("sync {} of connection {}: this instance assisted, {} requests, {} errors", ctx.runId, ctx.conn,
          run.requests(), run.errors().size());
      return run;
    }
    try {
      ctx.store.saveRun(run);
    } catch (RuntimeException e) {
      log.warn("could not save run {} of connection {}: {}", ctx.runId, ctx.conn, e.toString());
    }
    if (status == RunStatus.FAILED) ctx.emit(new SyncEvent.RunFailed(ctx.runId, ctx.conn, run, ctx.now()));
    else ctx.emit(new SyncEvent.RunFinished(ctx.runId, ctx.conn, run, ctx.now()));
    log.info("sync {} of connection {} {}: {} requests, {} points, {} errors", ctx.runId, ctx.conn, status,
        run.requests(), run.points(), run.errors().size());
    return run;
  }

  @Override
  public String toString() {
    return "SyncRunner[" + ctx.runId + " " + ctx.conn + "]";
  }
}
