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
 * Calls one site's Jira REST API as one connection (a grant on a site). Paths are relative to the site:
 * the client routes them to {@code {apiBase}/ex/jira/{cloudId}/…} and adds a bearer token that is always
 * fresh.
 *
 * <pre>{@code
 * JiraClient jira = oauth.jiraClient(connectionId);
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
 *   <li>Authentication: an interceptor adds {@code Authorization: Bearer …} from the {@link TokenManager};
 *       an authenticator answers a 401 by refreshing once, and only if the failed request carried the current
 *       token (if another thread refreshed meanwhile, it just retries with the current token).
 *       403 never refreshes: it becomes a {@link JiraPermissionException} listing the scopes held. Nor does a
 *       401 whose body says {@code scope does not match} (Jira's answer to a missing scope): it becomes a
 *       {@link JiraPermissionException} naming the scopes the endpoint needs.
 *   <li>The host's {@link OkHttpClient}, derived with {@code newBuilder()} so pools are shared.
 * </ol>
 *
 * <p>Errors are typed: {@link JiraApiException} (with Jira's {@code errorMessages}), {@link JiraRateLimitException},
 * {@link JiraPermissionException}, {@link ReauthorizationRequiredException}, {@link JiraTransportException},
 * {@link UnexpectedResponseException} (well-formed JSON of the wrong shape; not retried) and its
 * {@link MalformedResponseException}. Immutable and thread-safe.
 */
public final class JiraClient {
  private static final Logger log = LoggerFactory.getLogger(JiraClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonAdapter<Map<String, Object>> MAP_ADAPTER =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final AtlassianOAuth oauth;
  private final SiteConnection connection;
  private final Set<String> scopesHeld;
  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final List<Interceptor> interceptors;
  private final List<Interceptor> networkInterceptors;
  private final int maxAttempts;
  private final Duration retryBase;
  private final Duration retryMax;
  private final Sleeper sleeper;
  private final RetryPolicy<Object> retryPolicy;

  JiraClient(AtlassianOAuth oauth, SiteConnection connection, Set<String> scopesHeld) {
    this(oauth, connection, scopesHeld, List.of(), List.of(), oauth.maxAttempts(), oauth.retryBaseDelay(),
        oauth.retryMaxDelay(), oauth.sleeper());
  }

  private JiraClient(AtlassianOAuth oauth, SiteConnection connection, Set<String> scopesHeld,
      List<Interceptor> interceptors, List<Interceptor> networkInterceptors, int maxAttempts, Duration retryBase,
      Duration retryMax, Sleeper sleeper) {
    this.oauth = oauth;
    this.connection = connection;
    this.scopesHeld = Set.copyOf(scopesHeld);
    this.baseUrl = oauth.apiBaseUrl().newBuilder().addPathSegments("ex/jira")
        .addPathSegment(connection.cloudId()).addPathSegment("").build();
    this.interceptors = List.copyOf(interceptors);
    this.networkInterceptors = List.copyOf(networkInterceptors);
    this.maxAttempts = maxAttempts;
    this.retryBase = retryBase;
    this.retryMax = retryMax;
    this.sleeper = sleeper;
    this.retryPolicy = AtlassianOAuth.retryPolicy(maxAttempts, retryBase, retryMax);
    OkHttpClient.Builder b = oauth.http().newBuilder();
    interceptors.forEach(b::addInterceptor);
    if (oauth.requestListener() != RequestListener.NONE) {
      b.addInterceptor(new ListeningInterceptor(oauth.requestListener(), connection.id(), baseUrl.encodedPath()));
    }
    b.addInterceptor(new BearerInterceptor());
    networkInterceptors.forEach(b::addNetworkInterceptor);
    b.authenticator(new RefreshingAuthenticator());
    this.http = b.build();
  }

  public String connectionId() {
    return connection.id();
  }

  public String grantId() {
    return connection.grantId();
  }

  public String cloudId() {
    return connection.cloudId();
  }

  /** The OAuth scopes this connection's grant holds (empty when not known). */
  public Set<String> scopesHeld() {
    return scopesHeld;
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
      if (!retryable || execution.isComplete()) throw outcome.toException(request, attempt, scopesHeld);
      Duration delay = outcome.retryAfter.orElse(execution.getDelay());
      log.debug("{} {} attempt {} failed ({}); retrying in {} ms", connection.id(), request.endpoint(), attempt,
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
      oauth.requestListener().retrying(connection.id(), request.method(), request.path(), attempt,
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
    return "JiraClient[connection=" + connection.id() + ", cloudId=" + connection.cloudId() + "]";
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
          RetryAfter.parse(response.header("Retry-After"), oauth.clock()), response.header("RateLimit-Reason"));
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

  /** Adds the bearer token. Runs once per call; the authenticator handles 401s. */
  private final class BearerInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      String token = oauth.tokens().accessToken(connection.grantId());
      return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
    }
  }

  /** On 401: refresh once, and only if the rejected request carried the current token. */
  private final class RefreshingAuthenticator implements Authenticator {
    @Override
    public Request authenticate(okhttp3.Route route, Response response) {
      if (response.priorResponse() != null) return null; // already retried once: give up
      if (scopeMismatch(peek(response))) {
        log.debug("{}: 401 from {} says the scope does not match; a refresh cannot help", connection.id(),
            response.request().url().encodedPath());
        return null;
      }
      String header = response.request().header("Authorization");
      if (header == null || !header.startsWith("Bearer ")) return null;
      String sent = header.substring("Bearer ".length());
      log.debug("{}: 401 from {}; checking whether the token is still current", connection.id(),
          response.request().url().encodedPath());
      String token = oauth.tokens().refreshAfterUnauthorized(connection.grantId(), sent);
      return response.request().newBuilder().header("Authorization", "Bearer " + token).build();
    }
  }

  /** Configures a variant of a {@link JiraClient}; it shares the original's connection pool. */
  public static final class Builder {
    private final JiraClient base;
    private final List<Interceptor> interceptors;
    private final List<Interceptor> networkInterceptors;
    private int maxAttempts;
    private Duration retryBase;
    private Duration retryMax;
    private Sleeper sleeper;

    private Builder(JiraClient base) {
      this.base = base;
      this.interceptors = new ArrayList<>(base.interceptors);
      this.networkInterceptors = new ArrayList<>(base.networkInterceptors);
      this.maxAttempts = base.maxAttempts;
      this.retryBase = base.retryBase;
      this.retryMax = base.retryMax;
      this.sleeper = base.sleeper;
    }

    /** Runs for every attempt, inside the retry layer, before the bearer token is added (e.g. a rate governor). */
    public Builder addInterceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    /** Runs for every request on the wire, 401 retries included; sees the final headers. */
    public Builder addNetworkInterceptor(Interceptor interceptor) {
      networkInterceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    public Builder maxAttempts(int attempts) {
      if (attempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
      this.maxAttempts = attempts;
      return this;
    }

    public Builder retryDelay(Duration base, Duration max) {
      Objects.requireNonNull(base, "base == null");
      Objects.requireNonNull(max, "max == null");
      if (base.isNegative() || max.isNegative()) throw new IllegalArgumentException("negative retry delay");
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    public JiraClient build() {
      return new JiraClient(base.oauth, base.connection, base.scopesHeld, interceptors, networkInterceptors,
          maxAttempts, retryBase, retryMax, sleeper);
    }
  }
}
