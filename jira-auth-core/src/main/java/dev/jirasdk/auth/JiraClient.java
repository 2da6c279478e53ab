package dev.jirasdk.auth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Types;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one site's Jira REST API as one connection. Paths are relative to the site: the client routes them to
 * {@code {apiBase}/ex/jira/{cloudId}/…} and authenticates each request with its {@link JiraCredentials}, which
 * keep themselves fresh — a user's 3LO grant, a service account's client credentials or a scoped API token; the
 * client does not care which.
 *
 * <pre>{@code
 * // 3LO: the connection's site, and the AtlassianOAuth instance's HTTP client, clock and retry settings
 * JiraClient jira = oauth.jiraClient(connectionId);
 * // any credentials: what the client uses, passed one by one
 * JiraClient jira = JiraClient.builder()
 *     .credentials(serviceAccount)       // or apiToken, or oauth.credentials(grantId)
 *     .cloudId(site.cloudId())
 *     .httpClient(http)                  // shared pools; a new OkHttpClient if not set
 *     .build();
 * Map<String, Object> me = jira.myself();
 * String page = jira.executeForString(JiraRequest.get("rest/api/3/project/search").query("maxResults", 50).build());
 * }</pre>
 *
 * <p>Three layers, outermost first:
 * <ol>
 *   <li>Retries (Failsafe), the only retry layer of the SDK: 429, 500, 502, 503, 504, connection faults and
 *       malformed or truncated bodies ({@link MalformedResponseException}), honouring {@code Retry-After}
 *       ({@link RetryAfter}), otherwise backing off from 2 s doubling with ×0.7–1.3 jitter; a request is sent at
 *       most {@code maxAttempts} times (4 by default), and only requests safe to repeat are repeated at all (GET,
 *       and reads sent as POST marked {@link JiraRequest.Builder#safeToRetry()}) — except that a 429 is repeated
 *       for any request, writes included, because Jira did nothing with it.
 *   <li>Authentication: an interceptor adds {@code Authorization} from the {@link JiraCredentials}; an
 *       authenticator answers a 401 by asking the credentials once ({@link JiraCredentials#afterUnauthorized}):
 *       a 3LO grant refreshes, and only if the failed request carried the current token; a service account
 *       fetches a new token on the same terms; an API token gives up ({@link ApiTokenException}).
 *       403 never refreshes: it becomes a {@link JiraPermissionException} listing the scopes held. Nor does a
 *       401 whose body says {@code scope does not match} (Jira's answer to a missing scope): it becomes a
 *       {@link JiraPermissionException} naming the scopes the endpoint needs.
 *   <li>The host's {@link OkHttpClient}, derived with {@code newBuilder()} so pools are shared.
 * </ol>
 *
 * <p>Errors are typed: {@link JiraApiException} (with Jira's {@code errorMessages}), {@link JiraRateLimitException},
 * {@link JiraPermissionException}, {@link ReauthorizationRequiredException}, {@link ApiTokenException},
 * {@link JiraTransportException}, {@link UnexpectedResponseException} (well-formed JSON of the wrong shape; not
 * retried) and its {@link MalformedResponseException}. Immutable and thread-safe.
 */
public final class JiraClient {
  private static final Logger log = LoggerFactory.getLogger(JiraClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonAdapter<Map<String, Object>> MAP_ADAPTER =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final JiraCredentials credentials;
  private final String connectionId;
  private final String cloudId;
  private final @Nullable Set<String> scopesHeld;
  private final HttpUrl apiBaseUrl;
  private final HttpUrl baseUrl;
  private final OkHttpClient hostHttp;
  private final OkHttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RequestListener requestListener;
  private final List<Interceptor> interceptors;
  private final List<Interceptor> networkInterceptors;
  private final int maxAttempts;
  private final Duration retryBase;
  private final Duration retryMax;
  private final RetryPolicy<Object> retryPolicy;

  private JiraClient(Builder b, HttpUrl apiBase) {
    this.credentials = b.credentials;
    this.cloudId = b.cloudId;
    this.connectionId = b.connectionId != null ? b.connectionId : b.cloudId;
    this.scopesHeld = b.scopesHeld;
    this.apiBaseUrl = apiBase;
    this.baseUrl = apiBase.newBuilder().addPathSegments("ex/jira").addPathSegment(cloudId).addPathSegment("")
        .build();
    this.hostHttp = b.httpClient != null ? b.httpClient : new OkHttpClient();
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.requestListener = b.requestListener;
    this.interceptors = List.copyOf(b.interceptors);
    this.networkInterceptors = List.copyOf(b.networkInterceptors);
    this.maxAttempts = b.maxAttempts;
    this.retryBase = b.retryBase;
    this.retryMax = b.retryMax;
    this.retryPolicy = AtlassianOAuth.retryPolicy(maxAttempts, retryBase, retryMax);
    OkHttpClient.Builder hb = hostHttp.newBuilder();
    interceptors.forEach(hb::addInterceptor);
    if (requestListener != RequestListener.NONE) {
      hb.addInterceptor(new ListeningInterceptor(requestListener, connectionId, baseUrl.encodedPath()));
    }
    hb.addInterceptor(new AuthorizationInterceptor());
    networkInterceptors.forEach(hb::addNetworkInterceptor);
    hb.authenticator(new UnauthorizedAuthenticator());
    this.http = hb.build();
  }

  /** A builder for a client of any {@link JiraCredentials}; 3LO users usually call {@link AtlassianOAuth#jiraClient}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host's id of this connection (the stored connection's id for 3LO; the cloud id unless set otherwise). */
  public String connectionId() {
    return connectionId;
  }

  /**
   * The 3LO grant whose tokens this client uses; for other credentials, their {@link JiraCredentials#id()}
   * (such as {@code service-account:{clientId}}).
   */
  public String grantId() {
    return credentials.id();
  }

  public String cloudId() {
    return cloudId;
  }

  /** How this client authenticates. */
  public JiraCredentials credentials() {
    return credentials;
  }

  /** The OAuth scopes this connection's credentials hold (empty when not known). */
  public Set<String> scopesHeld() {
    return scopesHeld != null ? scopesHeld : credentials.scopes();
  }

  /** {@code {apiBase}/ex/jira/{cloudId}/}. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * The authenticated OkHttp client: bearer token and 401 handling, but no retries. Requests must use
   * absolute URLs built from {@link #baseUrl()}.
   */
  public OkHttpClient httpClient() {
    return http;
  }

  /**
   * Sends {@code request}, retrying what is safe to retry, and reads a successful body with {@code reader}
   * while it streams. A reader's {@link IOException} (a truncated body) counts as a connection fault.
   */
  public <T> T execute(JiraRequest request, ResponseReader<T> reader) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(reader, "reader == null");
    Request httpRequest = toHttpRequest(request);
    Outcome<T> outcome = attempt(request, httpRequest, reader, 1);
    if (outcome.done) return outcome.value;
    // The failure path: only now is a retry execution worth its allocation.
    Execution<Object> execution = Execution.of(retryPolicy);
    for (int attempt = 1; ; attempt++) {
      // A 429 means Jira did nothing with the request, so even a write may be sent again.
      boolean retryable = outcome.retryable && (request.safeToRetry() || Objects.equals(outcome.status, 429));
      if (retryable) execution.record(outcome.status, outcome.failure);
      if (!retryable || execution.isComplete()) throw outcome.toException(request, attempt, scopesHeld());
      Duration delay = outcome.retryAfter.orElse(execution.getDelay());
      log.debug("{} {} attempt {} failed ({}); retrying in {} ms", connectionId, request.endpoint(), attempt,
          outcome.describe(), delay.toMillis());
      notifyRetry(request, attempt, outcome, delay);
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JiraTransportException(request.endpoint(), attempt, e);
      }
      outcome = attempt(request, httpRequest, reader, attempt + 1);
      if (outcome.done) return outcome.value;
    }
  }

  private void notifyRetry(JiraRequest request, int attempt, Outcome<?> outcome, Duration delay) {
    try {
      requestListener.retrying(connectionId, request.method(), request.path(), attempt,
          outcome.status == null ? RequestListener.RequestEvent.NO_RESPONSE : outcome.status, delay);
    } catch (RuntimeException e) {
      log.warn("request listener failed on a retry of {}; ignored", request.endpoint(), e);
    }
  }

  /** Sends {@code request} and returns the body as a string ("" when there is none). */
  public String executeForString(JiraRequest request) {
    return execute(request, body -> new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  /** {@code GET path}, decoded by Moshi into {@code type} (maps, lists or your own classes). */
  public <T> T get(String path, Class<T> type) {
    JsonAdapter<T> adapter = Json.MOSHI.adapter(type);
    JiraRequest request = JiraRequest.get(path).build();
    return execute(request, source -> decode(request, adapter, source));
  }

  /** {@code GET rest/api/3/myself}: a cheap call that proves the connection works. */
  public Map<String, Object> myself() {
    JiraRequest request = JiraRequest.get("rest/api/3/myself").build();
    return execute(request, source -> decode(request, MAP_ADAPTER, source));
  }

  private static <T> T decode(JiraRequest request, JsonAdapter<T> adapter, InputStream body) throws IOException {
    try {
      T value = adapter.fromJson(Okio.buffer(Okio.source(body)));
      if (value == null) throw new UnexpectedResponseException(request.endpoint(), 200, "expected JSON, got null");
      return value;
    } catch (JsonDataException e) {
      throw new UnexpectedResponseException(request.endpoint(), 200, e.getMessage(), e);
    }
  }

  /** A builder of a variant of this client that shares its connection pool. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "JiraClient[connection=" + connectionId + ", cloudId=" + cloudId + ", credentials=" + credentials.id()
        + "]";
  }

  private Request toHttpRequest(JiraRequest r) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(r.path());
    for (Map.Entry<String, String> q : r.query()) url.addQueryParameter(q.getKey(), q.getValue());
    RequestBody body = r.jsonBody() == null
        ? ("GET".equals(r.method()) || "DELETE".equals(r.method()) ? null : RequestBody.create(new byte[0], JSON))
        : RequestBody.create(r.jsonBody(), JSON);
    return new Request.Builder().url(url.build()).method(r.method(), body).header("Accept", "application/json")
        .build();
  }

  private <T> Outcome<T> attempt(JiraRequest request, Request httpRequest, ResponseReader<T> reader, int attempt) {
    try (Response response = http.newCall(httpRequest).execute()) {
      int status = response.code();
      if (response.isSuccessful()) {
        ResponseBody body = response.body();
        try {
          return Outcome.success(reader.read(body.byteStream()));
        } catch (JsonDataException e) {
          // Well-formed JSON of the wrong shape: the same answer would come again, so it is not retried.
          throw new UnexpectedResponseException(request.endpoint(), status, e.getMessage(), e);
        } catch (MalformedResponseException | JsonEncodingException e) {
          return Outcome.malformed(status, e.getMessage(), e);
        } catch (EOFException e) {
          return Outcome.malformed(status, "the body ended early (truncated)", e);
        }
      }
      String text = readErrorBody(response);
      return Outcome.httpError(status, text, response.header("Content-Type", ""),
          RetryAfter.parse(response.header("Retry-After"), clock), response.header("RateLimit-Reason"));
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) throw new JiraTransportException(request.endpoint(), attempt, e);
      return Outcome.failure(e);
    } catch (IOException e) {
      return Outcome.failure(e);
    }
  }

  private static String readErrorBody(Response response) {
    try {
      ResponseBody body = response.body();
      if (body == null) return "";
      BufferedSource source = body.source();
      source.request(64 * 1024);
      return source.getBuffer().snapshot().utf8();
    } catch (IOException e) {
      return "";
    }
  }

  /** One attempt's result: a value, or what went wrong and whether a retry may help. */
  private static final class Outcome<T> {
    final boolean done;
    final T value;
    final Integer status;
    final String body;
    final String contentType;
    final IOException failure;
    final Optional<Duration> retryAfter;
    final String reason;
    final String malformed;
    final Throwable malformedCause;
    final boolean retryable;

    private Outcome(boolean done, T value, Integer status, String body, String contentType, IOException failure,
        Optional<Duration> retryAfter, String reason, String malformed, Throwable malformedCause) {
      this.done = done;
      this.value = value;
      this.status = status;
      this.body = body;
      this.contentType = contentType;
      this.failure = failure;
      this.retryAfter = retryAfter;
      this.reason = reason;
      this.malformed = malformed;
      this.malformedCause = malformedCause;
      // 429 and 503 are Atlassian's "slow down"; 500, 502 and 504 are servers or gateways failing in between; a
      // malformed body of a success is a damaged answer. Only requests safe to repeat are retried at all.
      this.retryable = failure != null || malformed != null
          || (status != null && (status == 429 || status == 500 || status == 502 || status == 503 || status == 504));
    }

    static <T> Outcome<T> success(T value) {
      return new Outcome<>(true, value, null, null, null, null, Optional.empty(), null, null, null);
    }

    static <T> Outcome<T> failure(IOException e) {
      return new Outcome<>(false, null, null, null, null, e, Optional.empty(), null, null, null);
    }

    static <T> Outcome<T> malformed(int status, String problem, Throwable cause) {
      return new Outcome<>(false, null, status, null, null, null, Optional.empty(), null,
          problem == null ? "unreadable" : problem, cause);
    }

    static <T> Outcome<T> httpError(int status, String body, String contentType, Optional<Duration> retryAfter,
        String reason) {
      return new Outcome<>(false, null, status, body, contentType, null, retryAfter, reason, null, null);
    }

    String describe() {
      return failure != null ? failure.getClass().getSimpleName()
          : malformed != null ? "malformed body" : "HTTP " + status;
    }

    JiraException toException(JiraRequest request, int attempts, Set<String> scopesHeld) {
      String endpoint = request.endpoint();
      if (failure != null) return new JiraTransportException(endpoint, attempts, failure);
      if (malformed != null) {
        return new MalformedResponseException(endpoint, status, malformed, attempts, malformedCause);
      }
      Object json = Json.parseOrNull(body);
      List<String> messages = new ArrayList<>(Json.errorMessages(json));
      if (json == null && !body.isEmpty()) messages.add("(body is " + NonJsonBody.describe(contentType, body) + ")");
      Map<String, String> errors = Json.errors(json);
      if (status == 429 || (status == 503 && retryAfter.isPresent())) {
        return new JiraRateLimitException(status, endpoint, retryAfter.orElse(null), reason, messages, attempts);
      }
      if (status == 403 || (status == 401 && scopeMismatch(body))) {
        return new JiraPermissionException(status, endpoint, messages, errors, scopesHeld,
            EndpointScopes.required(request.method(), request.path()), attempts);
      }
      return new JiraApiException(status, endpoint, messages, errors, attempts);
    }
  }

  /** Jira Cloud's answer to a token that lacks the endpoint's scope (a 401, although the token is fresh). */
  static boolean scopeMismatch(@Nullable String body) {
    return body != null && body.contains("scope does not match");
  }

  private static @Nullable String peek(Response response) {
    try {
      return response.peekBody(4096).string();
    } catch (IOException e) {
      return null; // unreadable: treat as an ordinary 401
    }
  }

  /** Adds the credentials' header. Runs once per call; the authenticator handles 401s. */
  private final class AuthorizationInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      return chain.proceed(chain.request().newBuilder().header("Authorization", credentials.authorization()).build());
    }
  }

  /** On 401: ask the credentials once (refresh, fetch anew, or give up), never for a missing scope. */
  private final class UnauthorizedAuthenticator implements Authenticator {
    @Override
    public Request authenticate(okhttp3.Route route, Response response) {
      if (response.priorResponse() != null) return null; // already retried once: give up
      if (scopeMismatch(peek(response))) {
        log.debug("{}: 401 from {} says the scope does not match; new credentials cannot help", connectionId,
            response.request().url().encodedPath());
        return null;
      }
      String sent = response.request().header("Authorization");
      if (sent == null) return null;
      log.debug("{}: 401 from {}; asking {} whether to try again", connectionId,
          response.request().url().encodedPath(), credentials.id());
      String next;
      try {
        next = credentials.afterUnauthorized(sent);
      } catch (RuntimeException e) {
        response.close(); // a final answer (a dead grant, a rejected API token): release the connection first
        throw e;
      }
      return next == null ? null : response.request().newBuilder().header("Authorization", next).build();
    }
  }

  /**
   * Configures a {@link JiraClient}. Essentials: {@link #credentials}, {@link #cloudId}. Frequently used:
   * {@link #httpClient}, {@link #connectionId}, {@link #requestListener}. Rarely used: the API base URL, clock,
   * retry settings, interceptors. From {@link JiraClient#newBuilder()} it starts as a copy of that client, and
   * the variant shares its connection pool. Not thread-safe; {@link #build()} leaves it unchanged.
   */
  public static final class Builder {
    private @Nullable JiraCredentials credentials;
    private @Nullable String cloudId;
    private @Nullable String connectionId;
    private @Nullable Set<String> scopesHeld;
    private String apiBaseUrl = AtlassianOAuth.DEFAULT_API_BASE_URL;
    private @Nullable OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RequestListener requestListener = RequestListener.NONE;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<Interceptor> networkInterceptors = new ArrayList<>();
    private int maxAttempts = AtlassianOAuth.DEFAULT_MAX_ATTEMPTS;
    private Duration retryBase = AtlassianOAuth.DEFAULT_RETRY_BASE_DELAY;
    private Duration retryMax = AtlassianOAuth.DEFAULT_RETRY_MAX_DELAY;

    private Builder() {}

    private Builder(JiraClient base) {
      this.credentials = base.credentials;
      this.cloudId = base.cloudId;
      this.connectionId = base.connectionId;
      this.scopesHeld = base.scopesHeld;
      this.apiBaseUrl = base.apiBaseUrl.toString();
      this.httpClient = base.hostHttp;
      this.clock = base.clock;
      this.sleeper = base.sleeper;
      this.requestListener = base.requestListener;
      this.interceptors.addAll(base.interceptors);
      this.networkInterceptors.addAll(base.networkInterceptors);
      this.maxAttempts = base.maxAttempts;
      this.retryBase = base.retryBase;
      this.retryMax = base.retryMax;
    }

    /** Essential: how requests authenticate. */
    public Builder credentials(JiraCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** Essential: the site, as {@code accessible-resources} names it ({@link Site#cloudId()}). */
    public Builder cloudId(String cloudId) {
      this.cloudId = Objects.requireNonNull(cloudId, "cloudId == null");
      return this;
    }

    /** The host's name for this connection, in events and logs. Default: the cloud id. */
    public Builder connectionId(String connectionId) {
      this.connectionId = Objects.requireNonNull(connectionId, "connectionId == null");
      return this;
    }

    /** The scopes permission errors list as held. Default: the credentials' {@link JiraCredentials#scopes()}. */
    public Builder scopesHeld(Set<String> scopes) {
      this.scopesHeld = Set.copyOf(Objects.requireNonNull(scopes, "scopes == null"));
      return this;
    }

    /** Default {@value AtlassianOAuth#DEFAULT_API_BASE_URL}; point it at a FakeJiraCloud in tests. */
    public Builder apiBaseUrl(String url) {
      this.apiBaseUrl = Objects.requireNonNull(url, "apiBaseUrl == null");
      return this;
    }

    /** The host's client; the SDK derives its own with {@code newBuilder()}, sharing pools. */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient == null");
      return this;
    }

    /** Reads {@code Retry-After} dates against it. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Hears every attempt and retry of this client. */
    public Builder requestListener(RequestListener listener) {
      this.requestListener = Objects.requireNonNull(listener, "requestListener == null");
      return this;
    }

    /** Runs for every attempt, inside the retry layer, before the credentials are added (e.g. a rate governor). */
    public Builder addInterceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    /** Runs for every request on the wire, 401 retries included; sees the final headers. */
    public Builder addNetworkInterceptor(Interceptor interceptor) {
      networkInterceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    /** Attempts for retryable failures. Default {@value AtlassianOAuth#DEFAULT_MAX_ATTEMPTS}. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
      this.maxAttempts = attempts;
      return this;
    }

    /** Backoff without {@code Retry-After}: from {@code base} doubling to {@code max}, ×0.7–1.3 jitter. */
    public Builder retryDelay(Duration base, Duration max) {
      Objects.requireNonNull(base, "base == null");
      Objects.requireNonNull(max, "max == null");
      if (base.isNegative() || max.isNegative()) throw new IllegalArgumentException("negative retry delay");
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    /** How retries wait. Tests pass one that advances a fake clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException naming every missing or bad field
     */
    public JiraClient build() {
      List<String> problems = new ArrayList<>();
      if (credentials == null) {
        problems.add("credentials are missing (an OAuthGrantCredentials, ServiceAccountCredentials or "
            + "ApiTokenCredentials)");
      }
      if (cloudId == null || cloudId.isBlank()) {
        problems.add("cloudId is missing (the site's id from accessible-resources)");
      } else if (cloudId.contains("/") || cloudId.strip().length() != cloudId.length()) {
        problems.add("cloudId must be a site id, not a URL or path: " + cloudId);
      }
      if (connectionId != null && connectionId.isBlank()) problems.add("connectionId is blank");
      HttpUrl apiBase = Urls.parseBase("apiBaseUrl", apiBaseUrl, problems);
      if (!problems.isEmpty()) throw new IllegalStateException("invalid JiraClient: " + String.join("; ", problems));
      return new JiraClient(this, apiBase);
    }
  }
}
