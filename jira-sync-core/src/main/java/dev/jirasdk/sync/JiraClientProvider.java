package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraClient;

/**
 * Gives the sync a {@link JiraClient} for a connection id; usually {@code oauth::jiraClient}, or, for service
 * accounts and API tokens, clients built with {@link JiraClient#builder()} (e.g. {@code Map.of(id, client)::get}).
 */
@FunctionalInterface
public interface JiraClientProvider {
  JiraClient client(String connectionId);
}
