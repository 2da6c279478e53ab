package dev.jirasdk.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One request the fake answered (or refused).
 *
 * @param at the fake clock's time when the request arrived
 * @param method HTTP method
 * @param path the request path, e.g. {@code /ex/jira/<cloudId>/rest/api/3/search/jql}
 * @param query the raw query string, or {@code null}; never holds secrets of the token endpoint (those travel in bodies)
 * @param status the HTTP status answered; {@code -1} when the connection was cut by a fault
 * @param accountId the authenticated Atlassian account, or {@code null}
 * @param cloudId the site addressed, or {@code null}
 * @param points rate-limit points the request cost (counted even when rate limits are off)
 */
public record JournalEntry(
    Instant at,
    String method,
    String path,
    @Nullable String query,
    int status,
    @Nullable String accountId,
    @Nullable String cloudId,
    long points) {}
