package dev.jirasdk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every endpoint the fake serves under {@code /ex/jira/{cloudId}}, in one table: one list of {@link Route}s per API
 * group, concatenated here. The route decides the OAuth scopes a request needs, the query parameters it may
 * name, the pattern the journal, faults and rate limits key on, and the code that answers. To serve a new
 * endpoint, add a route to its group's list (or a new group's list to {@link #of}); {@code RouteTableTest}
 * checks it against Atlassian's spec.
 */
final class Routes {
  static final String READ_WORK = "read:jira-work";
  static final String WRITE_WORK = "write:jira-work";
  static final String READ_USER = "read:jira-user";
  static final String MANAGE_CONFIGURATION = "manage:jira-configuration";
  static final String MANAGE_PROJECT = "manage:jira-project";

  /** Endpoints Atlassian removed: any method answers {@code 410 Gone} with this message (Jira's own). */
  record Gone(String path, Set<String> scopes, String message) {}

  static final List<Gone> GONE = List.of(
      new Gone("/rest/api/3/search", Set.of(READ_WORK), JiraApi.REMOVED_SEARCH),
      new Gone("/rest/api/3/search/id", Set.of(READ_WORK), JiraApi.REMOVED_SEARCH),
      new Gone("/rest/api/3/workflow/search", Set.of(READ_WORK),
          "The requested API has been removed. Please use GET /rest/api/3/workflows/search instead."));

  /** A route that fits a request, with the values of its path variables. */
  record Match(Route route, List<String> vars) {}

  private final List<Route> routes;

  private Routes(List<List<Route>> groups) {
    List<Route> all = new ArrayList<>();
    for (List<Route> g : groups) {
      all.addAll(g);
    }
    this.routes = List.copyOf(all);
  }

  /**
   * The fake's routes: the Jira platform REST API v3 ({@link JiraApi#routes()}) and the Jira Software API
   * ({@link AgileApi#ROUTES}). Add further groups here.
   */
  static Routes of(JiraApi platform) {
    return new Routes(List.of(platform.routes(), AgileApi.ROUTES));
  }

  List<Route> all() {
    return routes;
  }

  /** The route answering {@code method path} ({@code HEAD} as {@code GET}), most specific first, or null. */
  Match find(String method, String path) {
    String m = method.equals("HEAD") ? "GET" : method;
    return best(m, path.split("/", -1));
  }

  /** The removed endpoint at {@code path}, or null. */
  static Gone gone(String path) {
    for (Gone g : GONE) {
      if (g.path().equals(path)) {
        return g;
      }
    }
    return null;
  }

  /**
   * What the journal, faults and rate limits call {@code path} (below the site root): the pattern of the most
   * specific route whose template fits it, whatever the method (e.g. {@code /rest/api/3/issue/{id}/comment}), or
   * the path itself if no route fits.
   */
  String pattern(String path) {
    Match m = best(null, path.split("/", -1));
    return m == null ? path : m.route().pattern();
  }

  private Match best(String method, String[] segments) {
    Match best = null;
    for (Route r : routes) {
      if (method != null && !r.method().equals(method)) {
        continue;
      }
      List<String> vars = r.match(segments);
      if (vars != null && (best == null || r.variables() < best.route().variables())) {
        best = new Match(r, vars);
      }
    }
    return best;
  }

  /** Every route by {@code METHOD template}, for tests. */
  Map<String, Route> byOperation() {
    Map<String, Route> out = new java.util.LinkedHashMap<>();
    for (Route r : routes) {
      if (out.put(r.method() + " " + r.template(), r) != null) {
        throw new IllegalStateException("two routes for " + r.method() + " " + r.template());
      }
    }
    return out;
  }
}
