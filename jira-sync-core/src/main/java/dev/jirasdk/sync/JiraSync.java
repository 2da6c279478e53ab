package dev.jirasdk.sync;

import dev.jirasdk.sync.internal.RunClaim;
import dev.jirasdk.sync.internal.SyncRunner;
import dev.jirasdk.sync.internal.SyncSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a connection's Jira data into a {@link SyncStore}.
 *
 * <pre>{@code
 * RateGovernor governor = RateGovernor.create();            // one per process
 * try (JiraSync sync = JiraSync.builder()
 *     .clients(oauth::jiraClient)
 *     .store(store)
 *     .rateGovernor(governor)
 *     .parallelism(4)
 *     .build()) {
 *   SyncRun run = sync.sync(connectionId, SyncRequest.incremental());
 *   run.errors().forEach(e -> log.warn(e.describe()));
 * }
 * }</pre>
 *
 * <p>A run reads every selected stream with the paginator of its page shape and commits each page together
 * with its checkpoint, so a run killed at any point resumes from its last committed page. Streams (and the
 * issues of different projects) run in parallel on the executor; a failing stream does not stop the others.
 * Issues are read incrementally on {@code updated} with an overlap; deletions are found in every incremental run by
 * comparing counts per id range with Jira's estimate (a budgeted id census is the safety net). See
 * {@code docs/sync.md}.
 *
 * <p><b>Several instances.</b> When the store also implements {@link SyncClaims} (the in-memory, SQLite and
 * PostgreSQL stores do), a run claims its connection in the store before it starts: a lease of
 * {@link Builder#claimTtl} held by this instance ({@link Builder#instanceId}), renewed by a heartbeat while the
 * run goes on and released when it ends. Every page is committed under the claim, so an instance that stalled past
 * its lease and lost the claim to another cannot write again (fencing). A start of a connection that runs on any
 * instance is refused with {@link SyncAlreadyRunningException} naming the run and the instance; once an instance
 * died, its lease expires and the next start anywhere takes the connection over, marks the dead instance's run
 * {@link RunStatus#FAILED} ("abandoned") and resumes from its last committed page. A run's project partitions can
 * be shared: each is synced under a claim of its own, and other instances join the run with {@link #assist}; the
 * run ends once every partition is done, taking over those of an assistant whose claim expired.
 *
 * <p>Thread-safe: different connections may sync concurrently; a second run of a connection that is already
 * syncing is refused with {@link SyncAlreadyRunningException}. {@link #close()} stops the executor if this object
 * created it (never one the host passed in), and the heartbeat thread.
 */
public final class JiraSync implements AutoCloseable {
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(1);
  public static final Duration DEFAULT_CENSUS_INTERVAL = Duration.ofHours(24);
  public static final long DEFAULT_CENSUS_POINTS_CAP = 20_000;
  public static final double DEFAULT_MASS_VANISH_THRESHOLD = 0.5;
  public static final int DEFAULT_MASS_VANISH_MINIMUM = 10;
  public static final int DEFAULT_PARALLELISM = 4;
  public static final int DEFAULT_ISSUE_PAGE_SIZE = 100;
  public static final int DEFAULT_ID_PAGE_SIZE = 1000;
  /** The client's default attempts per request, which runs use unless {@link Builder#maxPageAttempts} says. */
  public static final int DEFAULT_MAX_PAGE_ATTEMPTS = 4;
  /** How long a run's claim on its connection holds without a heartbeat (the heartbeat renews it every third). */
  public static final Duration DEFAULT_CLAIM_TTL = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(JiraSync.class);

  private final SyncSettings settings;
  private final boolean ownsExecutor;
  private final Map<String, SyncRunner> active = new ConcurrentHashMap<>();
  /** Runs of other instances this instance assists right now, by connection. */
  private final Map<String, SyncRunner> assisting = new ConcurrentHashMap<>();
  private final dev.jirasdk.auth.Sleeper sleeper;
  private final @Nullable SyncClaims claims;
  private final String instanceId;
  private final Duration claimTtl;
  private final Duration heartbeatInterval;
  private final Clock clock;
  private @Nullable ScheduledExecutorService heartbeats;
  private volatile boolean closed;

  private JiraSync(Builder b) {
    Objects.requireNonNull(b.clients, "clients == null");
    Objects.requireNonNull(b.store, "store == null");
    RateGovernor governor = b.governor != null ? b.governor : RateGovernor.builder().clock(b.clock).build();
    ExecutorService executor;
    if (b.executor != null) {
      executor = b.executor;
      this.ownsExecutor = false;
    } else {
      AtomicInteger n = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread t = new Thread(r, "jira-sync-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      executor = Executors.newFixedThreadPool(b.parallelism, tf);
      this.ownsExecutor = true;
    }
    this.claims = b.store instanceof SyncClaims c ? c : null;
    this.instanceId = b.instanceId != null ? b.instanceId
        : "jira-sync-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.claimTtl = b.claimTtl;
    this.heartbeatInterval = b.heartbeatInterval != null ? b.heartbeatInterval : b.claimTtl.dividedBy(3);
    if (heartbeatInterval.compareTo(claimTtl) >= 0) {
      throw new IllegalArgumentException("heartbeatInterval " + heartbeatInterval + " must be below claimTtl "
          + claimTtl);
    }
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.settings = new SyncSettings(b.clients, b.store, executor, governor, b.clock,
        b.listener, b.overlap, b.censusInterval, b.censusPointsCap, b.massVanishThreshold, b.massVanishMinimum,
        b.issuePageSize,
        b.idPageSize, b.maxPageAttempts, b.pageSize);
  }

  /**
   * The OAuth scopes a selection of streams needs, sorted, so an app asks its users for exactly those: the classic
   * {@code read:jira-work}, {@code read:jira-user} and {@code manage:jira-configuration} for the platform streams,
   * and granular {@code *:jira-software} / {@code *:jira} scopes for boards and sprints. A scope added later makes
   * every user consent again, which is why the Agile streams are opt-in ({@link SyncRequest#DEFAULT_STREAMS}).
   * {@code offline_access} is the OAuth client's business and not listed.
   *
   * <pre>{@code
   * Set<String> scopes = JiraSync.requiredScopes(SyncRequest.full().withAgileStreams().streams());
   * }</pre>
   */
  public static java.util.SortedSet<String> requiredScopes(Set<Entity> streams) {
    Objects.requireNonNull(streams, "streams == null");
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (Entity e : streams) out.addAll(dev.jirasdk.sync.internal.StreamScopes.of(e));
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one sync of {@code connectionId} and returns its summary when every stream has finished. Errors of a
   * stream are recorded in the summary, not thrown. Interrupting the calling thread cancels the run.
   *
   * <p>With a store that implements {@link SyncClaims}, the run first claims the connection for this instance;
   * taking over a connection whose previous holder's lease expired marks that holder's unfinished run
   * {@link RunStatus#FAILED} with a note, and this run resumes from the last committed page.
   *
   * @throws SyncAlreadyRunningException if this connection is syncing, in this process or on another instance
   * @throws IllegalStateException after {@link #close()}
   */
  public SyncRun sync(String connectionId, SyncRequest request) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(request, "request == null");
    if (closed) throw new IllegalStateException("JiraSync is closed");
    SyncRunner runner = new SyncRunner(settings, connectionId, request);
    SyncRunner running = active.putIfAbsent(connectionId, runner);
    if (running != null) {
      Optional<SyncClaim> held = claimOf(connectionId);
      throw new SyncAlreadyRunningException(connectionId, running.runId(), instanceId,
          held.filter(c -> c.runId().equals(running.runId())).map(SyncClaim::expiresAt).orElse(null));
    }
    RunClaim claim = null;
    try {
      if (claims != null) {
        claim = claim(connectionId, runner.runId());
        runner.holdClaim(claim);
        runner.shareIssuePartitions(sharing());
        startHeartbeat();
      }
      return runner.run();
    } finally {
      if (claim != null) release(claim);
      active.remove(connectionId, runner);
    }
  }

  /**
   * Joins the run of {@code connectionId} that another instance is running: claims project partitions of that run
   * nobody holds and has not finished, syncs their issues (with comments, changelogs and the other children the
   * request selects) under the same run id, each under its partition's claim, and returns when no partition is
   * left to take. The instance that runs the sync waits for these partitions before it ends its run (or takes them
   * over, from their last committed page, once this instance's claim on them expired).
   *
   * <pre>{@code
   * // on every instance, e.g. from a periodic job: help whichever run is going on
   * sync.assist(connectionId, request).ifPresent(work -> log.info("helped run {}: {} requests",
   *     work.runId(), work.requests()));
   * }</pre>
   *
   * <p>Pass the request the run was started with (the same streams, filter and mode). The summary returned counts
   * this instance's work only and is not stored (the run's record is its coordinator's); a partition this instance
   * lost to another (it stalled past its lease) is an error of kind {@link SyncError.Kind#STORE} in it.
   *
   * @return this instance's share of the run, or empty when no run of the connection is live on another instance,
   *     when this instance runs or assists it already, or when the store does not implement {@link SyncClaims}
   * @throws IllegalStateException after {@link #close()}
   */
  public Optional<SyncRun> assist(String connectionId, SyncRequest request) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(request, "request == null");
    if (closed) throw new IllegalStateException("JiraSync is closed");
    if (claims == null || active.containsKey(connectionId)) return Optional.empty();
    Optional<SyncClaim> run = claimOf(connectionId);
    if (run.isEmpty() || run.get().holder().equals(instanceId)) return Optional.empty();
    SyncRunner runner = new SyncRunner(settings, connectionId, request, run.get().runId());
    if (assisting.putIfAbsent(connectionId, runner) != null) return Optional.empty();
    try {
      runner.shareIssuePartitions(sharing());
      startHeartbeat();
      return Optional.of(runner.assist());
    } finally {
      assisting.remove(connectionId, runner);
    }
  }

  private dev.jirasdk.sync.internal.Partitions.Sharing sharing() {
    Duration poll = heartbeatInterval.compareTo(Duration.ofSeconds(1)) < 0 ? heartbeatInterval : Duration.ofSeconds(1);
    return new dev.jirasdk.sync.internal.Partitions.Sharing(claims, instanceId, claimTtl, sleeper, poll);
  }

  /** Claims the connection for a run of this instance, or throws naming the run that holds it. */
  private RunClaim claim(String connectionId, String runId) {
    String key = SyncClaim.runKey(connectionId);
    for (int attempt = 0; ; attempt++) {
      Instant now = clock.instant();
      Optional<SyncClaim> granted = claims.tryClaim(key, instanceId, runId, now, now.plus(claimTtl));
      if (granted.isPresent()) {
        abandonRunsBefore(connectionId, runId, now);
        log.debug("sync run {} of connection {} claimed by {} (fencing token {})", runId, connectionId, instanceId,
            granted.get().fencingToken());
        return new RunClaim(claims, granted.get(), clock, claimTtl);
      }
      Optional<SyncClaim> holder = claims.current(key, now);
      if (holder.isPresent()) {
        SyncClaim h = holder.get();
        throw new SyncAlreadyRunningException(connectionId, h.runId(), h.holder(), h.expiresAt());
      }
      // Released or expired between the two reads: try once more.
      if (attempt > 0) throw new IllegalStateException("cannot claim connection " + connectionId);
    }
  }

  /**
   * Runs of the connection still marked running when this run holds the claim belong to instances that died (a
   * live one would hold the claim): mark them failed, so nothing shows them running forever.
   */
  private void abandonRunsBefore(String connectionId, String runId, Instant now) {
    try {
      for (SyncRun r : settings.store().runs(connectionId, 20)) {
        if (r.status() != RunStatus.RUNNING || r.runId().equals(runId)) continue;
        List<String> notes = new ArrayList<>(r.notes());
        notes.add("abandoned: its instance stopped renewing its claim on the connection; run " + runId
            + " took the connection over and resumed from the last committed page");
        settings.store().saveRun(new SyncRun(r.runId(), r.connectionId(), r.mode(), RunStatus.FAILED, r.startedAt(),
            now, r.streams(), r.requests(), r.points(), r.estimatedIssues(), r.errors(), notes));
        log.info("sync run {} of connection {} was abandoned by its instance; run {} takes over", r.runId(),
            connectionId, runId);
      }
    } catch (RuntimeException e) {
      log.warn("could not mark abandoned runs of connection {}: {}", connectionId, e.toString());
    }
  }

  private void release(RunClaim claim) {
    try {
      claim.release();
    } catch (RuntimeException e) {
      // The lease expires on its own.
      log.warn("could not release the claim {}: {}", claim.claim().key(), e.toString());
    }
  }

  private synchronized void startHeartbeat() {
    if (heartbeats != null || closed) return;
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jira-sync-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(10, heartbeatInterval.toMillis());
    s.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    heartbeats = s;
  }

  /** Renews the claim of every run of this instance; a run whose claim was lost stops. */
  void heartbeat() {
    List<SyncRunner> runners = new ArrayList<>(active.values());
    runners.addAll(assisting.values());
    for (SyncRunner r : runners) {
      try {
        r.heartbeat();
      } catch (RuntimeException e) {
        log.warn("heartbeat of sync run {} failed (the next one tries again): {}", r.runId(), e.toString());
      }
    }
  }

  /**
   * The live claim on a connection's sync, held by this or another instance: which run, which instance, until
   * when. Empty when nobody syncs it, or when the store does not implement {@link SyncClaims}.
   */
  public Optional<SyncClaim> claimOf(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    if (claims == null) return Optional.empty();
    return claims.current(SyncClaim.runKey(connectionId), clock.instant());
  }

  /**
   * Releases the claim on a connection that this {@linkplain Builder#instanceId instance id} holds in the store while
   * no run of this object holds it: what an earlier process with the same instance id left behind when it was
   * killed. Call it at start-up, before resuming interrupted runs, when an instance keeps its id across restarts
   * (otherwise the claim expires after {@link Builder#claimTtl} and is taken over then).
   *
   * @return whether such a claim was released
   */
  public boolean releaseStaleClaim(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    if (claims == null || active.containsKey(connectionId)) return false;
    Optional<SyncClaim> held = claims.current(SyncClaim.runKey(connectionId), clock.instant());
    if (held.isEmpty() || !held.get().holder().equals(instanceId) || active.containsKey(connectionId)) return false;
    boolean released = claims.release(held.get());
    if (released) {
      log.info("released the claim on connection {} that an earlier process of instance {} left (run {})",
          connectionId, instanceId, held.get().runId());
    }
    return released;
  }

  /** This instance's name in claims (see {@link Builder#instanceId}). */
  public String instanceId() {
    return instanceId;
  }

  /** Cancels the run of a connection, if one is active; committed pages stay. Returns whether one was. */
  public boolean cancel(String connectionId) {
    SyncRunner r = active.get(connectionId);
    if (r == null) return false;
    r.cancel();
    return true;
  }

  /**
   * The summary so far of the connection's running sync: status {@link RunStatus#RUNNING}, the requests, points
   * and per-entity counts up to now. Empty when none runs (or in the first moment of a run, before its streams
   * are planned).
   */
  public Optional<SyncRun> progress(String connectionId) {
    SyncRunner r = active.get(connectionId);
    return r == null ? Optional.empty() : r.progress();
  }

  /** Connections syncing right now. */
  public Set<String> activeConnections() {
    return Set.copyOf(active.keySet());
  }

  public SyncStore store() {
    return settings.store();
  }

  public RateGovernor rateGovernor() {
    return settings.governor();
  }

  /** The shared store's claims (null without), for the scheduler's schedule leases. */
  @Nullable SyncClaims claims() {
    return claims;
  }

  /** How long a run's claim holds without a heartbeat. */
  Duration claimTtl() {
    return claimTtl;
  }

  /** Where the scheduler gets clients for its health checks. */
  JiraClientProvider clients() {
    return settings.clients();
  }

  /** Cancels active runs and stops the executor if this object created it. Idempotent. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    active.values().forEach(SyncRunner::cancel);
    assisting.values().forEach(SyncRunner::cancel);
    synchronized (this) {
      if (heartbeats != null) heartbeats.shutdownNow();
    }
    // Not shutdownNow(): queued tasks must still run (and end at once, cancelled) so running syncs return.
    if (ownsExecutor) settings.executor().shutdown();
  }

  /** Configures a {@link JiraSync}; settings are validated and snapshotted by {@link #build()}. */
  public static final class Builder {
    private JiraClientProvider clients;
    private SyncStore store;
    private ExecutorService executor;
    private int parallelism = DEFAULT_PARALLELISM;
    private RateGovernor governor;
    private Clock clock = Clock.systemUTC();
    private SyncListener listener = SyncListener.NONE;
    private Duration overlap = DEFAULT_OVERLAP;
    private Duration censusInterval = DEFAULT_CENSUS_INTERVAL;
    private long censusPointsCap = DEFAULT_CENSUS_POINTS_CAP;
    private double massVanishThreshold = DEFAULT_MASS_VANISH_THRESHOLD;
    private int massVanishMinimum = DEFAULT_MASS_VANISH_MINIMUM;
    private int issuePageSize = DEFAULT_ISSUE_PAGE_SIZE;
    private int idPageSize = DEFAULT_ID_PAGE_SIZE;
    private int maxPageAttempts;
    private int pageSize = 100;
    private String instanceId;
    private Duration claimTtl = DEFAULT_CLAIM_TTL;
    private Duration heartbeatInterval;
    private dev.jirasdk.auth.Sleeper sleeper = dev.jirasdk.auth.Sleeper.SYSTEM;

    private Builder() {}

    /**
     * How a run waits, at its end, for project partitions that instances {@linkplain JiraSync#assist assisting}
     * it still hold (it looks every {@code min(heartbeatInterval, 1 s)}; default: the thread sleeps). Tests pass
     * one that advances their clock or yields.
     */
    public Builder sleeper(dev.jirasdk.auth.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * How often (in real time) the heartbeat renews the claims of this instance's runs (default a third of
     * {@link #claimTtl}); must be below it. A run also renews its claim when it commits a page after a third of
     * the lease has passed by the engine's clock.
     */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.toMillis() < 10) throw new IllegalArgumentException("heartbeatInterval below 10 ms: " + interval);
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * This instance's name in the claims of a shared store (default: {@code jira-sync-<pid>-<random>}); give each
     * instance its own, e.g. its host name. Claims, refusals and the demo's {@code 409} name it.
     */
    public Builder instanceId(String instanceId) {
      Objects.requireNonNull(instanceId, "instanceId == null");
      if (instanceId.isBlank() || instanceId.length() > 200) {
        throw new IllegalArgumentException("instanceId must be 1 to 200 characters, not blank");
      }
      this.instanceId = instanceId;
      return this;
    }

    /**
     * How long a run's claim holds without a heartbeat (default 60 s): after an instance dies, its connections
     * are taken over this long after its last heartbeat. The heartbeat renews every third of it.
     */
    public Builder claimTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      if (ttl.toMillis() < 30) throw new IllegalArgumentException("claimTtl must be at least 30 ms: " + ttl);
      this.claimTtl = ttl;
      return this;
    }

    /** Essential: where clients come from, usually {@code oauth::jiraClient}. */
    public Builder clients(JiraClientProvider clients) {
      this.clients = Objects.requireNonNull(clients, "clients == null");
      return this;
    }

    /** Essential: where records go. */
    public Builder store(SyncStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** The process-wide governor (default: a private one; share one across every JiraSync of a process). */
    public Builder rateGovernor(RateGovernor governor) {
      this.governor = Objects.requireNonNull(governor, "governor == null");
      return this;
    }

    /** Runs stream tasks on the host's executor (never shut down by {@link #close()}). */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /** Threads of the executor this object creates when none is given (default {@value #DEFAULT_PARALLELISM}). */
    public Builder parallelism(int threads) {
      if (threads < 1) throw new IllegalArgumentException("parallelism must be >= 1: " + threads);
      this.parallelism = threads;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder listener(SyncListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** How far incremental issue reads go back behind the cursor (default 1 minute; at least 1 minute). */
    public Builder overlap(Duration overlap) {
      Objects.requireNonNull(overlap, "overlap == null");
      if (overlap.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("overlap must be at least 1 minute (search is eventually consistent): "
            + overlap);
      }
      this.overlap = overlap;
      return this;
    }

    /** Minimum time between deletion censuses of a project in incremental runs (default 24 h; ZERO = every run). */
    public Builder censusInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative()) throw new IllegalArgumentException("censusInterval is negative: " + interval);
      this.censusInterval = interval;
      return this;
    }

    /**
     * Points the periodic id census may spend in one incremental run, over all projects (default
     * {@value #DEFAULT_CENSUS_POINTS_CAP}, about a third of a Tier-1 app's hourly quota; a census costs about a
     * point per issue). A census that does not fit goes on where it stopped in the next run, so a large project's
     * census spreads over several runs; 0 turns the census off in incremental runs (full runs always check every
     * id). The cheap per-run deletion check by id ranges is not counted against it.
     */
    public Builder censusPointsCap(long points) {
      if (points < 0) throw new IllegalArgumentException("censusPointsCap is negative: " + points);
      this.censusPointsCap = points;
      return this;
    }

    /**
     * Share of a project's stored issues that may vanish in one census before the census refuses to delete
     * anything (default 0.5), and the number of vanished issues below which the guard does not apply (default
     * {@value #DEFAULT_MASS_VANISH_MINIMUM}).
     */
    public Builder massVanishGuard(double threshold, int minimum) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("massVanish threshold must be in (0, 1]: " + threshold);
      }
      if (minimum < 0) throw new IllegalArgumentException("massVanish minimum is negative: " + minimum);
      this.massVanishThreshold = threshold;
      this.massVanishMinimum = minimum;
      return this;
    }

    /** Issues per {@code search/jql} page (default 100, max 5000). */
    public Builder issuePageSize(int size) {
      if (size < 1 || size > 5000) throw new IllegalArgumentException("issuePageSize must be 1..5000: " + size);
      this.issuePageSize = size;
      return this;
    }

    /** Ids per page of the deletion census (default 1000, max 5000). */
    public Builder idPageSize(int size) {
      if (size < 1 || size > 5000) throw new IllegalArgumentException("idPageSize must be 1..5000: " + size);
      this.idPageSize = size;
      return this;
    }

    /** Page size of the small offset-paged streams (default 100). */
    public Builder pageSize(int size) {
      if (size < 1 || size > 1000) throw new IllegalArgumentException("pageSize must be 1..1000: " + size);
      this.pageSize = size;
      return this;
    }

    /**
     * Attempts per request of a run (default: the client's own {@code maxAttempts}, 4 unless the host changed
     * it). The client is the only retry layer: a request is never sent more often than this.
     */
    public Builder maxPageAttempts(int attempts) {
      if (attempts < 1) throw new IllegalArgumentException("maxPageAttempts must be >= 1: " + attempts);
      this.maxPageAttempts = attempts;
      return this;
    }

    public JiraSync build() {
      if (clients == null) throw new IllegalStateException("clients is required");
      if (store == null) throw new IllegalStateException("store is required");
      return new JiraSync(this);
    }
  }
}
