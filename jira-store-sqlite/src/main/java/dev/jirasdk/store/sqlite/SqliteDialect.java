package dev.jirasdk.store.sqlite;

import dev.jirasdk.store.jdbc.Dialect;
import java.sql.Connection;

/**
 * SQLite's side of the shared SQL: nothing to lock row by row, because every write transaction begins
 * {@code IMMEDIATE} and holds the file's only write lock until it ends ({@link Database#write}).
 */
final class SqliteDialect implements Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public String lockRow() {
    return "";
  }

  @Override
  public void serializeAccountWrites(Connection connection) {
    // Already serialised: the transaction holds the database's write lock.
  }
}
