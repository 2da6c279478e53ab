package dev.jirasdk.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A call to Jira's REST API, relative to the site: {@code rest/api/3/myself}. {@link JiraClient} adds the
 * host, the {@code /ex/jira/{cloudId}} prefix and the bearer token.
 *
 * <pre>{@code
 * JiraRequest page = JiraRequest.post("rest/api/3/search/jql")
 *     .jsonBody("{\"jql\":\"project = ACME\",\"maxResults\":100}")
 *     .safeToRetry()   // a read, though sent as POST
 *     .build();
 * }</pre>
 *
 * <p>GET requests are retried on 429, 503 and connection faults; other methods only when marked
 * {@link Builder#safeToRetry()}. Immutable.
 */
public final class JiraRequest {
  private final String method;
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final String jsonBody;
  private final boolean safeToRetry;

  private JiraRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = List.copyOf(b.query);
    this.jsonBody = b.jsonBody;
    this.safeToRetry = b.safeToRetry;
  }

  public static Builder get(String path) {
    return new Builder("GET", path).safeToRetry();
  }

  public static Builder post(String path) {
    return new Builder("POST", path);
  }

  public static Builder put(String path) {
    return new Builder("PUT", path);
  }

  public static Builder delete(String path) {
    return new Builder("DELETE", path);
  }

  public String method() {
    return method;
  }

  /** Relative path without a leading slash, e.g. {@code rest/api/3/myself}. */
  public String path() {
    return path;
  }

  /** Query parameters in order; names may repeat. */
  public List<Map.Entry<String, String>> query() {
    return query;
  }

  /** The JSON body, or null. */
  public @Nullable String jsonBody() {
    return jsonBody;
  }

  public boolean safeToRetry() {
    return safeToRetry;
  }

  /**
   * The classic OAuth scopes Atlassian's spec says this request's endpoint needs (the SDK's one table of them, checked
   * against the spec), or an empty set for an endpoint the SDK does not call. A path placeholder such as
   * {@code rest/api/3/issue/{issueId}/comment} stands for any value.
   */
  public Set<String> scopesNeeded() {
    return EndpointScopes.required(method, path);
  }

  /** {@code METHOD /path}, as used in exception messages. */
  public String endpoint() {
    return method + " /" + path;
  }

  @Override
  public String toString() {
    return "JiraRequest[" + endpoint() + "]";
  }

  /** Mutable; {@link #build()} snapshots it. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private String jsonBody;
    private boolean safeToRetry;

    private Builder(String method, String path) {
      Objects.requireNonNull(path, "path == null");
      String p = path.startsWith("/") ? path.substring(1) : path;
      if (p.isEmpty() || p.contains("://") || p.contains("?") || p.contains("..")) {
        throw new IllegalArgumentException(
            "path must be relative to the site, without query or '..', e.g. rest/api/3/myself: " + path);
      }
      this.method = method;
      this.path = p;
    }

    public Builder query(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      query.add(Map.entry(name, String.valueOf(value)));
      return this;
    }

    public Builder jsonBody(String json) {
      if ("GET".equals(method)) throw new IllegalStateException("GET has no body");
      this.jsonBody = Objects.requireNonNull(json, "json == null");
      return this;
    }

    /** Marks the request as a read that may be repeated after a failure (e.g. {@code search/jql}). */
    public Builder safeToRetry() {
      this.safeToRetry = true;
      return this;
    }

    public JiraRequest build() {
      return new JiraRequest(this);
    }
  }
}
