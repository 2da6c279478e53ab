package dev.jirasdk.store.postgres;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.store.jdbc.JdbcWork;
import dev.jirasdk.store.jdbc.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Borrows connections and runs transactions on them. Writes run in one read-committed transaction each; the
 * rows they read and then update are locked ({@code SELECT … FOR UPDATE}), so concurrent writers on any
 * machine wait for each other row by row instead of for the whole database. A transaction that PostgreSQL
 * aborts as a deadlock victim or a serialization failure is run again from the start, a few times.
 */
final class PgDatabase implements Transactions {
  /** Attempts of a write that PostgreSQL aborted for a deadlock or a serialization failure. */
  static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final String description;
  private volatile boolean closed;

  PgDatabase(DataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  String description() {
    return description;
  }

  void markClosed() {
    closed = true;
  }

  @Override
  public <T> T read(String what, JdbcWork<T> work) {
    try (Connection c = connection()) {
      if (!c.getAutoCommit()) c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction. With {@code durable}, the commit waits for the server's WAL flush
   * ({@code synchronous_commit = on} for this transaction), whatever the server's default.
   */
  @Override
  public <T> T write(String what, boolean durable, JdbcWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = connection()) {
        c.setAutoCommit(false);
        try {
          if (durable) execute(c, "SET LOCAL synchronous_commit = on");
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c);
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) continue;
        throw failure(what, e);
      }
    }
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state);
  }

  private Connection connection() throws SQLException {
    if (closed) throw new IllegalStateException("PostgreSQL store " + description + " is closed");
    return dataSource.getConnection();
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection may be broken; the original failure is what counts.
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  StoreException failure(String what, SQLException e) {
    return failure(description, what, e);
  }

  /**
   * A {@link StoreException} naming the store, what was being done and why it failed. Server messages name
   * tables and constraints; bound values appear only in a violated key's DETAIL, and no token is ever a key.
   */
  static StoreException failure(String description, String what, SQLException e) {
    return new StoreException("PostgreSQL store " + description + ": cannot " + what + ": " + reason(e), e);
  }

  static String reason(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (state.startsWith("08")) return "the server cannot be reached (" + detail + ")";
    if (state.equals("28P01") || state.equals("28000")) return "the server refused the credentials (" + detail + ")";
    if (state.equals("42501")) return "the database user lacks a privilege (" + detail + ")";
    if (state.equals("3D000")) return "the database does not exist (" + detail + ")";
    if (state.equals("53100")) return "the server's disk is full (" + detail + ")";
    if (state.equals("40P01") || state.equals("40001")) {
      return "aborted by the server " + ATTEMPTS + " times in a row for concurrent updates (" + detail + ")";
    }
    return detail;
  }
}
