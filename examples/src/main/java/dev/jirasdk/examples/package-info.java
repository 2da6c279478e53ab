/**
 * Small, complete programs that use the SDK, each runnable offline against the simulated Jira Cloud of
 * {@code jira-testkit} and switched to real Atlassian by {@link dev.jirasdk.examples.ExampleEnvironment}:
 * {@link dev.jirasdk.examples.ConnectSiteExample} (connect a site from a web handler),
 * {@link dev.jirasdk.examples.CallJiraExample} (call Jira), {@link dev.jirasdk.examples.JdbcTokenStore} and
 * {@link dev.jirasdk.examples.CustomTokenStoreExample} (keep tokens in your own table),
 * {@link dev.jirasdk.examples.SyncToSqliteExample} (mirror Jira into SQLite and query it). Not published.
 */
package dev.jirasdk.examples;
