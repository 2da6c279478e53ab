package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraClient;

/**
 * Gives the sync a {@link JiraClient} for a connection id; usually {@code oauth::jiraClient}.
 */
@FunctionalInterface
public interface JiraClientProvider {
  JiraClient client(String connectionId);
}
