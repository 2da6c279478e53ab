package dev.jirasdk.store.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * How a store runs work on its database: reads in autocommit, writes in one transaction that commits when the
 * work returns and rolls back when it throws. Each store supplies its own (SQLite serialises writers and begins
 * {@code IMMEDIATE}; PostgreSQL runs read-committed transactions and retries deadlocks). Failures come back as
 * {@link dev.jirasdk.auth.StoreException}s that name the store and {@code what} was being done.
 */
public interface Transactions {
  /** Runs {@code work} on a connection in autocommit mode. */
  <T extends @Nullable Object> T read(String what, JdbcWork<T> work);

  /**
   * Runs {@code work} in one transaction. With {@code durable}, the commit is on stable storage before this
   * returns (a rotated refresh token lost to a power cut cannot be recovered).
   */
  <T extends @Nullable Object> T write(String what, boolean durable, JdbcWork<T> work);
}
