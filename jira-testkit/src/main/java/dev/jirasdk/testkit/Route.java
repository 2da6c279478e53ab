package dev.jirasdk.testkit;

import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.JiraApi.Ctx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint the fake serves under {@code /ex/jira/{cloudId}}: an operation of Atlassian's spec and the code that
 * answers it. {@link Routes} holds every route, one list per API group; a test checks each against the vendored
 * spec (method, path, operation id, query parameters, OAuth scopes).
 *
 * @param method HTTP method in upper case ({@code HEAD} is answered by the {@code GET} route)
 * @param template the path template exactly as the spec spells it, e.g.
 *     {@code /rest/api/3/issue/{issueIdOrKey}/comment/{id}}; a {@code {name}} matches one non-empty segment
 * @param operationId the spec's {@code operationId}
 * @param scopes the classic OAuth scopes the spec's security requirement names; a token without them gets
 *     {@code 401 Unauthorized; scope does not match}, as from Jira Cloud
 * @param queryParams the query parameters the spec defines; a request naming another is journaled as unmatched
 * @param reads whether the handler only reads (it then runs under the site's read lock)
 * @param handler answers a request; gets the path's variables in template order
 */
record Route(String method, String template, String operationId, Set<String> scopes, Set<String> queryParams,
    boolean reads, Handler handler) {

  /** Answers one request of a route. */
  @FunctionalInterface
  interface Handler {
    /**
     * @param c the request and the site
     * @param vars the values of the template's variables, in order
     */
    Resp handle(Ctx c, List<String> vars);
  }

  Route {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(template, "template == null");
    Objects.requireNonNull(operationId, "operationId == null");
    Objects.requireNonNull(handler, "handler == null");
    scopes = Set.copyOf(scopes);
    queryParams = Set.copyOf(queryParams);
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("template must start with /: " + template);
    }
  }

  /**
   * A route as the tables write it: {@code params} is the spec's query parameters, comma-separated ("" for none).
   */
  static Route of(String method, String template, String operationId, String scope, String params, boolean reads,
      Handler handler) {
    return new Route(method, template, operationId, Set.of(scope), params.isEmpty() ? Set.of() : Set.of(params.split(",")),
        reads, handler);
  }

  /** The template's variables' values if {@code segments} (a path split at {@code /}) fits it, else null. */
  List<String> match(String[] segments) {
    String[] t = template.split("/", -1);
    if (t.length != segments.length) {
      return null;
    }
    List<String> vars = new ArrayList<>(2);
    for (int i = 0; i < t.length; i++) {
      if (isVariable(t[i])) {
        if (segments[i].isEmpty()) {
          return null;
        }
        vars.add(segments[i]);
      } else if (!t[i].equals(segments[i])) {
        return null;
      }
    }
    return vars;
  }

  /** How many segments are variables: the fewer, the more specific ({@code issue/archive} beats {@code issue/{id}}). */
  int variables() {
    int n = 0;
    for (String s : template.split("/")) {
      if (isVariable(s)) {
        n++;
      }
    }
    return n;
  }

  /** The template with every variable written {@code {id}}: what the journal, faults and rate limits key on. */
  String pattern() {
    return template.replaceAll("\\{[^}/]+}", "{id}");
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }
}
