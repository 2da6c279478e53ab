/**
 * The sync engine: mirrors a Jira Cloud connection's data into a {@link dev.jirasdk.sync.SyncStore}.
 *
 * <p>Entry points: {@link dev.jirasdk.sync.JiraSync} (runs), {@link dev.jirasdk.sync.SyncScheduler}
 * (periodic runs, token keep-alive, health checks), {@link dev.jirasdk.sync.RateGovernor} (one per process).
 * Store implementers implement {@link dev.jirasdk.sync.SyncStore} and run {@code SyncStoreContract} from the
 * test jar.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.sync;

import org.jspecify.annotations.NullMarked;
