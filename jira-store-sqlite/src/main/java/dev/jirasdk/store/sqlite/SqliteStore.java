package dev.jirasdk.store.sqlite;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenCipherException;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.store.jdbc.AccountTables;
import dev.jirasdk.store.jdbc.ClaimTable;
import dev.jirasdk.store.jdbc.PendingAuthorizationTable;
import dev.jirasdk.store.jdbc.TokenTable;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncClaim;
import dev.jirasdk.sync.SyncClaims;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store of the SDK on one SQLite file: tokens ({@link TokenStore}), grants, sites and connections
 * ({@link AccountStore}), authorization flows in progress ({@link PendingAuthorizationStore}) and the mirror
 * of synced Jira data ({@link SyncStore}: one table per entity, checkpoints, run summaries). Several processes
 * may open the same file; they coordinate through SQLite's locks.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.builder()
 *     .path(Path.of("data/jira.db"))
 *     .cipher(cipher)                       // optional: checks at open that stored tokens open with it
 *     .build()) {
 *   AtlassianOAuth oauth = AtlassianOAuth.builder()
 *       .stores(store)                    // tokens, accounts and pending authorizations
 *       .tokenCipher(cipher)
 *       ...
 *       .build();
 * }
 * }</pre>
 *
 * <p><b>Connections.</b> Given a {@linkplain Builder#path path}, the store owns a small HikariCP pool whose
 * connections use WAL journaling, {@code synchronous=NORMAL}, a busy timeout and foreign keys. Token writes
 * are committed with {@code synchronous=FULL}: a rotated refresh token that is lost to a power cut cannot be
 * recovered, because Atlassian has already disabled the previous one. Writes in this process are serialised
 * and each runs in a {@code BEGIN IMMEDIATE} transaction; reads run concurrently. Given a host
 * {@linkplain Builder#dataSource DataSource} instead, the store uses it as it is (the host chooses journal
 * mode and pool) and never closes it.
 *
 * <p><b>Schema.</b> Versioned with {@code PRAGMA user_version}; missing migrations are applied in one
 * transaction at open. A file written by a newer version of this library, a file that is not a SQLite
 * database, and a corrupt file are refused with a {@link StoreException} before anything is written.
 *
 * <p><b>Tokens.</b> Token values reach the store sealed by {@link TokenCipher}; the store never sees them in
 * clear. With {@link Builder#cipher}, opening the store checks that every stored token opens with the
 * configured keys and otherwise fails with a {@link TokenCipherException} naming the key id, changing
 * nothing.
 *
 * <p>Thread-safe. {@link #close()} closes the pool the store created (never a host's DataSource) and is
 * idempotent. Failures are reported as {@link StoreException}s naming the file and the operation, never a
 * token.
 */
public final class SqliteStore
    implements TokenStore, AccountStore, PendingAuthorizationStore, SyncStore, SyncClaims,
    AutoCloseable {
  /** The schema version this library writes; files with a higher {@code user_version} are refused. */
  public static final int SCHEMA_VERSION = Migrations.latestVersion();
  /** How long a write waits for another process's write lock before failing. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);
  /** Pooled connections: one writer at a time plus concurrent readers. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private final SqliteOpening.Opened opened;
  private final Database db;
  private final TokenTable tokens;
  private final AccountTables accounts;
  private final PendingAuthorizationTable pending;
  private final SyncTables sync;
  private final SqliteQuotaLedger quotaLedger;
  private final ClaimTable claims;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(SqliteOpening.Opened opened, Clock clock) {
    this.opened = opened;
    this.db = opened.db();
    this.tokens = new TokenTable(db, SqliteDialect.INSTANCE, clock);
    this.accounts = new AccountTables(db, SqliteDialect.INSTANCE);
    this.pending = new PendingAuthorizationTable(db, SqliteDialect.INSTANCE);
    this.sync = new SyncTables(db, clock);
    this.quotaLedger = new SqliteQuotaLedger(db);
    this.claims = new ClaimTable(db, SqliteDialect.INSTANCE);
  }

  /** Opens (creating if needed) the store at {@code path} with default settings. */
  public static SqliteStore open(Path path) {
    return builder().path(path).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The database file, or empty when the store runs on a host-supplied DataSource. */
  public Optional<Path> path() {
    return Optional.ofNullable(opened.file());
  }

  // ---------------------------------------------------------------------------------------------------------
  // TokenStore (the grants table's token columns; SQL shared with PostgreSQL)

  @Override
  public Optional<StoredTokens> load(String grantId) {
    return tokens.load(grantId);
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredTokens next) {
    return tokens.compareAndSet(expectedVersion, next);
  }

  @Override
  public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
    return tokens.tryAcquireRefreshLease(grantId, holder, now, until);
  }

  @Override
  public void releaseRefreshLease(String grantId, String holder) {
    tokens.releaseRefreshLease(grantId, holder);
  }

  @Override
  public void delete(String grantId) {
    tokens.delete(grantId);
  }

  /**
   * Seals every stored token again with {@code cipher}'s current key, so that retired keys can be dropped.
   * Each grant is re-sealed in its own transaction with a compare-and-set (a pair that a refresh replaced in
   * the meantime is left alone; it was sealed with the current key anyway).
   *
   * @return how many grants were re-sealed
   * @throws TokenCipherException if a stored token does not open with {@code cipher}'s keys (nothing of that
   *     grant is changed)
   */
  public int resealTokens(TokenCipher cipher) {
    return tokens.resealTokens(cipher);
  }

  // ---------------------------------------------------------------------------------------------------------
  // AccountStore (grants, sites, connections; SQL shared with PostgreSQL)

  @Override
  public List<SiteConnection> saveAuthorization(Grant grant, List<Site> sites, String label) {
    return accounts.saveAuthorization(grant, sites, label);
  }

  @Override
  public Optional<Grant> grant(String grantId) {
    return accounts.grant(grantId);
  }

  @Override
  public List<Grant> grants() {
    return accounts.grants();
  }

  @Override
  public boolean setGrantState(String grantId, GrantState state, Instant at) {
    return accounts.setGrantState(grantId, state, at);
  }

  @Override
  public List<Site> sites(String grantId) {
    return accounts.sites(grantId);
  }

  @Override
  public Optional<SiteConnection> connection(String connectionId) {
    return accounts.connection(connectionId);
  }

  @Override
  public List<SiteConnection> connections() {
    return accounts.connections();
  }

  @Override
  public Optional<SiteConnection> primaryConnection() {
    return accounts.primaryConnection();
  }

  @Override
  public SiteConnection setPrimary(String connectionId) {
    return accounts.setPrimary(connectionId);
  }

  @Override
  public SiteConnection deactivate(String connectionId) {
    return accounts.deactivate(connectionId);
  }

  // ---------------------------------------------------------------------------------------------------------
  // PendingAuthorizationStore (SQL shared with PostgreSQL)

  @Override
  public void save(PendingAuthorization pending) {
    this.pending.save(pending);
  }

  @Override
  public Optional<PendingAuthorization> consume(String stateHash, Instant now) {
    return pending.consume(stateHash, now);
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    return pending.purgeExpired(cutoff);
  }

  // ---------------------------------------------------------------------------------------------------------
  // SyncStore

  /**
   * {@inheritDoc}
   *
   * <p>One {@code BEGIN IMMEDIATE} transaction per page: records are upserted with one batched statement per
   * entity, and records whose content hash is unchanged are not written at all.
   */
  @Override
  public PageResult commitPage(String connectionId, SyncPage page) {
    return sync.commitPage(connectionId, page);
  }

  @Override
  public Optional<Checkpoint> checkpoint(String connectionId, String stream, String partition) {
    return sync.checkpoint(connectionId, stream, partition);
  }

  @Override
  public List<Checkpoint> checkpoints(String connectionId) {
    return sync.checkpoints(connectionId);
  }

  @Override
  public int clearCheckpoints(String connectionId, String stream) {
    return sync.clearCheckpoints(connectionId, stream);
  }

  @Override
  public Optional<StoredRecord> find(String connectionId, Entity entity, String id) {
    return sync.find(connectionId, entity, id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Walks the index on {@code (connection_id, updated, id)}: a page costs O(limit), whatever the table size.
   */
  @Override
  public RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit,
      boolean includeDeleted) {
    return sync.records(connectionId, entity, after, limit, includeDeleted);
  }

  @Override
  public List<String> ids(String connectionId, Entity entity, String parentId, String afterId, int limit) {
    return sync.ids(connectionId, entity, parentId, afterId, limit);
  }

  /** {@inheritDoc} One indexed query per 500 parents. */
  @Override
  public Map<String, Set<String>> idsByParent(String connectionId, Entity entity, Collection<String> parentIds) {
    return sync.idsByParent(connectionId, entity, parentIds);
  }

  /** {@inheritDoc} Two seeks on the issues' numeric-id index. */
  @Override
  public Optional<IdSpan> idSpan(String connectionId, Entity entity, String parentId) {
    return sync.idSpan(connectionId, entity, parentId);
  }

  /** {@inheritDoc} One statement per 100 ranges, each range a seek on the issues' numeric-id index. */
  @Override
  public long[] countByIdRange(String connectionId, Entity entity, String parentId, long[] bounds) {
    return sync.countByIdRange(connectionId, entity, parentId, bounds);
  }

  /** {@inheritDoc} A seek on the issues' numeric-id index. */
  @Override
  public List<String> idsInRange(String connectionId, Entity entity, String parentId, long from, long to,
      int limit) {
    return sync.idsInRange(connectionId, entity, parentId, from, to, limit);
  }

  @Override
  public long count(String connectionId, Entity entity) {
    return sync.count(connectionId, entity);
  }

  @Override
  public long count(String connectionId, Entity entity, String parentId) {
    return sync.count(connectionId, entity, parentId);
  }

  @Override
  public Map<Entity, Long> counts(String connectionId) {
    return sync.counts(connectionId);
  }

  @Override
  public void saveRun(SyncRun run) {
    sync.saveRun(run);
  }

  @Override
  public List<SyncRun> runs(String connectionId, int limit) {
    return sync.runs(connectionId, limit);
  }

  @Override
  public Optional<SyncRun> run(String runId) {
    return sync.run(runId);
  }

  /** {@inheritDoc} The connection's account data (AccountStore) is kept; deactivate it separately. */
  @Override
  public void deleteConnection(String connectionId) {
    sync.deleteConnection(connectionId);
  }

  // ---------------------------------------------------------------------------------------------------------
  // SyncClaims (shared SQL: ClaimTable)

  @Override
  public Optional<SyncClaim> tryClaim(String key, String holder, String runId, Instant now, Instant until) {
    return claims.tryClaim(key, holder, runId, now, until);
  }

  @Override
  public Optional<SyncClaim> renew(SyncClaim claim, Instant now, Instant until) {
    return claims.renew(claim, now, until);
  }

  @Override
  public boolean release(SyncClaim claim) {
    return claims.release(claim);
  }

  @Override
  public Optional<SyncClaim> current(String key, Instant now) {
    return claims.current(key, now);
  }

  /** {@inheritDoc} The claim's row is read under the write lock in the page's transaction, before anything is written. */
  @Override
  public PageResult commitPage(SyncClaim claim, String connectionId, SyncPage page) {
    Objects.requireNonNull(claim, "claim == null");
    return sync.commitPage(connectionId, page, c -> {
      claims.checkFence(c, claim);
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  /**
   * The points budgets of every process that opens this file, for {@code RateGovernor.builder().ledger(…)}:
   * one budget per policy scope, each step one {@code BEGIN IMMEDIATE} transaction.
   */
  public QuotaLedger quotaLedger() {
    return quotaLedger;
  }

  // Lifecycle

  /**
   * Closes the connection pool this store created; a host-supplied DataSource is left open. Idempotent.
   * Afterwards every method throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    db.markClosed();
    if (opened.checkpointer() != null) opened.checkpointer().close();
    if (opened.pool() != null) opened.pool().close();
    log.debug("closed SQLite store {}", db.description());
  }

  @Override
  public String toString() {
    return "SqliteStore[" + db.description() + "]";
  }

  /**
   * Configures a {@link SqliteStore}. Exactly one of {@link #path} and {@link #dataSource} is required.
   * {@link #build()} opens the database, checks it and applies missing migrations.
   */
  public static final class Builder {
    // Read by SqliteOpening.
    Path path;
    DataSource dataSource;
    Clock clock = Clock.systemUTC();
    TokenCipher cipher;
    Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    int maxConnections = DEFAULT_MAX_CONNECTIONS;
    boolean integrityCheckOnOpen;

    private Builder() {}

    /** The database file; created with its schema if absent. Its directory must exist and be writable. */
    public Builder path(Path path) {
      this.path = Objects.requireNonNull(path, "path == null");
      return this;
    }

    /**
     * A host-supplied SQLite DataSource (e.g. the host's own pool), used instead of a file path. The store
     * never closes it. The host chooses journal mode and pool size; the store turns on foreign keys and sets
     * the busy timeout on each connection it borrows, and owns the database's {@code user_version}.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
      return this;
    }

    /** Time source for the store's own timestamps (such as when tokens or records were written). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The cipher the SDK seals tokens with. If set, {@link #build()} checks that every stored token opens with
     * its keys and fails with a {@link TokenCipherException} naming the key id otherwise, before anything is
     * written. The store itself never needs the cipher to store or load tokens.
     */
    public Builder cipher(TokenCipher cipher) {
      this.cipher = Objects.requireNonNull(cipher, "cipher == null");
      return this;
    }

    /** How long a write waits for another process's write lock; default {@link #DEFAULT_BUSY_TIMEOUT}. */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout == null");
      if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /** Size of the pool the store creates for a {@link #path}; default {@link #DEFAULT_MAX_CONNECTIONS}. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Runs {@code PRAGMA quick_check} at open, which reads the whole file: finds corruption anywhere before
     * the store is used, at a cost proportional to the file's size. Off by default; without it a damaged
     * schema is still refused at open and damage elsewhere surfaces as a {@link StoreException} when read.
     */
    public Builder integrityCheckOnOpen(boolean check) {
      this.integrityCheckOnOpen = check;
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws StoreException if the directory is missing or not writable, the file is not a SQLite database,
     *     is corrupt, or was written by a newer version of this library
     * @throws TokenCipherException if a {@link #cipher} is set and a stored token does not open with it
     */
    public SqliteStore build() {
      if ((path == null) == (dataSource == null)) {
        throw new IllegalStateException("set exactly one of path and dataSource");
      }
      return new SqliteStore(path != null ? SqliteOpening.openFile(this) : SqliteOpening.openDataSource(this), clock);
    }
  }
}
