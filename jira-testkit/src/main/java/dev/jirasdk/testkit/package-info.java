/**
 * FakeJiraCloud: a simulated Atlassian auth server and Jira Cloud REST v3 for tests, benchmarks and sandboxes.
 * Start with {@link dev.jirasdk.testkit.FakeJiraCloud#builder()}; shape data with {@link dev.jirasdk.testkit.Dataset};
 * move time with {@link dev.jirasdk.testkit.MutableClock}; change data with {@link dev.jirasdk.testkit.SiteData};
 * provoke trouble with {@link dev.jirasdk.testkit.RateLimits} and {@link dev.jirasdk.testkit.Faults}.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.testkit;

import org.jspecify.annotations.NullMarked;
