package dev.jirasdk.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one borrowed connection, run by {@link Transactions}. */
@FunctionalInterface
public interface JdbcWork<T> {
  T run(Connection connection) throws SQLException;
}
