package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.UnexpectedResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * JQL search over {@code POST /rest/api/3/search/jql}, as a lazy stream that follows {@code nextPageToken}.
 * Get one from {@link JiraApi#search()}.
 *
 * <pre>{@code
 * try (Stream<Issue> mine = jira.search().issues("assignee = currentUser() ORDER BY updated DESC",
 *     "summary", "status")) {
 *   mine.limit(20).forEach(i -> System.out.println(i.key() + " " + i.status().map(Status::name).orElse("?")));
 * }
 * }</pre>
 *
 * <p>A page is read only when the stream reaches it, so {@code limit(20)} costs one request. Jira's search is
 * eventually consistent: an issue written a moment ago may show up a little later. Thread-safe.
 */
public final class Search {
  /** Fields returned when none are named: what the {@link Issue} accessors read. */
  public static final List<String> DEFAULT_FIELDS = List.of("summary", "status", "assignee", "reporter", "issuetype",
      "priority", "project", "labels", "created", "updated");
  public static final int DEFAULT_PAGE_SIZE = 100;
  private final JiraApi api;

  Search(JiraApi api) {
    this.api = api;
  }

  /** Issues matching {@code jql} with {@link #DEFAULT_FIELDS}, or with {@code fields} when any are named. */
  public Stream<Issue> issues(String jql, String... fields) {
    Objects.requireNonNull(fields, "fields == null");
    return issues(jql, fields.length == 0 ? DEFAULT_FIELDS : Arrays.asList(fields), DEFAULT_PAGE_SIZE);
  }

  /**
   * Issues matching {@code jql}: {@code fields} as Jira takes them ({@code *all}, {@code *navigable}, ids),
   * {@code pageSize} per request (Jira caps it, at 100 for most field sets).
   */
  public Stream<Issue> issues(String jql, List<String> fields, int pageSize) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jql", requireJql(jql));
    body.put("fields", new ArrayList<>(Objects.requireNonNull(fields, "fields == null")));
    PagedRequest paged = PagedRequest.token("rest/api/3/search/jql", "issues", body).pageSize(pageSize).build();
    return api.paginate(paged).map(json -> JsonTree.model("POST /rest/api/3/search/jql", json, Issue::of));
  }

  /** Jira's estimate of how many issues match ({@code search/approximate-count}); it may lag recent writes. */
  public long approximateCount(String jql) {
    JiraRequest request = JiraRequest.post("rest/api/3/search/approximate-count")
        .jsonBody(JsonTree.write(Map.of("jql", requireJql(jql)))).safeToRetry().build();
    Object count = api.object(request).get("count");
    if (!(count instanceof Number n)) {
      throw new UnexpectedResponseException(request.endpoint(), 200, "expected a number at $.count, got "
          + JsonTree.kind(count));
    }
    return n.longValue();
  }

  private static String requireJql(String jql) {
    Objects.requireNonNull(jql, "jql == null");
    if (jql.isBlank()) throw new IllegalArgumentException("jql is blank (Jira refuses unbounded searches)");
    return jql;
  }
}
