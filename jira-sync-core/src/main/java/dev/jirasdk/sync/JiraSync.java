package dev.jirasdk.sync;

import dev.jirasdk.sync.internal.SyncRunner;
import dev.jirasdk.sync.internal.SyncSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Thread-safe: different connections may sync concurrently; a second run of a connection that is already
 * syncing is refused with {@link IllegalStateException}. {@link #close()} stops the executor if this object
 * created it (never one the host passed in).
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

  private final SyncSettings settings;
  private final boolean ownsExecutor;
  private final Map<String, SyncRunner> active = new ConcurrentHashMap<>();
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
   * @throws IllegalStateException if this connection is already syncing, or after {@link #close()}
   */
  public SyncRun sync(String connectionId, SyncRequest request) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(request, "request == null");
    if (closed) throw new IllegalStateException("JiraSync is closed");
    SyncRunner runner = new SyncRunner(settings, connectionId, request);
    if (active.putIfAbsent(connectionId, runner) != null) {
      throw new IllegalStateException("connection " + connectionId + " is already syncing");
    }
    try {
      return runner.run();
    } finally {
      active.remove(connectionId, runner);
    }
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

    private Builder() {}

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
