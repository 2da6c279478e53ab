package dev.jirasdk.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny JSON toolkit: trees of Map/List/String/Number/Boolean/null written by hand, read by Moshi. */
final class Json {
  private static final JsonAdapter<Object> READER = new Moshi.Builder().build().adapter(Object.class);

  private Json() {}

  /** An insertion-ordered object built from alternating keys and values. */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>(Math.max(4, kv.length));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static List<Object> arr(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  static byte[] bytes(Object tree) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, tree);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String string(Object tree) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, tree);
    return sb.toString();
  }

  /** Parses JSON; returns null for malformed input. */
  static Object parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return READER.fromJson(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, (String) e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        sb.append((long) d.doubleValue()).append(".0");
      } else {
        sb.append(d);
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof RawJson r) {
      sb.append(r.json());
    } else {
      quote(sb, v.toString());
    }
  }

  /** Pre-serialized JSON embedded verbatim. */
  record RawJson(String json) {}

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    int k = 0;
    while (k < n) {
      char c = s.charAt(k);
      if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
        break;
      }
      k++;
    }
    if (k == n) {
      sb.append(s).append('"');
      return;
    }
    sb.append(s, 0, k);
    for (int i = k; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
  }

  static List<?> asList(Object o) {
    return o instanceof List<?> l ? l : null;
  }
}
