package dev.jirasdk.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The entry point: connects users' Jira Cloud sites with OAuth 2.0 (3LO) and hands out clients whose
 * tokens never go stale. (API skeleton; implementation in progress.)
 */
public final class AtlassianOAuth {
  AtlassianOAuth(Builder b) {
    throw new UnsupportedOperationException("in progress");
  }

  public static Builder builder() {
    return new Builder();
  }

  public AuthorizationRequest startAuthorization() {
    throw new UnsupportedOperationException("in progress");
  }

  public AuthorizationRequest startAuthorization(String binding, String label) {
    throw new UnsupportedOperationException("in progress");
  }

  public Authorization completeAuthorization(String code, String state) {
    throw new UnsupportedOperationException("in progress");
  }

  public Authorization completeAuthorization(String code, String state, String binding) {
    throw new UnsupportedOperationException("in progress");
  }

  public TokenManager tokens() {
    throw new UnsupportedOperationException("in progress");
  }

  public AccountStore accounts() {
    throw new UnsupportedOperationException("in progress");
  }

  public Connection findConnection(String cloudIdOrSiteUrl) {
    throw new UnsupportedOperationException("in progress");
  }

  public JiraClient jiraClient(String connectionId) {
    throw new UnsupportedOperationException("in progress");
  }

  public JiraClient jiraClient(Connection connection) {
    throw new UnsupportedOperationException("in progress");
  }

  public String clientId() {
    throw new UnsupportedOperationException("in progress");
  }

  public String redirectUri() {
    throw new UnsupportedOperationException("in progress");
  }

  public Set<String> scopes() {
    throw new UnsupportedOperationException("in progress");
  }

  public HttpUrl authBaseUrl() {
    throw new UnsupportedOperationException("in progress");
  }

  public HttpUrl apiBaseUrl() {
    throw new UnsupportedOperationException("in progress");
  }

  /** How the token endpoint's request body is encoded. */
  public enum TokenRequestEncoding { JSON, FORM }

  public static final class Builder {
    public Builder clientId(String clientId) { return this; }
    public Builder clientSecret(String clientSecret) { return this; }
    public Builder redirectUri(String redirectUri) { return this; }
    public Builder scopes(String... scopes) { return this; }
    public Builder scopes(Collection<String> scopes) { return this; }
    public Builder authBaseUrl(String url) { return this; }
    public Builder apiBaseUrl(String url) { return this; }
    public Builder httpClient(OkHttpClient client) { return this; }
    public Builder tokenStore(TokenStore store) { return this; }
    public Builder accountStore(AccountStore store) { return this; }
    public Builder pendingAuthorizationStore(PendingAuthorizationStore store) { return this; }
    public Builder clock(Clock clock) { return this; }
    public Builder tokenCipher(TokenCipher cipher) { return this; }
    public Builder listener(TokenListener listener) { return this; }
    public Builder refreshSkew(Duration skew) { return this; }
    public Builder stateTimeToLive(Duration ttl) { return this; }
    public Builder refreshLeaseDuration(Duration d) { return this; }
    public Builder tokenRequestEncoding(TokenRequestEncoding e) { return this; }
    public Builder maxAttempts(int attempts) { return this; }
    public Builder retryDelay(Duration base, Duration max) { return this; }
    public Builder sleeper(Sleeper sleeper) { return this; }
    public AtlassianOAuth build() { return new AtlassianOAuth(this); }
  }
}
