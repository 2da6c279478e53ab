package dev.jirasdk.auth;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link JiraClient} proves who it is: every way Atlassian lets an app into Jira Cloud, behind one type,
 * so the client and the sync never care which one a connection uses.
 *
 * <ul>
 *   <li>{@link OAuthGrantCredentials}: a user's OAuth 2.0 (3LO) grant. Bearer tokens, refreshed ahead of expiry
 *       and once after a 401 with the current token; from {@link AtlassianOAuth#credentials(String)} (or just
 *       {@link AtlassianOAuth#jiraClient(String)}).
 *   <li>{@link ServiceAccountCredentials}: a service account's OAuth 2.0 client credentials. Bearer tokens that
 *       are not rotated: a new one is fetched ahead of expiry, and once after a 401 with the current token.
 *   <li>{@link ApiTokenCredentials}: a scoped API token, sent as HTTP Basic ({@code email:token}). Nothing
 *       refreshes: a 401 is final, and an expired token is refused before anything is sent.
 * </ul>
 *
 * <p>All three call Jira through the gateway, {@code {apiBase}/ex/jira/{cloudId}/…}.
 *
 * <pre>{@code
 * JiraCredentials credentials = ServiceAccountCredentials.builder()
 *     .clientId(clientId)
 *     .clientSecret(clientSecret)
 *     .build();
 * JiraClient jira = JiraClient.builder()
 *     .credentials(credentials)
 *     .cloudId(cloudId)
 *     .build();
 * }</pre>
 *
 * <p>The interface is sealed: the SDK's three kinds are the whole list. Implementations are thread-safe, and
 * their {@code toString()} never shows a secret.
 */
public sealed interface JiraCredentials
    permits OAuthGrantCredentials, ServiceAccountCredentials, ApiTokenCredentials {

  /**
   * A stable id that names these credentials without revealing them: the 3LO grant id,
   * {@code service-account:{clientId}}, or {@code api-token:{email}}. Used in messages and events.
   */
  String id();

  /** The scopes these credentials hold, when known (empty otherwise); permission errors list them. */
  Set<String> scopes();

  /**
   * The {@code Authorization} header value for the next request ({@code Bearer …} or {@code Basic …}), fetching
   * or refreshing a token first when it is about to expire. It is a secret: never log it.
   *
   * @throws JiraException when no usable credential can be had (the grant needs a new consent, the service
   *     account's secret was refused, the API token has expired)
   */
  String authorization();

  /**
   * A request that carried {@code rejected} as its {@code Authorization} header was answered 401 (and not
   * because of a missing scope). Returns the header to send the request once more with, or null to give up.
   *
   * @throws JiraException when the answer is final and says why (an API token that was refused)
   */
  @Nullable String afterUnauthorized(String rejected);
}
