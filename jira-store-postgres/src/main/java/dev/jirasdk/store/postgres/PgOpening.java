package dev.jirasdk.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.store.jdbc.TokenTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link PostgresStore}: builds the pool, checks the server and the schema before anything is written
 * (a server whose encoding is not UTF-8, a schema written by a newer library, tokens the configured cipher cannot
 * open), creates the schema if it is named and absent, and applies missing migrations.
 */
final class PgOpening {
  private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
  /** Identity columns, {@code to_regclass}, {@code SKIP LOCKED}: PostgreSQL 12 has all we use. */
  static final int MIN_SERVER_VERSION = 12;

  /** What an open store owns: its pool (null on a host DataSource) and its database. */
  record Opened(HikariDataSource pool, PgDatabase db) {}

  private PgOpening() {}

  static Opened open(PostgresStore.Builder b) {
    String description = describe(b);
    HikariDataSource pool = b.jdbcUrl == null ? null : pool(b, description);
    DataSource source = pool != null ? pool : b.dataSource;
    try {
      PgDatabase db = new PgDatabase(source, description);
      try (Connection c = source.getConnection()) {
        checkServer(c, description);
        if (b.schema != null) createSchema(c, b.schema, b.emptySchemaFirst, description);
        int version = PgMigrations.version(c);
        if (version > PostgresStore.SCHEMA_VERSION) {
          throw PgMigrations.newerSchema(description, version, PostgresStore.SCHEMA_VERSION);
        }
        if (b.cipher != null && version >= 1) {
          TokenTable.verifyTokens(c, "PostgreSQL store " + description, b.cipher);
        }
      } catch (SQLException e) {
        throw PgDatabase.failure(description, "open the database", e);
      }
      int before = db.write("apply schema migrations", false, c -> {
        PgMigrations.lock(c);
        return PgMigrations.migrate(c, PostgresStore.SCHEMA_VERSION, description);
      });
      if (before < PostgresStore.SCHEMA_VERSION) {
        log.info("migrated PostgreSQL store {} from schema version {} to {}", description, before,
            PostgresStore.SCHEMA_VERSION);
      }
      log.info("opened PostgreSQL store {} (schema version {})", description, PostgresStore.SCHEMA_VERSION);
      return new Opened(pool, db);
    } catch (RuntimeException | Error e) {
      if (pool != null) pool.close();
      throw e;
    }
  }

  /** Host, port, database and schema; never the user, password or other URL parameters. */
  static String describe(PostgresStore.Builder b) {
    String where;
    if (b.jdbcUrl == null) {
      where = "on a host DataSource";
    } else {
      String rest = b.jdbcUrl.substring("jdbc:postgresql:".length());
      int query = rest.indexOf('?');
      where = (query < 0 ? rest : rest.substring(0, query)).replaceFirst("^//", "");
    }
    return b.schema == null ? where : where + " (schema " + b.schema + ")";
  }

  private static HikariDataSource pool(PostgresStore.Builder b, String description) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(b.jdbcUrl);
    if (b.username != null) hikari.setUsername(b.username);
    if (b.password != null) hikari.setPassword(b.password);
    hikari.setPoolName("jira-store-postgres");
    hikari.setMaximumPoolSize(b.maxConnections);
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(true);
    if (b.schema != null) hikari.setSchema(b.schema);
    // Every statement of the store is keyed by its parameters' values only through indexed equality and ranges,
    // so one generic plan per prepared statement serves all: no re-planning of a page's upsert (hundreds of
    // parameters) at every execution.
    hikari.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
    hikari.setConnectionTimeout(b.connectionTimeout.toMillis());
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
      String reason = cause instanceof SQLException s ? PgDatabase.reason(s) : String.valueOf(cause.getMessage());
      throw new StoreException("PostgreSQL store " + description + ": cannot open a connection pool: " + reason, e);
    }
  }

  private static void checkServer(Connection c, String description) throws SQLException {
    int major = c.getMetaData().getDatabaseMajorVersion();
    if (major < MIN_SERVER_VERSION) {
      throw new StoreException("PostgreSQL store " + description + ": the server is PostgreSQL " + major
          + "; this store needs " + MIN_SERVER_VERSION + " or newer");
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_encoding_to_char(encoding) FROM pg_database"
        + " WHERE datname = current_database()"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      String encoding = rs.getString(1);
      if (!"UTF8".equals(encoding)) {
        throw new StoreException("PostgreSQL store " + description + ": the database's encoding is " + encoding
            + "; Jira's raw JSON is kept byte for byte only in a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')");
      }
    }
  }

  private static void createSchema(Connection c, String schema, boolean emptyFirst, String description)
      throws SQLException {
    if (!emptyFirst) {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) return;
        }
      }
    }
    // CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent twin (both pass the check, one fails on the
    // catalog's unique index): instances starting together queue on an advisory lock of the name first.
    c.setAutoCommit(false);
    try {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT pg_advisory_xact_lock(hashtext('dev.jirasdk:schema:' || ?))")) {
        ps.setString(1, schema);
        ps.execute();
      }
      if (emptyFirst) {
        PgDatabase.execute(c, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        log.info("emptied schema {} of PostgreSQL store {}", schema, description);
      }
      PgDatabase.execute(c, "CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    log.info("created schema {} for PostgreSQL store {}", schema, description);
  }
}
