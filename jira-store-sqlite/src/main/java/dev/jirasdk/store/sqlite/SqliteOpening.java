package dev.jirasdk.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.store.jdbc.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a {@link SqliteStore}: checks the file (or the host's DataSource) before anything is written, builds the
 * pool, applies missing migrations. A file that is not a database, is corrupt, comes from a newer library or holds
 * tokens the configured cipher cannot open is refused and left exactly as it was.
 */
final class SqliteOpening {
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** What an open store owns: its file and pool (both null on a host DataSource), checkpointer and database. */
  record Opened(Path file, HikariDataSource pool, Checkpointer checkpointer, Database db) {}

  private SqliteOpening() {}

  static Opened openFile(SqliteStore.Builder b) {
    Path file = b.path.toAbsolutePath().normalize();
    String description = file.toString();
    checkLocation(file);
    SQLiteConfig checkConfig = new SQLiteConfig();
    checkConfig.setBusyTimeout((int) b.busyTimeout.toMillis());
    SQLiteDataSource checkSource = new SQLiteDataSource(checkConfig);
    checkSource.setUrl("jdbc:sqlite:" + file);
    // Inspect with a bare connection that sets no pragma, so a file that is refused is left exactly as it was.
    inspect(checkSource, description, b);

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
      log.info("opened SQLite store {} (schema version {})", description, SqliteStore.SCHEMA_VERSION);
      return new Opened(file, pool, checkpointer, db);
    } catch (RuntimeException | Error e) {
      pool.close();
      throw e;
    }
  }

  static Opened openDataSource(SqliteStore.Builder b) {
    String description = "on a host DataSource";
    inspect(b.dataSource, description, b);
    Database db = new Database(b.dataSource, description, true, b.busyTimeout.toMillis());
    migrate(db);
    log.info("opened SQLite store {} (schema version {})", description, SqliteStore.SCHEMA_VERSION);
    return new Opened(null, null, null, db);
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
  private static void inspect(DataSource source, String description, SqliteStore.Builder b) {
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
      if (version > SqliteStore.SCHEMA_VERSION) {
        throw new StoreException("SQLite store " + description + ": schema version " + version
            + " was written by a newer jira-store-sqlite; this version supports up to " + SqliteStore.SCHEMA_VERSION
            + ". Upgrade the library (the file was not changed)");
      }
      if (version < 0) {
        throw new StoreException("SQLite store " + description + ": unexpected schema version " + version);
      }
      if (b.cipher != null && version >= 1) TokenTable.verifyTokens(c, "SQLite store " + description, b.cipher);
    } catch (SQLException e) {
      throw Database.failure(description, "open the database", e);
    }
  }

  private static void migrate(Database db) {
    int before = db.write("apply schema migrations", false, c -> {
      int current = (int) Database.queryLong(c, "PRAGMA user_version");
      if (current > SqliteStore.SCHEMA_VERSION) {
        throw new StoreException("SQLite store " + db.description() + ": schema version " + current
            + " was written by a newer jira-store-sqlite; this version supports up to " + SqliteStore.SCHEMA_VERSION);
      }
      return Migrations.migrate(c, SqliteStore.SCHEMA_VERSION);
    });
    if (before < SqliteStore.SCHEMA_VERSION) {
      log.info("migrated SQLite store {} from schema version {} to {}", db.description(), before, SqliteStore.SCHEMA_VERSION);
    }
  }
}
