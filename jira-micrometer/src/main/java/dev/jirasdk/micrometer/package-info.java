/**
 * Micrometer meters for the SDK: {@link dev.jirasdk.micrometer.JiraMetrics} for requests, retries, rate limits
 * and tokens, {@link dev.jirasdk.micrometer.SyncMetrics} for sync runs. See {@code docs/metrics.md}.
 */
package dev.jirasdk.micrometer;
