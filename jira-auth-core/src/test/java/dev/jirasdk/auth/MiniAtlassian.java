package dev.jirasdk.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A small scripted Atlassian for this module's tests: one MockWebServer that serves the token endpoint
 * with rotating refresh tokens, accessible-resources, /me and Jira's myself, and lets a test put canned
 * answers in front of any of them. Token values contain "SECRET" so leak checks can find them.
 */
final class MiniAtlassian implements AutoCloseable {
  static final String CLIENT_ID = "client-123";
  static final String CLIENT_SECRET = "client-SECRET-456";
  static final String REDIRECT_URI = "https://app.example.com/auth/callback";
  static final String CLOUD_ID = "11111111-2222-3333-4444-555555555555";
  static final String ACCOUNT_ID = "5b10ac8d82e05b22cc7d4ef5";

  final MockWebServer server = new MockWebServer();
  final TestClock clock;
  final Deque<MockResponse> tokenOverrides = new ConcurrentLinkedDeque<>();
  final Deque<MockResponse> apiOverrides = new ConcurrentLinkedDeque<>();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger refreshRequests = new AtomicInteger();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> issuedSecrets = new CopyOnWriteArrayList<>();
  volatile Duration tokenDelay = Duration.ZERO;
  volatile long expiresIn = 3600;
  volatile boolean issueRefreshTokens = true;
  volatile String sitesJson = "[{\"id\":\"" + CLOUD_ID + "\",\"name\":\"acme\",\"url\":\"https://acme.atlassian.net\","
      + "\"scopes\":[\"read:jira-work\",\"read:jira-user\"],\"avatarUrl\":\"https://x/a.png\"}]";
  volatile String accountId = ACCOUNT_ID;

  private final Map<String, Boolean> validCodes = Collections.synchronizedMap(new HashMap<>());
  private final Map<String, Instant> accessTokens = Collections.synchronizedMap(new HashMap<>());
  /** The live refresh token, and the retired ones (which revoke the chain when reused). */
  private volatile String liveRefreshToken;
  private final List<String> retiredRefreshTokens = new CopyOnWriteArrayList<>();
  private volatile boolean chainRevoked;
  private final AtomicInteger counter = new AtomicInteger();

  MiniAtlassian(TestClock clock) throws IOException {
    this.clock = clock;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return MiniAtlassian.this.dispatch(request);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  /** Makes a code the token endpoint will accept once. */
  String newCode() {
    String code = "code-SECRET-" + counter.incrementAndGet();
    validCodes.put(code, true);
    issuedSecrets.add(code);
    return code;
  }

  /** Gives the grant a live pair without a consent (for token tests); returns the refresh token. */
  String liveRefreshToken() {
    return liveRefreshToken;
  }

  List<String> retiredRefreshTokens() {
    return List.copyOf(retiredRefreshTokens);
  }

  boolean isValidAccessToken(String token) {
    Instant exp = accessTokens.get(token);
    return exp != null && clock.instant().isBefore(exp);
  }

  /** Revokes a token as if Atlassian had, without the client knowing. */
  void revokeAccessToken(String token) {
    accessTokens.remove(token);
  }

  List<RecordedRequest> requestsTo(String path) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : requests) if (r.getUrl().encodedPath().equals(path)) out.add(r);
    return out;
  }

  private MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/oauth/token")) return token(request);
    MockResponse override = apiOverrides.poll();
    if (override != null) return override;
    String auth = request.getHeaders().get("Authorization");
    String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
    if (!isValidAccessToken(bearer)) {
      return json(401, "{\"code\":401,\"message\":\"Unauthorized\"}");
    }
    if (path.equals("/oauth/token/accessible-resources")) return json(200, sitesJson);
    if (path.equals("/me")) {
      return json(200, "{\"account_id\":\"" + accountId + "\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}");
    }
    if (path.startsWith("/ex/jira/") && path.endsWith("/rest/api/3/myself")) {
      return json(200, "{\"accountId\":\"" + accountId + "\",\"displayName\":\"Ada Lovelace\"}");
    }
    return json(404, "{\"errorMessages\":[\"no route " + path + "\"],\"errors\":{}}");
  }

  private synchronized MockResponse token(RecordedRequest request) {
    tokenRequests.incrementAndGet();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Map<String, Object> fields = parseFields(request, body);
    boolean refresh = "refresh_token".equals(fields.get("grant_type"));
    if (refresh) refreshRequests.incrementAndGet();
    MockResponse override = tokenOverrides.poll();
    if (override != null) return override;
    if (!CLIENT_ID.equals(fields.get("client_id")) || !CLIENT_SECRET.equals(fields.get("client_secret"))) {
      return json(401, "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
    }
    if (!refresh) {
      Object code = fields.get("code");
      if (code == null || validCodes.remove(code) == null) {
        return json(403, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}");
      }
      if (!REDIRECT_URI.equals(fields.get("redirect_uri"))) {
        return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"redirect_uri is invalid\"}");
      }
      chainRevoked = false;
      retiredRefreshTokens.clear();
      return issue();
    }
    Object rt = fields.get("refresh_token");
    if (chainRevoked || rt == null || !rt.equals(liveRefreshToken)) {
      if (rt != null && retiredRefreshTokens.contains(rt)) chainRevoked = true;
      return json(403, "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid refresh token.\"}");
    }
    return issue();
  }

  /** Issues a new pair (rotation retires the old refresh token). */
  MockResponse issue() {
    int n = counter.incrementAndGet();
    String access = "at-SECRET-" + n;
    accessTokens.put(access, clock.instant().plusSeconds(expiresIn));
    issuedSecrets.add(access);
    StringBuilder json = new StringBuilder("{\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn
        + ",\"scope\":\"read:jira-work read:jira-user offline_access\",\"token_type\":\"Bearer\"");
    if (issueRefreshTokens) {
      String refresh = "rt-SECRET-" + n;
      if (liveRefreshToken != null) retiredRefreshTokens.add(liveRefreshToken);
      liveRefreshToken = refresh;
      issuedSecrets.add(refresh);
      json.append(",\"refresh_token\":\"").append(refresh).append('"');
    }
    json.append('}');
    MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(json.toString());
    if (!tokenDelay.isZero()) b.headersDelay(tokenDelay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseFields(RecordedRequest request, String body) {
    String type = request.getHeaders().get("Content-Type");
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      Map<String, Object> out = new HashMap<>();
      HttpUrl u = HttpUrl.get("http://x/?" + body);
      for (String name : u.queryParameterNames()) out.put(name, u.queryParameter(name));
      return out;
    }
    Object parsed = Json.parseOrNull(body);
    return parsed instanceof Map ? (Map<String, Object>) parsed : Map.of();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
