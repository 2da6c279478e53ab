package dev.jirasdk.sync;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * What a request will cost before it is sent, by Atlassian's rule: 1 point per request plus, for what the page
 * can return, 1 per issue, project, dashboard or attachment and 2 per user, group, role or permission; writes
 * cost 1. The page size is read from {@code maxResults} (query or JSON body) or the ids a bulk fetch names;
 * without one, Jira's usual default of 50. It is an upper bound: the server's {@code r} corrects it.
 */
final class PointsEstimate {
  static final int DEFAULT_PAGE = 50;
  private static final long MAX_BODY = 64 * 1024;
  private static final Pattern MAX_RESULTS = Pattern.compile("\"maxResults\"\\s*:\\s*(\\d{1,6})");
  private static final Pattern IDS = Pattern.compile("\"issueIdsOrKeys\"\\s*:\\s*\\[([^\\]]*)]");

  private PointsEstimate() {}

  static long of(Request request) {
    String path = request.url().encodedPath().toLowerCase(Locale.ROOT);
    boolean read = request.method().equals("GET") || path.endsWith("/search/jql") || path.endsWith("/bulkfetch");
    if (!read) return 1;
    int weight = weight(path);
    if (weight == 0) return 1;
    String body = request.method().equals("GET") ? null : body(request.body());
    long items = -1;
    String q = request.url().queryParameter("maxResults");
    if (q != null) items = parse(q);
    if (items < 0 && body != null) {
      Matcher m = MAX_RESULTS.matcher(body);
      if (m.find()) items = parse(m.group(1));
    }
    if (body != null) {
      Matcher ids = IDS.matcher(body);
      if (ids.find()) {
        long n = ids.group(1).isBlank() ? 0 : ids.group(1).split(",").length;
        items = items < 0 ? n : Math.min(items, n);
      }
    }
    if (items < 0) items = DEFAULT_PAGE;
    return 1 + weight * items;
  }

  /** Points per item an endpoint's items cost. */
  static int weight(String path) {
    if (path.contains("/user") || path.contains("/group") || path.contains("/role")
        || path.contains("permission")) {
      return 2;
    }
    if (path.contains("/search/jql") || path.contains("/issue/bulkfetch") || path.endsWith("/project/search")
        || path.endsWith("/project")
        || path.contains("/dashboard") || path.contains("/attachment") || path.contains("/changelog/bulkfetch")) {
      return 1;
    }
    return 0;
  }

  private static long parse(String s) {
    try {
      long v = Long.parseLong(s.trim());
      return v >= 0 ? v : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String body(RequestBody body) {
    try {
      if (body == null || body.contentLength() < 0 || body.contentLength() > MAX_BODY || body.isOneShot()) {
        return null;
      }
      Buffer b = new Buffer();
      body.writeTo(b);
      return b.readUtf8();
    } catch (IOException e) {
      return null;
    }
  }
}
