package dev.jirasdk.store.postgres;

import dev.jirasdk.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL's side of the shared SQL: a row that a write reads and then updates is locked with
 * {@code FOR UPDATE} (a concurrent writer of the same row, on any machine, waits for the commit and then reads
 * the new row); writes of connections, which read and then write the creation order and the primary flag,
 * queue on a transaction-scoped advisory lock of this schema.
 */
final class PgDialect implements Dialect {
  static final PgDialect INSTANCE = new PgDialect();

  private PgDialect() {}

  @Override
  public String lockRow() {
    return " FOR UPDATE";
  }

  @Override
  public String shareRow() {
    return " FOR SHARE";
  }

  @Override
  public void serializeAccountWrites(Connection connection) throws SQLException {
    PgDatabase.execute(connection, "SELECT pg_advisory_xact_lock(hashtext('dev.jirasdk:accounts:' || current_schema()))");
  }
}
