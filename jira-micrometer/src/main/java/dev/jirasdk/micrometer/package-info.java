/**
 * Micrometer meters for the SDK: {@link dev.jirasdk.micrometer.JiraMetrics} for requests, retries, rate limits
 * and tokens, {@link dev.jirasdk.micrometer.SyncMetrics} for sync runs. See {@code docs/metrics.md}.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.micrometer;

import org.jspecify.annotations.NullMarked;
