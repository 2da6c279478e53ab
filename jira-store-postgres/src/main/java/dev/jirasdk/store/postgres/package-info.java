/**
 * The PostgreSQL implementation of every store SPI of the SDK: {@link dev.jirasdk.store.postgres.PostgresStore}
 * keeps sealed tokens, grants, sites, connections, authorization flows in progress and the mirror of synced Jira
 * data in one PostgreSQL database that several instances of a host application share.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).username(user).password(password).build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Setup, schema, the locking argument and migrations are described in {@code docs/store.md}.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.store.postgres;

import org.jspecify.annotations.NullMarked;
