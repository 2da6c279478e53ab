package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Result of one health check of a connection by {@link SyncScheduler}: token state plus one cheap API call
 * ({@code GET /rest/api/3/myself}).
 *
 * @param connectionId the connection
 * @param healthy true if the token is usable and Jira answered
 * @param problem what failed ({@code "needs re-authorization"}, an HTTP error...), or empty
 * @param checkedAt when
 */
public record ConnectionHealth(String connectionId, boolean healthy, String problem, Instant checkedAt) {
  public ConnectionHealth {
    Objects.requireNonNull(connectionId, "connectionId == null");
    problem = problem == null ? "" : problem;
    Objects.requireNonNull(checkedAt, "checkedAt == null");
  }
}
