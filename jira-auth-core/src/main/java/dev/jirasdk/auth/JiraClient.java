package dev.jirasdk.auth;

import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Calls one site's Jira REST API as one connection. (API skeleton; implementation in progress.)
 */
public final class JiraClient {
  JiraClient() {}

  public String connectionId() { throw new UnsupportedOperationException("in progress"); }
  public String grantId() { throw new UnsupportedOperationException("in progress"); }
  public String cloudId() { throw new UnsupportedOperationException("in progress"); }
  /** {@code {apiBase}/ex/jira/{cloudId}/}. */
  public HttpUrl baseUrl() { throw new UnsupportedOperationException("in progress"); }

  /** The authenticated OkHttp client (bearer token and 401 handling; no retries). */
  public OkHttpClient httpClient() { throw new UnsupportedOperationException("in progress"); }

  public <T> T execute(JiraRequest request, ResponseReader<T> reader) {
    throw new UnsupportedOperationException("in progress");
  }

  /** The body as a string ("" for 204). */
  public String executeForString(JiraRequest request) {
    throw new UnsupportedOperationException("in progress");
  }

  /** GET {@code path}, decoded with Moshi into {@code type}. */
  public <T> T get(String path, Class<T> type) {
    throw new UnsupportedOperationException("in progress");
  }

  /** {@code GET rest/api/3/myself}: a cheap call that proves the connection works. */
  public Map<String, Object> myself() {
    throw new UnsupportedOperationException("in progress");
  }

  public Builder newBuilder() { return new Builder(); }

  public static final class Builder {
    /** Runs for every attempt, inside the retry layer (e.g. a rate governor). */
    public Builder addInterceptor(Interceptor interceptor) { return this; }
    public Builder addNetworkInterceptor(Interceptor interceptor) { return this; }
    public Builder maxAttempts(int attempts) { return this; }
    public Builder retryDelay(Duration base, Duration max) { return this; }
    public Builder sleeper(Sleeper sleeper) { return this; }
    public JiraClient build() { throw new UnsupportedOperationException("in progress"); }
  }
}
