package dev.jirasdk.sync.internal;

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
  /** Reads a whole JSON body as Moshi values (maps, lists, strings, doubles, booleans, null). */
  public static Object read(java.io.InputStream body) throws java.io.IOException {
    return com.squareup.moshi.JsonReader.of(okio.Okio.buffer(okio.Okio.source(body))).readJsonValue();
  }

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
    Instant fast = jiraTime(s);
    if (fast != null) return fast;
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

  /**
   * The common shapes {@code 2026-01-05T10:11:12.345+0000}, {@code ...+01:00} and {@code ...Z} without a
   * formatter (it is called several times per issue); null for anything else, which the caller parses slowly.
   */
  static Instant jiraTime(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
        || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int scale = 100_000_000;
      i++;
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start >= 9) return null;
        nanos += (s.charAt(i) - '0') * scale;
        scale /= 10;
        i++;
      }
      if (i == start) return null;
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i + 5 == n || i + 6 == n) {
      char sign = s.charAt(i);
      if (sign != '+' && sign != '-') return null;
      int oh = digits(s, i + 1, 2);
      int om = i + 5 == n ? digits(s, i + 3, 2) : s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : -1;
      if (oh < 0 || om < 0 || oh > 18 || om > 59) return null;
      offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) return null;
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
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
   * The elements of the array at {@code path} inside a value decoded by {@link Utf8Json}, each with its raw
   * JSON (a slice of the page, so embedded comments keep Jira's exact bytes). Empty if the path is not an
   * array.
   */
  public static List<RawItem> items(Object node, String... path) {
    if (!(at(node, path) instanceof Utf8Json.Arr a)) return List.of();
    List<RawItem> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) out.add(a.item(i));
    return out;
  }
}
