package dev.jirasdk.auth;

import java.time.Duration;

/**
 * Hears about every Jira API request a {@link JiraClient} makes: each attempt's answer and each retry. Set one
 * with {@link AtlassianOAuth.Builder#requestListener} (it hears every client that instance hands out) or, for a
 * client built by hand, {@link JiraClient.Builder#requestListener}. Every
 * method has an empty default; override what you need. Called on the thread that made the request, so keep it
 * quick; an exception it throws is logged and ignored. Events carry the path, never a token.
 *
 * <pre>{@code
 * AtlassianOAuth oauth = AtlassianOAuth.builder()
 *     // …
 *     .requestListener(new RequestListener() {
 *       public void answered(RequestEvent e) {
 *         if (e.status() == 429) log.warn("throttled: {} {}", e.path(), e.rateLimitReason());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface RequestListener {
  RequestListener NONE = new RequestListener() {};

  /** One attempt ended: with an HTTP status, or with {@link RequestEvent#NO_RESPONSE} when the connection failed. */
  default void answered(RequestEvent event) {}

  /**
   * A failed attempt will be sent again after {@code delay}.
   *
   * @param attempt the attempt that failed (1 for the first)
   * @param status its HTTP status, or {@link RequestEvent#NO_RESPONSE} for a connection fault
   */
  default void retrying(String connectionId, String method, String path, int attempt, int status, Duration delay) {}

  /**
   * One attempt of a request and its answer.
   *
   * @param connectionId the connection the client serves
   * @param method the HTTP method
   * @param path the path below the site, e.g. {@code rest/api/3/issue/ACME-1/comment} (no query)
   * @param status the HTTP status, or {@link #NO_RESPONSE}
   * @param elapsed from sending the request to its response headers (or the failure)
   * @param rateLimitReason the {@code RateLimit-Reason} header of a 429 (e.g. {@code jira-per-issue-on-write}), or null
   * @param pointsRemaining the points left in the hourly quota as Jira reported them ({@code r=} of the
   *     {@code RateLimit} or {@code Beta-RateLimit} header), or -1 when the answer did not say
   */
  record RequestEvent(String connectionId, String method, String path, int status, Duration elapsed,
      String rateLimitReason, long pointsRemaining) {
    /** The status of an attempt that got no HTTP answer. */
    public static final int NO_RESPONSE = -1;
  }
}
