package dev.jirasdk.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenCipherException;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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
 *       .tokenStore(store).accountStore(store).pendingAuthorizationStore(store)
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
    implements TokenStore, AccountStore, PendingAuthorizationStore, SyncStore, AutoCloseable {
  /** The schema version this library writes; files with a higher {@code user_version} are refused. */
  public static final int SCHEMA_VERSION = Migrations.latestVersion();
  /** How long a write waits for another process's write lock before failing. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);
  /** Pooled connections: one writer at a time plus concurrent readers. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final String CONNECTION_COLUMNS = "c.id, c.grant_id, c.cloud_id, c.site_name, c.site_url,"
      + " c.site_scopes, c.site_avatar_url, c.label, c.is_primary, c.deactivated, c.created_at, g.state";

  private final Path path;
  private final Clock clock;
  private final HikariDataSource ownedPool;
  private final Checkpointer checkpointer;
  private final Database db;
  private final SyncTables sync;
  private final SqliteQuotaLedger quotaLedger;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(Path path, Clock clock, HikariDataSource ownedPool, Checkpointer checkpointer, Database db) {
    this.checkpointer = checkpointer;
    this.path = path;
    this.clock = clock;
    this.ownedPool = ownedPool;
    this.db = db;
    this.sync = new SyncTables(db, clock);
    this.quotaLedger = new SqliteQuotaLedger(db);
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
    return Optional.ofNullable(path);
  }

  // ---------------------------------------------------------------------------------------------------------
  // TokenStore

  @Override
  public Optional<StoredTokens> load(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return db.read("load the tokens of grant " + grantId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT token_version, sealed_access_token,"
          + " sealed_refresh_token, access_token_expires_at, tokens_obtained_at, token_scope FROM grants"
          + " WHERE id = ? AND token_version > 0")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new StoredTokens(grantId, rs.getLong(1), rs.getString(2), rs.getString(3),
              Times.parse(rs.getString(4)), Times.parse(rs.getString(5)), rs.getString(6)));
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredTokens next) {
    Objects.requireNonNull(next, "next == null");
    if (next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "next.version() must be expectedVersion + 1: " + next.version() + " != " + (expectedVersion + 1));
    }
    String grantId = next.grantId();
    return db.write("store the tokens of grant " + grantId, true, c -> {
      Long current = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT token_version FROM grants WHERE id = ?")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) current = rs.getLong(1);
        }
      }
      if ((current == null ? 0 : current) != expectedVersion) return false;
      String now = Times.format(clock.instant());
      if (current == null) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grants (id, created_at, updated_at)"
            + " VALUES (?, ?, ?)")) {
          ps.setString(1, grantId);
          ps.setString(2, now);
          ps.setString(3, now);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET token_version = ?,"
          + " sealed_access_token = ?, sealed_refresh_token = ?, access_token_expires_at = ?,"
          + " tokens_obtained_at = ?, token_scope = ?, tokens_written_at = ?, failure_count = 0"
          + " WHERE id = ? AND token_version = ?")) {
        ps.setLong(1, next.version());
        ps.setString(2, next.sealedAccessToken());
        ps.setString(3, next.sealedRefreshToken());
        ps.setString(4, Times.format(next.accessTokenExpiresAt()));
        ps.setString(5, Times.format(next.obtainedAt()));
        ps.setString(6, next.scope());
        ps.setString(7, now);
        ps.setString(8, grantId);
        ps.setLong(9, expectedVersion);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(until, "until == null");
    return db.write("take the refresh lease of grant " + grantId, false, c -> {
      String currentHolder = null;
      Instant currentUntil = null;
      boolean exists = false;
      try (PreparedStatement ps = c.prepareStatement("SELECT lease_holder, lease_until FROM grants WHERE id = ?")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            exists = true;
            currentHolder = rs.getString(1);
            currentUntil = Times.parse(rs.getString(2));
          }
        }
      }
      boolean free = currentHolder == null || currentHolder.equals(holder) || !currentUntil.isAfter(now);
      if (!free) return false;
      boolean takeover = currentHolder != null && !currentHolder.equals(holder);
      if (!exists) {
        String at = Times.format(clock.instant());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grants (id, created_at, updated_at,"
            + " lease_holder, lease_until) VALUES (?, ?, ?, ?, ?)")) {
          ps.setString(1, grantId);
          ps.setString(2, at);
          ps.setString(3, at);
          ps.setString(4, holder);
          ps.setString(5, Times.format(until));
          ps.executeUpdate();
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET lease_holder = ?, lease_until = ?,"
            + " failure_count = failure_count + ? WHERE id = ?")) {
          ps.setString(1, holder);
          ps.setString(2, Times.format(until));
          ps.setInt(3, takeover ? 1 : 0);
          ps.setString(4, grantId);
          ps.executeUpdate();
        }
      }
      if (takeover) log.info("refresh lease of grant {} taken over after it expired unreleased", grantId);
      return true;
    });
  }

  @Override
  public void releaseRefreshLease(String grantId, String holder) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    db.write("release the refresh lease of grant " + grantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET lease_holder = NULL, lease_until = NULL"
          + " WHERE id = ? AND lease_holder = ?")) {
        ps.setString(1, grantId);
        ps.setString(2, holder);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void delete(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    db.write("delete the tokens of grant " + grantId, true, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET token_version = 0,"
          + " sealed_access_token = NULL, sealed_refresh_token = NULL, access_token_expires_at = NULL,"
          + " tokens_obtained_at = NULL, token_scope = NULL, tokens_written_at = NULL, lease_holder = NULL,"
          + " lease_until = NULL, failure_count = 0 WHERE id = ?")) {
        ps.setString(1, grantId);
        ps.executeUpdate();
      }
      // A row that only ever held tokens (no account data) goes entirely.
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM grants WHERE id = ? AND account_id IS NULL")) {
        ps.setString(1, grantId);
        return ps.executeUpdate();
      }
    });
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
    Objects.requireNonNull(cipher, "cipher == null");
    List<String> grantIds = db.read("list stored tokens", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM grants WHERE token_version > 0 ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      return ids;
    });
    int resealed = 0;
    for (String grantId : grantIds) {
      Optional<StoredTokens> current = load(grantId);
      if (current.isEmpty()) continue;
      StoredTokens t = current.get();
      if (sealedWith(t.sealedAccessToken(), cipher.keyId())
          && (t.sealedRefreshToken() == null || sealedWith(t.sealedRefreshToken(), cipher.keyId()))) {
        continue;
      }
      String access = cipher.seal(grantId, cipher.open(grantId, t.sealedAccessToken()));
      String refresh = t.sealedRefreshToken() == null ? null
          : cipher.seal(grantId, cipher.open(grantId, t.sealedRefreshToken()));
      StoredTokens next = new StoredTokens(grantId, t.version() + 1, access, refresh, t.accessTokenExpiresAt(),
          t.obtainedAt(), t.scope());
      if (compareAndSet(t.version(), next)) resealed++;
    }
    if (resealed > 0) log.info("re-sealed the tokens of {} grants with key {}", resealed, cipher.keyId());
    return resealed;
  }

  private static boolean sealedWith(String sealed, String keyId) {
    return sealed.startsWith("v1." + keyId + ".");
  }

  // ---------------------------------------------------------------------------------------------------------
  // AccountStore

  @Override
  public List<SiteConnection> saveAuthorization(Grant grant, List<Site> sites, String label) {
    Objects.requireNonNull(grant, "grant == null");
    Objects.requireNonNull(sites, "sites == null");
    String newLabel = label == null ? "" : label;
    return db.write("save the authorization of grant " + grant.id(), false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO grants (id, account_id, display_name, email,"
          + " scopes, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,"
          + " display_name = excluded.display_name, email = excluded.email, scopes = excluded.scopes,"
          + " state = excluded.state, updated_at = excluded.updated_at,"
          + " created_at = CASE WHEN grants.account_id IS NULL THEN excluded.created_at ELSE grants.created_at END")) {
        ps.setString(1, grant.id());
        ps.setString(2, grant.accountId());
        ps.setString(3, grant.displayName());
        ps.setString(4, grant.email());
        ps.setString(5, String.join(" ", new TreeSet<>(grant.scopes())));
        ps.setString(6, grant.state().name());
        ps.setString(7, Times.format(grant.createdAt()));
        ps.setString(8, Times.format(grant.updatedAt()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM sites WHERE grant_id = ?")) {
        ps.setString(1, grant.id());
        ps.executeUpdate();
      }
      Set<String> seen = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sites (grant_id, cloud_id, position, name, url,"
          + " scopes, avatar_url) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        int position = 0;
        for (Site site : sites) {
          if (!seen.add(site.cloudId())) continue;
          ps.setString(1, grant.id());
          ps.setString(2, site.cloudId());
          ps.setInt(3, position++);
          ps.setString(4, site.name());
          ps.setString(5, site.url());
          ps.setString(6, String.join(" ", site.scopes()));
          ps.setString(7, site.avatarUrl());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      long seq = Database.queryLong(c, "SELECT ifnull(max(seq), 0) FROM connections");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO connections (id, grant_id, cloud_id, site_name,"
          + " site_url, site_scopes, site_avatar_url, label, is_primary, deactivated, seq, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET site_name = excluded.site_name, site_url = excluded.site_url,"
          + " site_scopes = excluded.site_scopes, site_avatar_url = excluded.site_avatar_url, deactivated = 0,"
          + " label = CASE WHEN connections.label = '' THEN excluded.label ELSE connections.label END")) {
        for (Site site : sites) {
          ps.setString(1, ConnectionIds.of(grant.id(), site.cloudId()));
          ps.setString(2, grant.id());
          ps.setString(3, site.cloudId());
          ps.setString(4, site.name());
          ps.setString(5, site.url());
          ps.setString(6, String.join(" ", site.scopes()));
          ps.setString(7, site.avatarUrl());
          ps.setString(8, newLabel);
          ps.setLong(9, ++seq);
          ps.setString(10, Times.format(grant.updatedAt()));
          ps.executeUpdate();
        }
      }
      if (Database.queryLong(c, "SELECT count(*) FROM connections WHERE is_primary = 1") == 0) {
        promoteOldestActive(c);
      }
      List<SiteConnection> result = new ArrayList<>();
      for (Site site : sites) {
        result.add(connection(c, ConnectionIds.of(grant.id(), site.cloudId())).orElseThrow());
      }
      return result;
    });
  }

  @Override
  public Optional<Grant> grant(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return db.read("read grant " + grantId, c -> {
      List<Grant> found = grants(c, " AND id = ?", grantId);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  @Override
  public List<Grant> grants() {
    return db.read("list grants", c -> grants(c, "", null));
  }

  private static List<Grant> grants(java.sql.Connection c, String filter, String arg) throws SQLException {
    List<Grant> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, display_name, email, scopes, state,"
        + " created_at, updated_at FROM grants WHERE account_id IS NOT NULL" + filter + " ORDER BY created_at, id")) {
      if (arg != null) ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              words(rs.getString(5)), GrantState.valueOf(rs.getString(6)), Times.parse(rs.getString(7)),
              Times.parse(rs.getString(8))));
        }
      }
    }
    return out;
  }

  @Override
  public boolean setGrantState(String grantId, GrantState state, Instant at) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(at, "at == null");
    return db.write("set the state of grant " + grantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET state = ?, updated_at = ?"
          + " WHERE id = ? AND account_id IS NOT NULL")) {
        ps.setString(1, state.name());
        ps.setString(2, Times.format(at));
        ps.setString(3, grantId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Site> sites(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return db.read("list the sites of grant " + grantId, c -> {
      List<Site> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT cloud_id, name, url, scopes, avatar_url FROM sites"
          + " WHERE grant_id = ? ORDER BY position")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Site(rs.getString(1), rs.getString(2), rs.getString(3), wordList(rs.getString(4)),
                rs.getString(5)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Optional<SiteConnection> connection(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.read("read connection " + connectionId, c -> connection(c, connectionId));
  }

  @Override
  public List<SiteConnection> connections() {
    return db.read("list connections", c -> connections(c, "", null));
  }

  @Override
  public Optional<SiteConnection> primaryConnection() {
    return db.read("read the primary connection", c -> {
      List<SiteConnection> found = connections(c, " WHERE c.is_primary = 1", null);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  @Override
  public SiteConnection setPrimary(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.write("make connection " + connectionId + " primary", false, c -> {
      SiteConnection target = connection(c, connectionId)
          .orElseThrow(() -> new IllegalArgumentException("unknown connection: " + connectionId));
      if (target.state() == ConnectionState.DEACTIVATED) {
        throw new IllegalArgumentException("connection is deactivated: " + connectionId);
      }
      Database.execute(c, "UPDATE connections SET is_primary = 0 WHERE is_primary = 1");
      try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET is_primary = 1 WHERE id = ?")) {
        ps.setString(1, connectionId);
        ps.executeUpdate();
      }
      return connection(c, connectionId).orElseThrow();
    });
  }

  @Override
  public SiteConnection deactivate(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.write("deactivate connection " + connectionId, false, c -> {
      SiteConnection target = connection(c, connectionId)
          .orElseThrow(() -> new IllegalArgumentException("unknown connection: " + connectionId));
      try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET deactivated = 1, is_primary = 0"
          + " WHERE id = ?")) {
        ps.setString(1, connectionId);
        ps.executeUpdate();
      }
      if (target.primary()) promoteOldestActive(c);
      return connection(c, connectionId).orElseThrow();
    });
  }

  private static void promoteOldestActive(java.sql.Connection c) throws SQLException {
    Database.execute(c, "UPDATE connections SET is_primary = 1 WHERE id ="
        + " (SELECT id FROM connections WHERE deactivated = 0 ORDER BY seq LIMIT 1)");
  }

  private static Optional<SiteConnection> connection(java.sql.Connection c, String id) throws SQLException {
    List<SiteConnection> found = connections(c, " WHERE c.id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<SiteConnection> connections(java.sql.Connection c, String filter, String arg)
      throws SQLException {
    List<SiteConnection> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + CONNECTION_COLUMNS + " FROM connections c"
        + " JOIN grants g ON g.id = c.grant_id" + filter + " ORDER BY c.is_primary DESC, c.seq")) {
      if (arg != null) ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Site site = new Site(rs.getString(3), rs.getString(4), rs.getString(5), wordList(rs.getString(6)),
              rs.getString(7));
          ConnectionState state = rs.getInt(10) == 1 ? ConnectionState.DEACTIVATED
              : GrantState.REAUTH_REQUIRED.name().equals(rs.getString(12)) ? ConnectionState.REAUTH_REQUIRED
              : ConnectionState.ACTIVE;
          out.add(new SiteConnection(rs.getString(1), rs.getString(2), site, rs.getString(8), rs.getInt(9) == 1, state,
              Times.parse(rs.getString(11))));
        }
      }
    }
    return out;
  }

  private static Set<String> words(String s) {
    return s == null || s.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")));
  }

  private static List<String> wordList(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split(" +"));
  }

  // ---------------------------------------------------------------------------------------------------------
  // PendingAuthorizationStore

  @Override
  public void save(PendingAuthorization pending) {
    Objects.requireNonNull(pending, "pending == null");
    db.write("save an authorization flow", false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_authorizations (state_hash,"
          + " binding_hash, label, created_at, expires_at, consumed_at) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (state_hash) DO NOTHING")) {
        ps.setString(1, pending.stateHash());
        ps.setString(2, pending.bindingHash());
        ps.setString(3, pending.label());
        ps.setString(4, Times.format(pending.createdAt()));
        ps.setString(5, Times.format(pending.expiresAt()));
        ps.setString(6, Times.format(pending.consumedAt()));
        if (ps.executeUpdate() == 0) throw new IllegalStateException("a flow with this state already exists");
      }
      return null;
    });
  }

  @Override
  public Optional<PendingAuthorization> consume(String stateHash, Instant now) {
    Objects.requireNonNull(stateHash, "stateHash == null");
    Objects.requireNonNull(now, "now == null");
    return db.write("consume an authorization flow", false, c -> {
      PendingAuthorization before;
      try (PreparedStatement ps = c.prepareStatement("SELECT binding_hash, label, created_at, expires_at,"
          + " consumed_at FROM pending_authorizations WHERE state_hash = ?")) {
        ps.setString(1, stateHash);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          before = new PendingAuthorization(stateHash, rs.getString(1), rs.getString(2),
              Times.parse(rs.getString(3)), Times.parse(rs.getString(4)), Times.parse(rs.getString(5)));
        }
      }
      if (before.consumedAt() == null) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pending_authorizations SET consumed_at = ?"
            + " WHERE state_hash = ? AND consumed_at IS NULL")) {
          ps.setString(1, Times.format(now));
          ps.setString(2, stateHash);
          ps.executeUpdate();
        }
      }
      return Optional.of(before);
    });
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff == null");
    return db.write("purge expired authorization flows", false, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_authorizations WHERE expires_at < ?")) {
        ps.setString(1, Times.format(cutoff));
        return ps.executeUpdate();
      }
    });
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
    if (checkpointer != null) checkpointer.close();
    if (ownedPool != null) ownedPool.close();
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
    private Path path;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private TokenCipher cipher;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private boolean integrityCheckOnOpen;

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
      return path != null ? openFile(this) : openDataSource(this);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Opening

  private static SqliteStore openFile(Builder b) {
    Path file = b.path.toAbsolutePath().normalize();
    String description = file.toString();
    checkLocation(file);
    SQLiteConfig checkConfig = new SQLiteConfig();
    checkConfig.setBusyTimeout((int) b.busyTimeout.toMillis());
    SQLiteDataSource checkSource = new SQLiteDataSource(checkConfig);
    checkSource.setUrl("jdbc:sqlite:" + file);
    // Inspect with a bare connection that sets no pragma, so a file that is refused is left exactly as it was.
    inspect(checkSource, description, b, false);

    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout((int) b.busyTimeout.toMillis());
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file);
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(sqlite);
    hikari.setPoolName("jira-store-sqlite");
    hikari.setMaximumPoolSize(b.maxConnections);
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(true);
    // Checkpoints run on their own thread (Checkpointer); SQLite's automatic one stays as a fallback.
    hikari.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + Checkpointer.FALLBACK_PAGES);
    hikari.setConnectionTimeout(Math.max(b.busyTimeout.toMillis(), 250) + 5_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
      String reason = cause instanceof SQLException s ? Database.reason(s) : String.valueOf(cause.getMessage());
      throw new StoreException("SQLite store " + description + ": cannot open a connection pool: " + reason, e);
    }
    try {
      Database db = new Database(pool, description, false, b.busyTimeout.toMillis());
      migrate(db);
      Checkpointer checkpointer = new Checkpointer(sqlite, description);
      db.afterCommit(checkpointer::written);
      log.info("opened SQLite store {} (schema version {})", description, SCHEMA_VERSION);
      return new SqliteStore(file, b.clock, pool, checkpointer, db);
    } catch (RuntimeException | Error e) {
      pool.close();
      throw e;
    }
  }

  private static SqliteStore openDataSource(Builder b) {
    String description = "on a host DataSource";
    inspect(b.dataSource, description, b, true);
    Database db = new Database(b.dataSource, description, true, b.busyTimeout.toMillis());
    migrate(db);
    log.info("opened SQLite store {} (schema version {})", description, SCHEMA_VERSION);
    return new SqliteStore(null, b.clock, null, null, db);
  }

  private static void checkLocation(Path file) {
    Path dir = file.getParent();
    String prefix = "SQLite store " + file + ": ";
    if (dir == null || !Files.exists(dir)) {
      throw new StoreException(prefix + "directory " + dir + " does not exist (create it first)");
    }
    if (!Files.isDirectory(dir)) throw new StoreException(prefix + dir + " is not a directory");
    if (Files.isDirectory(file)) throw new StoreException(prefix + "is a directory, not a database file");
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] header = in.readNBytes(SQLITE_HEADER.length);
        if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
          throw new StoreException(prefix + "is not a SQLite database (its first bytes are not the SQLite header);"
              + " refusing to touch it");
        }
      } catch (IOException e) {
        throw new StoreException(prefix + "cannot read the file: " + e, e);
      }
    }
    // SQLite needs to create the -wal and -shm files next to the database: probe the directory.
    try {
      Path probe = Files.createTempFile(dir, ".jira-store-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new StoreException(prefix + "directory " + dir + " is not writable (" + e.getClass().getSimpleName()
          + ")", e);
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new StoreException(prefix + "the file is not writable");
    }
  }

  /**
   * Refuses, before anything is written, a file that is not a database, is corrupt, comes from a newer
   * library, or holds tokens the configured cipher cannot open.
   */
  private static void inspect(DataSource source, String description, Builder b, boolean hostSupplied) {
    int version;
    try (java.sql.Connection c = source.getConnection()) {
      try {
        version = (int) Database.queryLong(c, "PRAGMA user_version");
        // Reads the schema page: a damaged schema fails here.
        Database.queryLong(c, "SELECT count(*) FROM sqlite_master");
        if (b.integrityCheckOnOpen) {
          String result = Database.queryString(c, "PRAGMA quick_check");
          if (!"ok".equals(result)) {
            throw new StoreException("SQLite store " + description + ": the database file is corrupt"
                + " (quick_check: " + result + ")");
          }
        }
      } catch (SQLException e) {
        throw Database.failure(description, "open the database", e);
      }
      if (version > SCHEMA_VERSION) {
        throw new StoreException("SQLite store " + description + ": schema version " + version
            + " was written by a newer jira-store-sqlite; this version supports up to " + SCHEMA_VERSION
            + ". Upgrade the library (the file was not changed)");
      }
      if (version < 0) {
        throw new StoreException("SQLite store " + description + ": unexpected schema version " + version);
      }
      if (b.cipher != null && version >= 1) verifyTokens(c, description, b.cipher);
    } catch (SQLException e) {
      throw Database.failure(description, "open the database", e);
    }
  }

  private static void verifyTokens(java.sql.Connection c, String description, TokenCipher cipher)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, sealed_access_token, sealed_refresh_token"
        + " FROM grants WHERE token_version > 0 ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String grantId = rs.getString(1);
        try {
          cipher.open(grantId, rs.getString(2));
          String refresh = rs.getString(3);
          if (refresh != null) cipher.open(grantId, refresh);
        } catch (TokenCipherException e) {
          throw new TokenCipherException(e.keyId(), "SQLite store " + description + ": the stored tokens do not"
              + " open with the configured TokenCipher (key id '" + e.keyId() + "'; configured " + cipher
              + "). Configure the key the tokens were sealed with, as key or decryptOnlyKey. Nothing was"
              + " changed. Cause: " + e.getMessage(), e);
        }
      }
    }
  }

  private static void migrate(Database db) {
    int before = db.write("apply schema migrations", false, c -> {
      int current = (int) Database.queryLong(c, "PRAGMA user_version");
      if (current > SCHEMA_VERSION) {
        throw new StoreException("SQLite store " + db.description() + ": schema version " + current
            + " was written by a newer jira-store-sqlite; this version supports up to " + SCHEMA_VERSION);
      }
      return Migrations.migrate(c, SCHEMA_VERSION);
    });
    if (before < SCHEMA_VERSION) {
      log.info("migrated SQLite store {} from schema version {} to {}", db.description(), before, SCHEMA_VERSION);
    }
  }
}
