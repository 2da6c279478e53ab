package dev.jirasdk.sync;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.OAuthGrantCredentials;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.TokenManager;
import dev.jirasdk.auth.TokenStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the periodic work of a host: an incremental sync of every active connection (default hourly), a token
 * keep-alive pass ({@link TokenManager#keepAlive}, default every 30 minutes) and a health check of every
 * active connection (default every 5 minutes). Each due time gets a random jitter (default ±10 %) so
 * connections do not all fire together, at most {@link Builder#maxParallel} jobs run at once, and a
 * connection never has two syncs at a time.
 *
 * <pre>{@code
 * SyncScheduler scheduler = SyncScheduler.builder()
 *     .sync(jiraSync)
 *     .accounts(oauth.accounts())          // active connections
 *     .tokens(oauth.tokens())
 *     .onHealth(h -> log.info("{}", h))
 *     .build();
 * scheduler.start();                       // ... scheduler.close() on shutdown
 * }</pre>
 *
 * <p><b>Several instances.</b> When the {@link JiraSync}'s store implements {@link SyncClaims}, every job takes a
 * schedule lease in the store before it starts ({@code schedule:keep-alive}, {@code schedule:sync:<id>},
 * {@code schedule:health:<id>}), held for the job's interval less its jitter and never released: an instance whose
 * job falls due while another instance's lease of that job is live skips it and plans it after the lease, so each
 * job runs once per period across all instances that share the store. {@link #syncSoon} bypasses the lease.
 * With such a store the scheduler also takes work over: about every half {@linkplain JiraSync.Builder#claimTtl claim
 * lease} it looks for connections whose newest stored run is still {@code RUNNING} while nobody holds their claim (the
 * instance running it died), and starts a run of the same mode at once, which resumes from the last committed page.
 *
 * <p>All decisions happen in {@link #tick()}, which {@link #start()} calls every {@link Builder#tickInterval};
 * tests call it directly after advancing a fake clock, with a direct executor, and never sleep. Thread-safe.
 * {@link #close()} stops ticking, cancels running syncs, and stops the threads this object created.
 */
public final class SyncScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_KEEP_ALIVE_IDLE = Duration.ofDays(7);
  public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(5);
  public static final double DEFAULT_JITTER = 0.1;
  public static final int DEFAULT_MAX_PARALLEL = 2;

  private final JiraSync sync;
  private final Supplier<? extends Collection<String>> connections;
  private final TokenManager tokens;
  private final Clock clock;
  private final Duration syncInterval;
  private final Duration keepAliveInterval;
  private final Duration keepAliveIdle;
  private final Duration healthInterval;
  private final Duration tickInterval;
  private final double jitter;
  private final int maxParallel;
  private final SyncRequest request;
  private final Consumer<ConnectionHealth> onHealth;
  private final Executor executor;
  private final boolean ownsExecutor;
  private final SplittableRandom random;

  private final Map<String, Instant> nextSync = new HashMap<>();
  private final Map<String, Instant> nextHealth = new HashMap<>();
  private Instant nextKeepAlive;
  private Instant nextTakeoverCheck;
  private final Set<String> running = new HashSet<>();
  /** Connections whose next sync was asked for by {@link #syncSoon}: they skip the schedule lease once. */
  private final Set<String> soon = new HashSet<>();
  private final Map<String, ConnectionHealth> health = new ConcurrentHashMap<>();
  private ScheduledExecutorService ticker;
  private boolean closed;

  private SyncScheduler(Builder b) {
    this.sync = Objects.requireNonNull(b.sync, "sync == null");
    this.connections = Objects.requireNonNull(b.connections, "connections == null (set accounts or connections)");
    this.tokens = b.tokens;
    this.clock = b.clock;
    this.syncInterval = b.syncInterval;
    this.keepAliveInterval = b.keepAliveInterval;
    this.keepAliveIdle = b.keepAliveIdle;
    this.healthInterval = b.healthInterval;
    this.tickInterval = b.tickInterval;
    this.jitter = b.jitter;
    this.maxParallel = b.maxParallel;
    this.request = b.request;
    this.onHealth = b.onHealth;
    this.random = new SplittableRandom(b.seed);
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      AtomicInteger n = new AtomicInteger();
      this.executor = Executors.newFixedThreadPool(b.maxParallel, r -> {
        Thread t = new Thread(r, "jira-sync-scheduler-job-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.ownsExecutor = true;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts ticking on a daemon thread this object owns. Idempotent. */
  public synchronized void start() {
    if (closed) throw new IllegalStateException("scheduler is closed");
    if (ticker != null) return;
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jira-sync-scheduler");
      t.setDaemon(true);
      return t;
    });
    long ms = tickInterval.toMillis();
    ticker.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        log.warn("scheduler tick failed: {}", e.toString());
      }
    }, 0, ms, TimeUnit.MILLISECONDS);
    log.info("sync scheduler started: sync every {}, keep-alive every {}, health every {}", syncInterval,
        keepAliveInterval, healthInterval);
  }

  /**
   * Starts whatever is due now (without waiting for it to finish). New connections get a first due time
   * spread over the first jitter window; connections that disappeared are forgotten.
   */
  public synchronized void tick() {
    if (closed) return;
    Instant now = clock.instant();
    Set<String> conns = new LinkedHashSet<>(connections.get());
    nextSync.keySet().retainAll(conns);
    nextHealth.keySet().retainAll(conns);
    health.keySet().retainAll(conns);
    if (tokens != null) {
      if (nextKeepAlive == null) nextKeepAlive = now.plus(spread(keepAliveInterval));
      if (!now.isBefore(nextKeepAlive)) {
        Optional<Instant> elsewhere = periodHeldElsewhere("keep-alive", keepAliveInterval, now, false);
        if (elsewhere.isPresent()) {
          nextKeepAlive = elsewhere.get().plus(spread(keepAliveInterval));
        } else if (launch("keep-alive", this::keepAlive)) {
          nextKeepAlive = now.plus(jittered(keepAliveInterval));
        }
      }
    }
    boolean checkTakeovers = sync.claims() != null && (nextTakeoverCheck == null || !now.isBefore(nextTakeoverCheck));
    if (checkTakeovers) nextTakeoverCheck = now.plus(sync.claimTtl().dividedBy(2));
    for (String conn : conns) {
      if (checkTakeovers && !sync.activeConnections().contains(conn) && canLaunch("sync:" + conn)) {
        Optional<SyncRun> abandoned = abandonedRun(conn);
        if (abandoned.isPresent()) {
          SyncRequest same = request.withMode(abandoned.get().mode());
          log.info("taking over connection {}: run {} of a dead instance stopped renewing its claim", conn,
              abandoned.get().runId());
          if (launch("sync:" + conn, () -> runSync(conn, same))) continue;
        }
      }
      Instant due = nextSync.computeIfAbsent(conn, c -> now.plus(spread(syncInterval)));
      if (!now.isBefore(due) && !sync.activeConnections().contains(conn) && canLaunch("sync:" + conn)) {
        Optional<Instant> elsewhere = periodHeldElsewhere("sync:" + conn, syncInterval, now, soon.remove(conn));
        if (elsewhere.isPresent()) {
          nextSync.put(conn, elsewhere.get().plus(spread(syncInterval)));
        } else if (launch("sync:" + conn, () -> runSync(conn))) {
          nextSync.put(conn, now.plus(jittered(syncInterval)));
        }
      }
      Instant hdue = nextHealth.computeIfAbsent(conn, c -> now.plus(spread(healthInterval)));
      if (!now.isBefore(hdue) && canLaunch("health:" + conn)) {
        Optional<Instant> elsewhere = periodHeldElsewhere("health:" + conn, healthInterval, now, false);
        if (elsewhere.isPresent()) {
          nextHealth.put(conn, elsewhere.get().plus(spread(healthInterval)));
        } else if (launch("health:" + conn, () -> checkHealth(conn))) {
          nextHealth.put(conn, now.plus(jittered(healthInterval)));
        }
      }
    }
  }

  /** When the connection's next sync is due, if it is known. */
  public synchronized Optional<Instant> nextSyncAt(String connectionId) {
    return Optional.ofNullable(nextSync.get(connectionId));
  }

  /** Makes the connection's sync due now (the next {@link #tick()} starts it, whatever the schedule lease says). */
  public synchronized void syncSoon(String connectionId) {
    nextSync.put(connectionId, clock.instant());
    soon.add(connectionId);
  }

  /**
   * With a shared store: takes this period of {@code job} for this instance (a schedule lease of the interval less
   * the jitter, never released). Empty when the job may run here (no shared store, {@code force}, or the lease was
   * taken); otherwise when another instance's lease of the job ends. A store failure lets the job run (its own
   * guards, such as the run claim and the refresh lease, still hold).
   */
  private Optional<Instant> periodHeldElsewhere(String job, Duration interval, Instant now, boolean force) {
    SyncClaims claims = sync.claims();
    if (claims == null || force) return Optional.empty();
    String key = "schedule:" + job;
    long ms = Math.max(1, (long) (interval.toMillis() * (1 - jitter)));
    try {
      if (claims.tryClaim(key, sync.instanceId(), "period-" + now.toEpochMilli(), now, now.plusMillis(ms))
          .isPresent()) {
        return Optional.empty();
      }
      Optional<SyncClaim> holder = claims.current(key, now);
      log.debug("scheduled job {} skipped: {} holds this period", job, holder.map(SyncClaim::holder).orElse("?"));
      return Optional.of(holder.map(SyncClaim::expiresAt).orElse(now.plusMillis(ms)));
    } catch (RuntimeException e) {
      log.warn("schedule lease of {} unavailable, running the job here: {}", job, e.toString());
      return Optional.empty();
    }
  }

  /** The connection's newest run if it is stored running while nobody holds the connection's claim. */
  private Optional<SyncRun> abandonedRun(String conn) {
    try {
      List<SyncRun> newest = sync.store().runs(conn, 1);
      if (newest.isEmpty() || newest.get(0).status() != RunStatus.RUNNING) return Optional.empty();
      if (sync.claimOf(conn).isPresent()) return Optional.empty();
      return Optional.of(newest.get(0));
    } catch (RuntimeException e) {
      log.warn("cannot look for abandoned runs of {}: {}", conn, e.toString());
      return Optional.empty();
    }
  }

  private boolean canLaunch(String key) {
    return !running.contains(key) && running.size() < maxParallel;
  }

  /** The last health check of each active connection. */
  public Map<String, ConnectionHealth> health() {
    return Map.copyOf(health);
  }

  /** Jobs running now ({@code sync:<id>}, {@code health:<id>}, {@code keep-alive}). */
  public synchronized Set<String> runningJobs() {
    return Set.copyOf(running);
  }

  private Duration jittered(Duration interval) {
    double f = 1 + (random.nextDouble() * 2 - 1) * jitter;
    return Duration.ofMillis(Math.max(1, (long) (interval.toMillis() * f)));
  }

  private Duration spread(Duration interval) {
    return Duration.ofMillis((long) (interval.toMillis() * jitter * random.nextDouble()));
  }

  private boolean launch(String key, Runnable job) {
    if (running.contains(key) || running.size() >= maxParallel) return false;
    running.add(key);
    try {
      executor.execute(() -> {
        try {
          job.run();
        } catch (RuntimeException e) {
          log.warn("scheduled job {} failed: {}", key, e.toString());
        } finally {
          synchronized (SyncScheduler.this) {
            running.remove(key);
          }
        }
      });
      return true;
    } catch (RuntimeException e) {
      running.remove(key);
      log.warn("could not start scheduled job {}: {}", key, e.toString());
      return false;
    }
  }

  private void runSync(String conn) {
    runSync(conn, request);
  }

  private void runSync(String conn, SyncRequest request) {
    try {
      SyncRun run = sync.sync(conn, request);
      log.debug("scheduled sync of {} ended {}", conn, run.status());
    } catch (IllegalStateException e) {
      log.debug("scheduled sync of {} skipped: {}", conn, e.getMessage());
    }
  }

  private void keepAlive() {
    List<TokenStatus> refreshed = tokens.keepAlive(keepAliveIdle);
    if (!refreshed.isEmpty()) log.info("token keep-alive refreshed {} grant(s)", refreshed.size());
  }

  private void checkHealth(String conn) {
    Instant at = clock.instant();
    ConnectionHealth h;
    try {
      JiraClient client = sync.clients().client(conn);
      if (tokens != null && client.credentials() instanceof OAuthGrantCredentials grant) {
        Optional<TokenStatus> st = tokens.status(grant.grantId());
        if (st.isEmpty()) {
          h = new ConnectionHealth(conn, false, "no tokens stored", at);
          record(h);
          return;
        }
        if (st.get().state() == GrantState.REAUTH_REQUIRED) {
          h = new ConnectionHealth(conn, false, "needs re-authorization", at);
          record(h);
          return;
        }
      }
      client.myself();
      h = new ConnectionHealth(conn, true, "", at);
    } catch (ReauthorizationRequiredException e) {
      h = new ConnectionHealth(conn, false, "needs re-authorization", at);
    } catch (RuntimeException e) {
      h = new ConnectionHealth(conn, false, e.getMessage(), at);
    }
    record(h);
  }

  private void record(ConnectionHealth h) {
    health.put(h.connectionId(), h);
    try {
      onHealth.accept(h);
    } catch (RuntimeException e) {
      log.warn("health listener threw: {}", e.toString());
    }
  }

  /** Stops ticking, cancels running syncs, stops owned threads. Idempotent; never closes the JiraSync. */
  @Override
  public void close() {
    Set<String> jobs;
    synchronized (this) {
      if (closed) return;
      closed = true;
      if (ticker != null) ticker.shutdownNow();
      jobs = Set.copyOf(running);
    }
    for (String j : jobs) {
      if (j.startsWith("sync:")) sync.cancel(j.substring(5));
    }
    if (ownsExecutor) ((ExecutorService) executor).shutdownNow();
  }

  /** Configures a {@link SyncScheduler}. */
  public static final class Builder {
    private JiraSync sync;
    private Supplier<? extends Collection<String>> connections;
    private TokenManager tokens;
    private Clock clock = Clock.systemUTC();
    private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
    private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
    private Duration keepAliveIdle = DEFAULT_KEEP_ALIVE_IDLE;
    private Duration healthInterval = DEFAULT_HEALTH_INTERVAL;
    private Duration tickInterval = DEFAULT_TICK_INTERVAL;
    private double jitter = DEFAULT_JITTER;
    private int maxParallel = DEFAULT_MAX_PARALLEL;
    private SyncRequest request = SyncRequest.incremental();
    private Consumer<ConnectionHealth> onHealth = h -> {};
    private Executor executor;
    private long seed = System.nanoTime();

    private Builder() {}

    /** Essential: the engine that runs the syncs (and gives clients to health checks). */
    public Builder sync(JiraSync sync) {
      this.sync = Objects.requireNonNull(sync, "sync == null");
      return this;
    }

    /** Essential (or {@link #connections}): syncs and checks every ACTIVE connection of the store. */
    public Builder accounts(AccountStore accounts) {
      Objects.requireNonNull(accounts, "accounts == null");
      this.connections = () -> accounts.connections().stream()
          .filter(c -> c.state() == ConnectionState.ACTIVE).map(SiteConnection::id).toList();
      return this;
    }

    /** The connection ids to sync and check, asked at every tick. */
    public Builder connections(Supplier<? extends Collection<String>> connections) {
      this.connections = Objects.requireNonNull(connections, "connections == null");
      return this;
    }

    /** Enables the keep-alive pass and token checks in health checks. */
    public Builder tokens(TokenManager tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder syncInterval(Duration d) {
      this.syncInterval = positive(d, "syncInterval");
      return this;
    }

    public Builder keepAliveInterval(Duration d) {
      this.keepAliveInterval = positive(d, "keepAliveInterval");
      return this;
    }

    /** Grants whose refresh token was unused for longer than this are refreshed by keep-alive (default 7 days). */
    public Builder keepAliveIdle(Duration d) {
      this.keepAliveIdle = Objects.requireNonNull(d, "keepAliveIdle == null");
      return this;
    }

    public Builder healthInterval(Duration d) {
      this.healthInterval = positive(d, "healthInterval");
      return this;
    }

    /** How often {@link #start()} ticks (default 5 s). */
    public Builder tickInterval(Duration d) {
      this.tickInterval = positive(d, "tickInterval");
      return this;
    }

    /** Random spread of due times as a fraction of the interval (default 0.1 = ±10 %). */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) throw new IllegalArgumentException("jitter must be in [0, 1): " + fraction);
      this.jitter = fraction;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Jobs running at once (default {@value #DEFAULT_MAX_PARALLEL}). */
    public Builder maxParallel(int n) {
      if (n < 1) throw new IllegalArgumentException("maxParallel must be >= 1: " + n);
      this.maxParallel = n;
      return this;
    }

    /** What periodic syncs run (default {@link SyncRequest#incremental()}). */
    public Builder request(SyncRequest request) {
      this.request = Objects.requireNonNull(request, "request == null");
      return this;
    }

    public Builder onHealth(Consumer<ConnectionHealth> listener) {
      this.onHealth = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Runs jobs on the host's executor (not shut down by {@link #close()}). */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
      return d;
    }

    public SyncScheduler build() {
      if (sync == null) throw new IllegalStateException("sync is required");
      if (connections == null) throw new IllegalStateException("accounts or connections is required");
      return new SyncScheduler(this);
    }
  }
}
