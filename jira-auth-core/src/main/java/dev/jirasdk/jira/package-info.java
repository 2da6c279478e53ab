/**
 * A typed Jira API on top of {@link dev.jirasdk.auth.JiraClient}: {@link dev.jirasdk.jira.JiraApi} hands out
 * {@link dev.jirasdk.jira.Issues}, {@link dev.jirasdk.jira.Comments}, {@link dev.jirasdk.jira.Search},
 * {@link dev.jirasdk.jira.Projects} and {@link dev.jirasdk.jira.Users}; models are immutable records that keep
 * Jira's raw JSON; {@link dev.jirasdk.jira.Adf} converts between plain text and Atlassian Document Format;
 * {@link dev.jirasdk.jira.JiraApi#paginate} streams any paged endpoint.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.jira;

import org.jspecify.annotations.NullMarked;
