package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.store.postgres.PostgresStore;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.SyncStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one store the whole server runs on, and the key its tokens are sealed with: the SQLite file
 * ({@code DATABASE_PATH}) by default, or PostgreSQL when {@code JIRA_DB_URL} is set. Either store holds the
 * tokens, accounts, pending authorizations, synced data, runs and the quota ledger.
 *
 * <p>The sandbox's simulated cloud is new at every start, so its data is too: on SQLite it lives in
 * {@code <name>-sandbox.db} beside the configured file, on PostgreSQL in the schema {@value #SANDBOX_SCHEMA}; either
 * is emptied at start, and never mixes with real data.
 */
final class DemoStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoStore.class);
  /** The PostgreSQL schema of sandbox mode, dropped and created again at every start. */
  static final String SANDBOX_SCHEMA = "jira_sandbox";

  private final TokenStore tokens;
  private final AccountStore accounts;
  private final PendingAuthorizationStore pending;
  private final SyncStore sync;
  private final QuotaLedger quotaLedger;
  private final AutoCloseable store;
  private final TokenCipher cipher;
  private final String kind;
  private final String where;

  private <S extends TokenStore & AccountStore & PendingAuthorizationStore & SyncStore & AutoCloseable> DemoStore(
      S store, QuotaLedger quotaLedger, TokenCipher cipher, String kind, String where) {
    this.tokens = store;
    this.accounts = store;
    this.pending = store;
    this.sync = store;
    this.store = store;
    this.quotaLedger = quotaLedger;
    this.cipher = cipher;
    this.kind = kind;
    this.where = where;
  }

  /** Opens the configured store (emptying the sandbox's own data first in sandbox mode). */
  static DemoStore open(Config config, Clock clock) {
    Optional<Config.Postgres> postgres = config.postgres();
    return postgres.isPresent() ? openPostgres(config, postgres.get(), clock) : openSqlite(config, clock);
  }

  private static DemoStore openSqlite(Config config, Clock clock) {
    Path database = config.sandbox() ? sandboxDatabase(config.databasePath()) : config.databasePath();
    if (config.sandbox()) resetSandboxDatabase(database);
    DataFiles.prepare(database);
    TokenCipher cipher = config.sandbox() ? sandboxCipher(config) : KeyFile.cipher(config.tokenEncryptionKey(), database);
    SqliteStore store = SqliteStore.builder().path(database).cipher(cipher).clock(clock).build();
    log.info("store: {}", database);
    return new DemoStore(store, null, cipher, "sqlite", database.toString());
  }

  private static DemoStore openPostgres(Config config, Config.Postgres db, Clock clock) {
    TokenCipher cipher = config.sandbox()
        ? sandboxCipher(config)
        : TokenCipher.of(KeyFile.ENV_KEY_ID, config.tokenEncryptionKey().orElseThrow());
    PostgresStore.Builder b = PostgresStore.builder().jdbcUrl(db.url()).cipher(cipher).clock(clock);
    if (db.user() != null) b.username(db.user()).password(db.password());
    String where = db.description();
    if (config.sandbox()) {
      b.schema(SANDBOX_SCHEMA).emptySchemaFirst();
      where += " (schema " + SANDBOX_SCHEMA + ")";
    }
    PostgresStore store = b.build();
    log.info("store: PostgreSQL {}", where);
    return new DemoStore(store, store.quotaLedger(), cipher, "postgresql", where);
  }

  private static TokenCipher sandboxCipher(Config config) {
    return config.tokenEncryptionKey().map(k -> TokenCipher.of(KeyFile.ENV_KEY_ID, k)).orElseGet(TokenCipher::ephemeral);
  }

  /**
   * The simulated cloud is new on every start, so is its database: tokens of the previous one are void.
   * {@code data/jira-demo.db} becomes {@code data/jira-demo-sandbox.db}: sandbox data never mixes with real.
   */
  static Path sandboxDatabase(Path configured) {
    String name = configured.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String sandboxName = dot > 0 ? name.substring(0, dot) + "-sandbox" + name.substring(dot) : name + "-sandbox";
    return configured.resolveSibling(sandboxName);
  }

  private static void resetSandboxDatabase(Path database) {
    boolean existed = false;
    try {
      for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
        existed |= Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the sandbox database " + database + ": " + e.getMessage(), e);
    }
    if (existed) log.info("sandbox: started from an empty database ({})", database);
  }

  TokenStore tokens() {
    return tokens;
  }

  AccountStore accounts() {
    return accounts;
  }

  PendingAuthorizationStore pendingAuthorizations() {
    return pending;
  }

  SyncStore sync() {
    return sync;
  }

  /**
   * The points budgets in PostgreSQL, shared by every instance on the database; empty on SQLite, where one
   * process owns the file and the governor's in-memory ledger is as good without a write per request.
   */
  Optional<QuotaLedger> sharedQuotaLedger() {
    return Optional.ofNullable(quotaLedger);
  }

  /** The key tokens are sealed with. */
  TokenCipher cipher() {
    return cipher;
  }

  /** {@code sqlite} or {@code postgresql}. */
  String kind() {
    return kind;
  }

  /** The file, or {@code host:port/database} (never credentials). */
  String where() {
    return where;
  }

  /** The PostgreSQL store, when the server runs on one. */
  Optional<PostgresStore> postgres() {
    return store instanceof PostgresStore p ? Optional.of(p) : Optional.empty();
  }

  @Override
  public void close() throws Exception {
    store.close();
  }
}
