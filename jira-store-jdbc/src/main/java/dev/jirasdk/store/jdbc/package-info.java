/**
 * What the SDK's SQL stores share, so that SQLite and PostgreSQL keep one storage format and run one SQL where
 * their dialects agree: the time and JSON formats of stored values ({@link dev.jirasdk.store.jdbc.StoredTimes},
 * {@link dev.jirasdk.store.jdbc.StoredJson}, {@link dev.jirasdk.store.jdbc.RecordCodec},
 * {@link dev.jirasdk.store.jdbc.RunCodec}), each entity's typed columns
 * ({@link dev.jirasdk.store.jdbc.EntityColumns}), and the token, account and pending-authorization tables
 * ({@link dev.jirasdk.store.jdbc.TokenTable}, {@link dev.jirasdk.store.jdbc.AccountTables},
 * {@link dev.jirasdk.store.jdbc.PendingAuthorizationTable}) over a store's own
 * {@link dev.jirasdk.store.jdbc.Transactions} and {@link dev.jirasdk.store.jdbc.Dialect}.
 *
 * <p>Host applications use {@code SqliteStore} or {@code PostgresStore}, not this package; it is public only
 * because Java has no visibility between packages of different modules. The reasons are in
 * {@code docs/store.md} ("One SQL for two databases").
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.store.jdbc;

import org.jspecify.annotations.NullMarked;
