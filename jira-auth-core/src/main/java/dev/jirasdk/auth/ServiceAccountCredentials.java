package dev.jirasdk.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service account's OAuth 2.0 client credentials as {@link JiraCredentials}: {@code POST {authBase}/oauth/token}
 * with {@code grant_type=client_credentials}, then bearer tokens through the gateway
 * {@code {apiBase}/ex/jira/{cloudId}/…}. The sites come from {@link #sites()} ({@code accessible-resources}).
 *
 * <pre>{@code
 * ServiceAccountCredentials account = ServiceAccountCredentials.builder()
 *     .clientId(System.getenv("JIRA_SA_CLIENT_ID"))
 *     .clientSecret(System.getenv("JIRA_SA_CLIENT_SECRET"))
 *     .httpClient(http)
 *     .build();
 * Site site = account.sites().get(0);
 * JiraClient jira = JiraClient.builder().credentials(account).cloudId(site.cloudId()).httpClient(http).build();
 * }</pre>
 *
 * <p>Tokens are not rotated and there is no refresh token: when the access token is within
 * {@link Builder#refreshSkew} of its expiry, the next request fetches a new one, and threads that need one at
 * the same time share that one fetch. A 401 to a request that carried the current token fetches a new token
 * once (if another thread already did, the newer token is used). A refused client id or secret is an
 * {@link OAuthException} ({@code access_denied} or {@code invalid_client}); transient failures of the token
 * endpoint are retried like a 3LO refresh. Tokens live in this instance's memory only: each process fetches its
 * own.
 *
 * <p>Thread-safe; build one per service account and share it. {@code toString()} never shows the secret or a
 * token.
 */
public final class ServiceAccountCredentials implements JiraCredentials {
  private static final Logger log = LoggerFactory.getLogger(ServiceAccountCredentials.class);
  private static final String BEARER = "Bearer ";

  private final String clientId;
  private final HttpUrl apiBaseUrl;
  private final OkHttpClient http;
  private final Clock clock;
  private final Duration skew;
  private final TokenEndpoint endpoint;
  private final ReentrantLock fetchLock = new ReentrantLock();
  private volatile @Nullable Token current;

  /** A fetched access token; never printed. */
  private record Token(String header, Instant expiresAt, Set<String> scopes) {
    @Override
    public String toString() {
      return "Token[expiresAt=" + expiresAt + "]";
    }
  }

  private ServiceAccountCredentials(Builder b, HttpUrl authBase, HttpUrl apiBase) {
    this.clientId = b.clientId;
    this.apiBaseUrl = apiBase;
    this.http = b.httpClient != null ? b.httpClient.newBuilder().build() : new OkHttpClient();
    this.clock = b.clock;
    this.skew = b.refreshSkew;
    OkHttpClient tokenHttp = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.endpoint = new TokenEndpoint(tokenHttp, authBase, b.clientId, b.clientSecret, "",
        AtlassianOAuth.TokenRequestEncoding.JSON, b.clock,
        AtlassianOAuth.retryPolicy(b.maxAttempts, b.retryBaseDelay, b.retryMaxDelay), b.sleeper, TokenListener.NONE);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String clientId() {
    return clientId;
  }

  /** {@code service-account:{clientId}}. */
  @Override
  public String id() {
    return "service-account:" + clientId;
  }

  /** The scopes of the current token as the token endpoint reported them (empty before the first fetch). */
  @Override
  public Set<String> scopes() {
    Token t = current;
    return t == null ? Set.of() : t.scopes;
  }

  /** When the current access token expires; empty before the first fetch. */
  public Optional<Instant> accessTokenExpiresAt() {
    Token t = current;
    return t == null ? Optional.empty() : Optional.of(t.expiresAt);
  }

  /**
   * The sites the service account reaches ({@code GET {apiBase}/oauth/token/accessible-resources}), possibly
   * none. One request (and a token fetch if needed) per call: keep the answer.
   */
  public List<Site> sites() {
    return Gateway.accessibleResources(http, apiBaseUrl, authorization());
  }

  @Override
  public String authorization() {
    Token t = current;
    if (t != null && isFresh(t)) return t.header;
    return fetch(t).header;
  }

  @Override
  public @Nullable String afterUnauthorized(String rejected) {
    if (rejected == null || !rejected.startsWith(BEARER)) return null;
    Token t = current;
    if (t != null && !t.header.equals(rejected) && isFresh(t)) return t.header; // another thread fetched anew
    log.debug("{}: 401 with the current token; fetching a new one", id());
    return fetch(t).header;
  }

  private boolean isFresh(Token t) {
    return clock.instant().isBefore(t.expiresAt.minus(skew));
  }

  /** Single flight: fetches unless another thread replaced {@code seen} with a fresh token meanwhile. */
  private Token fetch(@Nullable Token seen) {
    fetchLock.lock();
    try {
      Token t = current;
      if (t != null && t != seen && isFresh(t)) return t;
      TokenResponse r = endpoint.clientCredentials(id());
      Set<String> scopes = r.scope() == null || r.scope().isBlank() ? Set.of()
          : Set.copyOf(new LinkedHashSet<>(List.of(r.scope().trim().split("\\s+"))));
      Token fetched = new Token(BEARER + r.accessToken(), r.expiresAt(), scopes);
      current = fetched;
      log.debug("{}: fetched an access token valid until {}", id(), r.expiresAt());
      return fetched;
    } finally {
      fetchLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ServiceAccountCredentials[clientId=" + clientId + ", clientSecret=***]";
  }

  /**
   * Configures {@link ServiceAccountCredentials}. Essentials: {@link #clientId}, {@link #clientSecret}.
   * Frequently used: {@link #httpClient}. Rarely used: base URLs, clock, timing knobs. Not thread-safe;
   * {@link #build()} leaves it unchanged.
   */
  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private String authBaseUrl = AtlassianOAuth.DEFAULT_AUTH_BASE_URL;
    private String apiBaseUrl = AtlassianOAuth.DEFAULT_API_BASE_URL;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Duration refreshSkew = AtlassianOAuth.DEFAULT_REFRESH_SKEW;
    private int maxAttempts = AtlassianOAuth.DEFAULT_MAX_ATTEMPTS;
    private Duration retryBaseDelay = AtlassianOAuth.DEFAULT_RETRY_BASE_DELAY;
    private Duration retryMaxDelay = AtlassianOAuth.DEFAULT_RETRY_MAX_DELAY;

    private Builder() {}

    /** Essential: the service account's OAuth client id (from the admin console's credentials). */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Essential: its client secret. Never logged or printed. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Default {@value AtlassianOAuth#DEFAULT_AUTH_BASE_URL}; point it at a FakeJiraCloud in tests. */
    public Builder authBaseUrl(String url) {
      this.authBaseUrl = url;
      return this;
    }

    /** Default {@value AtlassianOAuth#DEFAULT_API_BASE_URL} (for {@link #sites()}). */
    public Builder apiBaseUrl(String url) {
      this.apiBaseUrl = url;
      return this;
    }

    /** The host's client; derived with {@code newBuilder()}, sharing pools. */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = client;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How retries of the token endpoint wait. Tests pass one that advances a fake clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Fetch a new token when the current one expires within this. Default 60 s. */
    public Builder refreshSkew(Duration skew) {
      this.refreshSkew = skew;
      return this;
    }

    /** Attempts of a token fetch on transient failures. Default 4. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** Backoff of token fetches without {@code Retry-After}: from {@code base} doubling to {@code max}. */
    public Builder retryDelay(Duration base, Duration max) {
      this.retryBaseDelay = base;
      this.retryMaxDelay = max;
      return this;
    }

    /**
     * Validates and builds. Nothing is sent until the first request.
     *
     * @throws IllegalStateException naming every missing or bad field
     */
    public ServiceAccountCredentials build() {
      List<String> problems = new ArrayList<>();
      if (clientId == null || clientId.isBlank()) problems.add("clientId is missing");
      if (clientSecret == null || clientSecret.isBlank()) problems.add("clientSecret is missing");
      HttpUrl authBase = Urls.parseBase("authBaseUrl", authBaseUrl, problems);
      HttpUrl apiBase = Urls.parseBase("apiBaseUrl", apiBaseUrl, problems);
      if (clock == null) problems.add("clock is null");
      if (sleeper == null) problems.add("sleeper is null");
      if (refreshSkew == null || refreshSkew.isNegative()) problems.add("refreshSkew must be zero or more: " + refreshSkew);
      if (maxAttempts < 1) problems.add("maxAttempts must be at least 1: " + maxAttempts);
      if (retryBaseDelay == null || retryBaseDelay.isNegative() || retryMaxDelay == null || retryMaxDelay.isNegative()) {
        problems.add("retryDelay must be zero or more");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid ServiceAccountCredentials: " + String.join("; ", problems));
      }
      return new ServiceAccountCredentials(this, authBase, apiBase);
    }
  }
}
