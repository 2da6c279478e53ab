package dev.jirasdk.store.sqlite;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.store.jdbc.JdbcWork;
import dev.jirasdk.store.jdbc.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Borrows connections and runs transactions on them.
 *
 * <p>SQLite has one writer at a time per file. Writers in this process queue on a fair lock (so they do not
 * spin in SQLite's busy handler against each other), and every write transaction starts with
 * {@code BEGIN IMMEDIATE}, which takes the file's write lock up front: a read-modify-write can never be
 * overtaken between its read and its write, and writers in other processes wait up to the busy timeout.
 * Readers run in autocommit on any pooled connection and, in WAL mode, never wait for writers.
 */
final class Database implements Transactions {
  private final DataSource dataSource;
  private final String description;
  private final boolean hostSupplied;
  private final long busyTimeoutMillis;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private volatile boolean closed;
  private volatile Runnable afterCommit = () -> { };

  Database(DataSource dataSource, String description, boolean hostSupplied, long busyTimeoutMillis) {
    this.dataSource = dataSource;
    this.description = description;
    this.hostSupplied = hostSupplied;
    this.busyTimeoutMillis = busyTimeoutMillis;
  }

  String description() {
    return description;
  }

  /** Runs {@code action} after every committed write (e.g. to schedule a checkpoint). */
  void afterCommit(Runnable action) {
    this.afterCommit = action;
  }

  /** From now on every operation fails with {@link IllegalStateException}. */
  void markClosed() {
    closed = true;
  }

  /** Runs {@code work} on a connection in autocommit mode (each statement sees a consistent snapshot). */
  @Override
  public <T> T read(String what, JdbcWork<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction; commits if it returns, rolls back if it
   * throws. With {@code durable}, the commit is synced to disk before this returns ({@code synchronous=FULL}),
   * so it survives a power cut, not only a crash of the process.
   */
  @Override
  public <T> T write(String what, boolean durable, JdbcWork<T> work) {
    writeLock.lock();
    try (Connection c = connection()) {
      String previousSynchronous = null;
      if (durable) {
        previousSynchronous = queryString(c, "PRAGMA synchronous");
        execute(c, "PRAGMA synchronous = FULL");
      }
      try {
        execute(c, "BEGIN IMMEDIATE");
        boolean committed = false;
        try {
          T result = work.run(c);
          execute(c, "COMMIT");
          committed = true;
          afterCommit.run();
          return result;
        } finally {
          if (!committed) rollbackQuietly(c);
        }
      } finally {
        if (previousSynchronous != null) execute(c, "PRAGMA synchronous = " + Integer.parseInt(previousSynchronous));
      }
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      writeLock.unlock();
    }
  }

  private Connection connection() throws SQLException {
    if (closed) throw new IllegalStateException("SQLite store " + description + " is closed");
    Connection c = dataSource.getConnection();
    if (hostSupplied) {
      // The host configured its own connections; make sure of what correctness depends on.
      try {
        execute(c, "PRAGMA foreign_keys = ON");
        execute(c, "PRAGMA busy_timeout = " + busyTimeoutMillis);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      execute(c, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original failure is what counts.
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String queryString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  StoreException failure(String what, SQLException e) {
    return failure(description, what, e);
  }

  /**
   * A {@link StoreException} that says which store, what was being done and why it failed, in words. Messages
   * of SQLite name constraints and tables, never bound values, so no secret can leak through them.
   */
  static StoreException failure(String description, String what, SQLException e) {
    return new StoreException("SQLite store " + description + ": cannot " + what + ": " + reason(e), e);
  }

  static String reason(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    switch (primary) {
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        return "the database stayed locked by another writer for longer than the busy timeout (" + detail + ")";
      case 11: // SQLITE_CORRUPT
        return "the database file is corrupt (" + detail + ")";
      case 26: // SQLITE_NOTADB
        return "the file is not a SQLite database (" + detail + ")";
      case 8: // SQLITE_READONLY
      case 3: // SQLITE_PERM
        return "the database is read-only here: check the file and directory permissions (" + detail + ")";
      case 14: // SQLITE_CANTOPEN
        return "the database file cannot be opened: check that the directory exists and is writable ("
            + detail + ")";
      case 13: // SQLITE_FULL
        return "the disk is full (" + detail + ")";
      case 10: // SQLITE_IOERR
        return "an I/O error occurred (" + detail + ")";
      default:
        return detail;
    }
  }
}
