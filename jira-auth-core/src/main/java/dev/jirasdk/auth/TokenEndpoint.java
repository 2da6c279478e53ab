package dev.jirasdk.auth;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to {@code POST /oauth/token}: exchanges codes, refreshes tokens and fetches client-credentials tokens, classifying every answer into a
 * success, a terminal error (the grant is dead), or a transient one (retried, nothing changes).
 */
final class TokenEndpoint {
  private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String ENDPOINT = "POST /oauth/token";

  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final AtlassianOAuth.TokenRequestEncoding encoding;
  private final Clock clock;
  private final RetryPolicy<Object> retryPolicy;
  private final Sleeper sleeper;
  private final TokenListener listener;

  TokenEndpoint(OkHttpClient http, HttpUrl authBase, String clientId, String clientSecret, String redirectUri,
      AtlassianOAuth.TokenRequestEncoding encoding, Clock clock, RetryPolicy<Object> retryPolicy,
      Sleeper sleeper, TokenListener listener) {
    this.http = http;
    this.tokenUrl = authBase.newBuilder().addPathSegments("oauth/token").build();
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUri = redirectUri;
    this.encoding = encoding;
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /**
   * Exchanges an authorization code. Not retried: a code is single use.
   *
   * @param codeVerifier the PKCE verifier of the flow, or null when it was started without PKCE
   */
  TokenResponse exchange(String code, @Nullable String codeVerifier) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("client_id", clientId);
    body.put("client_secret", clientSecret);
    body.put("code", code);
    body.put("redirect_uri", redirectUri);
    if (codeVerifier != null) body.put("code_verifier", codeVerifier);
    Instant sentAt = clock.instant();
    Attempt attempt;
    try {
      attempt = send(body);
    } catch (IOException e) {
      throw new JiraTransportException(ENDPOINT, 1, e);
    }
    if (attempt.status == 200) return parseSuccess(attempt, sentAt, "code exchange");
    Map<String, Object> error = Json.asObject(Json.parseOrNull(attempt.body));
    String errorCode = Json.string(error, "error");
    String description = Json.string(error, "error_description");
    if (errorCode == null) {
      throw unexpected(attempt, "code exchange failed and the body is not an OAuth error but "
          + describeNonJson(attempt));
    }
    String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
    if ("invalid_grant".equals(errorCode) || d.contains("authorization_code") || d.contains("code is invalid")
        || d.contains("expired")) {
      throw new AuthorizationCodeException(attempt.status, errorCode, description);
    }
    throw new OAuthException(attempt.status, errorCode, description, "code exchange rejected");
  }

  /**
   * Refreshes with {@code refreshToken}, retrying transient failures.
   *
   * @throws TerminalRefreshError if Atlassian says the refresh token is dead
   */
  TokenResponse refresh(String grantId, String refreshToken) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("client_id", clientId);
    body.put("client_secret", clientSecret);
    body.put("refresh_token", refreshToken);
    return sendRetrying(body, grantId, "refresh of grant " + grantId, true);
  }

  /**
   * Fetches a service account's access token ({@code grant_type=client_credentials}; no refresh token comes
   * back), retrying transient failures.
   *
   * @throws OAuthException if Atlassian refuses the client id or secret
   */
  TokenResponse clientCredentials(String credentialsId) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    body.put("client_id", clientId);
    body.put("client_secret", clientSecret);
    return sendRetrying(body, credentialsId, "client-credentials token of " + credentialsId, false);
  }

  /**
   * Posts {@code body} until it succeeds, is refused, or the retry policy gives up on transient failures.
   *
   * @param id the grant or credentials id, for listeners
   * @param what what is being done, for messages
   * @param deadAsTerminal whether a dead-grant error becomes a {@link TerminalRefreshError} (refreshes) rather
   *     than an {@link OAuthException}
   */
  private TokenResponse sendRetrying(Map<String, String> body, String id, String what, boolean deadAsTerminal) {
    Execution<Object> execution = Execution.of(retryPolicy);
    while (true) {
      Instant sentAt = clock.instant();
      Attempt attempt = null;
      IOException failure = null;
      try {
        attempt = send(body);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) throw new JiraTransportException(ENDPOINT, 1, e);
        failure = e;
      } catch (IOException e) {
        failure = e;
      }
      String transientReason;
      if (failure != null) {
        transientReason = "connection failure: " + failure.getClass().getSimpleName();
      } else if (attempt.status == 200) {
        return parseSuccess(attempt, sentAt, what);
      } else if (attempt.status == 429 || attempt.status >= 500) {
        transientReason = "HTTP " + attempt.status;
      } else {
        Map<String, Object> error = Json.asObject(Json.parseOrNull(attempt.body));
        String code = Json.string(error, "error");
        String description = Json.string(error, "error_description");
        if (code == null) {
          throw unexpected(attempt, what + " failed and the body is not an OAuth error but "
              + describeNonJson(attempt));
        }
        if (deadAsTerminal && isTerminal(code)) throw new TerminalRefreshError(attempt.status, code, description);
        throw new OAuthException(attempt.status, code, description, what + " rejected");
      }
      execution.record(failure == null ? attempt.status : null, failure);
      listener.transientFailure(id, execution.getAttemptCount(), transientReason);
      if (execution.isComplete()) {
        log.warn("{} failed {} times, giving up for now: {}", what, execution.getAttemptCount(), transientReason);
        if (failure != null) throw new JiraTransportException(ENDPOINT, execution.getAttemptCount(), failure);
        throw new OAuthException(attempt.status, "temporarily_unavailable",
            transientReason + " after " + execution.getAttemptCount() + " attempts", what + " failed");
      }
      Duration delay = attempt != null ? RetryAfter.parse(attempt.retryAfter, clock).orElse(execution.getDelay())
          : execution.getDelay();
      log.debug("{} failed ({}), retrying in {} ms", what, transientReason, delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JiraTransportException(ENDPOINT, execution.getAttemptCount(), e);
      }
    }
  }

  static boolean isTerminal(String error) {
    return "invalid_grant".equals(error) || "unauthorized_client".equals(error) || "invalid_client".equals(error);
  }

  private Attempt send(Map<String, String> fields) throws IOException {
    RequestBody body;
    if (encoding == AtlassianOAuth.TokenRequestEncoding.FORM) {
      FormBody.Builder form = new FormBody.Builder();
      fields.forEach(form::add);
      body = form.build();
    } else {
      body = RequestBody.create(Json.write(fields), JSON);
    }
    Request request = new Request.Builder().url(tokenUrl).post(body).header("Accept", "application/json").build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : rb.string();
      String contentType = response.header("Content-Type", "");
      return new Attempt(response.code(), text, contentType, response.header("Retry-After"));
    }
  }

  private TokenResponse parseSuccess(Attempt attempt, Instant sentAt, String what) {
    Object parsed = Json.parseOrNull(attempt.body);
    Map<String, Object> obj = Json.asObject(parsed);
    if (obj == null) {
      throw unexpected(attempt, what + ": expected a JSON object at $ but the body is "
          + (parsed == null ? describeNonJson(attempt) : "not an object"));
    }
    String access = Json.string(obj, "access_token");
    if (access == null || access.isEmpty()) {
      throw unexpected(attempt, what + ": expected a string at $.access_token");
    }
    Object expiresIn = obj.get("expires_in");
    if (!(expiresIn instanceof Number n) || n.doubleValue() <= 0) {
      throw unexpected(attempt, what + ": expected a positive number at $.expires_in, got "
          + (expiresIn == null ? "nothing" : expiresIn instanceof Number ? expiresIn : "a " + expiresIn.getClass().getSimpleName()));
    }
    String refresh = Json.string(obj, "refresh_token");
    if (refresh != null && refresh.isEmpty()) refresh = null;
    return new TokenResponse(access, refresh, sentAt.plusSeconds(n.longValue()), sentAt,
        Json.string(obj, "scope"));
  }

  private static String describeNonJson(Attempt attempt) {
    return NonJsonBody.describe(attempt.contentType, attempt.body);
  }

  private static UnexpectedResponseException unexpected(Attempt attempt, String problem) {
    return new UnexpectedResponseException(ENDPOINT, attempt.status, problem);
  }

  private record Attempt(int status, String body, String contentType, String retryAfter) {}

  /** The refresh token is dead. Internal: the token manager decides whether another writer saved the day. */
  static final class TerminalRefreshError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String error;
    final String description;

    TerminalRefreshError(int status, String error, String description) {
      super(error, null, false, false);
      this.status = status;
      this.error = error;
      this.description = description;
    }
  }
}
