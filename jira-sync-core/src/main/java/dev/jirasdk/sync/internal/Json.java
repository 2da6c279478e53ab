package dev.jirasdk.sync.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/** Small helpers over decoded JSON trees and for writing request bodies. */
public final class Json {
  private Json() {}

  private static final DateTimeFormatter JIRA_TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  /** Follows {@code path} through nested objects; null when any step is missing. */
  public static Object at(Object node, String... path) {
    Object cur = node;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m)) return null;
      cur = m.get(p);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object node, String... path) {
    Object v = at(node, path);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  public static List<?> list(Object node, String... path) {
    Object v = at(node, path);
    return v instanceof List<?> l ? l : List.of();
  }

  /** A string, or a number rendered without a trailing {@code .0}; null otherwise. */
  public static String str(Object node, String... path) {
    Object v = at(node, path);
    if (v instanceof String s) return s;
    if (v instanceof Number n) return numberText(n);
    if (v instanceof Boolean b) return b.toString();
    return null;
  }

  public static String numberText(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return n.toString();
  }

  public static Long lng(Object node, String... path) {
    Object v = at(node, path);
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public static Double dbl(Object node, String... path) {
    Object v = at(node, path);
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public static Boolean bool(Object node, String... path) {
    Object v = at(node, path);
    return v instanceof Boolean b ? b : null;
  }

  /** Jira timestamps ({@code 2026-01-05T10:11:12.345+0000}), ISO-8601, or epoch numbers. */
  public static Instant instant(Object node, String... path) {
    Object v = at(node, path);
    if (v instanceof Number n) {
      long x = n.longValue();
      return x < 100_000_000_000L ? Instant.ofEpochSecond(x) : Instant.ofEpochMilli(x);
    }
    if (!(v instanceof String s) || s.isEmpty()) return null;
    try {
      return OffsetDateTime.parse(s, JIRA_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Strings of a list, or of a list of objects' {@code member}. */
  public static List<String> strings(Object node, String member, String... path) {
    List<String> out = new ArrayList<>();
    for (Object o : list(node, path)) {
      String s = member == null ? (o instanceof String x ? x : null) : str(o, member);
      if (s != null) out.add(s);
    }
    return out;
  }

  /** Writes a JSON body from maps, lists, strings, numbers and booleans. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      writeValue(w, value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return buffer.readUtf8();
  }

  private static void writeValue(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.name(String.valueOf(e.getKey()));
        writeValue(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof Collection<?> c) {
      w.beginArray();
      for (Object o : c) writeValue(w, o);
      w.endArray();
    } else if (v instanceof Number n) {
      if (n instanceof Double || n instanceof Float) w.value(n.doubleValue());
      else w.value(n.longValue());
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else {
      w.value(v.toString());
    }
  }

  /**
   * The raw JSON texts of the elements of the array at {@code path} inside {@code json}, in order, without
   * re-serialising them (so embedded comments keep Jira's exact bytes). Empty if the path is not an array.
   */
  public static List<String> rawArrayItems(String json, String... path) {
    try {
      JsonReader r = JsonReader.of(new Buffer().writeUtf8(json));
      return descend(r, path, 0);
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Like {@link #rawArrayItems} for several paths in one pass over {@code json}. The result has one list per
   * path, in the order of {@code paths} (empty where the path is absent or not an array).
   */
  public static List<List<String>> rawArrays(String json, List<String[]> paths) {
    List<List<String>> out = new ArrayList<>(paths.size());
    for (int i = 0; i < paths.size(); i++) out.add(new ArrayList<>());
    try {
      JsonReader r = JsonReader.of(new Buffer().writeUtf8(json));
      walk(r, paths, new ArrayList<>(), out);
    } catch (IOException e) {
      // Malformed text cannot reach here (it was parsed already); return what was found.
    }
    return out;
  }

  private static void walk(JsonReader r, List<String[]> paths, List<String> at, List<List<String>> out)
      throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return;
    }
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      at.add(name);
      int exact = -1;
      boolean prefix = false;
      for (int i = 0; i < paths.size(); i++) {
        String[] p = paths.get(i);
        if (p.length < at.size()) continue;
        boolean match = true;
        for (int k = 0; k < at.size() && match; k++) match = p[k].equals(at.get(k));
        if (!match) continue;
        if (p.length == at.size()) exact = i;
        else prefix = true;
      }
      if (exact >= 0 && r.peek() == JsonReader.Token.BEGIN_ARRAY) {
        r.beginArray();
        while (r.hasNext()) {
          Buffer b = new Buffer();
          try (BufferedSource s = r.nextSource()) {
            b.writeAll(s);
          }
          out.get(exact).add(b.readUtf8());
        }
        r.endArray();
      } else if (prefix) {
        walk(r, paths, at, out);
      } else {
        r.skipValue();
      }
      at.remove(at.size() - 1);
    }
    r.endObject();
  }

  private static List<String> descend(JsonReader r, String[] path, int i) throws IOException {
    if (i == path.length) {
      if (r.peek() != JsonReader.Token.BEGIN_ARRAY) return List.of();
      List<String> out = new ArrayList<>();
      r.beginArray();
      while (r.hasNext()) {
        Buffer b = new Buffer();
        try (BufferedSource s = r.nextSource()) {
          b.writeAll(s);
        }
        out.add(b.readUtf8());
      }
      r.endArray();
      return out;
    }
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return List.of();
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals(path[i])) return descend(r, path, i + 1);
      r.skipValue();
    }
    return List.of();
  }
}
