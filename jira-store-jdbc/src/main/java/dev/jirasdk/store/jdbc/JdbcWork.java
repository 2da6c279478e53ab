package dev.jirasdk.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** A unit of work on one borrowed connection, run by {@link Transactions}. */
@FunctionalInterface
public interface JdbcWork<T extends @Nullable Object> {
  T run(Connection connection) throws SQLException;
}
