package dev.jirasdk.sync.internal;

import com.squareup.moshi.JsonDataException;
import dev.jirasdk.auth.MalformedResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads a page in one pass with {@link Utf8Json}: every item keeps its raw JSON as a slice of the body and is
 * decoded lazily. Shapes: a top-level array, or an object whose {@code itemsField} is an array (or, for
 * {@code objectEntries}, an object whose members are the items).
 */
public final class PageParser {
  private PageParser() {}

  /** Larger bodies are refused: a page of Jira is a few MiB at most (1,000 worklogs, 100 issues with every field). */
  static final long MAX_BODY_BYTES = 64L << 20;

  public static JsonPage parse(java.io.InputStream body, String itemsField, boolean objectEntries) throws IOException {
    return parse(okio.Okio.buffer(okio.Okio.source(body)), itemsField, objectEntries, MAX_BODY_BYTES);
  }

  static JsonPage parse(BufferedSource source, String itemsField, boolean objectEntries, long maxBytes)
      throws IOException {
    if (source.request(maxBytes + 1)) {
      throw new JsonDataException("response body larger than " + maxBytes + " bytes; refusing to read it as a page");
    }
    byte[] body = source.readByteArray();
    try {
      return parse(body, itemsField, objectEntries);
    } catch (JsonFormatException e) {
      throw new MalformedResponseException(e.getMessage(), e);
    }
  }

  /** Decodes a small JSON text (tests, canned pages). */
  public static JsonPage parse(String json, String itemsField, boolean objectEntries) {
    return parse(json.getBytes(StandardCharsets.UTF_8), itemsField, objectEntries);
  }

  static JsonPage parse(byte[] body, String itemsField, boolean objectEntries) {
    Object top = Utf8Json.root(body).value(0);
    List<RawItem> items = new ArrayList<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    if (top instanceof Utf8Json.Arr a) {
      addAll(items, a.slots);
    } else if (top instanceof Utf8Json.Obj o) {
      boolean sawItems = false;
      for (Map.Entry<String, Object> e : o.entrySet()) {
        String name = e.getKey();
        Object v = e.getValue();
        if (!name.equals(itemsField)) {
          meta.put(name, v);
          continue;
        }
        sawItems = true;
        if (v instanceof Utf8Json.Arr a) {
          addAll(items, a.slots);
        } else if (v instanceof Utf8Json.Obj entries && objectEntries) {
          for (int i = 0; i < entries.size(); i++) items.add(new RawItem(entries.keyAt(i), entries.slots, i));
        } else if (v != null) {
          throw new JsonDataException("expected " + (objectEntries ? "object" : "array") + " at $." + name
              + " but was " + kind(v));
        }
      }
      if (!sawItems && itemsField != null) meta.put("$missingItems", Boolean.TRUE);
    } else {
      throw new JsonDataException("expected object or array at $ but was " + kind(top));
    }
    return new JsonPage(items, meta);
  }

  private static void addAll(List<RawItem> items, Utf8Json.Slots slots) {
    for (int i = 0; i < slots.size; i++) items.add(new RawItem(null, slots, i));
  }

  private static String kind(Object v) {
    if (v == null) return "NULL";
    if (v instanceof Map) return "BEGIN_OBJECT";
    if (v instanceof List) return "BEGIN_ARRAY";
    if (v instanceof String) return "STRING";
    if (v instanceof Number) return "NUMBER";
    return "BOOLEAN";
  }
}
