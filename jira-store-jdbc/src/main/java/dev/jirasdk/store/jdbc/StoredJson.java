package dev.jirasdk.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The small JSON the SQL stores write themselves (typed columns, run summaries): objects, arrays, strings, integers,
 * booleans and null. Objects read back as insertion-ordered maps, integers as {@code Long}. Not a general
 * JSON library: Jira's raw JSON is stored as text and never parsed here.
 */
public final class StoredJson {
  private StoredJson() {}

  public static String write(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Long || value instanceof Integer) {
      sb.append(value);
    } else if (value instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        writeString(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(',');
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    int run = 0; // start of the current run of characters that need no escaping, appended in bulk
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      sb.append(s, run, i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
      run = i + 1;
    }
    sb.append(s, run, s.length());
    sb.append('"');
  }

  public static @Nullable Object read(String json) {
    Reader r = new Reader(json);
    Object value = r.value();
    r.skipWhitespace();
    if (r.pos != json.length()) throw r.error("end of input");
    return value;
  }

  private static final class Reader {
    final String s;
    int pos;

    Reader(String s) {
      this.s = s;
    }

    Object value() {
      skipWhitespace();
      if (pos >= s.length()) throw error("a value");
      char c = s.charAt(pos);
      switch (c) {
        case '{': return object();
        case '[': return array();
        case '"': return string();
        case 't': return literal("true", Boolean.TRUE);
        case 'f': return literal("false", Boolean.FALSE);
        case 'n': return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) return number();
          throw error("a value");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') throw error("a string key");
        String key = string();
        skipWhitespace();
        expect(':');
        m.put(key, value());
        skipWhitespace();
        char c = next();
        if (c == '}') return m;
        if (c != ',') throw error("',' or '}'");
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        l.add(value());
        skipWhitespace();
        char c = next();
        if (c == ']') return l;
        if (c != ',') throw error("',' or ']'");
      }
    }

    private String string() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) throw error("four hex digits");
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw error("an escape");
        }
      }
    }

    private Long number() {
      int start = pos;
      if (peek() == '-') pos++;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
      try {
        return Long.parseLong(s.substring(start, pos));
      } catch (NumberFormatException e) {
        throw error("an integer");
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) throw error(word);
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (next() != c) throw error("'" + c + "'");
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
      if (pos >= s.length()) throw error("more input");
      return s.charAt(pos++);
    }

    void skipWhitespace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    IllegalArgumentException error(String expected) {
      return new IllegalArgumentException("malformed stored JSON: expected " + expected + " at offset " + pos);
    }
  }
}
