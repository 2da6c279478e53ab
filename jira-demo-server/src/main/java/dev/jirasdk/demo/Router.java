package dev.jirasdk.demo;

import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path template routing. {@code {name}} matches one path segment of safe characters; anything that
 * does not match a template is a 404, a known path with another method a 405.
 */
final class Router {
  /** A route's body: returns a {@link Reply}, another value answered as 200 JSON, or null when it answered. */
  @FunctionalInterface
  interface Route {
    Object handle(Ctx ctx) throws Exception;
  }

  /** A JSON answer with an explicit status. */
  record Reply(int status, Object body) {}

  /** @param takesBody whether the route reads a request body; others refuse one */
  record Match(Route route, Map<String, String> params, boolean takesBody) {}

  private record Entry(String method, Pattern pattern, List<String> names, Route route, boolean takesBody) {}

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
  private final List<Entry> entries = new ArrayList<>();

  /** A route that takes no request body. */
  Router add(String method, String template, Route route) {
    return add(method, template, route, false);
  }

  /** A route that reads a JSON request body. */
  Router addWithBody(String method, String template, Route route) {
    return add(method, template, route, true);
  }

  private Router add(String method, String template, Route route, boolean takesBody) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      regex.append("([^/]{1,200})");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    entries.add(new Entry(method, Pattern.compile(regex.toString()), List.copyOf(names), route, takesBody));
    return this;
  }

  /**
   * The route for the request.
   *
   * @throws ApiError 404 or 405
   */
  Match match(HttpServerExchange exchange) {
    String path = exchange.getRelativePath();
    String method = exchange.getRequestMethod().toString();
    Set<String> allowed = new LinkedHashSet<>();
    for (Entry e : entries) {
      Matcher m = e.pattern.matcher(path);
      if (!m.matches()) continue;
      if (!e.method.equals(method) && !(method.equals("HEAD") && e.method.equals("GET"))) {
        allowed.add(e.method);
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < e.names.size(); i++) params.put(e.names.get(i), m.group(i + 1));
      return new Match(e.route, params, e.takesBody);
    }
    if (!allowed.isEmpty()) {
      exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, String.join(", ", allowed));
      throw new ApiError(405, "method_not_allowed", method + " is not supported here; use " + String.join(" or ", allowed));
    }
    throw ApiError.notFound("not_found", "no such endpoint: " + method + " " + safePath(path));
  }

  static String safePath(String path) {
    String p = path.replaceAll("[^A-Za-z0-9/_.~-]", "?");
    return p.length() > 120 ? p.substring(0, 120) + "…" : p;
  }
}
