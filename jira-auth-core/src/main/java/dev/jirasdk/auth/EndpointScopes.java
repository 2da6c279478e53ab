package dev.jirasdk.auth;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The OAuth scopes each endpoint the SDK calls needs, as Atlassian's specs state them in the operation's security
 * requirements (a test checks every row against the vendored platform and Jira Software specs). Used to name what is
 * missing when Jira answers {@code 401 Unauthorized; scope does not match}.
 */
final class EndpointScopes {
  private EndpointScopes() {}

  /** One operation: HTTP method, path template below the site root ({@code {x}} matches one segment). */
  record Entry(String method, String template, Set<String> scopes) {
    Entry {
      Objects.requireNonNull(method, "method == null");
      Objects.requireNonNull(template, "template == null");
      scopes = Set.copyOf(scopes);
      if (scopes.isEmpty()) throw new IllegalArgumentException("no scope for " + method + " " + template);
    }

    boolean matches(String m, String[] segments) {
      if (!method.equals(m)) return false;
      String[] t = template.split("/");
      if (t.length != segments.length) return false;
      for (int i = 0; i < t.length; i++) {
        if (!t[i].startsWith("{") && !t[i].equals(segments[i])) return false;
      }
      return true;
    }
  }

  private static final String READ_WORK = "read:jira-work";
  private static final String WRITE_WORK = "write:jira-work";
  private static final String READ_USER = "read:jira-user";
  private static final String MANAGE_CONFIGURATION = "manage:jira-configuration";

  private static final List<Entry> TABLE = List.of(
      // the sync's endpoints
      e("GET", "rest/api/3/project/search", READ_WORK),
      e("POST", "rest/api/3/search/jql", READ_WORK),
      e("GET", "rest/api/3/search/jql", READ_WORK),
      e("POST", "rest/api/3/search/approximate-count", READ_WORK),
      e("POST", "rest/api/3/issue/bulkfetch", READ_WORK),
      e("GET", "rest/api/3/issue/{issueIdOrKey}/comment", READ_WORK),
      e("POST", "rest/api/3/changelog/bulkfetch", READ_WORK),
      e("GET", "rest/api/3/worklog/updated", READ_WORK),
      e("POST", "rest/api/3/worklog/list", READ_WORK),
      e("GET", "rest/api/3/worklog/deleted", READ_WORK),
      e("GET", "rest/api/3/project/{projectIdOrKey}/component", READ_WORK),
      e("GET", "rest/api/3/project/{projectIdOrKey}/version", READ_WORK),
      e("GET", "rest/api/3/users/search", READ_USER),
      e("GET", "rest/api/3/group/bulk", READ_USER),
      e("GET", "rest/api/3/issuetype", READ_WORK),
      e("GET", "rest/api/3/priority/search", MANAGE_CONFIGURATION),
      e("GET", "rest/api/3/statuses/search", MANAGE_CONFIGURATION),
      e("GET", "rest/api/3/resolution/search", READ_WORK),
      e("GET", "rest/api/3/field/search", READ_WORK),
      e("GET", "rest/api/3/label", READ_WORK),
      e("GET", "rest/api/3/workflows/search", MANAGE_CONFIGURATION),
      e("GET", "rest/api/3/dashboard/search", READ_WORK),
      e("GET", "rest/api/3/filter/search", READ_WORK),
      e("GET", "rest/api/3/permissions", MANAGE_CONFIGURATION),
      // the typed API (dev.jirasdk.jira) and JiraClient.myself()
      e("GET", "rest/api/3/myself", READ_USER),
      e("GET", "rest/api/3/user", READ_USER),
      e("GET", "rest/api/3/project/{projectIdOrKey}", READ_WORK),
      e("GET", "rest/api/3/issue/{issueIdOrKey}", READ_WORK),
      e("POST", "rest/api/3/issue", WRITE_WORK),
      e("PUT", "rest/api/3/issue/{issueIdOrKey}", WRITE_WORK),
      e("DELETE", "rest/api/3/issue/{issueIdOrKey}", WRITE_WORK),
      e("GET", "rest/api/3/issue/{issueIdOrKey}/transitions", READ_WORK),
      e("POST", "rest/api/3/issue/{issueIdOrKey}/transitions", WRITE_WORK),
      e("PUT", "rest/api/3/issue/{issueIdOrKey}/assignee", WRITE_WORK),
      e("POST", "rest/api/3/issue/{issueIdOrKey}/comment", WRITE_WORK),
      e("PUT", "rest/api/3/issue/{issueIdOrKey}/comment/{id}", WRITE_WORK),
      e("DELETE", "rest/api/3/issue/{issueIdOrKey}/comment/{id}", WRITE_WORK),
      // the sync's Agile streams (Jira Software spec; granular scopes only). GET board lists no scope in the
      // spec; Atlassian's documentation of the operation names these two.
      new Entry("GET", "rest/agile/1.0/board", Set.of("read:board-scope:jira-software", "read:project:jira")),
      e("GET", "rest/agile/1.0/board/{boardId}/sprint", "read:sprint:jira-software"),
      e("GET", "rest/agile/1.0/sprint/{sprintId}", "read:sprint:jira-software"));

  private static Entry e(String method, String template, String scope) {
    return new Entry(method, template, Set.of(scope));
  }

  static List<Entry> entries() {
    return TABLE;
  }

  /**
   * The scopes {@code method path} needs, or an empty set for an endpoint not in the table.
   *
   * @param path below the site root, with or without a leading slash; a query string is ignored
   */
  static Set<String> required(String method, String path) {
    String p = path;
    int q = p.indexOf('?');
    if (q >= 0) p = p.substring(0, q);
    while (p.startsWith("/")) p = p.substring(1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    String[] segments = p.split("/");
    String m = method.toUpperCase(Locale.ROOT);
    for (Entry entry : TABLE) {
      if (entry.matches(m, segments)) return entry.scopes();
    }
    return Set.of();
  }
}
