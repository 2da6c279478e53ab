package dev.jirasdk.sync.internal;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A one-pass JSON reader over UTF-8 bytes, built for pages of a sync: it validates the whole document, keeps
 * the byte span of every value (so an item's or an embedded child's raw JSON is a slice of the body, never
 * re-serialised or re-parsed), and decodes scalars only when they are read. Objects are {@link Obj} (a
 * read-only {@code Map<String, Object>} in document order), arrays {@link Arr} (a read-only {@code List}),
 * strings {@code String}, integers {@code Long} (up to 18 digits), other numbers {@code Double}, booleans
 * {@code Boolean}, {@code null} null.
 *
 * <p>Malformed JSON is a {@link JsonFormatException} naming the byte offset. Byte sequences that are not
 * UTF-8 are replaced by U+FFFD, as a decoder would, before parsing. Values decoded lazily are cached; the
 * trees are safe to read from several threads (a race decodes the same value twice).
 */
public final class Utf8Json {
  private static final int MAX_DEPTH = 512;

  static final byte NODE = 0;
  static final byte ASCII = 1; // string of ASCII characters without escapes
  static final byte UTF8 = 2; // string with non-ASCII characters, without escapes
  static final byte ESCAPED = 3; // string with escapes
  static final byte NUMBER = 4;
  static final byte TRUE = 5;
  static final byte FALSE = 6;
  static final byte NULL = 7;

  /** Thrown by the scanner on a byte sequence that is not UTF-8; the document is then cleaned and re-read. */
  private static final class NotUtf8 extends RuntimeException {
    NotUtf8() {
      super(null, null, false, false);
    }
  }

  private static final NotUtf8 NOT_UTF8 = new NotUtf8();

  private final byte[] b;
  private final int limit;
  private int p;

  private Utf8Json(byte[] b, int from, int to) {
    this.b = b;
    this.p = from;
    this.limit = to;
  }

  /** Parses a whole document; the result is one of the types listed above. */
  public static Object parse(byte[] bytes) {
    return root(bytes).value(0);
  }

  /** Parses a whole document and returns it as the only element of a one-element holder, with its span. */
  static Slots root(byte[] bytes) {
    try {
      return new Utf8Json(bytes, 0, bytes.length).document();
    } catch (NotUtf8 e) {
      byte[] clean = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      return new Utf8Json(clean, 0, clean.length).document();
    }
  }

  /** Parses a JSON text. */
  public static Object parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private Slots document() {
    Slots root = new Slots(b, 1);
    skipWhitespace();
    if (p >= limit) throw error("empty document");
    value(root, 0);
    skipWhitespace();
    if (p < limit) throw error("unexpected " + describe(b[p]) + " after the document");
    return root;
  }

  private void value(Slots into, int depth) {
    if (p >= limit) throw error("unexpected end of document");
    int start = p;
    byte c = b[p];
    switch (c) {
      case '{' -> {
        Obj o = object(depth + 1);
        into.add(NODE, start, p, o);
      }
      case '[' -> {
        Arr a = array(depth + 1);
        into.add(NODE, start, p, a);
      }
      case '"' -> into.add(string(), start, p, null);
      case 't' -> into.add(literal("true", TRUE), start, p, Boolean.TRUE);
      case 'f' -> into.add(literal("false", FALSE), start, p, Boolean.FALSE);
      case 'n' -> into.add(literal("null", NULL), start, p, null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
          into.add(NUMBER, start, p, null);
        } else {
          throw error("unexpected " + describe(c));
        }
      }
    }
  }

  private Obj object(int depth) {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    int start = p++;
    Obj o = new Obj(b);
    skipWhitespace();
    if (p < limit && b[p] == '}') {
      p++;
      o.slots.start = start;
      o.slots.end = p;
      return o;
    }
    while (true) {
      skipWhitespace();
      if (p >= limit || b[p] != '"') throw error("expected a member name");
      int keyStart = p;
      byte kind = string();
      String key = decodeString(b, kind, keyStart, p);
      skipWhitespace();
      if (p >= limit || b[p] != ':') throw error("expected ':' after member name");
      p++;
      skipWhitespace();
      o.addKey(key);
      value(o.slots, depth);
      skipWhitespace();
      if (p >= limit) throw error("unterminated object");
      byte c = b[p++];
      if (c == '}') break;
      if (c != ',') throw error("expected ',' or '}' in object but found " + describe(c), p - 1);
    }
    o.slots.start = start;
    o.slots.end = p;
    return o;
  }

  private Arr array(int depth) {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    int start = p++;
    Arr a = new Arr(b);
    skipWhitespace();
    if (p < limit && b[p] == ']') {
      p++;
      a.slots.start = start;
      a.slots.end = p;
      return a;
    }
    while (true) {
      skipWhitespace();
      value(a.slots, depth);
      skipWhitespace();
      if (p >= limit) throw error("unterminated array");
      byte c = b[p++];
      if (c == ']') break;
      if (c != ',') throw error("expected ',' or ']' in array but found " + describe(c), p - 1);
    }
    a.slots.start = start;
    a.slots.end = p;
    return a;
  }

  /** Scans a string starting at its opening quote; leaves {@code p} after the closing quote. */
  private byte string() {
    int start = p++;
    byte kind = ASCII;
    while (true) {
      if (p >= limit) throw error("unterminated string", start);
      byte c = b[p];
      if (c == '"') {
        p++;
        return kind;
      }
      if (c == '\\') {
        kind = ESCAPED;
        if (p + 1 >= limit) throw error("unterminated string", start);
        byte e = b[p + 1];
        switch (e) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p += 2;
          case 'u' -> {
            if (p + 6 > limit) throw error("unterminated \\u escape");
            for (int i = 2; i < 6; i++) {
              if (hex(b[p + i]) < 0) throw error("invalid \\u escape", p);
            }
            p += 6;
          }
          default -> throw error("invalid escape \\" + (char) (e & 0xff), p);
        }
      } else if (c >= 0 && c < 0x20) {
        throw error("unescaped control character " + describe(c) + " in string");
      } else if (c < 0) {
        if (kind == ASCII) kind = UTF8;
        p += utf8Length(c);
      } else {
        p++;
      }
    }
  }

  /** Length of the well-formed UTF-8 sequence at {@code p} starting with {@code lead}; else {@link NotUtf8}. */
  private int utf8Length(byte lead) {
    int l = lead & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (l >= 0xc2 && l <= 0xdf) {
      n = 2;
    } else if (l >= 0xe0 && l <= 0xef) {
      n = 3;
      if (l == 0xe0) lo = 0xa0;
      if (l == 0xed) hi = 0x9f;
    } else if (l >= 0xf0 && l <= 0xf4) {
      n = 4;
      if (l == 0xf0) lo = 0x90;
      if (l == 0xf4) hi = 0x8f;
    } else {
      throw NOT_UTF8;
    }
    if (p + n > limit) throw NOT_UTF8;
    int second = b[p + 1] & 0xff;
    if (second < lo || second > hi) throw NOT_UTF8;
    for (int i = 2; i < n; i++) {
      if ((b[p + i] & 0xc0) != 0x80) throw NOT_UTF8;
    }
    return n;
  }

  private byte literal(String word, byte kind) {
    int n = word.length();
    if (p + n > limit) throw error("unexpected end of document");
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word.charAt(i)) throw error("invalid literal (expected " + word + ")");
    }
    p += n;
    return kind;
  }

  private void number() {
    int start = p;
    if (b[p] == '-') p++;
    if (p >= limit) throw error("invalid number", start);
    if (b[p] == '0') {
      p++;
    } else if (b[p] >= '1' && b[p] <= '9') {
      while (p < limit && b[p] >= '0' && b[p] <= '9') p++;
    } else {
      throw error("invalid number", start);
    }
    if (p < limit && b[p] == '.') {
      p++;
      int digits = p;
      while (p < limit && b[p] >= '0' && b[p] <= '9') p++;
      if (p == digits) throw error("invalid number (no digit after '.')", start);
    }
    if (p < limit && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < limit && (b[p] == '+' || b[p] == '-')) p++;
      int digits = p;
      while (p < limit && b[p] >= '0' && b[p] <= '9') p++;
      if (p == digits) throw error("invalid number (no digit in exponent)", start);
    }
  }

  private void skipWhitespace() {
    while (p < limit) {
      byte c = b[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') p++;
      else return;
    }
  }

  private JsonFormatException error(String what) {
    return error(what, p);
  }

  private static JsonFormatException error(String what, int at) {
    return new JsonFormatException("malformed JSON at byte " + at + ": " + what);
  }

  private static String describe(byte c) {
    int v = c & 0xff;
    return v >= 0x21 && v < 0x7f ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /** Decodes the string whose span (quotes included) is {@code [start, end)}. */
  static String decodeString(byte[] b, byte kind, int start, int end) {
    int from = start + 1;
    int len = end - 1 - from;
    if (kind == ASCII) return new String(b, from, len, StandardCharsets.ISO_8859_1);
    if (kind == UTF8) return new String(b, from, len, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(len);
    int i = from;
    int run = from;
    int stop = end - 1;
    while (i < stop) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      byte e = b[i + 1];
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) ((hex(b[i + 2]) << 12) | (hex(b[i + 3]) << 8) | (hex(b[i + 4]) << 4) | hex(b[i + 5])));
          i += 4;
        }
        default -> sb.append((char) e); // '"', '\\', '/'
      }
      i += 2;
      run = i;
    }
    if (stop > run) sb.append(new String(b, run, stop - run, StandardCharsets.UTF_8));
    return sb.toString();
  }

  static Object decodeNumber(byte[] b, int start, int end) {
    boolean integral = end - start <= 18;
    for (int i = start; i < end && integral; i++) {
      byte c = b[i];
      if (c == '.' || c == 'e' || c == 'E') integral = false;
    }
    if (integral) {
      boolean negative = b[start] == '-';
      long v = 0;
      for (int i = negative ? start + 1 : start; i < end; i++) v = v * 10 + (b[i] - '0');
      return negative ? -v : v;
    }
    return Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
  }

  /**
   * The values of one object or array: a kind, a byte span and (once decoded) a value per element. The span
   * of the container itself is {@code [start, end)}.
   */
  static final class Slots {
    final byte[] src;
    int start;
    int end;
    int size;
    byte[] kinds;
    int[] spans;
    Object[] values;

    Slots(byte[] src, int capacity) {
      this.src = src;
      this.kinds = new byte[capacity];
      this.spans = new int[2 * capacity];
      this.values = new Object[capacity];
    }

    void add(byte kind, int from, int to, Object value) {
      if (size == kinds.length) {
        int n = size * 2;
        kinds = Arrays.copyOf(kinds, n);
        spans = Arrays.copyOf(spans, 2 * n);
        values = Arrays.copyOf(values, n);
      }
      kinds[size] = kind;
      spans[2 * size] = from;
      spans[2 * size + 1] = to;
      values[size] = value;
      size++;
    }

    Object value(int i) {
      Object v = values[i];
      if (v != null) return v;
      byte kind = kinds[i];
      if (kind == NULL || kind == NODE) return v;
      v = kind == NUMBER ? decodeNumber(src, spans[2 * i], spans[2 * i + 1])
          : decodeString(src, kind, spans[2 * i], spans[2 * i + 1]);
      values[i] = v;
      return v;
    }

    int from(int i) {
      return spans[2 * i];
    }

    int to(int i) {
      return spans[2 * i + 1];
    }

    /** The raw UTF-8 bytes of element {@code i}, exactly as in the document. */
    byte[] raw(int i) {
      return Arrays.copyOfRange(src, spans[2 * i], spans[2 * i + 1]);
    }

    /** The raw JSON text of element {@code i}. */
    String rawText(int i) {
      return new String(src, spans[2 * i], spans[2 * i + 1] - spans[2 * i], StandardCharsets.UTF_8);
    }

    void checkIndex(int i) {
      if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + " of " + size);
    }
  }

  /** A parsed JSON object: read-only, in document order; where a name repeats, {@link #get} sees the last. */
  public static final class Obj extends AbstractMap<String, Object> {
    private static final int INDEX_FROM = 12;
    final Slots slots;
    private String[] keys = new String[8];
    private volatile Map<String, Integer> index; // built on first lookup; volatile so it is published whole

    Obj(byte[] src) {
      slots = new Slots(src, 8);
    }

    void addKey(String key) {
      int i = slots.size;
      if (i == keys.length) keys = Arrays.copyOf(keys, i * 2);
      keys[i] = key;
    }

    String keyAt(int i) {
      slots.checkIndex(i);
      return keys[i];
    }

    private int indexOf(Object key) {
      if (!(key instanceof String)) return -1;
      int n = slots.size;
      if (n >= INDEX_FROM) {
        Map<String, Integer> ix = index;
        if (ix == null) {
          ix = new HashMap<>(n * 2);
          for (int i = 0; i < n; i++) ix.put(keys[i], i);
          index = ix;
        }
        Integer i = ix.get(key);
        return i == null ? -1 : i;
      }
      for (int i = n - 1; i >= 0; i--) {
        if (keys[i].equals(key)) return i;
      }
      return -1;
    }

    /** The member {@code key} as an item with its raw JSON, or null when absent. */
    public RawItem item(String key) {
      int i = indexOf(key);
      return i < 0 ? null : new RawItem(key, slots, i);
    }

    @Override
    public Object get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : slots.value(i);
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return slots.size;
    }

    /** The raw UTF-8 bytes of this object. */
    public byte[] raw() {
      return Arrays.copyOfRange(slots.src, slots.start, slots.end);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
              return i < slots.size;
            }

            @Override
            public Entry<String, Object> next() {
              if (i >= slots.size) throw new NoSuchElementException();
              int at = i++;
              return new SimpleImmutableEntry<>(keys[at], slots.value(at));
            }
          };
        }

        @Override
        public int size() {
          return slots.size;
        }
      };
    }
  }

  /** A parsed JSON array: read-only. */
  public static final class Arr extends AbstractList<Object> implements RandomAccess {
    final Slots slots;

    Arr(byte[] src) {
      slots = new Slots(src, 8);
    }

    @Override
    public Object get(int i) {
      slots.checkIndex(i);
      return slots.value(i);
    }

    @Override
    public int size() {
      return slots.size;
    }

    /** The raw UTF-8 bytes of element {@code i}, exactly as in the document. */
    public byte[] raw(int i) {
      slots.checkIndex(i);
      return slots.raw(i);
    }

    /** Element {@code i} with its raw JSON. */
    public RawItem item(int i) {
      slots.checkIndex(i);
      return new RawItem(null, slots, i);
    }
  }
}
