package dev.jirasdk.examples;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Okio;

/**
 * Example 2: call Jira with {@link JiraClient}: who am I, a JQL search that walks every page, and creating an
 * issue.
 *
 * <p>The client adds the bearer token (refreshed before it expires), routes relative paths to the site, retries
 * 429/503 honouring {@code Retry-After}, and turns errors into typed exceptions. The search uses
 * {@code POST rest/api/3/search/jql}, which pages with {@code nextPageToken} (the old {@code startAt} search is
 * gone from Jira Cloud): ask again with the token until the answer has none.
 *
 * <p>Run: {@code java -cp examples/target/examples.jar dev.jirasdk.examples.CallJiraExample}
 * (after {@code mvn -B -q -DskipTests package})
 * (offline by default; see {@link ExampleEnvironment} for real Atlassian: it creates a real issue).
 */
public final class CallJiraExample {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> JSON =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** What {@link #run} did. */
  public record Result(String displayName, String projectKey, List<String> issueKeys, int pages,
      String createdKey) {}

  private CallJiraExample() {}

  public static void main(String[] args) {
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(System.getenv(),
        ExampleEnvironment.DEFAULT_REDIRECT_URI)) {
      AtlassianOAuth oauth = env.oauth().build();
      JiraClient jira = oauth.jiraClient(env.connection(oauth));
      run(jira, env.isSandbox() ? 10 : 100, System.out);   // small pages offline, to show the paging
    }
  }

  /** Greets the user, lists every issue of the first project {@code pageSize} at a time, creates one. */
  public static Result run(JiraClient jira, int pageSize, PrintStream out) {
    // 1. A cheap call that proves the connection works.
    Map<String, Object> me = jira.myself();
    String name = String.valueOf(me.get("displayName"));
    out.println("Hello, " + name + " (" + me.get("accountId") + ") on " + jira.baseUrl());

    // 2. Pick a project and walk a JQL search to the end.
    Map<String, Object> projects = jira.execute(
        JiraRequest.get("rest/api/3/project/search").query("maxResults", 1).query("orderBy", "key").build(),
        CallJiraExample::json);
    List<?> values = (List<?>) Objects.requireNonNull(projects).get("values");
    if (values == null || values.isEmpty()) throw new IllegalStateException("this site has no project you can see");
    String projectKey = String.valueOf(((Map<?, ?>) values.get(0)).get("key"));
    String jql = "project = " + projectKey + " ORDER BY key ASC";
    out.println("Searching: " + jql);
    List<String> keys = new ArrayList<>();
    int pages = searchAll(jira, jql, pageSize, (page, issues) -> {
      out.println("  page " + page + ": " + issues.size() + " issues");
      for (Map<String, Object> issue : issues) keys.add(String.valueOf(issue.get("key")));
    });
    out.println("Found " + keys.size() + " issues in " + pages + " page(s)");

    // 3. Create an issue. Not marked safeToRetry(): a create must not be repeated blindly after a timeout.
    String body = JSON.toJson(Map.of("fields", Map.of(
        "project", Map.of("key", projectKey),
        "summary", "Created by the Jira SDK example",
        "issuetype", Map.of("name", "Task"))));
    Map<String, Object> created = jira.execute(JiraRequest.post("rest/api/3/issue").jsonBody(body).build(),
        CallJiraExample::json);
    String createdKey = String.valueOf(Objects.requireNonNull(created).get("key"));
    out.println("Created " + createdKey);
    return new Result(name, projectKey, List.copyOf(keys), pages, createdKey);
  }

  /** Receives each page of a search. */
  @FunctionalInterface
  public interface PageHandler {
    void page(int number, List<Map<String, Object>> issues);
  }

  /**
   * Runs {@code jql} and hands every page to {@code handler}, following {@code nextPageToken} until Jira says
   * it was the last page. Returns the number of pages.
   */
  @SuppressWarnings("unchecked")
  public static int searchAll(JiraClient jira, String jql, int pageSize, PageHandler handler) {
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("jql", jql);
      request.put("maxResults", pageSize);
      request.put("fields", List.of("summary", "status", "assignee"));
      if (token != null) request.put("nextPageToken", token);
      // A read sent as POST: safe to retry after a 429 or a dropped connection.
      JiraRequest search = JiraRequest.post("rest/api/3/search/jql").jsonBody(JSON.toJson(request))
          .safeToRetry().build();
      // The reader parses the body as it streams in.
      Map<String, Object> page = jira.execute(search, CallJiraExample::json);
      List<Map<String, Object>> issues = (List<Map<String, Object>>) Objects.requireNonNull(page).get("issues");
      handler.page(++pages, issues == null ? List.of() : issues);
      token = Boolean.TRUE.equals(page.get("isLast")) ? null : (String) page.get("nextPageToken");
    } while (token != null);
    return pages;
  }

  /** A {@link dev.jirasdk.auth.ResponseReader}: Moshi parses the body as it streams in. */
  static Map<String, Object> json(InputStream body) throws IOException {
    return JSON.fromJson(Okio.buffer(Okio.source(body)));
  }
}
