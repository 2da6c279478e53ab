package dev.jirasdk.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the shared SQL of {@link TokenTable} and {@link AccountTables} needs to know about the database it runs
 * on, which is only how a write transaction keeps other writers out. Everything else they run is the same SQL
 * on SQLite and PostgreSQL.
 */
public interface Dialect {
  /**
   * The clause that locks the one row a write transaction reads and then updates: {@code " FOR UPDATE"} where
   * rows are locked individually, {@code ""} where the write transaction already excludes every other writer.
   */
  String lockRow();

  /**
   * The clause that keeps a row a transaction relies on from changing until it ends while other readers may
   * hold it too: {@code " FOR SHARE"} where rows are locked individually, {@code ""} (the default) where the write
   * transaction already excludes every other writer.
   */
  default String shareRow() {
    return "";
  }

  /**
   * Called first in a transaction that changes connections: their creation order and the single primary
   * connection are read and then written, so two such transactions must not interleave.
   */
  void serializeAccountWrites(Connection connection) throws SQLException;
}
