/**
 * The SQLite implementation of every store SPI of the SDK: {@link dev.jirasdk.store.sqlite.SqliteStore} keeps
 * sealed tokens, grants, sites, connections, authorization flows in progress and the mirror of synced Jira
 * data in one SQLite file, safely shared by threads and processes.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.open(Path.of("data/jira.db"))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The schema, plain-SQL examples and the durability and concurrency guarantees are described in
 * {@code docs/store.md}.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.store.sqlite;

import org.jspecify.annotations.NullMarked;
