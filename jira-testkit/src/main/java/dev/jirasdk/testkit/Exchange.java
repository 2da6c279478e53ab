package dev.jirasdk.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Transport-neutral request and response of the fake. */
final class Exchange {
  private Exchange() {}

  static final class Req {
    final String method;
    final String path;
    final String query;
    final Map<String, List<String>> params;
    final Map<String, String> headers;
    final byte[] body;
    /** scheme://host:port as the client addressed us. */
    final String origin;

    Req(String method, String path, String query, Map<String, String> headers, byte[] body, String origin) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = path;
      this.query = query == null || query.isEmpty() ? null : query;
      this.params = parseQuery(this.query);
      Map<String, String> h = new LinkedHashMap<>();
      headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
      this.headers = h;
      this.body = body == null ? new byte[0] : body;
      this.origin = origin;
    }

    String param(String name) {
      List<String> v = params.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> params(String name) {
      List<String> v = params.get(name);
      return v == null ? List.of() : v;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Map<String, List<String>> parseQuery(String q) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) {
      return m;
    }
    for (String part : q.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static final class Resp {
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    /** Rate-limit points the answer cost. */
    long points;
    /** A fault that changes how the bytes go over the wire, or null. */
    FaultType wireFault;
    long latencyMillis;
    String accountId;
    String cloudId;
    /** True when no route of the fake matched the request. */
    boolean unrouted;

    Resp(int status) {
      this.status = status;
    }

    static Resp json(int status, Object tree) {
      Resp r = new Resp(status);
      r.headers.put("Content-Type", "application/json;charset=UTF-8");
      r.body = Json.bytes(tree);
      return r;
    }

    static Resp html(int status, String html) {
      Resp r = new Resp(status);
      r.headers.put("Content-Type", "text/html;charset=UTF-8");
      r.body = html.getBytes(StandardCharsets.UTF_8);
      return r;
    }

    static Resp redirect(String location) {
      Resp r = new Resp(302);
      r.headers.put("Location", location);
      return r;
    }

    static Resp empty(int status) {
      return new Resp(status);
    }

    /** Jira's error collection body. */
    static Resp jiraError(int status, String... messages) {
      return json(status, Json.obj("errorMessages", List.of((Object[]) messages), "errors", Json.obj()));
    }
  }
}
