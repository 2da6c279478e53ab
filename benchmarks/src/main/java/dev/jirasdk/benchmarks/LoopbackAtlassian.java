package dev.jirasdk.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A minimal Atlassian on a loopback MockWebServer for the auth benchmarks: a token endpoint that rotates
 * refresh tokens, accessible-resources, {@code /me}, and Jira's {@code myself}. It counts token requests and
 * API requests that carried a token other than the newest one. Every API request is answered by the same
 * code path, whoever sends it, so a bare OkHttp client and a {@code JiraClient} are measured against the
 * same server work.
 */
final class LoopbackAtlassian implements AutoCloseable {
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-client-secret";
  static final String REDIRECT_URI = "http://127.0.0.1/callback";
  static final String CLOUD_ID = "0b6c4e2a-7f5d-4c1e-9a3b-2d8e6f1a4c70";

  private static final String MYSELF = "{\"self\":\"https://bench.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g\","
      + "\"accountId\":\"5b10a2844c20165700ede21g\",\"accountType\":\"atlassian\",\"emailAddress\":\"ada@example.com\","
      + "\"displayName\":\"Ada Lovelace\",\"active\":true,\"timeZone\":\"Europe/London\",\"locale\":\"en_GB\"}";

  final MockWebServer server = new MockWebServer();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger refreshRequests = new AtomicInteger();
  final AtomicLong staleTokenRequests = new AtomicLong();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile String currentAccessToken = "";
  private final long expiresInSeconds;

  LoopbackAtlassian(long expiresInSeconds) throws IOException {
    this.expiresInSeconds = expiresInSeconds;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return LoopbackAtlassian.this.dispatch(request);
      }
    });
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  private MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.endsWith("/rest/api/3/myself")) {
      String auth = request.getHeaders().get("Authorization");
      if (auth != null && !auth.equals("Bearer " + currentAccessToken)) staleTokenRequests.incrementAndGet();
      return json(MYSELF);
    }
    switch (path) {
      case "/oauth/token":
        return token(request);
      case "/oauth/token/accessible-resources":
        return json("[{\"id\":\"" + CLOUD_ID + "\",\"name\":\"bench\",\"url\":\"https://bench.atlassian.net\","
            + "\"scopes\":[\"read:jira-work\",\"read:jira-user\"],\"avatarUrl\":\"https://bench/a.png\"}]");
      case "/me":
        return json("{\"account_id\":\"5b10a2844c20165700ede21g\",\"name\":\"Ada Lovelace\","
            + "\"email\":\"ada@example.com\"}");
      default:
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
            .body("{\"errorMessages\":[\"not found\"],\"errors\":{}}").build();
    }
  }

  private synchronized MockResponse token(RecordedRequest request) {
    tokenRequests.incrementAndGet();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (body.contains("refresh_token\"") && body.contains("\"grant_type\":\"refresh_token\"")
        || body.contains("grant_type=refresh_token")) {
      refreshRequests.incrementAndGet();
    }
    int n = counter.incrementAndGet();
    currentAccessToken = "bench-access-" + n;
    return json("{\"access_token\":\"" + currentAccessToken + "\",\"refresh_token\":\"bench-refresh-" + n
        + "\",\"expires_in\":" + expiresInSeconds
        + ",\"scope\":\"read:jira-work read:jira-user offline_access\",\"token_type\":\"Bearer\"}");
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
