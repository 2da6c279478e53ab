package dev.jirasdk.auth;

import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: lets users connect their Jira Cloud sites with OAuth 2.0 (3LO), and hands out
 * {@link JiraClient}s whose tokens never go stale.
 *
 * <pre>{@code
 * AtlassianOAuth oauth = AtlassianOAuth.builder()
 *     .clientId(clientId)
 *     .clientSecret(clientSecret)
 *     .redirectUri("https://app.example.com/auth/callback")
 *     .scopes("read:jira-work", "read:jira-user")          // offline_access is added
 *     .tokenCipher(TokenCipher.of("k1", base64Key))
 *     .stores(sqliteStore)          // tokens, accounts and pending flows; inMemoryStores() in tests
 *     .build();
 *
 * // 1. Send the browser to Atlassian, bound to the browser's session.
 * AuthorizationRequest request = oauth.startAuthorization(sessionId, "Work");
 * // 2. In the callback: the state is checked before anything touches the network.
 * Authorization done = oauth.completeAuthorization(code, state, sessionId);
 * // 3. Call Jira.
 * JiraClient jira = oauth.jiraClient(done.connections().get(0));
 * Map<String, Object> me = jira.myself();
 * }</pre>
 *
 * <p>Immutable and thread-safe; build one per app registration and share it. It owns no threads and
 * nothing to close: the {@link OkHttpClient} and the stores belong to the host.
 */
public final class AtlassianOAuth {
  private static final Logger log = LoggerFactory.getLogger(AtlassianOAuth.class);

  /** Atlassian's authorization server. */
  public static final String DEFAULT_AUTH_BASE_URL = "https://auth.atlassian.com";
  /** Atlassian's API gateway; Jira calls go to {@code /ex/jira/{cloudId}}. */
  public static final String DEFAULT_API_BASE_URL = "https://api.atlassian.com";
  /** Required for refresh tokens; always requested. */
  public static final String OFFLINE_ACCESS = "offline_access";
  public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_REFRESH_LEASE = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(60);
  /**
   * How long Atlassian keeps a refresh-token family alive after the consent that began it, however often it is
   * refreshed (a new consent begins a new family).
   */
  public static final Duration DEFAULT_TOKEN_FAMILY_LIFETIME = Duration.ofDays(365);
  /**
   * How long before a family ends {@link TokenListener#reconsentDue} is sent and {@link TokenStatus#reconsentDue()}
   * turns true.
   */
  public static final Duration DEFAULT_RECONSENT_WARNING = Duration.ofDays(30);
  /** Random bytes in a PKCE code verifier: 32 bytes make the 43-character verifier RFC 7636 recommends. */
  private static final int PKCE_VERIFIER_BYTES = 32;

  private final String clientId;
  private final String redirectUri;
  private final Set<String> scopes;
  private final HttpUrl authBaseUrl;
  private final HttpUrl apiBaseUrl;
  private final OkHttpClient http;
  private final AccountStore accountStore;
  private final PendingAuthorizationStore pendingStore;
  private final Clock clock;
  private final TokenListener listener;
  private final RequestListener requestListener;
  private final Duration stateTtl;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final Sleeper sleeper;
  private final boolean pkce;
  private final TokenCipher cipher;
  private final SecureRandom random = new SecureRandom();
  private final TokenEndpoint tokenEndpoint;
  private final TokenManager tokens;

  private AtlassianOAuth(Builder b, HttpUrl authBase, HttpUrl apiBase, TokenStore tokenStore,
      AccountStore accountStore, PendingAuthorizationStore pendingStore) {
    this.clientId = b.clientId;
    this.redirectUri = b.redirectUri;
    Set<String> requested = new LinkedHashSet<>(b.scopes);
    requested.add(OFFLINE_ACCESS);
    this.scopes = java.util.Collections.unmodifiableSet(requested);
    this.authBaseUrl = authBase;
    this.apiBaseUrl = apiBase;
    this.http = b.httpClient != null ? b.httpClient.newBuilder().build() : new OkHttpClient();
    this.accountStore = accountStore;
    this.pendingStore = pendingStore;
    this.clock = b.clock;
    this.listener = b.listener;
    this.requestListener = b.requestListener;
    this.stateTtl = b.stateTtl;
    this.maxAttempts = b.maxAttempts;
    this.retryBaseDelay = b.retryBaseDelay;
    this.retryMaxDelay = b.retryMaxDelay;
    this.sleeper = b.sleeper;
    this.pkce = b.pkce;
    this.cipher = b.cipher;
    OkHttpClient tokenHttp = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.tokenEndpoint = new TokenEndpoint(tokenHttp, authBaseUrl, b.clientId, b.clientSecret, b.redirectUri,
        b.encoding, clock, retryPolicy(), sleeper, listener);
    this.tokens = new TokenManager(tokenStore, accountStore, b.cipher, tokenEndpoint, listener, clock, sleeper,
        b.refreshSkew, b.leaseDuration, b.leasePollInterval, "oauth-" + UUID.randomUUID(), b.tokenFamilyLifetime,
        b.reconsentWarning);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An unbound flow: prefer {@link #startAuthorization(String, String)} with the browser session id. */
  public AuthorizationRequest startAuthorization() {
    return startAuthorization(null, null);
  }

  /**
   * Starts a consent flow: makes a fresh 256-bit single-use state, remembers it (hashed) for the state
   * lifetime, and returns the authorize URL to redirect the browser to. With {@link Builder#pkce PKCE} on, it
   * also makes a code verifier, remembers it sealed with the flow, and puts its S256 challenge in the URL.
   *
   * @param binding something only the initiating browser has, such as its session id; the callback must
   *     present the same value. Null for an unbound flow.
   * @param label the label for the connections this flow creates; null for none
   */
  public AuthorizationRequest startAuthorization(@Nullable String binding, @Nullable String label) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(stateTtl);
    pendingStore.purgeExpired(now);
    String stateHash = sha256(state);
    String verifier = pkce ? randomUrlSafe(PKCE_VERIFIER_BYTES) : null;
    pendingStore.save(new PendingAuthorization(stateHash, binding == null ? null : sha256(binding),
        label, now, expiresAt, null, verifier == null ? null : cipher.seal(verifierContext(stateHash), verifier)));
    HttpUrl.Builder url = authBaseUrl.newBuilder()
        .addPathSegment("authorize")
        .addQueryParameter("audience", "api.atlassian.com")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("scope", String.join(" ", scopes))
        .addQueryParameter("redirect_uri", redirectUri)
        .addQueryParameter("state", state)
        .addQueryParameter("response_type", "code")
        .addQueryParameter("prompt", "consent");
    if (verifier != null) {
      url.addQueryParameter("code_challenge", codeChallenge(verifier))
          .addQueryParameter("code_challenge_method", "S256");
    }
    return new AuthorizationRequest(url.build().toString(), state, expiresAt);
  }

  private String randomUrlSafe(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** PKCE S256: BASE64URL(SHA-256(ASCII(verifier))), without padding (RFC 7636 section 4.2). */
  static String codeChallenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The associated data a flow's verifier is sealed with: a sealed verifier moved onto another flow won't open. */
  private static String verifierContext(String stateHash) {
    return "pkce-" + stateHash;
  }

  /** Completes an unbound flow. See {@link #completeAuthorization(String, String, String)}. */
  public Authorization completeAuthorization(@Nullable String code, @Nullable String state) {
    return completeAuthorization(code, state, null);
  }

  /**
   * Completes a flow from the callback's {@code code} and {@code state}: checks and consumes the state
   * before any network call, exchanges the code, discovers the sites and the user, and stores the grant,
   * its sites, its tokens and one connection per site. The same account consenting again updates its grant.
   *
   * @throws AuthorizationStateException if the state is missing, unknown, expired, replayed or bound to
   *     another browser session (nothing was sent or stored)
   * @throws AuthorizationCodeException if Atlassian rejects the code (expired or used)
   * @throws OAuthException for other refusals by the token endpoint
   */
  public Authorization completeAuthorization(@Nullable String code, @Nullable String state,
      @Nullable String binding) {
    PendingAuthorization pending = checkState(state, binding);
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("the callback carried no authorization code");
    }
    TokenResponse token = tokenEndpoint.exchange(code, codeVerifier(pending));
    List<Site> sites = accessibleResources(token.accessToken());
    Identity me = identity(token.accessToken(), sites.get(0));
    String grantId = ConnectionIds.grantId(clientId, me.accountId);
    Instant now = clock.instant();
    Set<String> granted = token.scope() == null || token.scope().isBlank() ? scopes
        : new LinkedHashSet<>(List.of(token.scope().trim().split("\\s+")));
    tokens.storeNewConsent(grantId, token);
    Grant grant = new Grant(grantId, me.accountId, me.displayName, me.email, granted, GrantState.ACTIVE, now, now);
    List<SiteConnection> connections = accountStore.saveAuthorization(grant, sites, pending.label());
    Grant stored = accountStore.grant(grantId).orElse(grant);
    log.info("grant {} authorized for {} site(s)", grantId, sites.size());
    listener.authorized(grantId, sites.size());
    return new Authorization(stored, connections);
  }

  private PendingAuthorization checkState(String state, String binding) {
    if (state == null || state.isBlank()) {
      throw new AuthorizationStateException(AuthorizationStateException.Reason.MISSING,
          "the callback carried no state; start the authorization again");
    }
    Instant now = clock.instant();
    PendingAuthorization p = pendingStore.consume(sha256(state), now).orElseThrow(() ->
        new AuthorizationStateException(AuthorizationStateException.Reason.UNKNOWN,
            "unknown state: no authorization in progress issued it (it may have been purged after expiry)"));
    if (p.consumedAt() != null) {
      throw new AuthorizationStateException(AuthorizationStateException.Reason.REPLAYED,
          "this state was already used at " + p.consumedAt() + "; start the authorization again");
    }
    if (!now.isBefore(p.expiresAt())) {
      throw new AuthorizationStateException(AuthorizationStateException.Reason.EXPIRED,
          "the authorization started at " + p.createdAt() + " expired at " + p.expiresAt()
              + "; start it again");
    }
    if (p.bindingHash() != null) {
      byte[] expected = p.bindingHash().getBytes(StandardCharsets.US_ASCII);
      byte[] actual = (binding == null ? "" : sha256(binding)).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new AuthorizationStateException(AuthorizationStateException.Reason.WRONG_BINDING,
            "this state was issued to another browser session");
      }
    }
    return p;
  }

  /** The flow's PKCE verifier in clear, for the exchange only; null for a flow started without PKCE. */
  private @Nullable String codeVerifier(PendingAuthorization pending) {
    if (pending.sealedCodeVerifier() == null) return null;
    try {
      return cipher.open(verifierContext(pending.stateHash()), pending.sealedCodeVerifier());
    } catch (TokenCipherException e) {
      throw new TokenCipherException(e.keyId(), "the PKCE code verifier stored with this authorization does not"
          + " open with the configured TokenCipher (key id '" + e.keyId() + "'; configured " + cipher
          + "); start the authorization again", e);
    }
  }

  private List<Site> accessibleResources(String accessToken) {
    List<Site> sites = Gateway.accessibleResources(http, apiBaseUrl, "Bearer " + accessToken);
    if (sites.isEmpty()) {
      throw new JiraException("the grant reaches no Jira Cloud site (accessible-resources is empty): the user "
          + "must choose a site on the consent screen, or has no Jira site");
    }
    return sites;
  }

  private record Identity(String accountId, String displayName, String email) {}

  /** {@code /me} (needs read:me); without that scope, the first site's {@code myself}. */
  private Identity identity(String accessToken, Site site) {
    HttpUrl me = apiBaseUrl.newBuilder().addPathSegment("me").build();
    try {
      Map<String, Object> o = Json.asObject(getJson(me, accessToken, "GET /me"));
      String id = Json.string(o, "account_id");
      if (id != null && !id.isBlank()) return new Identity(id, Json.string(o, "name"), Json.string(o, "email"));
    } catch (JiraApiException e) {
      if (e.status() != 401 && e.status() != 403 && e.status() != 404) throw e;
      log.debug("/me answered {}; using myself of site {}", e.status(), site.cloudId());
    }
    HttpUrl myself = apiBaseUrl.newBuilder().addPathSegments("ex/jira").addPathSegment(site.cloudId())
        .addPathSegments("rest/api/3/myself").build();
    Map<String, Object> o = Json.asObject(getJson(myself, accessToken, "GET /rest/api/3/myself"));
    String id = Json.string(o, "accountId");
    if (id == null || id.isBlank()) {
      throw new UnexpectedResponseException("GET /rest/api/3/myself", 200, "expected a string at $.accountId");
    }
    return new Identity(id, Json.string(o, "displayName"), Json.string(o, "emailAddress"));
  }

  private Object getJson(HttpUrl url, String accessToken, String endpoint) {
    return Gateway.getJson(http, url, "Bearer " + accessToken, endpoint);
  }

  /** The token lifecycle of every grant of this app. */
  public TokenManager tokens() {
    return tokens;
  }

  /** The account store this client was built with. */
  public AccountStore accounts() {
    return accountStore;
  }

  /**
   * The one active-or-not connection whose site matches a cloud id or site URL (normalised).
   *
   * @throws IllegalArgumentException if none or several connections match
   */
  public SiteConnection findConnection(String cloudIdOrSiteUrl) {
    return Sites.select(accountStore.connections(), cloudIdOrSiteUrl);
  }

  /**
   * A client for a stored connection. Build it once per connection and reuse it; it shares this
   * instance's connection pool.
   *
   * @throws IllegalArgumentException if the connection is unknown
   * @throws IllegalStateException if it is deactivated
   */
  public JiraClient jiraClient(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    SiteConnection c = accountStore.connection(connectionId)
        .orElseThrow(() -> new IllegalArgumentException("unknown connection: " + connectionId));
    return jiraClient(c);
  }

  /** A client for {@code connection}; see {@link #jiraClient(String)}. */
  public JiraClient jiraClient(SiteConnection connection) {
    Objects.requireNonNull(connection, "connection == null");
    if (connection.state() == ConnectionState.DEACTIVATED) {
      throw new IllegalStateException("connection " + connection.id() + " is deactivated");
    }
    Set<String> held = accountStore.grant(connection.grantId()).map(Grant::scopes).orElse(scopes);
    return JiraClient.builder()
        .credentials(new OAuthGrantCredentials(tokens, connection.grantId(), held))
        .connectionId(connection.id())
        .cloudId(connection.cloudId())
        .apiBaseUrl(apiBaseUrl.toString())
        .httpClient(http)
        .clock(clock)
        .sleeper(sleeper)
        .maxAttempts(maxAttempts)
        .retryDelay(retryBaseDelay, retryMaxDelay)
        .requestListener(requestListener)
        .build();
  }

  /**
   * The grant's tokens as {@link JiraCredentials}, for a {@link JiraClient} built by hand
   * ({@link JiraClient#builder()}); {@link #jiraClient(SiteConnection)} does this for a stored connection.
   */
  public OAuthGrantCredentials credentials(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    Set<String> held = accountStore.grant(grantId).map(Grant::scopes).orElse(scopes);
    return new OAuthGrantCredentials(tokens, grantId, held);
  }

  public String clientId() {
    return clientId;
  }

  public String redirectUri() {
    return redirectUri;
  }

  /** The scopes requested, {@code offline_access} included. */
  public Set<String> scopes() {
    return scopes;
  }

  public HttpUrl authBaseUrl() {
    return authBaseUrl;
  }

  public HttpUrl apiBaseUrl() {
    return apiBaseUrl;
  }

  RetryPolicy<Object> retryPolicy() {
    return retryPolicy(maxAttempts, retryBaseDelay, retryMaxDelay);
  }

  static RetryPolicy<Object> retryPolicy(int maxAttempts, Duration base, Duration max) {
    var builder = RetryPolicy.builder().handle(IOException.class).handleResultIf(r -> true)
        .withMaxAttempts(maxAttempts);
    if (base.isZero()) {
      builder.withDelay(Duration.ZERO);
    } else {
      builder.withBackoff(base, max.compareTo(base) > 0 ? max : base.multipliedBy(2)).withJitter(0.3);
    }
    return builder.build();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public String toString() {
    return "AtlassianOAuth[clientId=" + clientId + ", redirectUri=" + redirectUri + ", scopes=" + scopes
        + (pkce ? ", pkce" : "") + "]";
  }

  /** How the token endpoint's request body is encoded. Atlassian documents JSON; both are accepted. */
  public enum TokenRequestEncoding { JSON, FORM }

  /**
   * Configures an {@link AtlassianOAuth}. Essentials: client id, client secret, redirect URI, token cipher,
   * and where tokens, accounts and pending flows live: {@link #stores stores(...)} (or the three setters),
   * or {@link #inMemoryStores()} for tests and demos. Frequently used: scopes, HTTP client. Rarely used: base
   * URLs, clock, timing knobs.
   *
   * <p>Not thread-safe; {@link #build()} leaves the builder unchanged, so it can build again.
   */
  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private final Set<String> scopes = new LinkedHashSet<>();
    private String authBaseUrl = DEFAULT_AUTH_BASE_URL;
    private String apiBaseUrl = DEFAULT_API_BASE_URL;
    private OkHttpClient httpClient;
    private TokenStore tokenStore;
    private AccountStore accountStore;
    private PendingAuthorizationStore pendingStore;
    private boolean inMemoryStores;
    private Clock clock = Clock.systemUTC();
    private TokenCipher cipher;
    private TokenListener listener = TokenListener.NONE;
    private RequestListener requestListener = RequestListener.NONE;
    private Duration refreshSkew = DEFAULT_REFRESH_SKEW;
    private Duration stateTtl = DEFAULT_STATE_TTL;
    private Duration leaseDuration = DEFAULT_REFRESH_LEASE;
    private Duration leasePollInterval = Duration.ofMillis(25);
    private TokenRequestEncoding encoding = TokenRequestEncoding.JSON;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
    private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean pkce;
    private Duration tokenFamilyLifetime = DEFAULT_TOKEN_FAMILY_LIFETIME;
    private Duration reconsentWarning = DEFAULT_RECONSENT_WARNING;

    private Builder() {}

    /** Essential: the app's client id from the Atlassian developer console. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Essential: the app's client secret. Never logged or printed. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Essential: the callback URL, byte for byte as registered in the developer console. */
    public Builder redirectUri(String redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /** The scopes to request; {@code offline_access} is added if missing. Replaces earlier calls. */
    public Builder scopes(String... scopes) {
      return scopes(List.of(scopes));
    }

    public Builder scopes(Collection<String> scopes) {
      this.scopes.clear();
      for (String s : scopes) {
        Objects.requireNonNull(s, "scope == null");
        if (s.isBlank() || s.contains(" ")) throw new IllegalArgumentException("scope must be one word: '" + s + "'");
        this.scopes.add(s);
      }
      return this;
    }

    /** Default {@value #DEFAULT_AUTH_BASE_URL}; point it at a FakeJiraCloud in tests. */
    public Builder authBaseUrl(String url) {
      this.authBaseUrl = url;
      return this;
    }

    /** Default {@value #DEFAULT_API_BASE_URL}. */
    public Builder apiBaseUrl(String url) {
      this.apiBaseUrl = url;
      return this;
    }

    /** The host's client; the SDK derives its own with {@code newBuilder()}, sharing pools. */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = client;
      return this;
    }

    /**
     * Essential (or {@link #stores}): where the sealed tokens live. Without it, and without
     * {@link #inMemoryStores()}, {@link #build()} fails.
     */
    public Builder tokenStore(TokenStore store) {
      this.tokenStore = store;
      return this;
    }

    /** Essential (or {@link #stores}): where grants, sites and connections live. */
    public Builder accountStore(AccountStore store) {
      this.accountStore = store;
      return this;
    }

    /** Essential (or {@link #stores}): where started authorizations wait for their callback. */
    public Builder pendingAuthorizationStore(PendingAuthorizationStore store) {
      this.pendingStore = store;
      return this;
    }

    /**
     * Essential: one store for tokens, accounts and pending authorizations, such as a {@code SqliteStore};
     * the same as calling {@link #tokenStore}, {@link #accountStore} and {@link #pendingAuthorizationStore}
     * with it.
     */
    public <S extends TokenStore & AccountStore & PendingAuthorizationStore> Builder stores(S store) {
      Objects.requireNonNull(store, "store == null");
      return tokenStore(store).accountStore(store).pendingAuthorizationStore(store);
    }

    /**
     * Keeps whatever store was not set in this process's memory ({@link InMemoryTokenStore},
     * {@link InMemoryAccountStore}, {@link InMemoryPendingAuthorizationStore}): everything is lost when the
     * process stops, so every user must consent again, and processes do not share a refresh. For tests,
     * demos and one-off scripts; {@link #build()} refuses to choose this silently.
     */
    public Builder inMemoryStores() {
      this.inMemoryStores = true;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Essential: seals tokens before any store sees them. {@link TokenCipher#ephemeral()} for tests. */
    public Builder tokenCipher(TokenCipher cipher) {
      this.cipher = cipher;
      return this;
    }

    public Builder listener(TokenListener listener) {
      this.listener = listener;
      return this;
    }

    /** Hears every API request of the clients this instance hands out (answers and retries). */
    public Builder requestListener(RequestListener listener) {
      this.requestListener = listener;
      return this;
    }

    /** Refresh when the access token expires within this. Default 60 s. */
    public Builder refreshSkew(Duration skew) {
      this.refreshSkew = skew;
      return this;
    }

    /** How long a started authorization accepts its callback. Default 10 minutes. */
    public Builder stateTimeToLive(Duration ttl) {
      this.stateTtl = ttl;
      return this;
    }

    /** How long a refresh may hold the cross-process lease before others take over. Default 30 s. */
    public Builder refreshLeaseDuration(Duration d) {
      this.leaseDuration = d;
      return this;
    }

    /** How often a process waiting for another's refresh re-reads the store. Default 25 ms. */
    public Builder refreshLeasePollInterval(Duration d) {
      this.leasePollInterval = d;
      return this;
    }

    public Builder tokenRequestEncoding(TokenRequestEncoding e) {
      this.encoding = e;
      return this;
    }

    /** Attempts for retryable failures (token refresh, and API calls by default). Default 4. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** Backoff without {@code Retry-After}: from {@code base} doubling to {@code max}, ×0.7–1.3 jitter. */
    public Builder retryDelay(Duration base, Duration max) {
      this.retryBaseDelay = base;
      this.retryMaxDelay = max;
      return this;
    }

    /** How retries wait. Tests pass one that advances a fake clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Sends PKCE (RFC 7636, method S256) with every consent flow: {@code code_challenge} in the authorize URL and
     * the matching {@code code_verifier} at the code exchange. Off by default: Atlassian does not document PKCE
     * for 3LO, and sending it is harmless. The verifier is stored with the pending flow, sealed by the
     * {@link #tokenCipher}; flows started without it still complete when it is turned on, and the other way round.
     */
    public Builder pkce(boolean enabled) {
      this.pkce = enabled;
      return this;
    }

    /**
     * Rarely used: how long a refresh-token family lives after the consent that began it. Default
     * {@link #DEFAULT_TOKEN_FAMILY_LIFETIME} (365 days), Atlassian's; set it only if Atlassian changes it, or to
     * match a test server. The SDK never ends a family itself: it only dates {@link TokenStatus#familyExpiresAt()}
     * and the re-consent warning by it.
     */
    public Builder tokenFamilyLifetime(Duration lifetime) {
      this.tokenFamilyLifetime = lifetime;
      return this;
    }

    /**
     * How long before a refresh-token family ends the SDK sends {@link TokenListener#reconsentDue} and lists the
     * grant in {@link TokenManager#reconsentDue()}. Default {@link #DEFAULT_RECONSENT_WARNING} (30 days); must be
     * shorter than the family lifetime.
     */
    public Builder reconsentWarning(Duration warning) {
      this.reconsentWarning = warning;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException naming every missing or bad field
     */
    public AtlassianOAuth build() {
      List<String> problems = new ArrayList<>();
      if (clientId == null || clientId.isBlank()) problems.add("clientId is missing");
      if (clientSecret == null || clientSecret.isBlank()) problems.add("clientSecret is missing");
      if (redirectUri == null || redirectUri.isBlank()) {
        problems.add("redirectUri is missing");
      } else if (!isAbsoluteHttpUrl(redirectUri)) {
        problems.add("redirectUri must be an absolute http(s) URL without a fragment: " + redirectUri);
      }
      HttpUrl authBase = Urls.parseBase("authBaseUrl", authBaseUrl, problems);
      HttpUrl apiBase = Urls.parseBase("apiBaseUrl", apiBaseUrl, problems);
      List<String> unset = new ArrayList<>();
      if (tokenStore == null) unset.add("tokenStore");
      if (accountStore == null) unset.add("accountStore");
      if (pendingStore == null) unset.add("pendingAuthorizationStore");
      if (!unset.isEmpty() && !inMemoryStores) {
        problems.add(String.join(", ", unset) + " not set: tokens and connections would live only in memory and "
            + "be lost when the process stops (every user would have to consent again); pass a store with "
            + "stores(store) (e.g. a SqliteStore), or call inMemoryStores() to choose that for tests and demos");
      }
      if (cipher == null) problems.add("tokenCipher is missing (TokenCipher.of(keyId, base64Key); ephemeral() for tests)");
      if (clock == null) problems.add("clock is null");
      if (listener == null) problems.add("listener is null");
      if (requestListener == null) problems.add("requestListener is null");
      if (sleeper == null) problems.add("sleeper is null");
      if (encoding == null) problems.add("tokenRequestEncoding is null");
      checkPositive("refreshSkew", refreshSkew, true, problems);
      checkPositive("stateTimeToLive", stateTtl, false, problems);
      checkPositive("refreshLeaseDuration", leaseDuration, false, problems);
      checkPositive("refreshLeasePollInterval", leasePollInterval, true, problems);
      checkPositive("retryDelay base", retryBaseDelay, true, problems);
      checkPositive("retryDelay max", retryMaxDelay, true, problems);
      if (maxAttempts < 1) problems.add("maxAttempts must be at least 1: " + maxAttempts);
      checkPositive("tokenFamilyLifetime", tokenFamilyLifetime, false, problems);
      checkPositive("reconsentWarning", reconsentWarning, true, problems);
      if (tokenFamilyLifetime != null && reconsentWarning != null
          && reconsentWarning.compareTo(tokenFamilyLifetime) >= 0) {
        problems.add("reconsentWarning must be shorter than tokenFamilyLifetime: " + reconsentWarning + " >= "
            + tokenFamilyLifetime);
      }
      if (!problems.isEmpty()) throw new IllegalStateException("invalid AtlassianOAuth: " + String.join("; ", problems));
      return new AtlassianOAuth(this, authBase, apiBase,
          tokenStore != null ? tokenStore : new InMemoryTokenStore(),
          accountStore != null ? accountStore : new InMemoryAccountStore(),
          pendingStore != null ? pendingStore : new InMemoryPendingAuthorizationStore());
    }

    private static boolean isAbsoluteHttpUrl(String s) {
      try {
        URI u = new URI(s);
        return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
            && u.getFragment() == null;
      } catch (Exception e) {
        return false;
      }
    }

    private static void checkPositive(String name, Duration d, boolean zeroOk, List<String> problems) {
      if (d == null) {
        problems.add(name + " is null");
      } else if (d.isNegative() || (!zeroOk && d.isZero())) {
        problems.add(name + " must be " + (zeroOk ? "zero or more" : "positive") + ": " + d);
      }
    }
  }
}
