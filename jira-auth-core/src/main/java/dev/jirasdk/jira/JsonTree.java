package dev.jirasdk.jira;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.UnexpectedResponseException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON trees (maps, lists, strings, doubles, booleans, nulls) for the typed API: parsed, frozen, written. */
final class JsonTree {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private JsonTree() {}

  /** Parses a response body into a frozen tree; a body that is not JSON names the endpoint. */
  static Object parse(JiraRequest request, String body) {
    try {
      return freeze(ANY.fromJson(body));
    } catch (IOException | JsonDataException e) {
      throw new UnexpectedResponseException(request.endpoint(), 200, "expected JSON: " + e.getMessage(), e);
    }
  }

  /** The body as a JSON object, or an error that says what came instead. */
  static Map<String, Object> object(JiraRequest request, String body) {
    Object tree = parse(request, body);
    if (tree instanceof Map<?, ?>) return asMap(tree);
    throw new UnexpectedResponseException(request.endpoint(), 200, "expected a JSON object at $, got " + kind(tree));
  }

  /** Maps a JSON object to a model; a member the model needs but Jira left out is an unexpected response. */
  static <T> T model(String endpoint, Map<String, Object> json, java.util.function.Function<Map<String, Object>, T> of) {
    try {
      return of.apply(json);
    } catch (IllegalArgumentException e) {
      throw new UnexpectedResponseException(endpoint, 200, e.getMessage(), e);
    }
  }

  static String write(Object tree) {
    return ANY.toJson(tree);
  }

  /** An unmodifiable deep copy; JSON nulls are kept (unlike {@code Map.copyOf}). */
  static Object freeze(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), freeze(x)));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) out.add(freeze(x));
      return Collections.unmodifiableList(out);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
  }

  static Map<String, Object> frozenObject(Map<String, Object> raw, String name) {
    Object frozen = freeze(raw);
    if (frozen == null) throw new NullPointerException(name + " == null");
    return asMap(frozen);
  }

  static String string(Map<String, Object> obj, String name) {
    Object v = obj == null ? null : obj.get(name);
    return v instanceof String s ? s : null;
  }

  /** A string member that must be present, else an error naming the JSON path. */
  static String requireString(Map<String, Object> obj, String name, String path) {
    String s = string(obj, name);
    if (s == null) throw new IllegalArgumentException("expected a string at " + path + "." + name);
    return s;
  }

  /** Jira's timestamps ({@code 2026-03-26T16:00:00.000+0000}) or ISO-8601; null when absent or unreadable. */
  static Instant instant(Object v) {
    if (!(v instanceof String s)) return null;
    try {
      return OffsetDateTime.parse(s, JIRA_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static String kind(Object tree) {
    if (tree == null) return "null";
    if (tree instanceof List) return "an array";
    if (tree instanceof Map) return "an object";
    if (tree instanceof String) return "a string";
    return tree instanceof Boolean ? "a boolean" : "a number";
  }
}
