package dev.jirasdk.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP 429 (or a 503 with {@code Retry-After}) persisted through every retry. The progress made before it
 * is kept; try again after {@link #retryAfter()}.
 */
public class JiraRateLimitException extends JiraApiException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;
  private final String reason;

  public JiraRateLimitException(int status, String endpoint, Duration retryAfter, String reason,
      List<String> errorMessages, int attempts) {
    super(describe(status, endpoint, errorMessages, Map.of(), attempts)
            + (reason == null ? "" : " [" + reason + "]")
            + (retryAfter == null ? "" : " retry after " + retryAfter.toSeconds() + " s"),
        status, endpoint, errorMessages, Map.of(), attempts);
    this.retryAfter = retryAfter;
    this.reason = reason;
  }

  /** What the last response's {@code Retry-After} asked for, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Atlassian's {@code RateLimit-Reason}, such as {@code jira-burst-based}, if given. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
