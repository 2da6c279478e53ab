package dev.jirasdk.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one borrowed connection. */
@FunctionalInterface
interface Sql<T> {
  T run(Connection connection) throws SQLException;
}
