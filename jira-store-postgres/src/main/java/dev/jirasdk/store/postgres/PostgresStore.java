package dev.jirasdk.store.postgres;

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
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store of the SDK on one PostgreSQL database, shared by any number of instances on any number of
 * machines: tokens ({@link TokenStore}), grants, sites and connections ({@link AccountStore}), authorization
 * flows in progress ({@link PendingAuthorizationStore}), the mirror of synced Jira data ({@link SyncStore}) and
 * the app's points budgets ({@link #quotaLedger()}), in the same tables and typed columns as {@code SqliteStore}.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder()
 *     .jdbcUrl("jdbc:postgresql://db.internal:5432/jira")
 *     .username("jira").password(password)
 *     .cipher(cipher)                       // optional: checks at open that stored tokens open with it
 *     .build()) {
 *   AtlassianOAuth oauth = AtlassianOAuth.builder()
 *       .tokenStore(store).accountStore(store).pendingAuthorizationStore(store)
 *       .tokenCipher(cipher)
 *       ...
 *       .build();
 * }
 * }</pre>
 *
 * <p><b>Across machines.</b> A token write is a compare-and-set on the grant's {@code token_version}, the
 * fencing token that makes a late writer lose; the refresh lease is a holder and an expiry in the grant's row,
 * taken in a short transaction that locks that row ({@code SELECT … FOR UPDATE}); so one refresh per rotation
 * holds across every instance that shares the database. Token writes commit with {@code synchronous_commit = on}.
 *
 * <p><b>Schema.</b> Versioned in the table {@code jira_sdk_schema}; missing migrations are applied in one
 * transaction at open, under an advisory lock, so that instances starting together migrate once. A schema
 * written by a newer version of this library is refused with a {@link StoreException} before anything is
 * written.
 *
 * <p><b>Tokens.</b> Token values reach the store sealed by {@link TokenCipher}; the database never sees them in
 * clear. With {@link Builder#cipher}, opening checks that every stored token opens with the configured keys.
 *
 * <p>Thread-safe. {@link #close()} closes the pool the store created (never a host's DataSource) and is
 * idempotent. Failures are reported as {@link StoreException}s naming the server, the operation and the reason,
 * never a token or a password.
 */
public final class PostgresStore
    implements TokenStore, AccountStore, PendingAuthorizationStore, SyncStore, SyncClaims,
    AutoCloseable {
  /** The schema version this library writes; a schema with a higher version is refused. */
  public static final int SCHEMA_VERSION = PgMigrations.latestVersion();
  /** Pooled connections of a store built from a {@link Builder#jdbcUrl}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;
  /** How long borrowing a pooled connection may wait before failing. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

  private final PgOpening.Opened opened;
  private final PgDatabase db;
  private final TokenTable tokens;
  private final AccountTables accounts;
  private final PendingAuthorizationTable pending;
  private final PgSyncTables sync;
  private final PgQuotaLedger quotaLedger;
  private final ClaimTable claims;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresStore(PgOpening.Opened opened, Clock clock) {
    this.opened = opened;
    this.db = opened.db();
    this.tokens = new TokenTable(db, PgDialect.INSTANCE, clock);
    this.accounts = new AccountTables(db, PgDialect.INSTANCE);
    this.pending = new PendingAuthorizationTable(db, PgDialect.INSTANCE);
    this.sync = new PgSyncTables(db, clock);
    this.quotaLedger = new PgQuotaLedger(db);
    this.claims = new ClaimTable(db, PgDialect.INSTANCE);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------------------
  // TokenStore (shared SQL: TokenTable)

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
   * Seals every stored token again with {@code cipher}'s current key, so that retired keys can be dropped; each
   * grant in its own compare-and-set, so a concurrent refresh on another instance is never overwritten.
   *
   * @return how many grants were re-sealed
   * @throws TokenCipherException if a stored token does not open with {@code cipher}'s keys
   */
  public int resealTokens(TokenCipher cipher) {
    return tokens.resealTokens(cipher);
  }

  // ---------------------------------------------------------------------------------------------------------
  // AccountStore (shared SQL: AccountTables)

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
  // PendingAuthorizationStore (shared SQL: PendingAuthorizationTable)

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
  // SyncStore (PostgreSQL's own SQL: PgSyncTables)

  /**
   * {@inheritDoc}
   *
   * <p>One transaction per page, one statement per entity in it: an upsert of the page's records that writes
   * what is new or changed (records whose content hash is unchanged are not written at all), reports which rows
   * it created or updated, and replaces the checkpoint.
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

  /** {@inheritDoc} Walks the index on {@code (connection_id, coalesce(updated, ''), id)}: O(limit) a page. */
  @Override
  public RecordPage records(String connectionId, Entity entity, @Nullable RecordCursor after, int limit,
      boolean includeDeleted) {
    return sync.records(connectionId, entity, after, limit, includeDeleted);
  }

  @Override
  public List<String> ids(String connectionId, Entity entity, @Nullable String parentId, @Nullable String afterId,
      int limit) {
    return sync.ids(connectionId, entity, parentId, afterId, limit);
  }

  /** {@inheritDoc} One indexed query for all parents. */
  @Override
  public Map<String, Set<String>> idsByParent(String connectionId, Entity entity, Collection<String> parentIds) {
    return sync.idsByParent(connectionId, entity, parentIds);
  }

  /** {@inheritDoc} Two descents of the issues' numeric-id index (schema version 7). */
  @Override
  public Optional<IdSpan> idSpan(String connectionId, Entity entity, @Nullable String parentId) {
    return sync.idSpan(connectionId, entity, parentId);
  }

  /** {@inheritDoc} One statement for all ranges: a range scan of the issues' numeric-id index. */
  @Override
  public long[] countByIdRange(String connectionId, Entity entity, @Nullable String parentId, long[] bounds) {
    return sync.countByIdRange(connectionId, entity, parentId, bounds);
  }

  /** {@inheritDoc} An ordered range scan of the issues' numeric-id index, read from the index alone. */
  @Override
  public List<String> idsInRange(String connectionId, Entity entity, @Nullable String parentId, long from, long to,
      int limit) {
    return sync.idsInRange(connectionId, entity, parentId, from, to, limit);
  }

  @Override
  public long count(String connectionId, Entity entity) {
    return sync.count(connectionId, entity);
  }

  @Override
  public long count(String connectionId, Entity entity, @Nullable String parentId) {
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

  /** {@inheritDoc} The claim's row is read {@code FOR SHARE} in the page's transaction, before anything is written. */
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
   * The points budgets of every instance that uses this database, for {@code RateGovernor.builder().ledger(…)}:
   * one budget per policy scope, each step one short transaction that locks the scope's row
   * ({@code SELECT … FOR UPDATE}), so instances on any number of machines never overbook it.
   */
  public QuotaLedger quotaLedger() {
    return quotaLedger;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Closes the connection pool this store created; a host-supplied DataSource is left open. Idempotent.
   * Afterwards every method throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    db.markClosed();
    if (opened.pool() != null) opened.pool().close();
    log.debug("closed PostgreSQL store {}", db.description());
  }

  @Override
  public String toString() {
    return "PostgresStore[" + db.description() + "]";
  }

  /**
   * Configures a {@link PostgresStore}. Exactly one of {@link #jdbcUrl} and {@link #dataSource} is required.
   * {@link #build()} connects, checks the server and the schema, and applies missing migrations.
   */
  public static final class Builder {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    // Read by PgOpening.
    String jdbcUrl;
    String username;
    String password;
    DataSource dataSource;
    String schema;
    boolean emptySchemaFirst;
    Clock clock = Clock.systemUTC();
    TokenCipher cipher;
    int maxConnections = DEFAULT_MAX_CONNECTIONS;
    Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    private Builder() {}

    /** {@code jdbc:postgresql://host:port/database}; the store creates and owns a HikariCP pool on it. */
    public Builder jdbcUrl(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: (got a URL of another kind)");
      }
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /** The database user of a {@link #jdbcUrl} store (or pass {@code user=} in the URL). */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username == null");
      return this;
    }

    /** The database user's password; never logged, never in {@link PostgresStore#toString()}. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /**
     * A host-supplied PostgreSQL DataSource (e.g. the host's own pool), used instead of a URL. The store never
     * closes it, and its tables live in the connections' current schema (set it on the DataSource).
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
      return this;
    }

    /**
     * The schema of the store's tables for a {@link #jdbcUrl} store, created at open if absent (lower-case
     * letters, digits and underscores). Default: the user's current schema, usually {@code public}.
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema == null");
      if (!SCHEMA_NAME.matcher(schema).matches()) {
        throw new IllegalArgumentException("schema must be 1 to 63 lower-case letters, digits or underscores,"
            + " starting with a letter or underscore: '" + schema + "'");
      }
      this.schema = schema;
      return this;
    }

    /**
     * Drops the {@link #schema} with everything in it before opening, so the store starts empty: for throwaway
     * data such as a demo's sandbox, never for data anyone keeps. Requires {@link #schema} (never the user's
     * current schema). Every {@link #build()} drops it again, so only one store may use such a schema.
     */
    public Builder emptySchemaFirst() {
      this.emptySchemaFirst = true;
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

    /** Size of the pool the store creates for a {@link #jdbcUrl}; default {@link #DEFAULT_MAX_CONNECTIONS}. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
      this.maxConnections = maxConnections;
      return this;
    }

    /** How long borrowing a pooled connection may wait; default {@link #DEFAULT_CONNECTION_TIMEOUT}. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      Objects.requireNonNull(connectionTimeout, "connectionTimeout == null");
      if (connectionTimeout.toMillis() < 250) {
        throw new IllegalArgumentException("connectionTimeout below 250 ms: " + connectionTimeout);
      }
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws StoreException if the server cannot be reached or refuses the credentials, its database is not
     *     UTF-8, or the schema was written by a newer version of this library
     * @throws TokenCipherException if a {@link #cipher} is set and a stored token does not open with it
     */
    public PostgresStore build() {
      if ((jdbcUrl == null) == (dataSource == null)) {
        throw new IllegalStateException("set exactly one of jdbcUrl and dataSource");
      }
      if (emptySchemaFirst && schema == null) {
        throw new IllegalStateException("emptySchemaFirst needs a schema of its own: set schema(...)");
      }
      if (dataSource != null && (schema != null || username != null || password != null)) {
        throw new IllegalStateException("schema, username and password apply to a jdbcUrl store;"
            + " configure them on the host DataSource instead");
      }
      return new PostgresStore(PgOpening.open(this), clock);
    }
  }
}
