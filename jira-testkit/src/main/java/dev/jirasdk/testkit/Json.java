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

  /** Serializes straight to UTF-8 (the hot path of every answer: no intermediate UTF-16 string). */
  static byte[] bytes(Object tree) {
    Utf8Sink sink = new Utf8Sink();
    sink.write(tree);
    return java.util.Arrays.copyOf(sink.buf, sink.n);
  }

  /** A growable UTF-8 byte buffer that writes JSON trees. */
  static final class Utf8Sink {
    byte[] buf = new byte[16 * 1024];
    int n;

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    private void ascii(String s) {
      int len = s.length();
      ensure(len);
      for (int i = 0; i < len; i++) {
        buf[n++] = (byte) s.charAt(i);
      }
    }

    private void raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    void write(Object v) {
      if (v == null) {
        ascii("null");
      } else if (v instanceof String s) {
        quote(s);
      } else if (v instanceof Map<?, ?> m) {
        ensure(1);
        buf[n++] = '{';
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            ensure(1);
            buf[n++] = ',';
          }
          first = false;
          quote((String) e.getKey());
          ensure(1);
          buf[n++] = ':';
          write(e.getValue());
        }
        ensure(1);
        buf[n++] = '}';
      } else if (v instanceof Collection<?> c) {
        ensure(1);
        buf[n++] = '[';
        boolean first = true;
        for (Object o : c) {
          if (!first) {
            ensure(1);
            buf[n++] = ',';
          }
          first = false;
          write(o);
        }
        ensure(1);
        buf[n++] = ']';
      } else if (v instanceof RawJson r) {
        raw(r.utf8());
      } else if (v instanceof Double || v instanceof Float) {
        StringBuilder sb = new StringBuilder();
        Json.write(sb, v);
        ascii(sb.toString());
      } else if (v instanceof Number || v instanceof Boolean) {
        ascii(v.toString());
      } else {
        quote(v.toString());
      }
    }

    void quote(String s) {
      int len = s.length();
      ensure(len * 3 + 2);
      buf[n++] = '"';
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          buf[n++] = (byte) c;
          continue;
        }
        switch (c) {
          case '"' -> escape('"');
          case '\\' -> escape('\\');
          case '\n' -> escape('n');
          case '\r' -> escape('r');
          case '\t' -> escape('t');
          default -> {
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
              ensure(6);
              String hex = String.format("\\u%04x", (int) c);
              for (int k = 0; k < hex.length(); k++) {
                buf[n++] = (byte) hex.charAt(k);
              }
            } else if (c < 0x800) {
              buf[n++] = (byte) (0xC0 | (c >> 6));
              buf[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
              int cp = Character.toCodePoint(c, s.charAt(++i));
              ensure(4);
              buf[n++] = (byte) (0xF0 | (cp >> 18));
              buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
              buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
              buf[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
              buf[n++] = '?';
            } else {
              buf[n++] = (byte) (0xE0 | (c >> 12));
              buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
              buf[n++] = (byte) (0x80 | (c & 0x3F));
            }
          }
        }
      }
      ensure(1);
      buf[n++] = '"';
    }

    private void escape(char c) {
      ensure(2);
      buf[n++] = '\\';
      buf[n++] = (byte) c;
    }
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
  record RawJson(String json, byte[] utf8) {
    RawJson(String json) {
      this(json, json.getBytes(StandardCharsets.UTF_8));
    }
  }

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
