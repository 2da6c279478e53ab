package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulated auth.atlassian.com: consent, codes (bound to their PKCE challenge when the authorize request
 * carried one), rotating refresh tokens whose family ends {@code refreshTokenAbsoluteExpiry} after the consent
 * that began it, access tokens. Thread-safe (one lock).
 */
final class AuthServer {
  static final Set<String> KNOWN_SCOPES = Set.of("read:jira-work", "write:jira-work", "read:jira-user",
      "manage:jira-project", "manage:jira-configuration", "manage:jira-webhook", "manage:jira-data-provider",
      "offline_access", "read:me", "read:account");
  static final long CODE_LIFETIME_MS = Duration.ofMinutes(10).toMillis();
  static final long OLD_ACCESS_TOKEN_GRACE_MS = Duration.ofMinutes(10).toMillis();

  record Client(String id, String secret, String redirectUri) {}

  static final class Grant {
    final String clientId;
    final String accountId;
    Set<String> scopes = new LinkedHashSet<>();
    int tokenRequests;
    String latestRefreshToken;
    final List<Chain> chains = new ArrayList<>();

    Grant(String clientId, String accountId) {
      this.clientId = clientId;
      this.accountId = accountId;
    }
  }

  static final class Chain {
    final Grant grant;
    final long startedAt;
    final Set<String> scopes;
    boolean revoked;
    final List<AccessToken> accessTokens = new ArrayList<>();
    /** The sites a service account's chain may reach; null for a user's grant (the user's sites). */
    Set<String> sites;
    /** Whether this chain stands for an API token (Basic traffic). */
    boolean apiToken;

    Chain(Grant grant, long startedAt, Set<String> scopes) {
      this.grant = grant;
      this.startedAt = startedAt;
      this.scopes = scopes;
    }
  }

  static final class AccessToken {
    final Chain chain;
    long expiresAt;

    AccessToken(Chain chain, long expiresAt) {
      this.chain = chain;
      this.expiresAt = expiresAt;
    }
  }

  static final class RefreshToken {
    final Chain chain;
    final long issuedAt;
    long usedAt = -1;
    String successor;

    RefreshToken(Chain chain, long issuedAt) {
      this.chain = chain;
      this.issuedAt = issuedAt;
    }
  }

  /**
   * A PKCE challenge of an authorize request (RFC 7636): the code it yields is exchanged only with the verifier
   * that hashes (S256) or equals (plain) to it.
   */
  record Pkce(String challenge, String method) {
    static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    boolean matches(String verifier) {
      if (verifier == null || !FORMAT.matcher(verifier).matches()) {
        return false;
      }
      String expected = "S256".equals(method) ? s256(verifier) : verifier;
      return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** An authorization code; {@code pkce} is null when the authorize request carried no challenge. */
  record Code(String clientId, String redirectUri, String accountId, Set<String> scopes, long expiresAt, Pkce pkce) {}

  /** Result of validating an authorize request: either an error redirect, an error page, or the parsed request. */
  record AuthorizeCheck(Client client, String redirectUri, String state, Set<String> scopes, String errorPage,
      String errorRedirect, Pkce pkce) {}

  private final Clock clock;
  private final FakeJiraCloud.Config config;
  private final Map<String, Client> clients;
  private final Map<String, Grant> grants = new HashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
  private final Map<String, ApiToken> apiTokens = new HashMap<>();

  /** A registered service account and the one token chain all its tokens belong to (never rotated). */
  record ServiceAccount(FakeServiceAccount account, Chain chain) {}

  /** A registered API token and the chain its Basic requests authenticate as. */
  record ApiToken(FakeApiToken token, Chain chain) {}

  AuthServer(Clock clock, FakeJiraCloud.Config config, Map<String, Client> clients) {
    this.clock = clock;
    this.config = config;
    this.clients = clients;
  }

  private long now() {
    return clock.millis();
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * A JWT-shaped opaque token, about as long as Atlassian's (several hundred characters), so stores and
   * columns get realistic sizes. Its signature is random bytes: it means nothing outside this fake.
   */
  private String jwtLike(String kind, Chain chain, long expiresAt) {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    String header = e.encodeToString("{\"kid\":\"fake-jira-cloud\",\"alg\":\"RS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String payload = e.encodeToString(Json.bytes(obj("jti", token(16), "sub", chain.grant.accountId, "nbf", now() / 1000,
        "iss", "https://auth.atlassian.com", "iat", now() / 1000, "exp", expiresAt / 1000, "aud", chain.grant.clientId,
        "https://atlassian.com/token_type", kind, "scope", String.join(" ", chain.scopes))));
    return header + "." + payload + "." + token(256);
  }

  // ------------------------------------------------------------------ authorize

  AuthorizeCheck check(Map<String, List<String>> p) {
    String clientId = first(p, "client_id");
    Client c = clientId == null ? null : clients.get(clientId);
    if (c == null) {
      return new AuthorizeCheck(null, null, null, null, "Invalid client_id: the app is not registered.", null, null);
    }
    String redirect = first(p, "redirect_uri");
    if (redirect == null || !redirect.equals(c.redirectUri())) {
      return new AuthorizeCheck(c, null, null, null,
          "The redirect_uri does not match the callback URL registered for this app.", null, null);
    }
    String state = first(p, "state");
    String audience = first(p, "audience");
    if (!"api.atlassian.com".equals(audience)) {
      return errorRedirect(c, redirect, state, "invalid_request", "audience must be api.atlassian.com");
    }
    if (!"code".equals(first(p, "response_type"))) {
      return errorRedirect(c, redirect, state, "unsupported_response_type", "response_type must be code");
    }
    String scope = first(p, "scope");
    Set<String> scopes = new LinkedHashSet<>();
    if (scope != null) {
      for (String s : scope.trim().split("[ +]+")) {
        if (!s.isEmpty()) {
          scopes.add(s);
        }
      }
    }
    if (scopes.isEmpty() || !scopes.stream().allMatch(x -> KNOWN_SCOPES.contains(x) || AgileApi.SCOPES.contains(x))) {
      return errorRedirect(c, redirect, state, "invalid_scope", "scope is missing or unknown");
    }
    String challenge = first(p, "code_challenge");
    String method = first(p, "code_challenge_method");
    Pkce pkce = null;
    if (challenge != null || method != null) {
      if (challenge == null || !Pkce.FORMAT.matcher(challenge).matches()) {
        return errorRedirect(c, redirect, state, "invalid_request", "code_challenge must be 43-128 characters");
      }
      method = method == null ? "plain" : method;
      if (!method.equals("S256") && !method.equals("plain")) {
        return errorRedirect(c, redirect, state, "invalid_request", "code_challenge_method must be S256 or plain");
      }
      pkce = new Pkce(challenge, method);
    }
    return new AuthorizeCheck(c, redirect, state, scopes, null, null, pkce);
  }

  private static AuthorizeCheck errorRedirect(Client c, String redirect, String state, String error, String desc) {
    String url = redirect + (redirect.contains("?") ? "&" : "?") + "error=" + error + "&error_description="
        + Exchange.encode(desc) + (state == null ? "" : "&state=" + Exchange.encode(state));
    return new AuthorizeCheck(c, redirect, state, null, null, url, null);
  }

  static String first(Map<String, List<String>> p, String k) {
    List<String> v = p.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Issues a code for an accepted consent and returns the redirect URL. */
  synchronized String accept(AuthorizeCheck ok, String accountId) {
    String code = token(32);
    codes.put(code, new Code(ok.client().id(), ok.redirectUri(), accountId, ok.scopes(), now() + CODE_LIFETIME_MS,
        ok.pkce()));
    String r = ok.redirectUri();
    return r + (r.contains("?") ? "&" : "?") + "code=" + code + (ok.state() == null ? "" : "&state=" + Exchange.encode(ok.state()));
  }

  static String deny(AuthorizeCheck ok) {
    String r = ok.redirectUri();
    return r + (r.contains("?") ? "&" : "?") + "error=access_denied&error_description="
        + Exchange.encode("User did not authorize the request") + (ok.state() == null ? "" : "&state=" + Exchange.encode(ok.state()));
  }

  // ------------------------------------------------------------------ token endpoint

  Resp token(Req req) {
    Map<String, List<String>> form;
    String ct = req.header("content-type");
    if (ct != null && ct.toLowerCase().contains("json")) {
      Map<String, Object> o = Json.asObject(Json.parse(req.bodyText()));
      if (o == null) {
        return oauthError(400, "invalid_request", "The request body is not valid JSON.");
      }
      form = new HashMap<>();
      for (Map.Entry<String, Object> e : o.entrySet()) {
        form.put(e.getKey(), e.getValue() == null ? List.of() : List.of(String.valueOf(e.getValue())));
      }
    } else {
      form = Exchange.parseQuery(req.bodyText());
    }
    String grantType = first(form, "grant_type");
    String clientId = first(form, "client_id");
    String secret = first(form, "client_secret");
    if ("client_credentials".equals(grantType)) {
      return clientCredentials(clientId, secret);
    }
    Client c = clientId == null ? null : clients.get(clientId);
    if (c == null || !c.secret().equals(secret)) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    if ("authorization_code".equals(grantType)) {
      return exchangeCode(req, c, first(form, "code"), first(form, "redirect_uri"), first(form, "code_verifier"));
    } else if ("refresh_token".equals(grantType)) {
      return refresh(req, c, first(form, "refresh_token"));
    }
    return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  }

  private synchronized Resp exchangeCode(Req req, Client c, String codeValue, String redirectUri, String verifier) {
    Code code = codeValue == null ? null : codes.remove(codeValue);
    if (code != null) {
      grant(code.clientId(), code.accountId()).tokenRequests++;
    }
    if (code == null || code.expiresAt() < now() || !code.clientId().equals(c.id())
        || !code.redirectUri().equals(redirectUri)) {
      return oauthError(400, "invalid_request", "authorization_code is invalid");
    }
    if (code.pkce() != null && !code.pkce().matches(verifier)) {
      // The code is spent either way: a wrong or missing code_verifier gets no second try.
      return oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge");
    }
    Grant g = grant(c.id(), code.accountId());
    g.scopes = new LinkedHashSet<>(code.scopes());
    Chain chain = new Chain(g, now(), code.scopes());
    g.chains.add(chain);
    Resp r = answer(chain, null);
    r.accountId = g.accountId;
    return r;
  }

  private synchronized Resp refresh(Req req, Client c, String value) {
    RefreshToken rt = value == null ? null : refreshTokens.get(value);
    if (rt == null) {
      return invalidGrant();
    }
    Chain chain = rt.chain;
    Grant g = chain.grant;
    g.tokenRequests++;
    if (!g.clientId.equals(c.id())) {
      return oauthError(403, "unauthorized_client", "refresh_token is invalid");
    }
    long now = now();
    FakeJiraCloud.Config cfg = config;
    if (chain.revoked) {
      return invalidGrant();
    }
    if (now - chain.startedAt > cfg.refreshTokenAbsoluteExpiry.toMillis()
        || (rt.usedAt < 0 && now - rt.issuedAt > cfg.refreshTokenInactivityExpiry.toMillis())) {
      return invalidGrant();
    }
    if (rt.usedAt >= 0) {
      long leeway = cfg.refreshTokenReuseLeeway.toMillis();
      if (leeway > 0 && now - rt.usedAt <= leeway) {
        Resp r = answer(chain, rt.successor);
        r.accountId = g.accountId;
        return r;
      }
      revoke(chain);
      return invalidGrant();
    }
    rt.usedAt = now;
    for (AccessToken at : chain.accessTokens) {
      at.expiresAt = Math.min(at.expiresAt, now + OLD_ACCESS_TOKEN_GRACE_MS);
    }
    Resp r = answer(chain, null);
    rt.successor = r.headers.remove("X-Fake-Refresh-Token");
    r.accountId = g.accountId;
    return r;
  }

  /** Mints an access token (and a new refresh token unless {@code reuseRefresh} is given). */
  private Resp answer(Chain chain, String reuseRefresh) {
    long now = now();
    FakeJiraCloud.Config cfg = config;
    String at = jwtLike("access_token", chain, now + cfg.accessTokenLifetime.toMillis());
    AccessToken a = new AccessToken(chain, now + cfg.accessTokenLifetime.toMillis());
    accessTokens.put(at, a);
    chain.accessTokens.add(a);
    Map<String, Object> body = obj("access_token", at, "expires_in", cfg.accessTokenLifetime.toSeconds(),
        "token_type", "Bearer", "scope", String.join(" ", chain.scopes));
    String newRt = null;
    if (chain.scopes.contains("offline_access")) {
      if (reuseRefresh != null) {
        body.put("refresh_token", reuseRefresh);
      } else {
        newRt = jwtLike("rotating_refresh", chain, now + cfg.refreshTokenInactivityExpiry.toMillis());
        refreshTokens.put(newRt, new RefreshToken(chain, now));
        chain.grant.latestRefreshToken = newRt;
        body.put("refresh_token", newRt);
      }
    }
    Resp r = Resp.json(200, body);
    r.headers.put("Cache-Control", "no-store");
    if (newRt != null) {
      r.headers.put("X-Fake-Refresh-Token", newRt);
    }
    return r;
  }

  void stripInternalHeaders(Resp r) {
    r.headers.remove("X-Fake-Refresh-Token");
  }

  private void revoke(Chain chain) {
    chain.revoked = true;
    for (AccessToken at : chain.accessTokens) {
      at.expiresAt = Long.MIN_VALUE;
    }
  }

  private static Resp invalidGrant() {
    return oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
  }

  static Resp oauthError(int status, String error, String description) {
    return Resp.json(status, obj("error", error, "error_description", description));
  }

  private Grant grant(String clientId, String accountId) {
    return grants.computeIfAbsent(clientId + "\n" + accountId, k -> new Grant(clientId, accountId));
  }

  // ------------------------------------------------------------------ service accounts and API tokens

  /** Registers a service account acting with {@code accountId}'s visibility. */
  synchronized void register(FakeServiceAccount sa, String accountId) {
    Set<String> scopes = new LinkedHashSet<>(sa.scopes());
    scopes.remove("offline_access"); // client credentials never bring a refresh token
    Chain chain = new Chain(grant(sa.clientId(), accountId), now(), scopes);
    chain.sites = sa.cloudIds().isEmpty() ? null : sa.cloudIds();
    chain.grant.scopes = scopes;
    chain.grant.chains.add(chain);
    serviceAccounts.put(sa.clientId(), new ServiceAccount(sa, chain));
  }

  /** Registers an API token acting as {@code accountId}. */
  synchronized void register(FakeApiToken token, String accountId) {
    Chain chain = new Chain(grant("api-token:" + token.email(), accountId), now(), token.scopes());
    chain.apiToken = true;
    apiTokens.put(token.email().toLowerCase(java.util.Locale.ROOT), new ApiToken(token, chain));
  }

  /** {@code grant_type=client_credentials}: a fresh access token of the service account, no refresh token. */
  private synchronized Resp clientCredentials(String clientId, String secret) {
    ServiceAccount sa = clientId == null ? null : serviceAccounts.get(clientId);
    if (sa == null || secret == null || !java.security.MessageDigest.isEqual(
        sa.account().clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    sa.chain().grant.tokenRequests++;
    Resp r = answer(sa.chain(), null);
    r.accountId = sa.chain().grant.accountId;
    return r;
  }

  /**
   * What authenticates a request through the gateway ({@code /ex/jira/{cloudId}/…}): a live bearer token, or a
   * registered API token as Basic that has not expired; null otherwise.
   */
  synchronized Chain authenticateGateway(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return authenticate(authorization);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    ApiToken t = apiTokens.get(decoded.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
    if (t == null || !java.security.MessageDigest.isEqual(
        t.token().token().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        decoded.substring(colon + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return null;
    }
    if (t.token().expiresAt() != null && !java.time.Instant.ofEpochMilli(now()).isBefore(t.token().expiresAt())) {
      return null;
    }
    return t.chain();
  }

  /** How many client-credentials tokens this service account was given. */
  synchronized int serviceAccountTokenRequests(String clientId) {
    ServiceAccount sa = serviceAccounts.get(clientId);
    return sa == null ? 0 : sa.chain().grant.tokenRequests;
  }

  // ------------------------------------------------------------------ API side

  /** The live chain behind a bearer token, or null when unknown, expired or revoked. */
  synchronized Chain authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    AccessToken at = accessTokens.get(authorization.substring(7).trim());
    if (at == null || at.chain.revoked || at.expiresAt <= now()) {
      return null;
    }
    return at.chain;
  }

  synchronized String latestRefreshToken(String clientId, String accountId) {
    Grant g = grants.get(clientId + "\n" + accountId);
    return g == null ? null : g.latestRefreshToken;
  }

  synchronized int tokenRequests(String clientId, String accountId) {
    Grant g = grants.get(clientId + "\n" + accountId);
    return g == null ? 0 : g.tokenRequests;
  }

  synchronized void revokeGrant(String accountId) {
    for (Grant g : grants.values()) {
      if (g.accountId.equals(accountId)) {
        for (Chain ch : g.chains) {
          revoke(ch);
        }
      }
    }
  }

  synchronized void expireAccessTokens(String accountId) {
    for (AccessToken at : accessTokens.values()) {
      if (at.chain.grant.accountId.equals(accountId)) {
        at.expiresAt = Math.min(at.expiresAt, now());
      }
    }
  }
}
