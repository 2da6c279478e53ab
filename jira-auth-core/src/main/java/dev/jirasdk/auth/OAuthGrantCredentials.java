package dev.jirasdk.auth;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user's OAuth 2.0 (3LO) grant as {@link JiraCredentials}: bearer tokens from the {@link TokenManager},
 * refreshed ahead of expiry, and refreshed once after a 401 only if the rejected request carried the current
 * token (if another thread or process refreshed meanwhile, the current token is used). A 401 whose body says
 * {@code scope does not match} never reaches it: that is a missing scope, not a stale token.
 *
 * <pre>{@code
 * JiraCredentials grant = oauth.credentials(connection.grantId());
 * // or, with the connection's site and the instance's HTTP client, clock and retry settings:
 * JiraClient jira = oauth.jiraClient(connection);
 * }</pre>
 *
 * <p>Immutable and thread-safe; holds no token itself.
 */
public final class OAuthGrantCredentials implements JiraCredentials {
  private static final String BEARER = "Bearer ";

  private final TokenManager tokens;
  private final String grantId;
  private final Set<String> scopes;

  OAuthGrantCredentials(TokenManager tokens, String grantId, Set<String> scopes) {
    this.tokens = Objects.requireNonNull(tokens, "tokens == null");
    this.grantId = Objects.requireNonNull(grantId, "grantId == null");
    this.scopes = Set.copyOf(scopes);
  }

  /** The grant whose tokens authenticate. */
  public String grantId() {
    return grantId;
  }

  /** The grant id. */
  @Override
  public String id() {
    return grantId;
  }

  @Override
  public Set<String> scopes() {
    return scopes;
  }

  @Override
  public String authorization() {
    return BEARER + tokens.accessToken(grantId);
  }

  @Override
  public @Nullable String afterUnauthorized(String rejected) {
    if (rejected == null || !rejected.startsWith(BEARER)) return null;
    return BEARER + tokens.refreshAfterUnauthorized(grantId, rejected.substring(BEARER.length()));
  }

  @Override
  public String toString() {
    return "OAuthGrantCredentials[grant=" + grantId + "]";
  }
}
