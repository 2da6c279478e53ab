package dev.jirasdk.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Walks every {@code search/jql} page of some projects with a bare OkHttp client: the reference a sync is
 * compared with. Either discards each body (finding only {@code nextPageToken} by a byte search), or parses it
 * fully with Moshi and hands each issue's JSON to a consumer.
 */
final class RawIssueFetcher {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ByteString TOKEN_KEY = ByteString.encodeUtf8("\"nextPageToken\":\"");
  private static final JsonAdapter<Map<String, Object>> MAP = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** The request body of the sync engine's issue search: every field except worklogs, with the changelog. */
  static String searchBody(String projectKey, String nextPageToken, int pageSize) {
    return "{\"jql\":\"project = " + projectKey + " ORDER BY updated ASC, id ASC\",\"maxResults\":" + pageSize
        + ",\"fields\":[\"*all\",\"-worklog\"],\"expand\":\"changelog\""
        + (nextPageToken == null ? "" : ",\"nextPageToken\":\"" + nextPageToken + "\"") + "}";
  }

  private final OkHttpClient http;
  private final String searchUrl;
  private final String bearer;

  RawIssueFetcher(OkHttpClient http, String apiBaseUrl, String cloudId, String accessToken) {
    this.http = http;
    String base = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
    this.searchUrl = base + "ex/jira/" + cloudId + "/rest/api/3/search/jql";
    this.bearer = "Bearer " + accessToken;
  }

  /** Result of a walk: issues seen (counted, or parsed), pages and bytes. */
  record Walk(long issues, long pages, long bytes) {
    Walk plus(Walk o) {
      return new Walk(issues + o.issues, pages + o.pages, bytes + o.bytes);
    }
  }

  /**
   * Walks the projects on {@code threads} threads. With {@code onIssue == null} bodies are discarded and issues
   * are counted as {@code pageSize} per page that has a next page plus the known remainder; otherwise every
   * page is parsed and each issue map is passed to {@code onIssue}.
   */
  Walk walk(List<String> projectKeys, int pageSize, int threads, Map<String, Long> issuesPerProject,
      Consumer<Map<String, Object>> onIssue) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Walk>> futures = new ArrayList<>();
      for (String key : projectKeys) {
        futures.add(pool.submit(() -> walkProject(key, pageSize, issuesPerProject.getOrDefault(key, 0L), onIssue)));
      }
      Walk total = new Walk(0, 0, 0);
      for (Future<Walk> f : futures) total = total.plus(f.get());
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  private Walk walkProject(String projectKey, int pageSize, long knownIssues, Consumer<Map<String, Object>> onIssue)
      throws IOException {
    String token = null;
    long issues = 0;
    long pages = 0;
    long bytes = 0;
    do {
      Request request = new Request.Builder().url(searchUrl).header("Authorization", bearer)
          .post(RequestBody.create(searchBody(projectKey, token, pageSize), JSON)).build();
      try (Response response = http.newCall(request).execute()) {
        if (response.code() != 200) {
          throw new IOException("search/jql answered " + response.code() + ": " + response.body().string());
        }
        pages++;
        if (onIssue == null) {
          BufferedSource source = response.body().source();
          ByteString body = source.readByteString();
          bytes += body.size();
          int at = body.lastIndexOf(TOKEN_KEY);
          if (at < 0) {
            token = null;
          } else {
            int from = at + TOKEN_KEY.size();
            int to = from;
            while (body.getByte(to) != '"') to++;
            token = body.substring(from, to).string(StandardCharsets.UTF_8);
          }
        } else {
          BufferedSource source = response.body().source();
          Map<String, Object> page = MAP.fromJson(source);
          List<Object> list = (List<Object>) page.get("issues");
          for (Object issue : list) {
            onIssue.accept((Map<String, Object>) issue);
            issues++;
          }
          token = (String) page.get("nextPageToken");
          if (Boolean.TRUE.equals(page.get("isLast"))) token = null;
        }
      }
    } while (token != null);
    if (onIssue == null) issues = knownIssues;
    return new Walk(issues, pages, bytes);
  }
}
